package com.itvision.maintenance.app.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The SLA and commercial dashboards at 100 000 tickets and 10 000 contracts (issue 9, ADR 0018), on the fault
 * suite's own PostgreSQL and application (demo data on). The rows are made cheaply: synthetic read-model rows
 * inserted by SQL ({@code read_contract}, {@code read_contract_period}, {@code read_ticket}, the SLA read model's
 * {@code read_sla_ticket}, and its rollups aggregated from those rows by the same rules as the projection),
 * checked by the dashboard's own totals. Prints p50/p99 of GET /api/v1/dashboards/sla and /commercial (admin,
 * HTTP Basic, verified once per password, ADR 0017) at 1, 8 and 32 clients, and of the rollup path's SQL run
 * directly over JDBC. A benchmark: it asserts only that the answers are right.
 */
@Tag("scale")
class DashboardScaleBenchmarkTest {
    private static final int TICKETS = 100_000;
    private static final int CONTRACTS = 10_000;
    private static final int PROJECTS = 50;
    private static final int REQUESTS = 160;

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void the_dashboards_at_a_hundred_thousand_tickets() throws Exception {
        try (FaultRig rig = FaultRig.create("dashboard-scale")) {
            rig.startApplication();
            StringBuilder report = new StringBuilder("\n=== Dashboards over " + TICKETS + " tickets, " + CONTRACTS
                    + " contracts ===\n");
            String base = "http://localhost:" + rig.port();
            awaitOk(base + "/api/v1/dashboards/sla");
            long before = count(rig, "SELECT count(*) FROM read_sla_ticket");
            long seeded;
            try (Connection db = rig.connect(); Statement sql = db.createStatement()) {
                long t0 = System.nanoTime();
                seed(sql);
                seeded = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                sql.execute("ANALYZE");
            }
            line(report, "seeded in %d ms".formatted(seeded));
            String sla = get(base + "/api/v1/dashboards/sla");
            assertThat(sla).contains("\"tickets\":" + (before + TICKETS) + ",");
            line(report, "SLA dashboard: %d bytes, %d tickets; workable/unanswered set: %d rows".formatted(
                    sla.length(), before + TICKETS, count(rig, "SELECT count(*) FROM read_sla_ticket WHERE "
                            + "status IN ('OPEN', 'IN_PROGRESS') OR (covered AND responded_at IS NULL AND status <> 'REJECTED')")));

            Map<String, String> reads = new LinkedHashMap<>();
            reads.put("GET /dashboards/sla (admin, unfiltered)", base + "/api/v1/dashboards/sla");
            reads.put("GET /dashboards/sla (admin, 3 whole months)", base + "/api/v1/dashboards/sla?from="
                    + java.time.YearMonth.now().minusMonths(3).atDay(1) + "&to="
                    + java.time.YearMonth.now().minusMonths(1).atEndOfMonth());
            reads.put("GET /dashboards/commercial (admin)", base + "/api/v1/dashboards/commercial");
            for (Map.Entry<String, String> read : reads.entrySet()) {
                run(read.getValue(), 4, 40); // warm-up
                for (int clients : new int[] {1, 8, 32}) {
                    Latency l = run(read.getValue(), clients, clients == 1 ? 20 : clients * 8);
                    line(report, "%-45s %2d clients: p50 %6.1f ms, p99 %6.1f ms, %6.1f req/s, %d not 200"
                            .formatted(read.getKey(), clients, l.p50(), l.p99(), l.perSecond(), l.errors()));
                }
            }
            try (Connection db = rig.connect(); Statement sql = db.createStatement()) {
                for (Map.Entry<String, String> q : ROLLUP_SQL.entrySet()) {
                    for (int i = 0; i < 5; i++) {
                        drain(sql, q.getValue());
                    }
                    List<Double> ms = new ArrayList<>();
                    for (int i = 0; i < 50; i++) {
                        long t = System.nanoTime();
                        drain(sql, q.getValue());
                        ms.add((System.nanoTime() - t) / 1e6);
                    }
                    Collections.sort(ms);
                    line(report, "SQL directly, %-38s p50 %6.2f ms, p99 %6.2f ms"
                            .formatted(q.getKey(), ms.get(ms.size() / 2), ms.get(ms.size() * 99 / 100)));
                }
            }
            System.out.println(report);
        }
    }

