package com.itvision.maintenance.app.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.app.support.Api;
import com.itvision.maintenance.projections.support.Projections;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * The read models after a fault, once the load has stopped: they catch up with the event store; their rows equal
 * a rebuild from the first event (every {@code read_*} row as text, read with plain JDBC, before and after
 * a blue/green {@code POST /api/v1/admin/projections/{group}/rebuild} of every group); the reconciliation check reports no
 * mismatch; no event is dead-lettered.
 */
final class ReadModelCheck {
    static final Duration CATCH_UP = Duration.ofSeconds(120);

    private final FaultRig rig;

    ReadModelCheck(FaultRig rig) {
        this.rig = rig;
    }

    /** For the result line. */
    record Report(Duration catchUp, Duration rebuild, int tables, int rows, long deadLetters) {
        @Override
        public String toString() {
            return "read models caught up in %.1f s, %d rows in %d tables == rebuild (%.1f s), reconciliation 0, dead letters %d"
                    .formatted(catchUp.toMillis() / 1000.0, rows, tables, rebuild.toMillis() / 1000.0, deadLetters);
        }
    }

    /** Everything above, asserted. The store must not move meanwhile (load stopped). */
    Report verify() throws Exception {
        Duration catchUp = awaitCaughtUp(CATCH_UP);
        assertThat(deadLetters()).as("dead letters").isZero();
        Map<String, List<String>> before = rows();
        long started = System.nanoTime();
        rebuild(Projections.ALL);
        Duration rebuild = Duration.ofNanos(System.nanoTime() - started);
        Map<String, List<String>> after = rows();
        assertSameRows(after, before);
        assertReconciled();
        long deadLetters = deadLetters();
        assertThat(deadLetters).as("dead letters after the rebuild").isZero();
        return new Report(catchUp, rebuild, before.size(), before.values().stream().mapToInt(List::size).sum(),
                deadLetters);
    }

    /**
     * Waits until every read model runs without error, is not stalled, has no dead letter and every segment has
     * reached the store's head (lag 0, caught up), as {@code GET /api/v1/admin/projections} shows it.
     */
    Duration awaitCaughtUp(Duration wait) throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + wait.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            try {
                Api.Response overview = admin().get("/api/v1/admin/projections");
                if (overview.status() == 200) {
                    last = overview.json();
                    if (caughtUp(last)) {
                        return Duration.ofNanos(System.nanoTime() - started);
                    }
                }
            } catch (RuntimeException notAnsweringYet) {
                // the application may be restarting
            }
            Thread.sleep(250);
        }
        throw new AssertionError("The read models did not catch up within " + wait.toSeconds() + " s: " + last);
    }

    /**
     * Rebuilds {@code groups} blue/green ({@code POST .../rebuild}) and waits until each is swapped in and every
     * read model is caught up again.
     */
    void rebuild(List<String> groups) throws InterruptedException {
        Map<String, String> ids = new LinkedHashMap<>();
        for (String group : groups) {
            Api.Response rebuild = admin().post("/api/v1/admin/projections/" + group + "/rebuild");
            assertThat(rebuild.status()).as("rebuild %s: %s", group, rebuild).isEqualTo(202);
            ids.put(group, rebuild.json().path("id").asString());
        }
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        for (Map.Entry<String, String> rebuild : ids.entrySet()) {
            String status = null;
            while (System.nanoTime() < deadline) {
                Api.Response latest = admin().get("/api/v1/admin/projections/" + rebuild.getKey() + "/rebuild");
                status = latest.json().path("id").asString().equals(rebuild.getValue())
                        ? latest.json().path("status").asString() : "replaced by " + latest;
                if (!List.of("REQUESTED", "BUILDING", "SWAPPING").contains(status)) {
                    break;
                }
                Thread.sleep(200);
            }
            assertThat(status).as("rebuild of %s", rebuild.getKey()).isEqualTo("DONE");
        }
        awaitCaughtUp(CATCH_UP);
    }

    /** Every read model live (no rebuild in progress), its processor at the head with no dead letter. */
    static boolean caughtUp(JsonNode overview) {
        for (JsonNode model : overview.path("readModels")) {
            if (!model.path("status").asString().equals("live")) {
                return false;
            }
        }
        int found = 0;
        for (JsonNode processor : overview.path("processors")) {
            if (!Projections.ALL.contains(processor.path("name").asString())) {
                continue;
            }
            found++;
            boolean segmentsCaughtUp = !processor.path("segments").isEmpty();
            for (JsonNode segment : processor.path("segments")) {
                segmentsCaughtUp &= segment.path("caughtUp").asBoolean();
            }
            if (!processor.path("running").asBoolean() || processor.path("error").asBoolean()
                    || processor.path("stalled").asBoolean() || processor.path("lag").isNull()
                    || processor.path("lag").asLong(-1) != 0 || processor.path("deadLetters").asLong(-1) != 0
                    || !segmentsCaughtUp) {
                return false;
            }
        }
        return found == Projections.ALL.size();
    }

    /** {@code GET /api/v1/admin/projections/reconciliation}: the whole report. */
    JsonNode reconciliation() {
        Api.Response report = admin().get("/api/v1/admin/projections/reconciliation");
        assertThat(report.status()).as("%s", report).isEqualTo(200);
        return report.json();
    }

    /** Mismatches per group in a reconciliation report. */
    static Map<String, Long> mismatches(JsonNode report) {
        Map<String, Long> byGroup = new LinkedHashMap<>();
        for (JsonNode group : report.path("groups")) {
            byGroup.put(group.path("group").asString(), group.path("mismatchCount").asLong());
        }
        return byGroup;
    }

    void assertReconciled() {
        JsonNode report = reconciliation();
        assertThat(report.path("clean").asBoolean()).as("reconciliation: %s", report).isTrue();
        assertThat(mismatches(report).values()).as("mismatches: %s", report).allMatch(n -> n == 0);
    }

    /** Dead letters of every group, from the table. */
    long deadLetters() throws SQLException {
        return rig.queryLong("SELECT count(*) FROM dead_letter_entry");
    }

    /** Every row of every {@code read_*} table as text, sorted: business keys only, comparable across rebuilds. */
    Map<String, List<String>> rows() throws SQLException {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        try (Connection db = rig.connect()) {
            List<String> names = new ArrayList<>();
            try (PreparedStatement statement = db.prepareStatement("SELECT table_name FROM information_schema.tables "
                    + "WHERE table_schema = 'public' AND table_name LIKE 'read\\_%' ORDER BY table_name");
                 ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
            for (String table : names) {
                List<String> rows = new ArrayList<>();
                try (PreparedStatement statement = db.prepareStatement("SELECT r::text FROM " + table + " r ORDER BY 1");
                     ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        rows.add(result.getString(1));
                    }
                }
                tables.put(table, rows);
            }
        }
        return tables;
    }

    static void assertSameRows(Map<String, List<String>> actual, Map<String, List<String>> expected) {
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        expected.forEach((table, rows) -> {
            List<String> found = actual.get(table);
            if (!Objects.equals(found, rows)) {
                List<String> missing = new ArrayList<>(rows);
                missing.removeAll(found);
                List<String> extra = new ArrayList<>(found);
                extra.removeAll(rows);
                throw new AssertionError("%s differs from its rebuild: %d rows before, %d after; only before: %s; only after: %s"
                        .formatted(table, rows.size(), found.size(), head(missing), head(extra)));
            }
        });
    }

    private static List<String> head(List<String> rows) {
        return rows.subList(0, Math.min(5, rows.size()));
    }

    private Api.Request admin() {
        return rig.api().as("admin");
    }
}
