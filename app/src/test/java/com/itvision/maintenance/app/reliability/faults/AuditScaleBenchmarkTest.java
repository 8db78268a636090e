package com.itvision.maintenance.app.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.app.support.Api;
import com.itvision.maintenance.app.support.Fixtures;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The audit reads at scale: a store of ~100 000 synthetic events (10 000 aggregates, 200 actors, a correlation
 * per 5 events) beside a real ticket's chain, on the fault suite's own PostgreSQL and application. Prints the
 * cost the two expression indexes of V21 add to inserting events, the HTTP latency of the log by actor, by
 * correlation and a ticket's history (each includes the ~70 ms of BCrypt of HTTP Basic, see the baseline), the
 * database's own execution time, and asserts that EXPLAIN uses index scans, not a scan of the event table.
 * The synthetic events have a type no class has, which every event processor skips.
 */
@Tag("faults")
class AuditScaleBenchmarkTest {
    private static final int EVENTS = 100_000;
    private static final int ROUNDS = 5;
    private static final String SYNTHETIC = """
            INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
                                            payload_type, payload_revision, payload, meta_data)
            SELECT gen_random_uuid()::text, 'bench-' || (i / 10), i %% 10, 'Bench', '2026-01-01T00:00:00Z',
                   'com.itvision.maintenance.bench.Synthetic', '1',
                   convert_to('{"occurredAt":"2026-01-01T00:00:00Z","n":' || i || '}', 'UTF8'),
                   convert_to(json_build_object('actorId', 'bench-user-' || (i %% 200), 'actorRole', 'TECHNICIAN',
                              'correlationId', 'bench-corr-' || (i / 5), 'causationId', 'bench-cause-' || i)::text, 'UTF8')
            FROM generate_series(%d, %d) AS i""";
    /** The queries AuditEventStore runs, with its parameters inlined. */
    private static final String COLUMNS = "e.global_index, e.event_identifier, e.type, e.aggregate_identifier, "
            + "e.sequence_number, e.payload_type, e.payload_revision, e.time_stamp, e.payload, e.meta_data";

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void the_audit_reads_stay_index_scans_over_a_hundred_thousand_events() throws Exception {
        try (FaultRig rig = FaultRig.create("audit-scale")) {
            rig.startApplication();
            Api api = rig.api();
            String ticket = chain(api);

            StringBuilder report = new StringBuilder("\n=== Audit reads over " + EVENTS + " synthetic events ===\n");
            try (Connection db = rig.connect(); Statement sql = db.createStatement()) {
                int half = EVENTS / 2;
                long withIndexes = time(() -> sql.executeUpdate(SYNTHETIC.formatted(0, half - 1)));
                sql.execute("DROP INDEX domain_event_entry_audit_actor_idx");
                sql.execute("DROP INDEX domain_event_entry_audit_correlation_idx");
                long without = time(() -> sql.executeUpdate(SYNTHETIC.formatted(half, EVENTS - 1)));
                long build = time(() -> {
                    sql.execute("CREATE INDEX domain_event_entry_audit_actor_idx ON domain_event_entry "
                            + "((audit_metadata(meta_data) ->> 'actorId'), global_index)");
                    sql.execute("CREATE INDEX domain_event_entry_audit_correlation_idx ON domain_event_entry "
                            + "((audit_metadata(meta_data) ->> 'correlationId'), global_index)");
                });
                sql.execute("ANALYZE domain_event_entry");
                report.append("insert %d events with the audit indexes: %d ms (%.1f us/event); without: %d ms (%.1f us/event); building both on %d rows: %d ms%n"
                        .formatted(half, withIndexes, withIndexes * 1000.0 / half, without, without * 1000.0 / half,
                                EVENTS, build));

                Map<String, String> reads = new java.util.LinkedHashMap<>();
                reads.put("log by actor", "/api/v1/audit/log?actorId=bench-user-17&limit=100");
                reads.put("log by correlation", "/api/v1/audit/log?correlationId=bench-corr-4242");
                reads.put("ticket history", "/api/v1/audit/tickets/" + ticket + "/history");
                reads.put("ticket state now", "/api/v1/audit/tickets/" + ticket + "/state");
                reads.put("log, first page", "/api/v1/audit/log?limit=100");
                reads.put("baseline (unknown actor)", "/api/v1/audit/log?actorId=nobody&limit=1");
                for (Map.Entry<String, String> read : reads.entrySet()) {
                    long[] millis = new long[ROUNDS];
                    int entries = -1;
                    for (int i = 0; i < ROUNDS; i++) {
                        long start = System.nanoTime();
                        Api.Response response = api.as("auditor").get(read.getValue());
                        millis[i] = (System.nanoTime() - start) / 1_000_000;
                        assertThat(response.status()).as("%s %s", read.getKey(), response).isEqualTo(200);
                        entries = response.json().has("entries") ? response.json().path("entries").size() : 1;
                    }
                    Arrays.sort(millis);
                    report.append("%-26s HTTP median %4d ms (min %d, max %d), %d entries%n".formatted(read.getKey(),
                            millis[ROUNDS / 2], millis[0], millis[ROUNDS - 1], entries));
                }

                Map<String, String> plans = new java.util.LinkedHashMap<>();
                plans.put("log by actor", "SELECT " + COLUMNS + " FROM domain_event_entry e WHERE e.global_index > 0 "
                        + "AND (audit_metadata(e.meta_data) ->> 'actorId') = 'bench-user-17' ORDER BY e.global_index LIMIT 101");
                plans.put("log by correlation", "SELECT " + COLUMNS + " FROM domain_event_entry e WHERE e.global_index > 0 "
                        + "AND (audit_metadata(e.meta_data) ->> 'correlationId') = 'bench-corr-4242' ORDER BY e.global_index LIMIT 101");
                plans.put("ticket history", "SELECT " + COLUMNS + " FROM domain_event_entry e WHERE e.global_index > 0"
                        + " AND e.aggregate_identifier IN (SELECT CAST('" + ticket + "' AS varchar)"
                        + " UNION ALL SELECT child_id FROM audit_lineage WHERE root_id = '" + ticket + "')"
                        + " UNION ALL SELECT " + COLUMNS + " FROM audit_quota_decision q"
                        + " JOIN domain_event_entry e ON e.event_identifier = q.event_id"
                        + " WHERE q.ticket_id = '" + ticket + "' AND e.global_index > 0 ORDER BY 1 LIMIT 101");
                for (Map.Entry<String, String> plan : plans.entrySet()) {
                    List<String> lines = explain(db, plan.getValue());
                    String text = String.join("\n", lines);
                    report.append("-- EXPLAIN ANALYZE ").append(plan.getKey()).append(": ")
                            .append(lines.stream().filter(l -> l.contains("Execution Time")).findFirst().orElse("?").trim())
                            .append('\n').append(text).append('\n');
                    assertThat(text).as(plan.getKey()).contains("Index");
                    assertThat(text).as(plan.getKey()).doesNotContain("Seq Scan on domain_event_entry");
                }
            }
            System.out.println(report);
        }
    }