    /** The statements of the SLA dashboard's rollup path (SlaRollupQueries), unbounded period, parameters inlined. */
    private static final Map<String, String> ROLLUP_SQL = new LinkedHashMap<>();

    static {
        ROLLUP_SQL.put("now set (workable, unanswered)", "SELECT * FROM read_sla_ticket WHERE status IN ('OPEN', "
                + "'IN_PROGRESS') OR (covered AND responded_at IS NULL AND status <> 'REJECTED')");
        ROLLUP_SQL.put("matrix", "SELECT status, severity, sum(tickets) FROM read_sla_rollup GROUP BY status, severity "
                + "HAVING sum(tickets) > 0 ORDER BY status, severity");
        ROLLUP_SQL.put("totals", "SELECT sum(tickets) FILTER (WHERE covered), sum(tickets) FILTER (WHERE NOT covered), "
                + "sum(met), sum(breached), sum(wall_response_n), sum(wall_response_us), sum(wall_resolution_n), "
                + "sum(wall_resolution_us), sum(business_response_n), sum(business_response_s), "
                + "sum(business_resolution_n), sum(business_resolution_s) FROM read_sla_rollup");
        ROLLUP_SQL.put("histograms", "SELECT metric, bucket, sum(n) FROM read_sla_histogram GROUP BY metric, bucket "
                + "ORDER BY metric, bucket");
        ROLLUP_SQL.put("by month", "SELECT month, sum(met), sum(breached) FROM read_sla_rollup GROUP BY month");
        ROLLUP_SQL.put("projects", "SELECT r.project_id, p.name, sum(tickets), sum(met) FROM read_sla_rollup r "
                + "LEFT JOIN read_project p ON p.project_id = r.project_id GROUP BY r.project_id, p.name "
                + "ORDER BY r.project_id");
        ROLLUP_SQL.put("contracts (first 100 by id)", "SELECT f.*, k.number FROM (SELECT contract_id, sum(free) AS free, "
                + "sum(billable) AS billable, sum(met) AS met, sum(breached) AS breached FROM read_sla_contract_rollup "
                + "GROUP BY contract_id HAVING sum(free) + sum(billable) > 0 ORDER BY contract_id LIMIT 101) f "
                + "LEFT JOIN read_contract k ON k.contract_id = f.contract_id ORDER BY f.contract_id");
        ROLLUP_SQL.put("interventions (read_intervention)", "SELECT count(*), sum(hours_spent) FROM read_intervention i "
                + "JOIN read_ticket t ON t.ticket_id = i.ticket_id WHERE NOT i.cancelled");
    }

