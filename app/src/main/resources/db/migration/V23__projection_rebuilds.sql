-- Blue/green read-model rebuilds (ADR 0015). One row per rebuild, polled by every node: whichever node
-- claims segments of the rebuild processor "<group>#rebuild" does the work, any node may swap.
CREATE TABLE projection_rebuild (
    id               uuid         NOT NULL,
    processing_group varchar(64)  NOT NULL,
    status           varchar(16)  NOT NULL,
    requested_by     varchar(64)  NOT NULL,
    requested_at     timestamptz  NOT NULL,
    target_position  bigint       NOT NULL, -- the store's head when it was requested: the swap waits for it
    events_done      bigint       NOT NULL DEFAULT 0,
    events_total     bigint       NOT NULL,
    started_at       timestamptz,
    finished_at      timestamptz,
    error            text,
    CONSTRAINT projection_rebuild_pk PRIMARY KEY (id),
    CONSTRAINT projection_rebuild_status_ck
        CHECK (status IN ('REQUESTED', 'BUILDING', 'SWAPPING', 'DONE', 'CANCELLED', 'FAILED'))
);
-- at most one rebuild in progress per read model (a second request is 409 REBUILD_IN_PROGRESS)
CREATE UNIQUE INDEX projection_rebuild_active_uk ON projection_rebuild (processing_group)
    WHERE status IN ('REQUESTED', 'BUILDING', 'SWAPPING');
CREATE INDEX projection_rebuild_group_idx ON projection_rebuild (processing_group, requested_at);

-- Every dead letter discarded by an operator: who, when, why, and what (the letter as it was).
CREATE TABLE dead_letter_discard (
    id                   bigint       GENERATED ALWAYS AS IDENTITY,
    processing_group     varchar(255) NOT NULL,
    sequence_identifier  varchar(255) NOT NULL,
    event_identifier     varchar(255) NOT NULL,
    payload_type         varchar(255) NOT NULL,
    aggregate_identifier varchar(255),
    sequence_number      bigint,
    cause_type           varchar(255),
    cause_message        varchar(1023),
    enqueued_at          varchar(255) NOT NULL, -- as Axon stores it in dead_letter_entry
    discarded_by         varchar(64)  NOT NULL,
    discarded_roles      varchar(200) NOT NULL,
    discarded_at         timestamptz  NOT NULL,
    reason               text         NOT NULL,
    correlation_id       varchar(64),
    CONSTRAINT dead_letter_discard_pk PRIMARY KEY (id)
);
CREATE INDEX dead_letter_discard_group_idx ON dead_letter_discard (processing_group, discarded_at);
