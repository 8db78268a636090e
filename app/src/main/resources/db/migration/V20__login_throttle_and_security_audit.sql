-- Failed HTTP Basic sign-ins (ADR 0012). One row per throttled subject: a normalised user name
-- (scope ACCOUNT) or a client address (scope ADDRESS). In PostgreSQL, not in each node's memory, so
-- every node of a cluster refuses the same account and address at the same moment. Rows are written
-- only on a failure (and deleted by the account's next success), never on an ordinary sign-in, and
-- purged once their quiet period has passed.
CREATE TABLE login_throttle (
    scope        varchar(8)   NOT NULL,
    subject      varchar(128) NOT NULL,
    failures     integer      NOT NULL,
    last_failure timestamptz  NOT NULL,
    locked_until timestamptz,
    CONSTRAINT login_throttle_pk PRIMARY KEY (scope, subject),
    CONSTRAINT login_throttle_scope_ck CHECK (scope IN ('ACCOUNT', 'ADDRESS')),
    CONSTRAINT login_throttle_failures_ck CHECK (failures > 0)
);
CREATE INDEX login_throttle_last_failure_idx ON login_throttle (last_failure);

-- Security decisions for auditors: every throttling of an account or an address, with who, from where,
-- after how many failures and until when. Outside the event store on purpose: the rows are written by
-- unauthenticated callers (the store must not be floodable from outside), they hold client addresses,
-- which are personal data with a retention limit (an append-only store cannot forget them), and they
-- are no business fact any read model replays. Written in their own transaction, never a command's.
CREATE TABLE security_audit (
    id             bigint       GENERATED ALWAYS AS IDENTITY,
    occurred_at    timestamptz  NOT NULL,
    kind           varchar(32)  NOT NULL,
    username       varchar(128),
    address        varchar(64)  NOT NULL,
    failures       integer      NOT NULL,
    locked_until   timestamptz  NOT NULL,
    correlation_id varchar(100),
    CONSTRAINT security_audit_pk PRIMARY KEY (id),
    CONSTRAINT security_audit_kind_ck CHECK (kind IN ('ACCOUNT_THROTTLED', 'ADDRESS_THROTTLED'))
);
CREATE INDEX security_audit_occurred_at_idx ON security_audit (occurred_at);
