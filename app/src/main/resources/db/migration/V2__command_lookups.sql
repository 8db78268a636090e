-- Command-side lookup tables. They are written by subscribing event handlers in the same transaction
-- as the events they derive from, so commands can check cross-aggregate rules consistently.
-- They are not read models: the API never serves them to clients.

CREATE TABLE directory_user (
    user_id      varchar(64)  NOT NULL,
    username     varchar(64)  NOT NULL,
    display_name varchar(200) NOT NULL,
    roles        text[]       NOT NULL,
    client_id    varchar(64),
    CONSTRAINT directory_user_pk PRIMARY KEY (user_id),
    CONSTRAINT directory_user_username_uk UNIQUE (username)
);

-- BCrypt hashes only, never in an event (so a password can be changed or erased).
CREATE TABLE user_credential (
    user_id       varchar(64)  NOT NULL,
    password_hash varchar(100) NOT NULL,
    updated_at    timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT user_credential_pk PRIMARY KEY (user_id)
);

CREATE TABLE directory_team_member (
    manager_id   varchar(64) NOT NULL,
    sales_rep_id varchar(64) NOT NULL,
    CONSTRAINT directory_team_member_pk PRIMARY KEY (manager_id, sales_rep_id)
);

CREATE TABLE directory_client (
    client_id    varchar(64)  NOT NULL,
    name         varchar(200) NOT NULL,
    sales_rep_id varchar(64),
    CONSTRAINT directory_client_pk PRIMARY KEY (client_id)
);

CREATE TABLE directory_project (
    project_id varchar(64)  NOT NULL,
    client_id  varchar(64)  NOT NULL,
    name       varchar(200) NOT NULL,
    CONSTRAINT directory_project_pk PRIMARY KEY (project_id)
);
CREATE INDEX directory_project_client_idx ON directory_project (client_id);

-- One row per contract; the period spans all its periods (first start to last end).
CREATE TABLE contract_registry (
    contract_id varchar(64) NOT NULL,
    number      varchar(32) NOT NULL,
    client_id   varchar(64) NOT NULL,
    project_id  varchar(64),
    type        varchar(32) NOT NULL,
    status      varchar(32) NOT NULL,
    start_date  date        NOT NULL,
    end_date    date        NOT NULL,
    CONSTRAINT contract_registry_pk PRIMARY KEY (contract_id),
    CONSTRAINT contract_registry_number_uk UNIQUE (number)
);
CREATE INDEX contract_registry_project_type_idx ON contract_registry (project_id, type);
CREATE INDEX contract_registry_status_end_idx ON contract_registry (status, end_date);

-- Counters behind human numbers (MC-YYYYMM-NNNN). Incremented inside the command's transaction:
-- unique and, since a rollback also undoes the increment, without gaps.
CREATE TABLE number_counter (
    scope      varchar(64) NOT NULL,
    last_value bigint      NOT NULL,
    CONSTRAINT number_counter_pk PRIMARY KEY (scope)
);

-- Every aggregate created, with its type and human number: the API answers 404 for an unknown id or an
-- id of another type before loading anything, and returns numbers (MAINT-00001, BILLET-00001) with
-- every command.
CREATE TABLE aggregate_registry (
    aggregate_id   varchar(64) NOT NULL,
    aggregate_type varchar(32) NOT NULL,
    number         varchar(32),
    CONSTRAINT aggregate_registry_pk PRIMARY KEY (aggregate_id)
);