    private static void seed(Statement sql) throws Exception {
        sql.execute("""
                INSERT INTO read_contract (contract_id, number, client_id, project_id, sales_rep_id, name, kind, type,
                    status, start_date, end_date, annual_price_minor, currency, payment_frequency, sla_hours,
                    support_hours, time_zone, quota_included, tacit_renewal, revision, coverage, services, proposed_at,
                    activated_at, version)
                SELECT 'bench-c-' || i, 'BENCH-C-' || i, 'client-a', NULL, NULL, 'Contrat ' || i, 'MAINTENANCE',
                    (ARRAY['PREVENTIVE','CURATIVE','FULL','BASIC'])[1 + i %% 4], 'ACTIVE', current_date - 200,
                    current_date + 165 + i %% 200, 1200000, 'XOF', 'YEARLY', 8, 'ALWAYS', 'UTC',
                    CASE WHEN i %% 3 = 0 THEN NULL ELSE 50 END, true, 1, '{}', '[]', now() - interval '220 days',
                    now() - interval '200 days', 1
                FROM generate_series(0, %d) AS i""".formatted(CONTRACTS - 1));
        sql.execute("""
                INSERT INTO read_contract_period (contract_id, period_index, start_date, end_date, used, annual_price_minor)
                SELECT contract_id, 0, start_date, end_date, 3, annual_price_minor FROM read_contract
                WHERE contract_id LIKE 'bench-c-%'""");
        // 5 % workable (recent), 2 % rejected, 10 % billable; responses for the others, some late
        sql.execute("""
                INSERT INTO read_ticket (ticket_id, number, client_id, project_id, contract_id, title, severity, origin,
                    status, covered, coverage_reason_code, billing_approved, sla_hours, support_hours, time_zone,
                    opened_at, sla_deadline, responded_at, sla_met, resolved_at, closed_at, version, applied)
                SELECT 'bench-t-' || i, 'BENCH-T-' || i, 'client-a', 'bench-p-' || (i %% %d), 'bench-c-' || (i %% %d),
                    'Incident ' || i, (ARRAY['CRITICAL','MAJOR','MINOR'])[1 + i %% 3], 'CLIENT',
                    CASE WHEN i %% 20 = 0 THEN 'OPEN' WHEN i %% 20 = 1 THEN 'IN_PROGRESS' WHEN i %% 50 = 2 THEN 'REJECTED'
                         WHEN i %% 3 = 0 THEN 'RESOLVED' ELSE 'CLOSED' END,
                    i %% 10 <> 9, CASE WHEN i %% 10 <> 9 THEN 'COVERED' ELSE 'NO_CONTRACT' END, i %% 20 = 9,
                    CASE WHEN i %% 10 <> 9 THEN 8 END, CASE WHEN i %% 10 <> 9 THEN 'ALWAYS' END,
                    CASE WHEN i %% 10 <> 9 THEN 'UTC' END,
                    opened, opened + interval '8 hours',
                    CASE WHEN i %% 20 > 1 AND NOT (i %% 50 = 2) THEN opened + (i %% 12) * interval '1 hour' END,
                    CASE WHEN i %% 20 > 1 AND NOT (i %% 50 = 2) THEN i %% 12 <= 8 END,
                    CASE WHEN i %% 20 > 1 AND NOT (i %% 50 = 2) THEN opened + (24 + i %% 72) * interval '1 hour' END,
                    CASE WHEN i %% 20 > 1 AND NOT (i %% 50 = 2) AND i %% 3 <> 0 THEN opened + interval '5 days' END,
                    5, 6
                FROM (SELECT i, CASE WHEN i %% 20 < 2 THEN now() - (i %% 240) * interval '1 hour'
                                     ELSE now() - (i %% 365) * interval '1 day' - (i %% 86400) * interval '1 second'
                                END AS opened
                      FROM generate_series(0, %d) AS i) s""".formatted(PROJECTS, CONTRACTS, TICKETS - 1));
        sql.execute("""
                INSERT INTO read_sla_ticket (ticket_id, number, client_id, project_id, contract_id, severity, status,
                    covered, billing_approved, sla_hours, support_hours, time_zone, opened_at, month, assignee_id,
                    responded_at, resolved_at, response_outcome, business_response_seconds, business_resolution_seconds,
                    version, applied)
                SELECT ticket_id, number, client_id, 'bench-p-' || (substr(ticket_id, 9)::int %% %d), contract_id,
                    severity, status, covered, billing_approved, sla_hours, support_hours, time_zone, opened_at,
                    to_char(opened_at AT TIME ZONE 'UTC', 'YYYY-MM'), assignee_id, responded_at, resolved_at,
                    CASE WHEN covered AND status <> 'REJECTED' AND responded_at IS NOT NULL
                         THEN CASE WHEN sla_met THEN 'MET' ELSE 'BREACHED' END END,
                    CASE WHEN covered AND status <> 'REJECTED' AND responded_at IS NOT NULL
                         THEN extract(epoch FROM responded_at - opened_at)::bigint END,
                    CASE WHEN covered AND status <> 'REJECTED' AND resolved_at IS NOT NULL
                         THEN extract(epoch FROM resolved_at - opened_at)::bigint END,
                    5, 6
                FROM read_ticket WHERE ticket_id LIKE 'bench-t-%%'""".formatted(PROJECTS));
        sql.execute("""
                INSERT INTO read_sla_rollup AS t
                SELECT month, project_id, status, severity, covered, billing_approved, count(*),
                    count(*) FILTER (WHERE response_outcome = 'MET'), count(*) FILTER (WHERE response_outcome = 'BREACHED'),
                    count(responded_at), coalesce(sum(extract(epoch FROM responded_at - opened_at) * 1000000), 0),
                    count(resolved_at), coalesce(sum(extract(epoch FROM resolved_at - opened_at) * 1000000), 0),
                    count(business_response_seconds), coalesce(sum(business_response_seconds), 0),
                    count(business_resolution_seconds), coalesce(sum(business_resolution_seconds), 0)
                FROM read_sla_ticket WHERE ticket_id LIKE 'bench-t-%'
                GROUP BY month, project_id, status, severity, covered, billing_approved""");
        sql.execute("""
                INSERT INTO read_sla_contract_rollup
                SELECT contract_id, month, count(*) FILTER (WHERE covered), count(*) FILTER (WHERE NOT covered),
                    count(*) FILTER (WHERE response_outcome = 'MET'), count(*) FILTER (WHERE response_outcome = 'BREACHED')
                FROM read_sla_ticket WHERE ticket_id LIKE 'bench-t-%' AND contract_id IS NOT NULL
                GROUP BY contract_id, month""");
        sql.execute("""
                INSERT INTO read_sla_histogram AS t
                SELECT month, metric, CASE WHEN v <= 0 THEN 0 WHEN v < 1 THEN 1
                                           ELSE 2 + floor(ln(v) / ln(1.04))::int END AS bucket, count(*)
                FROM (SELECT month, 1::smallint AS metric, extract(epoch FROM responded_at - opened_at)::float8 AS v
                        FROM read_sla_ticket WHERE ticket_id LIKE 'bench-t-%' AND responded_at IS NOT NULL
                      UNION ALL SELECT month, 2, extract(epoch FROM resolved_at - opened_at)::float8
                        FROM read_sla_ticket WHERE ticket_id LIKE 'bench-t-%' AND resolved_at IS NOT NULL
                      UNION ALL SELECT month, 3, business_response_seconds
                        FROM read_sla_ticket WHERE ticket_id LIKE 'bench-t-%' AND business_response_seconds IS NOT NULL
                      UNION ALL SELECT month, 4, business_resolution_seconds
                        FROM read_sla_ticket WHERE ticket_id LIKE 'bench-t-%' AND business_resolution_seconds IS NOT NULL) v
                GROUP BY 1, 2, 3
                ON CONFLICT (month, metric, bucket) DO UPDATE SET n = t.n + excluded.n""");
    }

