package com.itvision.maintenance.app.reliability.faults;

import static com.itvision.maintenance.app.reliability.faults.FaultResults.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.app.support.Api;
import com.itvision.maintenance.projections.support.Projections;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Blue/green rebuilds of all five read models over thousands of events, while commands keep arriving (the
 * load generator: four workers) and a reader counts the rows of every live read table every few
 * milliseconds over its own JDBC connection. Pass: no query fails or sees fewer rows of a table than it had
 * before the rebuilds were asked for; every rebuild is swapped in; afterwards the read models equal a rebuild
 * from scratch, reconciliation 0, no dead letters. Prints queries run, fewest rows seen, slowest query and
 * the rebuild time.
 */
@Tag("faults")
class ProjectionRebuildUnderLoadTest {
    private static final long EVENTS = 3_000;
    private static final List<String> TABLES = List.of("read_user", "read_team_member", "read_client", "read_project",
            "read_quote_request", "read_contract", "read_contract_period", "read_ticket", "read_ticket_hold",
            "read_billet", "read_intervention");

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void every_read_model_is_rebuilt_under_load_and_no_query_ever_sees_fewer_rows() throws Exception {
        try (FaultRig rig = FaultRig.create("rebuild-under-load")) {
            rig.startApplication();
            ReadModelCheck readModels = new ReadModelCheck(rig);
            LoadGenerator.Results results;
            Map<String, Long> before;
            Map<String, Long> fewest = new ConcurrentHashMap<>();
            List<String> failures = new CopyOnWriteArrayList<>();
            AtomicInteger queries = new AtomicInteger();
            AtomicLong slowestNanos = new AtomicLong();
            long headAtRequest;
            Duration rebuild;
            try (LoadGenerator load = LoadGenerator.start(rig.port(), 4, 0)) {
                long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
                while (rig.head() < EVENTS && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                assertThat(rig.head()).as("events before the rebuild").isGreaterThanOrEqualTo(EVENTS);
                AtomicBoolean reading = new AtomicBoolean(true);
                try (Connection db = rig.connect()) {
                    before = counts(db, null);
                    fewest.putAll(before);
                    Thread reader = Thread.ofPlatform().start(() -> {
                        while (reading.get()) {
                            try {
                                counts(db, slowestNanos).forEach((table, n) -> fewest.merge(table, n, Math::min));
                                queries.addAndGet(TABLES.size());
                                Thread.sleep(2);
                            } catch (Exception e) {
                                failures.add(e.toString());
                            }
                        }
                    });
                    headAtRequest = rig.head();
                    long started = System.nanoTime();
                    try {
                        awaitRebuilt(rig.api(), Projections.ALL, Duration.ofSeconds(180));
                    } finally {
                        rebuild = Duration.ofNanos(System.nanoTime() - started);
                        reading.set(false);
                        reader.join();
                    }
                }
                results = load.stop();
            }
            assertThat(failures).as("failed queries").isEmpty();
            before.forEach((table, n) -> assertThat(fewest.get(table)).as("fewest rows of %s", table)
                    .isGreaterThanOrEqualTo(n));
            assertThat(results.refused()).as("refused commands").isEmpty();
            ReadModelCheck.Report check = readModels.verify();
            String line = ("%d events at the request, all 5 read models rebuilt and swapped in %s under load "
                    + "(%d commands acknowledged in all); %d queries on the live tables meanwhile, none failed, slowest "
                    + "%.1f ms, fewest rows seen %s (before %s); %s").formatted(headAtRequest, seconds(rebuild),
                    results.acknowledged().size(), queries.get(), slowestNanos.get() / 1e6, fewest, before, check);
            System.out.println("ProjectionRebuildUnderLoadTest: " + line);
            FaultResults.record("rebuild under load", line);
        }
    }

    /** Requests a rebuild of each group and waits until each is DONE. */
    static void awaitRebuilt(Api api, List<String> groups, Duration wait) throws InterruptedException {
        Map<String, String> ids = new LinkedHashMap<>();
        for (String group : groups) {
            Api.Response requested = api.as("admin").post("/api/v1/admin/projections/" + group + "/rebuild");
            assertThat(requested.status()).as("%s", requested).isEqualTo(202);
            ids.put(group, requested.json().path("id").asString());
        }
        long deadline = System.nanoTime() + wait.toNanos();
        for (Map.Entry<String, String> id : ids.entrySet()) {
            String status = null;
            while (System.nanoTime() < deadline) {
                Api.Response latest = api.as("admin").get("/api/v1/admin/projections/" + id.getKey() + "/rebuild");
                status = latest.json().path("status").asString();
                if (!List.of("REQUESTED", "BUILDING", "SWAPPING").contains(status)) {
                    break;
                }
                Thread.sleep(100);
            }
            assertThat(status).as("rebuild of %s", id.getKey()).isEqualTo("DONE");
        }
    }

    private static Map<String, Long> counts(Connection db, AtomicLong slowest) throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Statement statement = db.createStatement()) {
            for (String table : TABLES) {
                long start = System.nanoTime();
                try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
                    rows.next();
                    counts.put(table, rows.getLong(1));
                }
                if (slowest != null) {
                    long took = System.nanoTime() - start;
                    slowest.accumulateAndGet(took, Math::max);
                }
            }
        }
        return counts;
    }
}
