-- Tamper evidence (issue 8, ADR 0014). Every event is hashed and chained to the previous event of its aggregate
-- by a trigger in the inserting transaction; the global chain (by global position) is written right after commit
-- by the AuditSealer into event_seal; signed checkpoints anchor that chain outside the database's control.
-- The canonical form is defined once, in Java, by kernel.audit.EventHashes; EventHashAgreementTest proves that
-- this SQL computes the same bytes.

ALTER TABLE domain_event_entry
    ADD COLUMN payload_hash        bytea,
    ADD COLUMN meta_data_hash      bytea,
    ADD COLUMN aggregate_prev_hash bytea,
    ADD COLUMN event_hash          bytea;

-- A length-prefixed field: 4-byte big-endian length, then the bytes; NULL is the length -1 with no bytes.
-- The functions are plain SQL expressions the planner inlines into the trigger's single expression (no per-row
-- function-call overhead); STABLE because convert_to is, and an IMMUTABLE function with a STABLE body is never
-- inlined.
CREATE FUNCTION audit_lp(field bytea) RETURNS bytea
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT CASE WHEN field IS NULL THEN int4send(-1) ELSE int4send(length(field)) || field END $$;

CREATE FUNCTION audit_event_hash(prev bytea, payload_hash bytea, meta_data_hash bytea, event_type text,
                                 payload_type text, payload_revision text, aggregate_identifier text,
                                 sequence_number bigint, time_stamp text, event_identifier text) RETURNS bytea
    LANGUAGE sql STABLE PARALLEL SAFE AS
$$ SELECT sha256('\x6d61696e74656e616e63652d6576656e742f7631'::bytea -- 'maintenance-event/v1'
                 || audit_lp(prev) || audit_lp(payload_hash) || audit_lp(meta_data_hash)
                 || audit_lp(convert_to(event_type, 'UTF8')) || audit_lp(convert_to(payload_type, 'UTF8'))
                 || audit_lp(convert_to(payload_revision, 'UTF8')) || audit_lp(convert_to(aggregate_identifier, 'UTF8'))
                 || int8send(sequence_number) || audit_lp(convert_to(time_stamp, 'UTF8'))
                 || audit_lp(convert_to(event_identifier, 'UTF8'))) $$;

-- The global chain: seal(p) = sha256(seal(previous sealed position) || int8(p) || event_hash(p)); 32 zero bytes
-- before the first.
CREATE FUNCTION audit_seal_hash(prev_seal bytea, global_index bigint, event_hash bytea) RETURNS bytea
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT sha256(coalesce(prev_seal, decode(repeat('00', 32), 'hex')) || int8send(global_index) || event_hash) $$;

-- The global index is drawn here, AFTER the transaction has an id (pg_current_xact_id assigns one): any
-- transaction that holds an index not yet committed is then listed as in progress in every later snapshot,
-- which is how the AuditSealer tells an open gap (wait) from a rolled-back one (seal past it).
ALTER TABLE domain_event_entry ALTER COLUMN global_index DROP DEFAULT;

CREATE FUNCTION audit_hash_event() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF NEW.global_index IS NULL THEN
        -- CASE evaluates its condition first: the transaction id is assigned before the index is drawn
        NEW.global_index := CASE WHEN pg_current_xact_id() IS NOT NULL THEN nextval('domain_event_entry_seq') END;
    END IF;
    NEW.payload_hash := sha256(NEW.payload);
    NEW.meta_data_hash := CASE WHEN NEW.meta_data IS NULL THEN NULL ELSE sha256(NEW.meta_data) END;
    -- the unique (aggregate, sequence) index finds the predecessor; the same transaction sees its own rows
    SELECT p.event_hash INTO NEW.aggregate_prev_hash
      FROM domain_event_entry p
     WHERE p.aggregate_identifier = NEW.aggregate_identifier AND p.sequence_number = NEW.sequence_number - 1;
    NEW.event_hash := audit_event_hash(NEW.aggregate_prev_hash, NEW.payload_hash, NEW.meta_data_hash, NEW.type,
            NEW.payload_type, NEW.payload_revision, NEW.aggregate_identifier, NEW.sequence_number, NEW.time_stamp,
            NEW.event_identifier);
    RETURN NEW;