    /** A real ticket with a billet and 20 holds and resumes: its chain, among the synthetic events. */
    private static String chain(Api api) {
        Api.Response opened = api.as("lead").post("/api/v1/tickets", Map.of("projectId", "project-a-ecommerce",
                "contractId", "contract-a-corrective", "title", Fixtures.unique("Audit scale"),
                "description", "Scale", "severity", "MINOR"));
        assertThat(opened.status()).as("%s", opened).isEqualTo(201);
        String ticket = opened.json().path("id").asString();
        Api.Response billet = api.as("lead").post("/api/v1/tickets/" + ticket + "/billets", Map.of(
                "technicianId", "user-tech", "type", "ANALYSIS", "estimatedHours", 1, "instructions", "Analyser"));
        assertThat(billet.status()).as("%s", billet).isEqualTo(201);
        for (int i = 0; i < 20; i++) {
            assertThat(api.as("lead").post("/api/v1/tickets/" + ticket + "/hold", Map.of("reason", "Attente client"))
                    .status()).isEqualTo(200);
            assertThat(api.as("lead").post("/api/v1/tickets/" + ticket + "/resume", Map.of("reason", "Réponse reçue"))
                    .status()).isEqualTo(200);
        }
        return ticket;
    }

    private static List<String> explain(Connection db, String query) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (PreparedStatement explain = db.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + query);
             ResultSet rows = explain.executeQuery()) {
            while (rows.next()) {
                lines.add(rows.getString(1));
            }
        }
        return lines;
    }

    private interface Work {
        void run() throws Exception;
    }

    private static long time(Work work) throws Exception {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1_000_000;
    }
}
