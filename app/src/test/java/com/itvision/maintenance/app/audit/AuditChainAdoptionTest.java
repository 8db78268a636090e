package com.itvision.maintenance.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.app.database.StandalonePostgres;
import com.itvision.maintenance.kernel.audit.ChainVerifier;
import com.itvision.maintenance.kernel.audit.EventHashes;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store that already holds events when V22 arrives: the migration hashes and seals them once, as found, and
 * records that step in audit_chain_adoption; the result verifies like events hashed by the trigger.
 */
class AuditChainAdoptionTest {
    @TempDir
    Path dir;

    @Test
    void events_stored_before_v22_are_chained_by_the_migration_and_the_step_is_recorded() throws Exception {
        try (StandalonePostgres postgres = StandalonePostgres.on(dir.resolve("pg")).start();
             HikariDataSource dataSource = dataSource(postgres)) {
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target("20").load().migrate();
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                                                    time_stamp, payload_type, payload_revision, payload, meta_data)
                    VALUES (?, ?, ?, 'Aggregate', ?, 'old.Event', '1', ?, ?)""")) {
                for (int i = 0; i < 12; i++) {
                    ps.setString(1, "old-" + i);
                    ps.setString(2, "aggregate-" + (i % 3));
                    ps.setLong(3, i / 3);
                    ps.setString(4, "2026-01-0" + (1 + i % 9) + "T00:00:00Z");
                    ps.setBytes(5, ("{\"n\":" + i + ",\"é\":true}").getBytes(StandardCharsets.UTF_8));
                    ps.setBytes(6, i == 5 ? null : "{\"actorId\":\"admin\"}".getBytes(StandardCharsets.UTF_8));
                    ps.executeUpdate();
                }
            }
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").outOfOrder(true).load()
                    .migrate();

            Map<String, byte[]> last = new HashMap<>();
            byte[] seal = null;
            long lastIndex = 0;
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("""
                         SELECT e.global_index, e.aggregate_identifier, e.sequence_number, e.type, e.time_stamp,
                                e.payload_type, e.payload_revision, e.event_identifier, e.payload, e.meta_data,
                                e.aggregate_prev_hash, e.event_hash, s.seal_hash
                           FROM domain_event_entry e JOIN event_seal s USING (global_index) ORDER BY e.global_index""")) {
                int n = 0;
                while (rs.next()) {
                    n++;
                    byte[] prev = last.get(rs.getString(2));
                    assertThat(rs.getBytes(11)).isEqualTo(prev);
                    byte[] eventHash = EventHashes.eventHash(prev, EventHashes.payloadHash(rs.getBytes(9)),
                            EventHashes.metaDataHash(rs.getBytes(10)), rs.getString(4), rs.getString(6),
                            rs.getString(7), rs.getString(2), rs.getLong(3), rs.getString(5), rs.getString(8));
                    assertThat(rs.getBytes(12)).isEqualTo(eventHash);
                    last.put(rs.getString(2), eventHash);
                    seal = EventHashes.sealHash(seal, rs.getLong(1), eventHash);
                    assertThat(rs.getBytes(13)).isEqualTo(seal);
                    lastIndex = rs.getLong(1);
                }
                assertThat(n).isEqualTo(12);
            }
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT events, last_global_index, head_hash, note FROM audit_chain_adoption")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(12);
                assertThat(rs.getLong(2)).isEqualTo(lastIndex);
                assertThat(rs.getBytes(3)).isEqualTo(seal);
                assertThat(rs.getString(4)).contains("V22");
                assertThat(rs.next()).isFalse();
            }
            ChainVerifier.Report report = new AuditVerification(dataSource, 2).verifyAll(List.of(), null);
            assertThat(report.intact()).as("%s", report).isTrue();
            assertThat(report.eventsChecked()).isEqualTo(12);
        }
    }

    private static HikariDataSource dataSource(StandalonePostgres postgres) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.jdbcUrl());
        config.setUsername(postgres.username());
        config.setPassword(postgres.password());
        config.setMaximumPoolSize(4);
        return new HikariDataSource(config);
    }
}
