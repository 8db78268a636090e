-- Idempotency-Key records: the first response to a POST, replayed for the same key and body.
CREATE TABLE idempotency_record (
    principal     varchar(64)  NOT NULL,
    idem_key      varchar(200) NOT NULL,
    request_hash  varchar(64)  NOT NULL,
    status        smallint,              -- NULL while the first request is in flight
    location      varchar(500),
    content_type  varchar(100),
    body          bytea,
    created_at    timestamptz  NOT NULL,
    CONSTRAINT idempotency_record_pk PRIMARY KEY (principal, idem_key)
);
CREATE INDEX idempotency_record_created_idx ON idempotency_record (created_at);
