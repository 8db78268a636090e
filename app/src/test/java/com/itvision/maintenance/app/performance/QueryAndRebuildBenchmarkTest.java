package com.itvision.maintenance.app.performance;

import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.app.support.Api;
import com.itvision.maintenance.app.MaintenanceApplication;
import com.itvision.maintenance.app.support.MutableClock;
import com.itvision.maintenance.app.support.TestClockConfiguration;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import com.itvision.maintenance.kernel.common.Actor;
import com.itvision.maintenance.kernel.common.ClientId;
import com.itvision.maintenance.kernel.common.Role;
import com.itvision.maintenance.projections.support.Projections;
import com.itvision.maintenance.query.contract.ContractQueries;
import com.itvision.maintenance.query.support.Paging;
import com.itvision.maintenance.query.support.QueryScope;
import com.itvision.maintenance.query.ticket.TicketQueries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Issue 9, "Queries" and "Rebuild", measured in one run on this machine (ADR 0020). Not a test of correctness
 * beyond what it verifies on the way; it prints figures and never asserts a time.
 * <ol>
 *   <li>Read models filled directly in SQL, cloning demo rows: 100 000 tickets (1 000 of client-a), 100 000
 *       billets, 10 000 contracts (100 of client-a) with their periods, 30 000 interventions; verified by
 *       counts and by reading a cloned ticket over HTTP.</li>
 *   <li>{@code GET /tickets/{id}} (admin), {@code GET /tickets} (admin, first page), {@code GET /portal/contracts}
 *       (client-a) at 8 and 32 clients with bearer tokens (so HTTP Basic's BCrypt is not in the figures),
 *       p50/p99 next to the same statements the query side sent (captured from jOOQ, parameters inlined) run
 *       directly over JDBC by as many clients, each on a connection of its own.</li>
 *   <li>~1 000 000 events in the store's format: the events of a demo ticket and of a demo contract, copied
 *       with new aggregate ids and numbers (the live processors are stopped first, so they do not compete);
 *       then, for each read model, the limit (1000-row windows of the event table and one batched upsert of
 *       the rows that read model handles per window, in one transaction per window) and its blue/green
 *       rebuild through the API until DONE, events/s for both, and the peak heap of this JVM (application and
 *       test) during the rebuild. The rebuilt ticket read model is verified: one row per copied ticket, no
 *       dead letter, and the live table never fewer rows during the rebuild than before it.</li>
 * </ol>
 * Size with {@code -Dbench.events=200000} for a quicker run, {@code -Dbench.groups=ticket-projection} to rebuild
 * only some read models, {@code -Dbench.jfr=true} for JFR profiles of each phase in {@code app/target}.
 */
@Tag("scale")
@SpringBootTest(classes = MaintenanceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestClockConfiguration.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class QueryAndRebuildBenchmarkTest {
    private static final int TICKETS = 100_000;
    private static final int CONTRACTS = 10_000;
    private static final int EVENTS = Integer.getInteger("bench.events", 1_000_000);
    private static final Path DIR = tempDir();
    private static final KeyPair KEYS = keys();
    /** Demo users: name, user id, role, client. */
    private static final Map<String, String[]> USERS = Map.of(
            "admin", new String[] {"user-admin", "ADMIN", null},
            "lead", new String[] {"user-lead", "PROJECT_LEAD", null},
            "tech", new String[] {"user-tech", "TECHNICIAN", null},
            "client", new String[] {"user-client", "CLIENT", "client-a"});
    private static final Map<String, String> TOKENS = new java.util.concurrent.ConcurrentHashMap<>();

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;

    @Autowired
    DSLContext dsl;
    @Autowired
    Clock appClock;
    @Autowired
    JdbcConnectionDetails connection;
    @Autowired
    EventProcessingConfiguration processing;

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        registry.add("maintenance.embedded-db.data-dir", () -> DIR.resolve("db").toString());
        registry.add("maintenance.demo.enabled", () -> "true");
        registry.add("maintenance.reconciliation.initial-delay", () -> "1h");
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location",
                () -> "file:" + DIR.resolve("public.pem"));
        registry.add("maintenance.audit.seal-interval", () -> "1h");
    }

    /** The figures, printed as they come (a run stopped half-way still shows them) and again at the end. */
    private final StringBuilder report = new StringBuilder();

    private void line(String text) {
        report.append(text);
        System.out.print("[bench] " + text);
        System.out.flush();
    }

    @Test
    @Timeout(value = 40, unit = TimeUnit.MINUTES)
    void queries_next_to_their_own_sql_and_rebuilds_next_to_the_windowed_read_and_batched_upsert_limit()
            throws Exception {
        awaitDemo();
        try (Connection db = connect()) {
            fillReadModels(db);
            try (Profile profile = Profile.start("queries")) {
                queries(db);
            }
            rebuilds(db);
        } finally {
            System.out.println("=== summary ===" + report);
        }
    }

    // ---------------------------------------------------------------- read models for the queries

    private void fillReadModels(Connection db) throws SQLException {
        long started = System.nanoTime();
        String ticket = string(db, "SELECT ticket_id FROM read_ticket WHERE covered ORDER BY opened_at LIMIT 1");
        String billet = string(db, "SELECT billet_id FROM read_billet LIMIT 1");
        String contract = string(db, "SELECT contract_id FROM read_contract WHERE status = 'ACTIVE' LIMIT 1");
        String intervention = string(db, "SELECT intervention_id FROM read_intervention LIMIT 1");
        String client = "CASE WHEN i % 100 = 0 THEN 'client-a' ELSE 'bench-client-' || (i % 100) END";
        clone(db, "read_contract", "contract_id = '" + contract + "'", 1, CONTRACTS, Map.of(
                "contract_id", "'bench-k-' || i", "number", "'BK-' || i", "client_id", client));
        clone(db, "read_contract_period", "contract_id = '" + contract + "'", 1, CONTRACTS, Map.of(
                "contract_id", "'bench-k-' || i"));
        clone(db, "read_ticket", "ticket_id = '" + ticket + "'", 1, TICKETS, Map.of(
                "ticket_id", "'bench-t-' || i", "number", "'BT-' || i", "client_id", client,
                "contract_id", "'bench-k-' || (1 + i % " + CONTRACTS + ")",
                "opened_at", "s.opened_at - make_interval(mins => i)"));
        clone(db, "read_ticket_hold", "ticket_id = '" + ticket + "'", 1, TICKETS, Map.of(
                "ticket_id", "'bench-t-' || i"));
        clone(db, "read_billet", "billet_id = '" + billet + "'", 1, TICKETS, Map.of(
                "billet_id", "'bench-b-' || i", "number", "'BB-' || i", "ticket_id", "'bench-t-' || i"));
        clone(db, "read_intervention", "intervention_id = '" + intervention + "'", 1, 3 * CONTRACTS, Map.of(
                "intervention_id", "'bench-i-' || i", "ticket_id", "'bench-t-' || i",
                "contract_id", "'bench-k-' || (1 + i % " + CONTRACTS + ")",
                "client_id", "CASE WHEN (1 + i % " + CONTRACTS + ") % 100 = 0 THEN 'client-a' ELSE 'bench-client-' "
                        + "|| ((1 + i % " + CONTRACTS + ") % 100) END",
                "started_at", "s.started_at - make_interval(mins => i)",
                "ended_at", "s.ended_at - make_interval(mins => i)"));
        try (Statement sql = db.createStatement()) {
            sql.execute("ANALYZE");
        }
        assertThat(count(db, "SELECT count(*) FROM read_ticket WHERE ticket_id LIKE 'bench-t-%'")).isEqualTo(TICKETS);
        assertThat(count(db, "SELECT count(*) FROM read_contract WHERE contract_id LIKE 'bench-k-%'")).isEqualTo(CONTRACTS);
        Api.Response one = get("admin", "/api/v1/tickets/bench-t-4242");
        assertThat(one.status()).as("%s", one).isEqualTo(200);
        assertThat(one.json().path("id").asString()).isEqualTo("bench-t-4242");
        line("%n=== Queries and rebuilds (issue 9), %d cores, max heap %d MB ===%n".formatted(
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20));
        line("read models filled in %d ms: %d tickets, %d billets, %d contracts (+ periods), %d interventions%n"
                .formatted(millisSince(started), count(db, "SELECT count(*) FROM read_ticket"),
                        count(db, "SELECT count(*) FROM read_billet"), count(db, "SELECT count(*) FROM read_contract"),
                        count(db, "SELECT count(*) FROM read_intervention")));
    }

    /** Copies the row of {@code table} matching {@code where} for i in [from, to], with {@code overrides}. */
    private static void clone(Connection db, String table, String where, int from, int to,
                              Map<String, String> overrides) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement query = db.prepareStatement("SELECT column_name FROM information_schema.columns "
                + "WHERE table_schema = current_schema() AND table_name = ? AND is_generated = 'NEVER' "
                + "AND is_identity = 'NO' AND coalesce(column_default, '') NOT LIKE 'nextval%' ORDER BY ordinal_position")) {
            query.setString(1, table);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    columns.add(rows.getString(1));
                }
            }
        }
        String values = String.join(", ", columns.stream().map(c -> overrides.getOrDefault(c, "s." + c)).toList());
        try (Statement sql = db.createStatement()) {
            int n = sql.executeUpdate("INSERT INTO " + table + " (" + String.join(", ", columns) + ") SELECT " + values
                    + " FROM (SELECT * FROM " + table + " WHERE " + where + ") s, generate_series(" + from + ", " + to
                    + ") AS i");
            assertThat(n).as("rows cloned into %s", table).isGreaterThanOrEqualTo(to - from + 1);
        }
    }

    // ---------------------------------------------------------------- queries

    private void queries(Connection db) throws Exception {
        Actor admin = Actor.of("user-admin", Role.ADMIN);
        Actor client = Actor.client("user-client", ClientId.of("client-a"));
        String sample = "bench-t-1";
        Map<String, List<String>> sql = new LinkedHashMap<>();
        TicketQueries tickets = new TicketQueries(capturing(sql, "detail"), appClock);
        tickets.get(QueryScope.of(admin, dsl), sample);
        TicketQueries listing = new TicketQueries(capturing(sql, "list"), appClock);
        listing.list(QueryScope.of(admin, dsl), new TicketQueries.Filter(null, null, null, null, null, null, null,
                null, null, null), null, Paging.of(0, 50));
        ContractQueries portal = new ContractQueries(capturing(sql, "portal"), appClock);
        portal.portal(QueryScope.of(client, dsl));
        line("statements per request: detail %d, list %d, portal %d%n".formatted(sql.get("detail").size(),
                sql.get("list").size(), sql.get("portal").size()));
        Api.Response portalResponse = get("client", "/api/v1/portal/contracts");
        assertThat(portalResponse.status()).as("%s", portalResponse).isEqualTo(200);
        line("portal of client-a: %d contracts%n".formatted(portalResponse.json().path("contracts").size()));

        Map<String, IntFunction<Object>> reads = new LinkedHashMap<>();
        line("%-28s %7s %8s %8s | %8s %8s | %6s %6s%n".formatted("GET (clients)", "req/s", "p50 ms", "p99 ms",
                "SQL p50", "SQL p99", "p50 x", "p99 x"));
        // the first measured row was also the application's first load (JIT, pools): one unreported round first
        row(db, null, 8, i -> "/api/v1/tickets/bench-t-" + (1 + i % TICKETS), "admin", i -> sql.get("list"));
        row(db, null, 8, i -> "/api/v1/tickets", "admin", i -> sql.get("list"));
        row(db, null, 8, i -> "/api/v1/portal/contracts", "client", i -> sql.get("portal"));
        for (int clients : new int[] {8, 32}) {
            row(db, "/tickets/{id}", clients, i -> "/api/v1/tickets/bench-t-" + (1 + i % TICKETS), "admin",
                    i -> replaceAll(sql.get("detail"), sample, "bench-t-" + (1 + i % TICKETS)));
            row(db, "/tickets (page 0)", clients, i -> "/api/v1/tickets", "admin", i -> sql.get("list"));
            row(db, "/portal/contracts", clients, i -> "/api/v1/portal/contracts", "client", i -> sql.get("portal"));
        }
    }

    private void row(Connection db, String name, int clients, IntFunction<String> path, String user,
                     IntFunction<List<String>> statements) throws Exception {
        var executor = java.util.concurrent.Executors.newFixedThreadPool(clients);
        HttpClient http = HttpClient.newBuilder().executor(executor).build();
        String token = "Bearer " + token(user);
        Latencies api = drive(clients, i -> {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path.apply(i)))
                    .header("Authorization", token).GET().build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(path.apply(i) + ": " + response.statusCode() + " " + response.body());
            }
        }, null);
        http.close();
        executor.shutdown();
        Latencies direct = drive(clients, i -> {
        }, statements);
        if (name == null) {
            return;
        }
        line("%-28s %7.0f %8.2f %8.2f | %8.2f %8.2f | %6.1f %6.1f%n".formatted(name + " (" + clients + ")",
                api.perSecond, api.p(50), api.p(99), direct.p(50), direct.p(99), api.p(50) / direct.p(50),
                api.p(99) / direct.p(99)));
    }

    private record Latencies(long[] nanos, double perSecond) {
        double p(int percent) {
            return nanos[Math.min(nanos.length - 1, (int) Math.ceil(nanos.length * percent / 100.0) - 1)] / 1e6;
        }
    }

    private interface Call {
        void run(int i) throws Exception;
    }

    /** {@code clients} threads: 2 s of warm-up, then 5 s measured; over JDBC when {@code statements} is given. */
    private Latencies drive(int clients, Call call, IntFunction<List<String>> statements) throws Exception {
        List<long[]> all = new ArrayList<>();
        AtomicInteger next = new AtomicInteger(ThreadLocalRandom.current().nextInt(TICKETS));
        AtomicLong measureFrom = new AtomicLong(System.nanoTime() + 2_000_000_000L);
        long end = measureFrom.get() + 5_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicLong measured = new AtomicLong();
        for (int t = 0; t < clients; t++) {
            long[] mine = new long[200_000];
            all.add(mine);
            int slot = t;
            threads.add(Thread.ofPlatform().start(() -> {
                int n = 0;
                try (Connection own = statements == null ? null : connect()) {
                    while (true) {
                        long start = System.nanoTime();
                        if (start >= end) {
                            break;
                        }
                        int i = next.getAndIncrement();
                        if (own == null) {
                            call.run(i);
                        } else {
                            runAll(own, statements.apply(i));
                        }
                        long took = System.nanoTime() - start;
                        if (start >= measureFrom.get() && n < mine.length) {
                            mine[n++] = took;
                        }
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
                all.set(slot, Arrays.copyOf(mine, n));
                measured.addAndGet(n);
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(failures).isEmpty();
        long[] merged = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Latencies(merged, merged.length / 5.0);
    }

    private static void runAll(Connection db, List<String> statements) throws SQLException {
        try (Statement sql = db.createStatement()) {
            for (String statement : statements) {
                try (ResultSet rows = sql.executeQuery(statement)) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        for (int c = 1; c <= columns; c++) {
                            rows.getObject(c);
                        }
                    }
                }
            }
        }
    }

    private DSLContext capturing(Map<String, List<String>> sql, String name) {
        List<String> statements = new ArrayList<>();
        sql.put(name, statements);
        return dsl.configuration().derive(new ExecuteListener() {
            @Override
            public void executeStart(ExecuteContext ctx) {
                if (ctx.query() != null) {
                    statements.add(dsl.renderInlined(ctx.query()));
                }
            }
        }).dsl();
    }

    private static List<String> replaceAll(List<String> statements, String from, String to) {
        return statements.stream().map(s -> s.replace("'" + from + "'", "'" + to + "'")).toList();
    }

    // ---------------------------------------------------------------- rebuilds

    private void rebuilds(Connection db) throws Exception {
        // the rows written directly for the queries are no read model of any event: gone before the rebuilds
        try (Statement sql = db.createStatement()) {
            for (String table : List.of("read_ticket", "read_ticket_hold", "read_billet", "read_intervention",
                    "read_contract", "read_contract_period")) {
                String key = switch (table) {
                    case "read_ticket", "read_ticket_hold" -> "ticket_id";
                    case "read_billet" -> "billet_id";
                    case "read_intervention" -> "intervention_id";
                    default -> "contract_id";
                };
                sql.executeUpdate("DELETE FROM " + table + " WHERE " + key + " LIKE 'bench-%'");
            }
            sql.execute("ANALYZE");
        }
        processing.eventProcessors().values().forEach(p -> {
            if (p instanceof StreamingEventProcessor streaming) {
                streaming.shutDown();
            }
        });
        long before = head();
        // one ticket's family (the ticket, its billet, its intervention: three aggregates) and one demo contract
        String ticket = string(db, "SELECT aggregate_identifier FROM domain_event_entry "
                + "WHERE payload_type LIKE '%TicketOpened' ORDER BY global_index DESC LIMIT 1");
        String billet = string(db, "SELECT billet_id FROM read_billet WHERE ticket_id = '" + ticket + "'");
        String intervention = string(db, "SELECT intervention_id FROM read_intervention WHERE ticket_id = '" + ticket + "'");
        String contract = string(db, "SELECT aggregate_identifier FROM domain_event_entry WHERE aggregate_identifier IN "
                + "(SELECT aggregate_identifier FROM domain_event_entry WHERE payload_type LIKE '%ContractDrafted') "
                + "GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1");
        List<String> family = List.of(ticket, billet, intervention);
        long perTicket = count(db, "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier IN ('"
                + String.join("', '", family) + "')");
        long perContract = count(db, "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = '" + contract + "'");
        int ticketCopies = (int) (EVENTS * 0.85 / perTicket);
        int contractCopies = (int) (EVENTS * 0.15 / perContract);
        long started = System.nanoTime();
        copyEvents(db, family, List.of("bench-e-t-", "bench-e-b-", "bench-e-i-"), "BE-", ticketCopies);
        copyEvents(db, List.of(contract), List.of("bench-e-k-"), "BEK-", contractCopies);
        try (Statement sql = db.createStatement()) {
            sql.execute("ANALYZE domain_event_entry");
        }
        long head = head();
        line(("%nevents: %d copied in %d ms (%d tickets x %d events of ticket %s, its billet and intervention; "
                + "%d contracts x %d events of %s); store head %d%n").formatted(head - before, millisSince(started),
                ticketCopies, perTicket, ticket, contractCopies, perContract, contract, head));
        line("%-26s %10s %10s %7s %9s %11s%n".formatted("read model", "events/s", "limit/s", "ratio",
                "seconds", "peak heap"));
        Map<String, String> handles = Map.of(Projections.TICKETS, "%.ticket.%", Projections.CONTRACTS, "%.contract.%",
                Projections.BILLETS, "%.billet.%", Projections.INTERVENTIONS, "%.intervention.%",
                Projections.DIRECTORY, "%.directory.%");
        long ticketRowsBefore = count(db, "SELECT count(*) FROM read_ticket");
        List<String> groups = System.getProperty("bench.groups") == null ? List.of(Projections.TICKETS,
                Projections.CONTRACTS, Projections.BILLETS, Projections.INTERVENTIONS, Projections.DIRECTORY)
                : List.of(System.getProperty("bench.groups").split(","));
        for (String group : groups) {
            double limit = limit(db, handles.get(group));
            Profile profile = Profile.start("rebuild-" + group);
            AtomicLong fewest = new AtomicLong(Long.MAX_VALUE);
            AtomicBoolean watching = new AtomicBoolean(true);
            Thread watcher = group.equals(Projections.TICKETS) ? Thread.ofPlatform().start(() -> {
                try (Connection own = connect()) {
                    while (watching.get()) {
                        fewest.accumulateAndGet(count(own, "SELECT count(*) FROM read_ticket"), Math::min);
                        Thread.sleep(200);
                    }
                } catch (Exception e) {
                    fewest.set(-1);
                }
            }) : null;
            long peak = 0;
            long t0 = System.nanoTime();
            Api.Response requested = post("admin", "/api/v1/admin/projections/" + group + "/rebuild");
            assertThat(requested.status()).as("%s", requested).isEqualTo(202);
            String status = null;
            while (System.nanoTime() - t0 < TimeUnit.MINUTES.toNanos(10)) {
                System.gc();
                peak = Math.max(peak, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                status = get("admin", "/api/v1/admin/projections/" + group + "/rebuild").json().path("status").asString();
                if (!List.of("REQUESTED", "BUILDING", "SWAPPING").contains(status)) {
                    break;
                }
                Thread.sleep(250);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            profile.close();
            watching.set(false);
            if (watcher != null) {
                watcher.join();
            }
            assertThat(status).as("rebuild of %s", group).isEqualTo("DONE");
            double rate = head / seconds;
            line("%-26s %10.0f %10.0f %7.2f %9.1f %8d MB%n".formatted(group, rate, limit, rate / limit,
                    seconds, peak >> 20));
            if (watcher != null) {
                line("  read_ticket during its rebuild: never fewer than %d rows (%d before)%n".formatted(
                        fewest.get(), ticketRowsBefore));
                assertThat(fewest.get()).isGreaterThanOrEqualTo(ticketRowsBefore);
                assertThat(count(db, "SELECT count(*) FROM read_ticket WHERE ticket_id LIKE 'bench-e-t-%'"))
                        .isEqualTo(ticketCopies);
            }
        }
        assertThat(count(db, "SELECT count(*) FROM dead_letter_entry")).as("dead letters").isZero();
    }

    /**
     * Copies every event of {@code aggregates} {@code copies} times, in their order: copy i replaces each
     * aggregate id (in the row and in every payload) by its prefix + i and every "number" by number + i; new
     * event ids. The events are the store's own, serialized by the application: only ids and numbers differ.
     */
    private static void copyEvents(Connection db, List<String> aggregates, List<String> prefixes, String number,
                                   int copies) throws SQLException {
        String payload = "convert_from(e.payload, 'UTF8')";
        String aggregate = "e.aggregate_identifier";
        for (int a = 0; a < aggregates.size(); a++) {
            payload = "replace(" + payload + ", '" + aggregates.get(a) + "', '" + prefixes.get(a) + "' || i)";
            aggregate = "replace(" + aggregate + ", '" + aggregates.get(a) + "', '" + prefixes.get(a) + "' || i)";
        }
        // small statements, each followed by ANALYZE: the audit trigger's lookup of an aggregate's previous event
        // is planned once per session, and a plan made while the table was small (a sequential scan) made one
        // big INSERT ... SELECT quadratic
        long perCopy = count(db, "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier IN ('"
                + String.join("', '", aggregates) + "')");
        int chunk = (int) Math.max(1, 10_000 / perCopy);
        for (int from = 1; from <= copies; from += chunk) {
            int to = Math.min(copies, from + chunk - 1);
            try (Statement sql = db.createStatement()) {
                sql.executeUpdate("""
                        INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                                                        time_stamp, payload_type, payload_revision, payload, meta_data)
                        SELECT gen_random_uuid()::text, %s, e.sequence_number, e.type, e.time_stamp, e.payload_type,
                               e.payload_revision,
                               convert_to(regexp_replace(%s, '"number":"[^"]*"', '"number":"%s' || i || '"', 'g'), 'UTF8'),
                               e.meta_data
                        FROM domain_event_entry e, generate_series(%d, %d) AS i
                        WHERE e.aggregate_identifier IN ('%s')
                        ORDER BY i, e.global_index""".formatted(aggregate, payload, number, from, to,
                        String.join("', '", aggregates)));
                sql.execute("ANALYZE domain_event_entry");
            }
        }
    }

    /**
     * The physical limit for one read model: the event table read in 1000-row windows by global index, and per
     * window one batched upsert of the rows of the events that read model handles (event id, aggregate,
     * payload) into a scratch table, one transaction per window. Events per second over the whole store.
     */
    private double limit(Connection db, String handled) throws SQLException {
        try (Statement sql = db.createStatement()) {
            sql.execute("DROP TABLE IF EXISTS bench_limit");
            sql.execute("CREATE TABLE bench_limit (id text PRIMARY KEY, aggregate text NOT NULL, seq bigint NOT NULL, "
                    + "payload bytea)");
        }
        boolean autoCommit = db.getAutoCommit();
        db.setAutoCommit(false);
        long started = System.nanoTime();
        long events = 0;
        try (PreparedStatement read = db.prepareStatement("SELECT global_index, event_identifier, aggregate_identifier, "
                + "sequence_number, payload_type, payload, meta_data FROM domain_event_entry WHERE global_index > ? "
                + "ORDER BY global_index LIMIT 1000");
             PreparedStatement upsert = db.prepareStatement("INSERT INTO bench_limit (id, aggregate, seq, payload) "
                     + "VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, payload = excluded.payload")) {
            String pattern = handled.replace("%", ".*");
            long after = -1;
            while (true) {
                read.setLong(1, after);
                int n = 0;
                try (ResultSet rows = read.executeQuery()) {
                    while (rows.next()) {
                        n++;
                        after = rows.getLong(1);
                        rows.getBytes(7);
                        if (rows.getString(5).matches(pattern)) {
                            upsert.setString(1, rows.getString(2));
                            upsert.setString(2, rows.getString(3));
                            upsert.setLong(3, rows.getLong(4));
                            upsert.setBytes(4, rows.getBytes(6));
                            upsert.addBatch();
                        }
                    }
                }
                upsert.executeBatch();
                db.commit();
                events += n;
                if (n < 1000) {
                    break;
                }
            }
        } finally {
            db.setAutoCommit(autoCommit);
        }
        try (Statement sql = db.createStatement()) {
            sql.execute("DROP TABLE bench_limit");
        }
        return events / ((System.nanoTime() - started) / 1e9);
    }

    // ---------------------------------------------------------------- plumbing

    /** With {@code -Dbench.jfr=true}: a JFR profile of a phase, in target/bench-&lt;phase&gt;.jfr (application and test). */
    private record Profile(jdk.jfr.Recording recording, String phase) implements AutoCloseable {
        static Profile start(String phase) throws IOException, java.text.ParseException {
            if (!Boolean.getBoolean("bench.jfr")) {
                return new Profile(null, phase);
            }
            jdk.jfr.Recording recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
            recording.start();
            return new Profile(recording, phase);
        }

        @Override
        public void close() throws IOException {
            if (recording != null) {
                recording.stop();
                recording.dump(Path.of("target", "bench-" + phase + ".jfr"));
                recording.close();
            }
        }
    }

    /** Waits for the demo data, then runs one ticket through its lifecycle: the rows and events cloned below. */
    private void awaitDemo() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (get("client", "/api/v1/portal/contracts").json().path("contracts").size() == 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the demo data never showed in the read models");
            }
            Thread.sleep(250);
        }
        Instant opened = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(2));
        clock.set(opened);
        String ticket;
        try {
            ticket = created(send("lead", "POST", "/api/v1/tickets", Map.of("projectId", "project-a-ecommerce",
                    "contractId", "contract-a-corrective", "title", "Benchmark incident", "description",
                    "Les utilisateurs reçoivent une erreur 500", "severity", "MAJOR")));
        } finally {
            clock.reset();
        }
        for (int i = 0; i < 3; i++) {
            ok(send("lead", "POST", "/api/v1/tickets/" + ticket + "/hold", Map.of("reason", "Attente du client")));
            ok(send("lead", "POST", "/api/v1/tickets/" + ticket + "/resume", Map.of("reason", "Réponse reçue")));
        }
        String billet = created(send("lead", "POST", "/api/v1/tickets/" + ticket + "/billets", Map.of(
                "technicianId", "user-tech", "type", "CORRECTION", "estimatedHours", 1,
                "instructions", "Vérifier la configuration")));
        Instant end = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(10));
        String intervention = created(send("tech", "POST", "/api/v1/billets/" + billet + "/interventions", Map.of(
                "description", "Analyse des logs et correction", "startedAt", end.minus(Duration.ofMinutes(15)).toString(),
                "endedAt", end.toString(), "hoursSpent", 0.25)));
        ok(send("tech", "PUT", "/api/v1/interventions/" + intervention + "/report", Map.of(
                "initialProblem", "Erreur 500 lors du paiement par CB", "rootCause", "Clé API expirée",
                "solution", "Nouvelle clé API", "systemImpact", "Module de paiement uniquement")));
        ok(send("lead", "POST", "/api/v1/interventions/" + intervention + "/report/validate", null));
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (jdbc.sql("SELECT count(*) FROM read_intervention WHERE report_status = 'VALIDATED'").query(Long.class)
                .single() == 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the benchmark's ticket never showed in the read models");
            }
            Thread.sleep(100);
        }
    }

    private static Api.Response ok(Api.Response response) {
        assertThat(response.status()).as("%s", response).isBetween(200, 299);
        return response;
    }

    private static String created(Api.Response response) {
        assertThat(response.status()).as("%s", response).isEqualTo(201);
        return response.json().path("id").asString();
    }

    private long head() {
        return jdbc.sql("SELECT coalesce(max(global_index), 0) FROM domain_event_entry").query(Long.class).single();
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(connection.getJdbcUrl(), connection.getUsername(), connection.getPassword());
    }

    private Api.Response get(String user, String path) {
        return send(user, HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET());
    }

    private Api.Response post(String user, String path) {
        return send(user, "POST", path, null);
    }

    private Api.Response send(String user, String method, String path, Object body) {
        String json = body == null ? "{}" : Api.JSON.writeValueAsString(body);
        return send(user, HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json)));
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Api.Response send(String user, HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.header("Authorization", "Bearer " + token(user)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Map<String, String> headers = new LinkedHashMap<>();
            response.headers().map().forEach((k, v) -> headers.put(k, String.join(",", v)));
            return new Api.Response(response.statusCode(), headers, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String string(Connection db, String query) throws SQLException {
        try (Statement sql = db.createStatement(); ResultSet rows = sql.executeQuery(query)) {
            assertThat(rows.next()).as(query).isTrue();
            return rows.getString(1);
        }
    }

    private static long count(Connection db, String query) throws SQLException {
        try (Statement sql = db.createStatement(); ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static String token(String user) {
        return TOKENS.computeIfAbsent(user, name -> {
            String[] demo = USERS.get(name);
            Instant now = Instant.now();
            JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(demo[0]).claim("roles", List.of(demo[1]))
                    .audience("maintenance-api").issueTime(Date.from(now.minus(Duration.ofDays(30))))
                    .expirationTime(Date.from(now.plus(Duration.ofDays(1))));
            if (demo[2] != null) {
                claims.claim("client_id", demo[2]);
            }
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims.build());
            try {
                jwt.sign(new RSASSASigner(KEYS.getPrivate()));
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
            return jwt.serialize();
        });
    }

    private static KeyPair keys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.writeString(DIR.resolve("public.pem"), "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n");
            return pair;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("maintenance-bench-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try (var paths = Files.walk(dir)) {
                    paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException ignored) {
                    // best effort, at exit
                }
            }));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