    /** Printed as it comes (a benchmark that stops half-way still leaves its figures), and in the summary. */
    private static void line(StringBuilder report, String line) {
        System.out.println("DashboardScaleBenchmark: " + line);
        report.append(line).append('\n');
    }

    private static long count(FaultRig rig, String sql) throws Exception {
        return rig.queryLong(sql);
    }

    private static void drain(Statement sql, String query) throws Exception {
        try (ResultSet rows = sql.executeQuery(query)) {
            while (rows.next()) {
                rows.getObject(1);
            }
        }
    }

    private static final String BASIC = "Basic " + Base64.getEncoder()
            .encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));

    private static String get(String url) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", BASIC).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("%s: %s", url, response.body()).isEqualTo(200);
            return response.body();
        }
    }

    private static void awaitOk(String url) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                get(url);
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    record Latency(double p50, double p99, double perSecond, int errors) {
    }

    private static Latency run(String url, int clients, int requests) throws Exception {
        List<Double> millis = Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicInteger errors = new java.util.concurrent.atomic.AtomicInteger();
        try (HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(clients)).build();
             ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", BASIC).build();
            long start = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < requests / clients; i++) {
                        long t = System.nanoTime();
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        millis.add((System.nanoTime() - t) / 1e6);
                        if (response.statusCode() != 200) {
                            errors.incrementAndGet(); // counted and reported (a 503 DATABASE_BUSY under overload)
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            List<Double> sorted = new ArrayList<>(millis);
            Collections.sort(sorted);
            return new Latency(sorted.get(sorted.size() / 2), sorted.get(Math.min(sorted.size() - 1,
                    (int) Math.ceil(sorted.size() * 0.99) - 1)), sorted.size() / seconds, errors.get());
        }
    }
}
