-- The SLA dashboard's own read model (processing group sla-dashboard-projection, ADR 0018).
--
-- read_sla_ticket: one row per ticket with what the SLA dashboard needs and everything that does not
-- depend on "now", decided when the event happens with the shared kernel's SlaClock: the response's
-- outcome (MET/BREACHED) and business time, the business resolution time, the wall-clock times.
-- The rollups are sums of the tickets' contributions, maintained by deltas (a ticket's new
-- contribution minus its previous one) in the same transaction as the row and the token; a delta is
-- written only for an event the ticket's row has not applied yet (version guard), so a redelivered
-- event changes nothing. Month = month of the opening, UTC, yyyy-MM.
CREATE TABLE read_sla_ticket (
    ticket_id        varchar(64)  NOT NULL,
    number           varchar(32)  NOT NULL,
    client_id        varchar(64)  NOT NULL,
    project_id       varchar(64)  NOT NULL,
    contract_id      varchar(64),
    severity         varchar(16)  NOT NULL,
    status           varchar(16)  NOT NULL,
    covered          boolean      NOT NULL,
    billing_approved boolean      NOT NULL DEFAULT false,
    sla_hours        integer,
    support_hours    varchar(16),
    time_zone        varchar(64),
    opened_at        timestamptz  NOT NULL,
    month            varchar(7)   NOT NULL,
    assignee_id      varchar(64),
    hold_starts      timestamptz[] NOT NULL DEFAULT '{}',
    hold_ends        timestamptz[] NOT NULL DEFAULT '{}',
    responded_at     timestamptz,
    resolved_at      timestamptz,
    -- decided at the event: MET or BREACHED once responded (covered, not rejected), else null
    response_outcome varchar(16),
    business_response_seconds   bigint,
    business_resolution_seconds bigint,
    version          bigint       NOT NULL,
    applied          integer      NOT NULL,
    CONSTRAINT read_sla_ticket_pk PRIMARY KEY (ticket_id)
);
-- The part that depends on "now", read at query time: workable tickets, and covered ones not answered
-- yet (whose deadline may pass while nobody looks). A partial index keeps that set's read bounded.
CREATE INDEX read_sla_ticket_now_idx ON read_sla_ticket (opened_at)
    WHERE status IN ('OPEN', 'IN_PROGRESS') OR (covered AND responded_at IS NULL AND status <> 'REJECTED');
CREATE INDEX read_sla_ticket_opened_idx ON read_sla_ticket (opened_at);

-- Global figures by month of opening and project: O(months x projects x statuses x severities) rows.
CREATE TABLE read_sla_rollup (
    month            varchar(7)   NOT NULL,
    project_id       varchar(64)  NOT NULL,
    status           varchar(16)  NOT NULL,
    severity         varchar(16)  NOT NULL,
    covered          boolean      NOT NULL,
    billing_approved boolean      NOT NULL,
    tickets          bigint       NOT NULL,
    met              bigint       NOT NULL,
    breached         bigint       NOT NULL,
    wall_response_n  bigint       NOT NULL,
    wall_response_us numeric      NOT NULL,
    wall_resolution_n  bigint     NOT NULL,
    wall_resolution_us numeric    NOT NULL,
    business_response_n bigint    NOT NULL,
    business_response_s numeric   NOT NULL,
    business_resolution_n bigint  NOT NULL,
    business_resolution_s numeric NOT NULL,
    CONSTRAINT read_sla_rollup_pk PRIMARY KEY (month, project_id, status, severity, covered, billing_approved)
);

-- Per contract and month: free (covered) and billable tickets, responses MET / BREACHED.
CREATE TABLE read_sla_contract_rollup (
    contract_id      varchar(64)  NOT NULL,
    month            varchar(7)   NOT NULL,
    free             bigint       NOT NULL,
    billable         bigint       NOT NULL,
    met              bigint       NOT NULL,
    breached         bigint       NOT NULL,
    CONSTRAINT read_sla_contract_rollup_pk PRIMARY KEY (contract_id, month)
);

-- Distributions for the p90: log-scale buckets (ratio 1.04, ADR 0018) per month and metric
-- (1 wall-clock response, 2 wall-clock resolution, 3 business response, 4 business resolution).
CREATE TABLE read_sla_histogram (
    month            varchar(7)   NOT NULL,
    metric           smallint     NOT NULL,
    bucket           smallint     NOT NULL,
    n                bigint       NOT NULL,
    CONSTRAINT read_sla_histogram_pk PRIMARY KEY (month, metric, bucket)
);

-- The commercial dashboard's satisfaction (ratings of the tickets closed in the period) reads by closing
-- date: without this it scans read_ticket (100 000 rows at the issue 9 scale) on every request.
CREATE INDEX read_ticket_rated_closed_idx ON read_ticket (closed_at) WHERE rating IS NOT NULL;
