-- Audit reads (issue 8, ADR 0016): the history of a ticket is the events of the ticket and of everything
-- under it. Two command-side lookup tables, written by the subscribing handler AuditLineageUpdater
-- (processing group command-lookups) in the transaction of the events they derive from, say which
-- aggregates and which contract events belong to a ticket; the history is then a few index scans of
-- domain_event_entry. They hold ids only, never a copy of an event.

-- A billet or an intervention under its ticket.
CREATE TABLE audit_lineage (
    root_id    varchar(64) NOT NULL,
    child_id   varchar(64) NOT NULL,
    child_type varchar(32) NOT NULL,
    CONSTRAINT audit_lineage_pk PRIMARY KEY (root_id, child_id)
);
CREATE INDEX audit_lineage_child_idx ON audit_lineage (child_id);

-- A quota decision (consumed, refused, refunded) a contract made for an intervention of a ticket. The
-- contract decides before the intervention is recorded (same transaction), so ticket_id is filled when
-- InterventionRecorded arrives; the event is found again by its identifier (unique in the event store).
CREATE TABLE audit_quota_decision (
    event_id        varchar(255) NOT NULL,
    contract_id     varchar(64)  NOT NULL,
    intervention_id varchar(64)  NOT NULL,
    ticket_id       varchar(64),
    CONSTRAINT audit_quota_decision_pk PRIMARY KEY (event_id)
);
CREATE INDEX audit_quota_decision_ticket_idx ON audit_quota_decision (ticket_id);
CREATE INDEX audit_quota_decision_intervention_idx ON audit_quota_decision (intervention_id);

-- The audit metadata of an event (actorId, actorRole, reason, correlationId, causationId) as jsonb. Marked
-- IMMUTABLE so it can be indexed: the database's encoding is UTF8 and never changes, which is all
-- convert_from depends on. Escapes PostgreSQL cannot hold in jsonb (NUL, lone surrogates) become U+FFFD
-- first, as in V7: a metadata value could otherwise make the event itself impossible to store.
CREATE FUNCTION audit_metadata(meta bytea) RETURNS jsonb
    LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURNS NULL ON NULL INPUT
    RETURN regexp_replace(convert_from(meta, 'UTF8'), '\\u(0000|[dD][89a-fA-F][0-9a-fA-F]{2})', '\\ufffd',
                          'g')::jsonb;

-- The audit log's two selective filters; global_index second so a page is read in order from the index.
CREATE INDEX domain_event_entry_audit_actor_idx
    ON domain_event_entry ((audit_metadata(meta_data) ->> 'actorId'), global_index);
CREATE INDEX domain_event_entry_audit_correlation_idx
    ON domain_event_entry ((audit_metadata(meta_data) ->> 'correlationId'), global_index);

-- The events already stored: the same rows the handler writes (AuditLineageBackfillTest runs these
-- statements again and compares). Only ids are read from the payloads (escapes made safe as above).
WITH chain_event AS (
    SELECT event_identifier, aggregate_identifier, substring(payload_type FROM '\$(\w+)$') AS event,
           regexp_replace(convert_from(payload, 'UTF8'), '\\u(0000|[dD][89a-fA-F][0-9a-fA-F]{2})', '\\ufffd',
                          'g')::jsonb AS payload
    FROM domain_event_entry
    WHERE payload_type IN ('com.itvision.maintenance.kernel.billet.BilletEvent$BilletIssued',
                           'com.itvision.maintenance.kernel.intervention.InterventionEvent$InterventionRecorded')
)
INSERT INTO audit_lineage (root_id, child_id, child_type)
SELECT payload ->> 'ticketId', aggregate_identifier,
       CASE event WHEN 'BilletIssued' THEN 'BILLET' ELSE 'INTERVENTION' END
FROM chain_event
WHERE payload ->> 'ticketId' IS NOT NULL
ON CONFLICT DO NOTHING;

WITH quota_event AS (
    SELECT event_identifier, aggregate_identifier,
           regexp_replace(convert_from(payload, 'UTF8'), '\\u(0000|[dD][89a-fA-F][0-9a-fA-F]{2})', '\\ufffd',
                          'g')::jsonb AS payload
    FROM domain_event_entry
    WHERE payload_type IN ('com.itvision.maintenance.kernel.contract.ContractEvent$InterventionQuotaConsumed',
                           'com.itvision.maintenance.kernel.contract.ContractEvent$InterventionQuotaConsumptionRefused',
                           'com.itvision.maintenance.kernel.contract.ContractEvent$InterventionQuotaRefunded')
)
INSERT INTO audit_quota_decision (event_id, contract_id, intervention_id, ticket_id)
SELECT q.event_identifier, q.aggregate_identifier, q.payload ->> 'interventionId',
       (SELECT l.root_id FROM audit_lineage l
        WHERE l.child_id = q.payload ->> 'interventionId' AND l.child_type = 'INTERVENTION' LIMIT 1)
FROM quota_event q
WHERE q.payload ->> 'interventionId' IS NOT NULL
ON CONFLICT DO NOTHING;
