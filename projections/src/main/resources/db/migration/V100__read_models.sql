-- Read models (issue 4). Every table is owned by one projection (one processing group), rebuilt from
-- the event store by a reset + replay. Rows carry the aggregate version they reflect (`version`):
-- updates are guarded by it, so applying an event twice changes nothing.

CREATE TABLE read_user (
    user_id      varchar(64)  NOT NULL,
    username     varchar(64)  NOT NULL,
    display_name varchar(200) NOT NULL,
    roles        varchar(200) NOT NULL,
    client_id    varchar(64),
    CONSTRAINT read_user_pk PRIMARY KEY (user_id)
);

CREATE TABLE read_team_member (
    manager_id   varchar(64) NOT NULL,
    sales_rep_id varchar(64) NOT NULL,
    CONSTRAINT read_team_member_pk PRIMARY KEY (manager_id, sales_rep_id)
);
CREATE INDEX read_team_member_rep_idx ON read_team_member (sales_rep_id);

CREATE TABLE read_client (
    client_id    varchar(64)  NOT NULL,
    name         varchar(200) NOT NULL,
    email        varchar(200),
    sales_rep_id varchar(64),
    CONSTRAINT read_client_pk PRIMARY KEY (client_id)
);
CREATE INDEX read_client_rep_idx ON read_client (sales_rep_id);

CREATE TABLE read_project (
    project_id varchar(64)  NOT NULL,
    client_id  varchar(64)  NOT NULL,
    name       varchar(200) NOT NULL,
    CONSTRAINT read_project_pk PRIMARY KEY (project_id)
);
CREATE INDEX read_project_client_idx ON read_project (client_id);

CREATE TABLE read_contract (
    contract_id          varchar(64)  NOT NULL,
    number               varchar(32)  NOT NULL,
    client_id            varchar(64)  NOT NULL,
    project_id           varchar(64),
    sales_rep_id         varchar(64),
    name                 varchar(200) NOT NULL,
    kind                 varchar(16)  NOT NULL,
    type                 varchar(16)  NOT NULL,
    status               varchar(16)  NOT NULL,
    start_date           date         NOT NULL, -- first period's start
    end_date             date         NOT NULL, -- last period's end
    annual_price_minor   bigint       NOT NULL,
    currency             char(3)      NOT NULL,
    payment_frequency    varchar(16)  NOT NULL,
    sla_hours            integer      NOT NULL,
    support_hours        varchar(16)  NOT NULL,
    time_zone            varchar(64)  NOT NULL,
    quota_included       integer,               -- NULL = unlimited
    tacit_renewal        boolean      NOT NULL,
    revision             integer      NOT NULL,
    coverage             text         NOT NULL, -- JSON: description, exclusions, equipment, sites
    services             text         NOT NULL, -- JSON: name, frequency, nextDate
    proposed_at          timestamptz  NOT NULL,
    activated_at         timestamptz,
    accepted_by_client   boolean      NOT NULL DEFAULT false,
    declined_at          timestamptz,
    terminated_on        date,
    termination_category varchar(16),
    termination_reason   text,
    expired_on           date,
    version              bigint       NOT NULL,
    CONSTRAINT read_contract_pk PRIMARY KEY (contract_id),
    CONSTRAINT read_contract_number_uk UNIQUE (number)
);
CREATE INDEX read_contract_client_idx ON read_contract (client_id, status);
CREATE INDEX read_contract_rep_idx ON read_contract (sales_rep_id, status);
CREATE INDEX read_contract_status_end_idx ON read_contract (status, end_date);
CREATE INDEX read_contract_project_idx ON read_contract (project_id);

CREATE TABLE read_contract_period (
    contract_id   varchar(64) NOT NULL,
    period_index  integer     NOT NULL,
    start_date    date        NOT NULL,
    end_date      date        NOT NULL,
    used          integer     NOT NULL DEFAULT 0,
    annual_price_minor bigint NOT NULL,
    renewed_at    timestamptz,              -- NULL for the first period
    CONSTRAINT read_contract_period_pk PRIMARY KEY (contract_id, period_index)
);
CREATE INDEX read_contract_period_dates_idx ON read_contract_period (start_date, end_date);

CREATE TABLE read_quote_request (
    request_id  varchar(64) NOT NULL,
    client_id   varchar(64) NOT NULL,
    project_id  varchar(64),
    message     text,
    requested_by varchar(64) NOT NULL,
    requested_at timestamptz NOT NULL,
    CONSTRAINT read_quote_request_pk PRIMARY KEY (request_id)
);
CREATE INDEX read_quote_request_client_idx ON read_quote_request (client_id, requested_at);

