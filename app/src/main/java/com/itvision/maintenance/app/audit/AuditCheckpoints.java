package com.itvision.maintenance.app.audit;

import com.itvision.maintenance.kernel.audit.SignedCheckpoint;
import com.itvision.maintenance.kernel.common.DomainException;
import com.itvision.maintenance.kernel.common.ErrorCode;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Signed checkpoints: "the global chain's seal at position P was H at T", signed with the Ed25519 key that is not in
 * the database. An auditor downloads them; a chain recomputed by someone with write access to the database no
 * longer matches a checkpoint signed before the rewrite.
 */
public class AuditCheckpoints {
    private static final Logger log = LoggerFactory.getLogger(AuditCheckpoints.class);

    private final JdbcClient jdbc;
    private final SigningKey key;
    private final AuditSealer sealer;
    private final Clock clock;

    public AuditCheckpoints(JdbcClient jdbc, SigningKey key, AuditSealer sealer, Clock clock) {
        this.jdbc = jdbc;
        this.key = key;
        this.sealer = sealer;
        this.clock = clock;
    }

    public SigningKey key() {
        return key;
    }

    /** Seals what is committed, then signs the head; refused with SIGNING_KEY_NOT_CONFIGURED without a key. */
    public SignedCheckpoint create() {
        return create(false).orElseThrow();
    }

    private Optional<SignedCheckpoint> create(boolean onlyIfMoved) {
        if (!key.present()) {
            throw DomainException.rule(ErrorCode.SIGNING_KEY_NOT_CONFIGURED, "No audit signing key is configured "
                    + "(maintenance.audit.signing-key-file or MAINTENANCE_AUDIT_SIGNING_KEY): checkpoints cannot be "
                    + "signed. Verification works without one.");
        }
        try {
            sealer.sealAvailable();
        } catch (SQLException e) {
            throw new IllegalStateException("Sealing before the checkpoint failed", e);
        }
        record Head(long position, byte[] hash) {
        }
        Head head = jdbc.sql("SELECT global_index, seal_hash FROM event_seal ORDER BY global_index DESC LIMIT 1")
                .query((rs, n) -> new Head(rs.getLong(1), rs.getBytes(2))).optional()
                .orElse(new Head(0, new byte[32]));
        long id = jdbc.sql("SELECT nextval('audit_checkpoint_seq')").query(Long.class).single();
        String createdAt = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS).toString();
        SignedCheckpoint cp = SignedCheckpoint.sign(id, head.position(), head.hash(), createdAt,
                key.privateKey().orElseThrow(), key.publicKey().orElseThrow());
        // a scheduled checkpoint is skipped when another node already signed this position
        int inserted = jdbc.sql("""
                INSERT INTO audit_checkpoint (id, last_global_index, head_hash, created_at, signature, key_id, public_key)
                SELECT ?, ?, ?, ?, ?, ?, ?
                 WHERE NOT ? OR NOT EXISTS (SELECT 1 FROM audit_checkpoint WHERE last_global_index >= ?)""")
                .params(cp.id(), cp.lastGlobalIndex(), cp.headHash(), cp.createdAt(), cp.signature(), cp.keyId(),
                        cp.publicKey(), onlyIfMoved, cp.lastGlobalIndex())
                .update();
        if (inserted == 0) {
            return Optional.empty();
        }
        log.info("Audit checkpoint {} signed: position {}, key {}", cp.id(), cp.lastGlobalIndex(), cp.keyId());
        return Optional.of(cp);
    }

    /** A scheduled checkpoint, only when the chain moved since the last one (and a key is configured). */
    public Optional<SignedCheckpoint> createIfMoved() {
        if (!key.present()) {
            return Optional.empty();
        }
        try {
            sealer.sealAvailable();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        long head = jdbc.sql("SELECT coalesce(max(global_index), 0) FROM event_seal").query(Long.class).single();
        long last = jdbc.sql("SELECT coalesce(max(last_global_index), -1) FROM audit_checkpoint")
                .query(Long.class).single();
        return head > last ? create(true) : Optional.empty();
    }

    public List<SignedCheckpoint> list() {
        return jdbc.sql("""
                SELECT id, last_global_index, head_hash, created_at, key_id, public_key, signature
                  FROM audit_checkpoint ORDER BY id""").query((rs, n) -> new SignedCheckpoint(rs.getLong(1),
                rs.getLong(2), rs.getBytes(3), rs.getString(4), rs.getString(5), rs.getBytes(6), rs.getBytes(7)))
                .list();
    }

    public Optional<SignedCheckpoint> find(long id) {
        return list().stream().filter(cp -> cp.id() == id).findFirst();
    }
}
