-- An Idempotency-Key's claim is settled inside the command's own transaction (ADR 0009): the command
-- marks the record committed, with what it stored, only if the claim is still its own. After a crash
-- a retry can then tell a command that never committed (the key is released) from one that committed
-- before its response was recorded (the response is rebuilt from the receipt).
ALTER TABLE idempotency_record
    ADD COLUMN claim_id     varchar(36),
    ADD COLUMN committed_at timestamptz,
    ADD COLUMN receipt      text;
