-- Each versioned read row also counts the events it applied (`applied`), so the reconciliation check
-- (ADR 0002) can tell a row that skipped an event from one that applied them all, even after a later
-- event of the aggregate moved its `version` past the skipped one: the row's creating event inserts it
-- with applied = 1, every version-guarded update (ProjectionBatch.guardedUpdate) adds 1; an event
-- delivered twice changes nothing (the guard is version < sequence number). A rebuild recounts from 0.
--
-- DEFAULT 1: a row exists because its creating event was applied. Rows already present when this runs
-- (none: nothing is deployed) would keep 1 even if later events had been applied; the check then reports
-- them and a rebuild (POST /api/v1/admin/projections/{group}/replay) sets the true counts.

ALTER TABLE read_contract ADD COLUMN applied integer NOT NULL DEFAULT 1;
ALTER TABLE read_ticket ADD COLUMN applied integer NOT NULL DEFAULT 1;
ALTER TABLE read_billet ADD COLUMN applied integer NOT NULL DEFAULT 1;
ALTER TABLE read_intervention ADD COLUMN applied integer NOT NULL DEFAULT 1;