END
$$;

CREATE TRIGGER domain_event_entry_audit_hash
    BEFORE INSERT ON domain_event_entry
    FOR EACH ROW EXECUTE FUNCTION audit_hash_event();

CREATE TABLE event_seal (
    global_index      bigint NOT NULL,
    seal_hash         bytea  NOT NULL,
    prev_global_index bigint,
    CONSTRAINT event_seal_pk PRIMARY KEY (global_index)
);

CREATE SEQUENCE audit_checkpoint_seq AS bigint START WITH 1 INCREMENT BY 1;

CREATE TABLE audit_checkpoint (
    id                bigint       NOT NULL,
    last_global_index bigint       NOT NULL,
    head_hash         bytea        NOT NULL,
    created_at        varchar(40)  NOT NULL,
    signature         bytea        NOT NULL,
    key_id            varchar(64)  NOT NULL,
    public_key        bytea        NOT NULL,
    CONSTRAINT audit_checkpoint_pk PRIMARY KEY (id)
);
ALTER SEQUENCE audit_checkpoint_seq OWNED BY audit_checkpoint.id;

-- The explicit, audited step that chained the events stored before this feature.
CREATE TABLE audit_chain_adoption (
    adopted_at        timestamptz NOT NULL DEFAULT now(),
    events            bigint      NOT NULL,
    last_global_index bigint      NOT NULL,
    head_hash         bytea,
    note              text        NOT NULL
);

DO
$$
DECLARE
    r         record;
    last_agg  text;
    last_seq  bigint;
    last_hash bytea;
    prev      bytea;
    seal      bytea;
    prev_idx  bigint;
    n         bigint := 0;
BEGIN
    -- 1. the aggregate chains, in aggregate/sequence order
    FOR r IN SELECT global_index, aggregate_identifier, sequence_number, type, payload_type, payload_revision,
                    time_stamp, event_identifier, sha256(payload) AS ph,
                    CASE WHEN meta_data IS NULL THEN NULL ELSE sha256(meta_data) END AS mh
               FROM domain_event_entry ORDER BY aggregate_identifier, sequence_number
    LOOP
        prev := CASE WHEN r.aggregate_identifier = last_agg AND r.sequence_number = last_seq + 1 THEN last_hash END;
        last_hash := audit_event_hash(prev, r.ph, r.mh, r.type, r.payload_type, r.payload_revision,
                r.aggregate_identifier, r.sequence_number, r.time_stamp, r.event_identifier);
        UPDATE domain_event_entry SET payload_hash = r.ph, meta_data_hash = r.mh, aggregate_prev_hash = prev,
                                      event_hash = last_hash
         WHERE global_index = r.global_index;
        last_agg := r.aggregate_identifier;
        last_seq := r.sequence_number;
        n := n + 1;
    END LOOP;
    -- 2. the global chain, in global order: no transaction writes events while Flyway migrates
    FOR r IN SELECT global_index, event_hash FROM domain_event_entry ORDER BY global_index
    LOOP
        seal := audit_seal_hash(seal, r.global_index, r.event_hash);
        INSERT INTO event_seal (global_index, seal_hash, prev_global_index) VALUES (r.global_index, seal, prev_idx);
        prev_idx := r.global_index;
    END LOOP;
    INSERT INTO audit_chain_adoption (events, last_global_index, head_hash, note)
    VALUES (n, coalesce(prev_idx, 0), seal,
            'V22: events stored before tamper evidence were hashed and sealed by the migration, as found then');
END
$$;

ALTER TABLE domain_event_entry
    ALTER COLUMN payload_hash SET NOT NULL,
    ALTER COLUMN event_hash SET NOT NULL;
