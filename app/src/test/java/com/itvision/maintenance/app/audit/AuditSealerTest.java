package com.itvision.maintenance.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.app.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The sealer never seals past an index a transaction still holds (it would commit later, below the seals), and
 * seals past it as soon as that transaction ends, committed or rolled back: no time-based guess.
 */
class AuditSealerTest extends IntegrationTest {
    @Autowired
    DataSource dataSource;
    @Autowired
    AuditSealer sealer;

    @Test
    void an_index_held_by_an_open_transaction_stops_the_seals_until_it_commits() throws Exception {
        sealer.sealAvailable();
        try (Connection held = dataSource.getConnection()) {
            held.setAutoCommit(false);
            long heldIndex = insertProbe(held);
            // a later event commits while the first is still open: its index is above the hole
            assertThat(api.as("admin").post("/api/v1/clients", Map.of("name", "Above a hole " + UUID.randomUUID()))
                    .status()).isEqualTo(201);
            long later = head();
            assertThat(later).isGreaterThan(heldIndex);
            sealer.sealAvailable();
            sealer.sealAvailable();
            assertThat(sealedHead()).as("sealed past an index still held").isLessThan(heldIndex);

            held.commit();
        }
        sealer.sealAvailable();
        sealer.sealAvailable();
        assertThat(sealedHead()).isGreaterThanOrEqualTo(head());
        assertThat(jdbc.sql("SELECT count(*) FROM domain_event_entry e WHERE NOT EXISTS "
                + "(SELECT 1 FROM event_seal s WHERE s.global_index = e.global_index)").query(Long.class).single())
                .isZero();
        assertThat(api.as("auditor").get("/api/v1/audit/verify").json().path("intact").asBoolean()).isTrue();
    }

    @Test
    void an_index_rolled_back_is_sealed_past_once_its_transaction_ended() throws Exception {
        sealer.sealAvailable();
        long heldIndex;
        try (Connection held = dataSource.getConnection()) {
            held.setAutoCommit(false);
            heldIndex = insertProbe(held);
            assertThat(api.as("admin").post("/api/v1/clients", Map.of("name", "Above a gap " + UUID.randomUUID()))
                    .status()).isEqualTo(201);
            sealer.sealAvailable();
            assertThat(sealedHead()).isLessThan(heldIndex);
            held.rollback();
        }
        sealer.sealAvailable();
        sealer.sealAvailable();
        assertThat(sealedHead()).isEqualTo(head());
        // the seal after the gap names its real predecessor
        long after = jdbc.sql("SELECT min(global_index) FROM event_seal WHERE global_index > ?").param(heldIndex)
                .query(Long.class).single();
        assertThat(jdbc.sql("SELECT prev_global_index FROM event_seal WHERE global_index = ?").param(after)
                .query(Long.class).single()).isLessThan(heldIndex);
        // the held transaction's own index never appears
        assertThat(jdbc.sql("SELECT count(*) FROM event_seal WHERE global_index = ?").param(heldIndex)
                .query(Long.class).single()).isZero();
    }

    private long insertProbe(Connection c) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                                                time_stamp, payload_type, payload_revision, payload, meta_data)
                VALUES (?, ?, 0, 'Probe', '2026-12-02T10:00:00Z', 'probe.Held', NULL, ?, ?) RETURNING global_index""")) {
            ps.setString(1, UUID.randomUUID().toString());
            ps.setString(2, "held-" + UUID.randomUUID());
            ps.setBytes(3, "{}".getBytes(StandardCharsets.UTF_8));
            ps.setBytes(4, "{}".getBytes(StandardCharsets.UTF_8));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private long head() {
        return jdbc.sql("SELECT max(global_index) FROM domain_event_entry").query(Long.class).single();
    }

    private long sealedHead() {
        return jdbc.sql("SELECT coalesce(max(global_index), 0) FROM event_seal").query(Long.class).single();
    }
}