CREATE TABLE read_ticket (
    ticket_id            varchar(64)  NOT NULL,
    number               varchar(32)  NOT NULL,
    client_id            varchar(64)  NOT NULL,
    project_id           varchar(64)  NOT NULL,
    contract_id          varchar(64),
    title                varchar(200) NOT NULL,
    severity             varchar(16)  NOT NULL,
    origin               varchar(16)  NOT NULL,
    status               varchar(16)  NOT NULL,
    covered              boolean      NOT NULL,
    coverage_reason_code varchar(32)  NOT NULL,
    coverage_reason      varchar(200),
    billing_approved     boolean      NOT NULL DEFAULT false,
    sla_hours            integer,
    support_hours        varchar(16),
    time_zone            varchar(64),
    opened_at            timestamptz  NOT NULL,
    sla_deadline         timestamptz,
    on_hold              boolean      NOT NULL DEFAULT false,
    responded_at         timestamptz,
    sla_met              boolean,
    assignee_id          varchar(64),
    resolved_at          timestamptz,
    closed_at            timestamptz,
    rejected_at          timestamptz,
    rejection_reason     text,
    rating               smallint,
    rating_comment       text,
    version              bigint       NOT NULL,
    CONSTRAINT read_ticket_pk PRIMARY KEY (ticket_id),
    CONSTRAINT read_ticket_number_uk UNIQUE (number)
);
CREATE INDEX read_ticket_client_idx ON read_ticket (client_id, opened_at);
CREATE INDEX read_ticket_status_idx ON read_ticket (status, opened_at);
CREATE INDEX read_ticket_project_idx ON read_ticket (project_id, opened_at);
CREATE INDEX read_ticket_contract_idx ON read_ticket (contract_id, opened_at);
CREATE INDEX read_ticket_assignee_idx ON read_ticket (assignee_id, opened_at);
CREATE INDEX read_ticket_opened_idx ON read_ticket (opened_at);

-- Holds pause the SLA clock; keyed by the sequence number of the event that opened them.
CREATE TABLE read_ticket_hold (
    ticket_id   varchar(64) NOT NULL,
    opened_seq  bigint      NOT NULL,
    start_at    timestamptz NOT NULL,
    end_at      timestamptz,
    CONSTRAINT read_ticket_hold_pk PRIMARY KEY (ticket_id, opened_seq)
);

CREATE TABLE read_billet (
    billet_id       varchar(64)   NOT NULL,
    number          varchar(32)   NOT NULL,
    ticket_id       varchar(64)   NOT NULL,
    technician_id   varchar(64)   NOT NULL,
    type            varchar(32)   NOT NULL,
    estimated_hours numeric(7, 2) NOT NULL,
    instructions    text,
    status          varchar(16)   NOT NULL,
    issued_by       varchar(64)   NOT NULL,
    issued_at       timestamptz   NOT NULL,
    version         bigint        NOT NULL,
    CONSTRAINT read_billet_pk PRIMARY KEY (billet_id)
);
CREATE INDEX read_billet_ticket_idx ON read_billet (ticket_id);
CREATE INDEX read_billet_technician_idx ON read_billet (technician_id);

CREATE TABLE read_intervention (
    intervention_id varchar(64)   NOT NULL,
    ticket_id       varchar(64)   NOT NULL,
    billet_id       varchar(64)   NOT NULL,
    client_id       varchar(64)   NOT NULL,
    contract_id     varchar(64),
    technician_id   varchar(64)   NOT NULL,
    description     text          NOT NULL,
    started_at      timestamptz   NOT NULL,
    ended_at        timestamptz   NOT NULL,
    hours_spent     numeric(7, 2) NOT NULL,
    covered         boolean       NOT NULL,
    billing_reason  varchar(32),
    overrun         boolean       NOT NULL,
    cancelled       boolean       NOT NULL DEFAULT false,
    report          text,                     -- JSON TechnicalReport of the last version
    report_version  integer       NOT NULL DEFAULT 0,
    report_status   varchar(16)   NOT NULL DEFAULT 'NONE', -- NONE, WRITTEN, REJECTED, VALIDATED
    validated_by    varchar(64),
    validated_at    timestamptz,
    version         bigint        NOT NULL,
    CONSTRAINT read_intervention_pk PRIMARY KEY (intervention_id)
);
CREATE INDEX read_intervention_ticket_idx ON read_intervention (ticket_id, started_at);
CREATE INDEX read_intervention_contract_idx ON read_intervention (contract_id, started_at);
CREATE INDEX read_intervention_client_idx ON read_intervention (client_id, started_at);
CREATE INDEX read_intervention_started_idx ON read_intervention (started_at);

-- Axon's sequenced dead-letter queue (JDBC), one sequence per aggregate and processing group.
CREATE TABLE dead_letter_entry (
    dead_letter_id        varchar(255) NOT NULL,
    processing_group      varchar(255) NOT NULL,
    sequence_identifier   varchar(255) NOT NULL,
    sequence_index        bigint       NOT NULL,
    message_type          varchar(255) NOT NULL,
    event_identifier      varchar(255) NOT NULL,
    time_stamp            varchar(255) NOT NULL,
    payload_type          varchar(255) NOT NULL,
    payload_revision      varchar(255),
    payload               bytea        NOT NULL,
    meta_data             bytea,
    aggregate_type        varchar(255),
    aggregate_identifier  varchar(255),
    sequence_number       bigint,
    token_type            varchar(255),
    token                 bytea,
    enqueued_at           varchar(255) NOT NULL,
    last_touched          varchar(255),
    processing_started    varchar(255),
    cause_type            varchar(255),
    cause_message         varchar(1023),
    diagnostics           bytea,
    CONSTRAINT dead_letter_entry_pk PRIMARY KEY (dead_letter_id),
    CONSTRAINT dead_letter_entry_sequence_uk UNIQUE (processing_group, sequence_identifier, sequence_index)
);
CREATE INDEX dead_letter_entry_group_idx ON dead_letter_entry (processing_group);
CREATE INDEX dead_letter_entry_sequence_idx ON dead_letter_entry (processing_group, sequence_identifier);
