-- The command path without history-sized aggregates (ADR 0019). Two command-side lookups, kept by the
-- subscribing group command-lookups in the transaction of the events they derive from (like V2, V7):
--
-- 1. quota_consumption: which intervention consumed a unit of which contract's quota, and what that
--    consumption decided. The Contract aggregate used to keep this map itself (one entry per intervention:
--    its snapshot grew with its whole history); it now counts per period and reads this table, while it
--    holds the contract, to keep ConsumeInterventionQuota and RefundInterventionQuota idempotent.
CREATE TABLE quota_consumption (
    contract_id       varchar(64) NOT NULL,
    intervention_id   varchar(64) NOT NULL,
    period_index      integer     NOT NULL,
    contract_revision integer     NOT NULL,
    used_after        integer     NOT NULL,
    included          integer,
    CONSTRAINT quota_consumption_pk PRIMARY KEY (contract_id, intervention_id)
);

-- 2. A contract's coverage terms, so that opening a ticket decides its coverage without loading (and locking)
--    the Contract aggregate: the terms revision and SLA terms on contract_registry (one row per contract, whose
--    status is the aggregate's), every period in contract_period, and coverage_ends_before: the effective
--    date of a termination with notice of an ACTIVE contract (the aggregate's coverageEndsBefore).
ALTER TABLE contract_registry
    ADD COLUMN revision integer,
    ADD COLUMN sla_hours integer,
    ADD COLUMN support_hours varchar(32),
    ADD COLUMN time_zone varchar(64),
    ADD COLUMN coverage_ends_before date;

CREATE TABLE contract_period (
    contract_id  varchar(64) NOT NULL,
    period_index integer     NOT NULL,
    start_date   date        NOT NULL,
    end_date     date        NOT NULL,
    CONSTRAINT contract_period_pk PRIMARY KEY (contract_id, period_index)
);

-- BACKFILL: the contracts a store already holds, folded from their events as the handlers fold them.
-- (Only ids, numbers, dates and terms are read from the payloads, and escapes PostgreSQL cannot turn into text
-- become U+FFFD first, as in V7.) ContractBackfillTest replays this part and compares with the handlers' rows.
CREATE TEMPORARY TABLE v24_contract_event ON COMMIT DROP AS
SELECT aggregate_identifier AS contract_id, sequence_number,
       substring(payload_type FROM '\$(\w+)$') AS event,
       regexp_replace(convert_from(payload, 'UTF8'), '\\u(0000|[dD][89a-fA-F][0-9a-fA-F]{2})', '\\ufffd',
                      'g')::jsonb AS payload
FROM domain_event_entry
WHERE payload_type LIKE 'com.itvision.maintenance.kernel.contract.ContractEvent$%';

INSERT INTO quota_consumption (contract_id, intervention_id, period_index, contract_revision, used_after, included)
SELECT DISTINCT ON (consumed.contract_id, consumed.payload ->> 'interventionId')
       consumed.contract_id, consumed.payload ->> 'interventionId', (consumed.payload ->> 'periodIndex')::integer,
       (consumed.payload ->> 'contractRevision')::integer, (consumed.payload ->> 'used')::integer,
       (consumed.payload ->> 'included')::integer
FROM v24_contract_event consumed
LEFT JOIN (SELECT contract_id, payload ->> 'interventionId' AS intervention_id, max(sequence_number) AS sequence_number
           FROM v24_contract_event WHERE event = 'InterventionQuotaRefunded'
           GROUP BY 1, 2) refunded
       ON refunded.contract_id = consumed.contract_id
      AND refunded.intervention_id = consumed.payload ->> 'interventionId'
WHERE consumed.event = 'InterventionQuotaConsumed'
  AND (refunded.sequence_number IS NULL OR refunded.sequence_number < consumed.sequence_number)
ORDER BY consumed.contract_id, consumed.payload ->> 'interventionId', consumed.sequence_number DESC;

INSERT INTO contract_period (contract_id, period_index, start_date, end_date)
SELECT contract_id, CASE WHEN event = 'ContractDrafted' THEN 0 ELSE (payload ->> 'periodIndex')::integer END,
       (payload -> 'period' ->> 'start')::date, (payload -> 'period' ->> 'end')::date
FROM v24_contract_event
WHERE event IN ('ContractDrafted', 'ContractRenewed')
ON CONFLICT (contract_id, period_index) DO NOTHING;

UPDATE contract_registry registry
SET revision = terms.revision, sla_hours = terms.sla_hours, support_hours = terms.support_hours,
    time_zone = terms.time_zone
FROM (SELECT DISTINCT ON (contract_id) contract_id,
             CASE WHEN event = 'ContractDrafted' THEN 1 ELSE (payload ->> 'revision')::integer END AS revision,
             (payload -> 'terms' ->> 'slaHours')::integer AS sla_hours,
             payload -> 'terms' ->> 'supportHours' AS support_hours,
             payload -> 'terms' ->> 'timeZone' AS time_zone
      FROM v24_contract_event
      WHERE event IN ('ContractDrafted', 'ContractAmended')
      ORDER BY contract_id, sequence_number DESC) terms
WHERE registry.contract_id = terms.contract_id;

-- A termination is allowed from ACTIVE or SUSPENDED only, and it keeps covering until its effective date when
-- the contract was ACTIVE, i.e. unless its last status change before the termination was a suspension.
UPDATE contract_registry registry
SET coverage_ends_before = (terminated.payload ->> 'effectiveDate')::date
FROM v24_contract_event terminated
WHERE terminated.event = 'ContractTerminated'
  AND registry.contract_id = terminated.contract_id
  AND 'ContractSuspended' IS DISTINCT FROM (
      SELECT status.event FROM v24_contract_event status
      WHERE status.contract_id = terminated.contract_id AND status.sequence_number < terminated.sequence_number
        AND status.event IN ('ContractActivated', 'ContractAccepted', 'ContractResumed', 'ContractSuspended',
                             'ContractExpired')
      ORDER BY status.sequence_number DESC LIMIT 1);
-- END BACKFILL

ALTER TABLE contract_registry
    ALTER COLUMN revision SET NOT NULL,
    ALTER COLUMN sla_hours SET NOT NULL,
    ALTER COLUMN support_hours SET NOT NULL,
    ALTER COLUMN time_zone SET NOT NULL;
