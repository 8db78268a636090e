-- Each technician's intervention intervals: a command-side lookup table (not a read model), written by a
-- subscribing handler in the transaction of InterventionRecorded, InterventionCorrected and
-- InterventionCancelled. Recording or correcting an intervention checks it, under a transaction-scoped
-- advisory lock per technician, to refuse INTERVENTION_OVERLAP (ADR 0006, ADR 0011). Intervals are
-- half-open [started_at, ended_at): one ending when the next starts does not overlap it.
CREATE TABLE technician_interval (
    intervention_id varchar(64) NOT NULL,
    technician_id   varchar(64) NOT NULL,
    started_at      timestamptz NOT NULL,
    ended_at        timestamptz NOT NULL,
    CONSTRAINT technician_interval_pk PRIMARY KEY (intervention_id),
    CONSTRAINT technician_interval_order_ck CHECK (ended_at > started_at)
);
CREATE INDEX technician_interval_technician_idx ON technician_interval (technician_id, started_at);

-- The interventions already stored: their latest times (a correction replaces them), unless cancelled.
-- Only ids and instants are read from the payloads. An old payload may hold, in a description, the escape
-- of a NUL or of a lone surrogate, which PostgreSQL cannot turn into text and so refuses in the whole
-- document: those escapes become U+FFFD's first (a \uXXXX escape replaced by another keeps the JSON valid,
-- whatever precedes it).
WITH intervention_event AS (
    SELECT aggregate_identifier AS intervention_id, sequence_number,
           substring(payload_type FROM '\$(\w+)$') AS event,
           regexp_replace(convert_from(payload, 'UTF8'), '\\u(0000|[dD][89a-fA-F][0-9a-fA-F]{2})', '\\ufffd',
                          'g')::json AS payload
    FROM domain_event_entry
    WHERE payload_type IN ('com.itvision.maintenance.kernel.intervention.InterventionEvent$InterventionRecorded',
                           'com.itvision.maintenance.kernel.intervention.InterventionEvent$InterventionCorrected',
                           'com.itvision.maintenance.kernel.intervention.InterventionEvent$InterventionCancelled')
), latest_times AS (
    SELECT DISTINCT ON (intervention_id) intervention_id, (payload ->> 'startedAt')::timestamptz AS started_at,
           (payload ->> 'endedAt')::timestamptz AS ended_at
    FROM intervention_event
    WHERE event IN ('InterventionRecorded', 'InterventionCorrected')
    ORDER BY intervention_id, sequence_number DESC
)
INSERT INTO technician_interval (intervention_id, technician_id, started_at, ended_at)
SELECT recorded.intervention_id, recorded.payload ->> 'technicianId', latest.started_at, latest.ended_at
FROM intervention_event recorded
JOIN latest_times latest ON latest.intervention_id = recorded.intervention_id
WHERE recorded.event = 'InterventionRecorded'
  AND latest.ended_at > latest.started_at
  AND NOT EXISTS (SELECT 1 FROM intervention_event cancelled
                  WHERE cancelled.intervention_id = recorded.intervention_id
                    AND cancelled.event = 'InterventionCancelled');
