package com.itvision.maintenance.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.app.support.IntegrationTest;
import com.itvision.maintenance.kernel.audit.EventHashes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The V22 trigger and the AuditSealer compute exactly the hashes kernel.audit.EventHashes defines (ADR 0014). */
class EventHashAgreementTest extends IntegrationTest {
    @Autowired
    DataSource dataSource;
    @Autowired
    AuditSealer sealer;

    @Test
    void every_stored_event_hashes_as_the_java_canonical_form_says() throws Exception {
        assertThat(api.as("admin").post("/api/v1/clients", Map.of("name", "Hash agreement " + UUID.randomUUID()))
                .status()).isEqualTo(201);
        sealer.sealAvailable();
        record Row(long index, String aggregate, long seq, byte[] prev, byte[] eventHash, byte[] seal, Long sealPrev) {
        }
        Map<String, byte[]> byAggregateSeq = new HashMap<>();
        List<Row> rows = new java.util.ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     SELECT e.global_index, e.aggregate_identifier, e.sequence_number, e.type, e.time_stamp,
                            e.payload_type, e.payload_revision, e.event_identifier, e.payload, e.meta_data,
                            e.payload_hash, e.meta_data_hash, e.aggregate_prev_hash, e.event_hash,
                            s.seal_hash, s.prev_global_index
                       FROM domain_event_entry e LEFT JOIN event_seal s ON s.global_index = e.global_index
                      ORDER BY e.global_index""");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                byte[] payloadHash = EventHashes.payloadHash(rs.getBytes(9));
                byte[] metaHash = EventHashes.metaDataHash(rs.getBytes(10));
                assertThat(rs.getBytes(11)).as("payload_hash at %d", rs.getLong(1)).isEqualTo(payloadHash);
                assertThat(rs.getBytes(12)).as("meta_data_hash at %d", rs.getLong(1)).isEqualTo(metaHash);
                byte[] eventHash = EventHashes.eventHash(rs.getBytes(13), payloadHash, metaHash, rs.getString(4),
                        rs.getString(6), rs.getString(7), rs.getString(2), rs.getLong(3), rs.getString(5),
                        rs.getString(8));
                assertThat(rs.getBytes(14)).as("event_hash at %d", rs.getLong(1)).isEqualTo(eventHash);
                long sealPrev = rs.getLong(16);
                Long sealPrevOrNull = rs.wasNull() ? null : sealPrev;
                rows.add(new Row(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getBytes(13), eventHash,
                        rs.getBytes(15), sealPrevOrNull));
                byAggregateSeq.put(rs.getString(2) + "#" + rs.getLong(3), eventHash);
            }
        }
        assertThat(rows).hasSizeGreaterThan(20);
        byte[] seal = null;
        Long previous = null;
        for (Row row : rows) {
            assertThat(row.prev()).as("aggregate_prev_hash at %d", row.index())
                    .isEqualTo(row.seq() == 0 ? null : byAggregateSeq.get(row.aggregate() + "#" + (row.seq() - 1)));
            assertThat(row.seal()).as("sealed %d", row.index()).isNotNull();
            assertThat(row.sealPrev()).isEqualTo(previous);
            seal = EventHashes.sealHash(seal, row.index(), row.eventHash());
            assertThat(row.seal()).as("seal_hash at %d", row.index()).isEqualTo(seal);
            previous = row.index();
        }
    }

    @Test
    void the_sql_functions_agree_on_nulls_unicode_and_empty_bytes() {
        byte[] sql = jdbc.sql("SELECT audit_event_hash(NULL, sha256(''::bytea), NULL, NULL, 'p.T', NULL, "
                + "'agrégat-€-\uD83D\uDE00', 7, '2026-12-02T10:00:00Z', 'id-1')").query(byte[].class).single();
        byte[] java = EventHashes.eventHash(null, EventHashes.sha256(new byte[0]), null, null, "p.T", null,
                "agrégat-€-\uD83D\uDE00", 7, "2026-12-02T10:00:00Z", "id-1");
        assertThat(sql).isEqualTo(java);

        byte[] prev = EventHashes.sha256(new byte[] {1});
        byte[] sqlSeal = jdbc.sql("SELECT audit_seal_hash(?, 42, ?)").params(prev, java).query(byte[].class).single();
        assertThat(sqlSeal).isEqualTo(EventHashes.sealHash(prev, 42, java));
        byte[] firstSeal = jdbc.sql("SELECT audit_seal_hash(NULL, 1, ?)").params(java).query(byte[].class).single();
        assertThat(firstSeal).isEqualTo(EventHashes.sealHash(null, 1, java));
    }

    @Test
    void the_trigger_hashes_an_event_without_metadata_and_a_rolled_back_insert_leaves_a_gap_the_sealer_passes()
            throws Exception {
        String aggregate = "hash-agreement-" + UUID.randomUUID();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                                                    time_stamp, payload_type, payload_revision, payload, meta_data)
                    VALUES (?, ?, 0, 'Probe', '2026-12-02T10:00:00Z', 'probe.Event', NULL, ?, NULL)
                    RETURNING global_index, payload_hash, meta_data_hash, aggregate_prev_hash, event_hash""")) {
                ps.setString(1, UUID.randomUUID().toString());
                ps.setString(2, aggregate);
                ps.setBytes(3, "{\"é\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getBytes(3)).isNull();
                    assertThat(rs.getBytes(4)).isNull();
                    byte[] payloadHash = EventHashes.payloadHash("{\"é\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    assertThat(rs.getBytes(2)).isEqualTo(payloadHash);
                    assertThat(rs.getBytes(5)).isEqualTo(EventHashes.eventHash(null, payloadHash, null, "Probe",
                            "probe.Event", null, aggregate, 0, "2026-12-02T10:00:00Z", ps.getParameterMetaData() == null
                                    ? null : currentEventId(c, aggregate)));
                }
            } finally {
                c.rollback();
            }
        }
        // the rolled-back insert took a global index: the next event is sealed past the gap
        assertThat(api.as("admin").post("/api/v1/clients", Map.of("name", "After a gap " + UUID.randomUUID()))
                .status()).isEqualTo(201);
        sealer.sealAvailable();
        long head = jdbc.sql("SELECT max(global_index) FROM domain_event_entry").query(Long.class).single();
        assertThat(jdbc.sql("SELECT count(*) FROM event_seal WHERE global_index = ?").param(head).query(Long.class)
                .single()).isEqualTo(1);
    }

    private static String currentEventId(Connection c, String aggregate) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT event_identifier FROM domain_event_entry WHERE aggregate_identifier = ?")) {
            ps.setString(1, aggregate);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
