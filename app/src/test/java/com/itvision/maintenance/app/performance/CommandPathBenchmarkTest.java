package com.itvision.maintenance.app.performance;

import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.app.support.Api;
import com.itvision.maintenance.app.support.TokenIntegrationTest;
import com.itvision.maintenance.command.support.CommandReceipt;
import com.itvision.maintenance.kernel.billet.InterventionType;
import com.itvision.maintenance.kernel.common.Actor;
import com.itvision.maintenance.kernel.common.BilletId;
import com.itvision.maintenance.kernel.common.ContractId;
import com.itvision.maintenance.kernel.common.InterventionId;
import com.itvision.maintenance.kernel.common.ProjectId;
import com.itvision.maintenance.kernel.common.Role;
import com.itvision.maintenance.kernel.common.TicketId;
import com.itvision.maintenance.kernel.common.UserId;
import com.itvision.maintenance.kernel.contract.ContractEvent.InterventionQuotaConsumed;
import com.itvision.maintenance.kernel.intervention.InterventionCommands.RecordIntervention;
import com.itvision.maintenance.kernel.ticket.Origin;
import com.itvision.maintenance.kernel.ticket.Severity;
import com.itvision.maintenance.kernel.ticket.TicketCommands.IssueBillet;
import com.itvision.maintenance.kernel.ticket.TicketCommands.OpenTicket;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The command path's cost (issue 9, ADR 0019), printed, never asserted: SQL statements and transactions per
 * command type (counted on the physical connections, {@link CountingJdbc}), then events/s and p50/p99 per
 * command type through HTTP (JWT) and through the CommandGateway at 1, 8 and 32 threads, next to the raw
 * rate of durable single-row inserts into an event-shaped table of the same PostgreSQL in the same run; and
 * the growth check: opening a ticket on, and recording an intervention under, a contract with 10,000
 * interventions against a fresh contract.
 */
@Tag("scale")
@Import(CountingJdbc.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class CommandPathBenchmarkTest extends TokenIntegrationTest {
    /**
     * {@link CountingJdbc} makes this a context of its own, so it needs a database of its own: another
     * {@link TokenIntegrationTest}'s cached context may still run on that class's data directory.
     */
    private static final java.nio.file.Path OWN_DB = ownDatabaseDirectory();

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        registry.add("maintenance.embedded-db.data-dir", OWN_DB::toString);
    }

    private static java.nio.file.Path ownDatabaseDirectory() {
        try {
            return java.nio.file.Files.createTempDirectory("maintenance-command-path-bench-").resolve("db");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static final int[] THREADS = {1, 8, 32};
    private static final int PER_RUN = 256;
    private static final int COUNTED = 40;
    private static final int LONG_HISTORY = 10_000;
    private static final int GROWTH_SAMPLES = 150;
    private static final int TECHNICIANS = 64;
    private static final Actor ADMIN = Actor.of("user-admin", Role.ADMIN);

    @Autowired
    private CommandGateway commands;
    @Autowired
    private EventStorageEngine storage;
    @Autowired
    private PlatformTransactionManager transactions;
    @Autowired
    private DataSource dataSource;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final StringBuilder report = new StringBuilder();
    private final List<String> technicians = new ArrayList<>();
    private final Map<String, AtomicInteger> slots = new ConcurrentHashMap<>();
    private final AtomicLong nextTechnician = new AtomicLong();
    private Instant t0;
    /** Each contract covers a project of its own (two PREVENTIVE contracts of one project would overlap). */
    private final Map<String, String> projectOf = new ConcurrentHashMap<>();

    /** A ticket with its billet: what recording an intervention needs. */
    private record Job(String ticketId, String billetId, String technicianId) {
    }

    private record Run(String label, int threads, int commands, long events, double seconds, long p50Micros,
                       long p99Micros, int failed, String firstFailure) {
        double eventsPerSecond() {
            return events / seconds;
        }

        String line(double limit) {
            return "  %-30s %2d threads: %6.0f commands/s %7.0f events/s  p50 %6.1f ms  p99 %6.1f ms  ratio %.3f%s%n"
                    .formatted(label, threads, commands / seconds, eventsPerSecond(), p50Micros / 1000.0,
                            p99Micros / 1000.0, eventsPerSecond() / limit,
                            failed == 0 ? "" : "  FAILED %d (%s)".formatted(failed, firstFailure));
        }
    }

    // -- the world --

    private JsonNode post(String user, String path, Object body, int expected) throws Exception {
        String token = user.equals("admin") ? token("admin") : token(user, List.of("TECHNICIAN"), null);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s", path, response.body()).isEqualTo(expected);
        return Api.JSON.readTree(response.body());
    }

    private String contract(String client) throws Exception {
        String projectId = post("admin", "/api/v1/projects", Map.of("clientId", client,
                "name", "Bench " + UUID.randomUUID()), 201).path("id").asString();
        LocalDate today = LocalDate.now();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("clientId", client);
        body.put("projectId", projectId);
        body.put("name", "Bench " + UUID.randomUUID());
        body.put("kind", "MAINTENANCE");
        body.put("type", "PREVENTIVE");
        body.put("startDate", today.minusMonths(1).toString());
        body.put("endDate", today.plusMonths(11).toString());
        body.put("slaHours", 24);
        body.put("supportHours", "BUSINESS_HOURS");
        body.put("timeZone", "Africa/Abidjan");
        body.put("annualPrice", Map.of("amountMinor", 1_200_000, "currency", "XOF"));
        body.put("paymentFrequency", "QUARTERLY");
        String id = post("admin", "/api/v1/contracts", body, 201).path("id").asString();
        post("admin", "/api/v1/contracts/" + id + "/activate", Map.of(), 200);
        projectOf.put(id, projectId);
        return id;
    }

    private String technician() {
        return technicians.get((int) (nextTechnician.getAndIncrement() % technicians.size()));
    }

    /** A free 36-second interval of the technician's, after the tickets' opening at {@link #t0}. */
    private Instant[] slot(String technicianId) {
        int k = slots.computeIfAbsent(technicianId, t -> new AtomicInteger()).getAndIncrement();
        Instant start = t0.plus(Duration.ofMinutes(2)).plusSeconds(45L * k);
        assertThat(start).isBefore(Instant.now().minus(Duration.ofMinutes(10)));
        return new Instant[]{start, start.plusSeconds(36)};
    }

    private OpenTicket openTicket(String contractId) {
        return new OpenTicket(TicketId.random(), ProjectId.of(projectOf.get(contractId)), ContractId.of(contractId),
                "Incident " + UUID.randomUUID(), "Erreur 500 au paiement", Severity.MAJOR, Origin.CLIENT, ADMIN);
    }

    private Map<String, Object> openBody(String contractId) {
        return Map.of("projectId", projectOf.get(contractId), "contractId", contractId, "title", "Incident " + UUID.randomUUID(),
                "description", "Erreur 500 au paiement", "severity", "MAJOR");
    }

    private IssueBillet billet(String ticketId, String technicianId) {
        return new IssueBillet(TicketId.of(ticketId), BilletId.random(), UserId.of(technicianId),
                InterventionType.CORRECTION, BigDecimal.valueOf(2.5), "Vérifier la configuration", ADMIN, null);
    }

    private Map<String, Object> billetBody(String technicianId) {
        return Map.of("technicianId", technicianId, "type", "CORRECTION", "estimatedHours", 2.5,
                "instructions", "Vérifier la configuration");
    }

    private RecordIntervention record(Job job) {
        Instant[] slot = slot(job.technicianId());
        return new RecordIntervention(BilletId.of(job.billetId()), InterventionId.random(), "Analyse des logs",
                slot[0], slot[1], new BigDecimal("0.01"), null, null, Actor.of(job.technicianId(), Role.TECHNICIAN));
    }

    private Map<String, Object> recordBody(Job job) {
        Instant[] slot = slot(job.technicianId());
        return Map.of("description", "Analyse des logs", "startedAt", slot[0].toString(), "endedAt",
                slot[1].toString(), "hoursSpent", 0.01);
    }

    private static int events(Object reply) {
        return ((CommandReceipt) reply).eventTypes().size();
    }

    // -- the gateway and HTTP forms of each command: each returns the events it stored --

    private int gatewayOpen(String contract, List<String> opened) {
        OpenTicket open = openTicket(contract);
        int n = events(commands.sendAndWait(open));
        opened.add(open.ticketId().value());
        return n;
    }

    private int httpOpen(String contract, List<String> opened) throws Exception {
        JsonNode result = post("admin", "/api/v1/tickets", openBody(contract), 201);
        opened.add(result.path("id").asString());
        return result.path("events").size();
    }

    private int gatewayBillet(String ticket, List<Job> jobs) {
        String technician = technician();
        IssueBillet issue = billet(ticket, technician);
        int n = events(commands.sendAndWait(issue));
        jobs.add(new Job(ticket, issue.billetId().value(), technician));
        return n;
    }

    private int httpBillet(String ticket, List<Job> jobs) throws Exception {
        String technician = technician();
        JsonNode result = post("admin", "/api/v1/tickets/" + ticket + "/billets", billetBody(technician), 201);
        jobs.add(new Job(ticket, result.path("id").asString(), technician));
        return result.path("events").size();
    }

    private int gatewayRecord(Job job) {
        return events(commands.sendAndWait(record(job)));
    }

    private int httpRecord(Job job) throws Exception {
        return post(job.technicianId(), "/api/v1/billets/" + job.billetId() + "/interventions", recordBody(job), 201)
                .path("events").size();
    }

    interface Step<T> {
        int run(T input) throws Exception;
    }

    /** Runs {@code step} over {@code inputs} on {@code threads} threads; latencies per command. */
    private <T> Run run(String label, int threads, List<T> inputs, Step<T> step) throws Exception {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong events = new AtomicLong();
        AtomicInteger failed = new AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<String> firstFailure = new java.util.concurrent.atomic.AtomicReference<>();
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < inputs.size(); i = next.getAndIncrement()) {
                        long begin = System.nanoTime();
                        try {
                            events.addAndGet(step.run(inputs.get(i)));
                            latencies.add((System.nanoTime() - begin) / 1000);
                        } catch (Exception | AssertionError e) {
                            failed.incrementAndGet();
                            String message = String.valueOf(e.getMessage());
                            firstFailure.compareAndSet(null, e.getClass().getSimpleName() + ": "
                                    + message.substring(0, Math.min(160, message.length())));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            sorted.add(0L);
        }
        return new Run(label, threads, inputs.size() - failed.get(), events.get(), seconds,
                sorted.get(sorted.size() / 2),
                sorted.get(Math.min(sorted.size() - 1, Math.max(0, (int) Math.ceil(sorted.size() * 0.99) - 1))),
                failed.get(), firstFailure.get());
    }

    /** Counts what {@code n} sequential commands cost, on this thread (gateway) or Tomcat's (HTTP). */
    private <T> void count(String label, List<T> inputs, Step<T> step) throws Exception {
        long events = 0;
        CountingJdbc.Counts before = CountingJdbc.now();
        for (T input : inputs) {
            events += CountingJdbc.counted(() -> step.run(input));
        }
        CountingJdbc.Counts spent = CountingJdbc.now().minus(before);
        double n = inputs.size();
        report.append("  %-28s %5.1f statements  %4.2f commits  %4.2f auto-commit statements  %4.2f rollbacks  %4.2f events%n"
                .formatted(label, spent.statements() / n, spent.commits() / n, spent.autoCommits() / n,
                        spent.rollbacks() / n, events / n));
        report.append(spent.top(14, n));
    }

    // -- the limit --

    /** Durable single-row INSERT transactions into an event-shaped table, {@code threads} clients. */
    private double rawInserts(int threads, int rows) throws Exception {
        byte[] payload = ("{\"ticketId\":\"" + UUID.randomUUID() + "\",\"title\":\"Incident\",\"description\":\""
                + "x".repeat(400) + "\"}").getBytes();
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    try (Connection c = dataSource.getConnection()) {
                        c.setAutoCommit(false);
                        try (PreparedStatement insert = c.prepareStatement("""
                                INSERT INTO bench_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                                    time_stamp, payload_type, payload_revision, payload, meta_data)
                                VALUES (?, ?, 0, 'Ticket', ?, 'com.example.TicketOpened', '1', ?, ?)""")) {
                            for (int i = next.getAndIncrement(); i < rows; i = next.getAndIncrement()) {
                                insert.setString(1, UUID.randomUUID().toString());
                                insert.setString(2, UUID.randomUUID().toString());
                                insert.setString(3, Instant.now().toString());
                                insert.setBytes(4, payload);
                                insert.setBytes(5, "{\"correlationId\":\"x\"}".getBytes());
                                insert.executeUpdate();
                                c.commit();
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        return rows / ((System.nanoTime() - start) / 1e9);
    }

    // -- the benchmark --

    @Test
    void the_command_path_against_the_single_row_insert_limit() throws Exception {
        String client = post("admin", "/api/v1/clients", Map.of("name", "Bench " + UUID.randomUUID()), 201)
                .path("id").asString();
        String fresh = contract(client);
        for (int i = 0; i < TECHNICIANS; i++) {
            String name = "bench-" + UUID.randomUUID().toString().substring(0, 8);
            technicians.add(post("admin", "/api/v1/users", Map.of("username", name, "password", name,
                    "roles", List.of("TECHNICIAN")), 201).path("id").asString());
        }
        t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(4));
        jdbc.sql("""
                CREATE TABLE bench_event_entry (global_index bigserial PRIMARY KEY,
                    event_identifier varchar(255) NOT NULL UNIQUE, aggregate_identifier varchar(255) NOT NULL,
                    sequence_number bigint NOT NULL, type varchar(255), time_stamp varchar(255) NOT NULL,
                    payload_type varchar(255) NOT NULL, payload_revision varchar(255), payload bytea NOT NULL,
                    meta_data bytea, UNIQUE (aggregate_identifier, sequence_number))""").update();
        try {
            benchmark(client, fresh);
        } finally {
            clock.reset();
            jdbc.sql("DROP TABLE bench_event_entry").update();
            System.out.println(report);
        }
    }

    private void benchmark(String client, String fresh) throws Exception {
        report.append("\n=== Command path, ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, durable commits ===\n");
        // warm-up: the JIT, the pools, Hibernate-free but not cost-free first calls
        clock.set(t0);
        List<String> warm = Collections.synchronizedList(new ArrayList<>());
        run("warm-up", 8, Collections.nCopies(200, fresh), c -> gatewayOpen(c, warm));
        run("warm-up", 8, Collections.nCopies(100, fresh), c -> httpOpen(c, warm));
        List<Job> warmJobs = Collections.synchronizedList(new ArrayList<>());
        run("warm-up", 8, warm.subList(0, 150), t -> gatewayBillet(t, warmJobs));
        clock.reset();
        run("warm-up", 8, warmJobs, this::gatewayRecord);

        // 1. what one command costs in round trips and transactions
        report.append("\n-- per command (sequential, ").append(COUNTED).append(" each; statements by text) --\n");
        clock.set(t0);
        List<String> tickets = Collections.synchronizedList(new ArrayList<>());
        count("OpenTicket, gateway", Collections.nCopies(COUNTED, fresh), c -> gatewayOpen(c, tickets));
        count("OpenTicket, HTTP", Collections.nCopies(COUNTED, fresh), c -> httpOpen(c, tickets));
        List<Job> jobs = Collections.synchronizedList(new ArrayList<>());
        count("IssueBillet, gateway", tickets.subList(0, COUNTED), t -> gatewayBillet(t, jobs));
        count("IssueBillet, HTTP", tickets.subList(COUNTED, 2 * COUNTED), t -> httpBillet(t, jobs));
        clock.reset();
        count("RecordIntervention, gateway", jobs.subList(0, COUNTED), this::gatewayRecord);
        count("RecordIntervention, HTTP", jobs.subList(COUNTED, 2 * COUNTED), this::httpRecord);

        // 2. throughput against the limit, same minutes
        report.append("\n-- throughput (").append(PER_RUN).append(" commands a run), ratio = events/s ÷ raw inserts/s --\n");
        for (int threads : THREADS) {
            double limit = rawInserts(threads, 2_000);
            report.append("  raw single-row durable INSERT, %2d clients: %6.0f rows/s%n".formatted(threads, limit));
            clock.set(t0);
            List<String> opened = Collections.synchronizedList(new ArrayList<>());
            List<String> openedHttp = Collections.synchronizedList(new ArrayList<>());
            Run gatewayOpen = run("OpenTicket, gateway", threads, Collections.nCopies(PER_RUN, fresh),
                    c -> gatewayOpen(c, opened));
            Run httpOpen = run("OpenTicket, HTTP", threads, Collections.nCopies(PER_RUN, fresh),
                    c -> httpOpen(c, openedHttp));
            List<Job> gatewayJobs = Collections.synchronizedList(new ArrayList<>());
            List<Job> httpJobs = Collections.synchronizedList(new ArrayList<>());
            Run gatewayBillet = run("IssueBillet, gateway", threads, opened, t -> gatewayBillet(t, gatewayJobs));
            Run httpBillet = run("IssueBillet, HTTP", threads, openedHttp, t -> httpBillet(t, httpJobs));
            clock.reset();
            Run gatewayRecord = run("RecordIntervention, gateway", threads, gatewayJobs, this::gatewayRecord);
            Run httpRecord = run("RecordIntervention, HTTP", threads, httpJobs, this::httpRecord);
            for (Run r : List.of(gatewayOpen, gatewayBillet, gatewayRecord, httpOpen, httpBillet, httpRecord)) {
                report.append(r.line(limit));
            }
            double gatewayEvents = (gatewayOpen.events() + gatewayBillet.events() + gatewayRecord.events())
                    / (gatewayOpen.seconds() + gatewayBillet.seconds() + gatewayRecord.seconds());
            double httpEvents = (httpOpen.events() + httpBillet.events() + httpRecord.events())
                    / (httpOpen.seconds() + httpBillet.seconds() + httpRecord.seconds());
            report.append("  => %2d threads: gateway %.0f events/s (ratio %.3f), HTTP %.0f events/s (ratio %.3f)%n"
                    .formatted(threads, gatewayEvents, gatewayEvents / limit, httpEvents, httpEvents / limit));
        }

        // 3. growth: a contract with 10,000 interventions against a fresh one
        String longContract = contract(client);
        long written = longHistory(longContract);
        String fresh2 = contract(client);
        Thread.sleep(5_000); // the read models take in the history before anything is timed
        report.append("\n-- growth: %d quota events written on %s (%d ms), then %d samples each, interleaved --%n"
                .formatted(LONG_HISTORY, longContract, written, GROWTH_SAMPLES));
        clock.set(t0);
        List<String> longTickets = Collections.synchronizedList(new ArrayList<>());
        List<String> freshTickets = Collections.synchronizedList(new ArrayList<>());
        // the first command on the long contract loads it from its events once and snapshots it
        gatewayOpen(longContract, new ArrayList<>());
        List<Long> openLong = new ArrayList<>();
        List<Long> openFresh = new ArrayList<>();
        for (int i = 0; i < GROWTH_SAMPLES; i++) {
            openFresh.add(timed(() -> gatewayOpen(fresh2, freshTickets)));
            openLong.add(timed(() -> gatewayOpen(longContract, longTickets)));
        }
        List<Job> longJobs = new ArrayList<>();
        List<Job> freshJobs = new ArrayList<>();
        for (int i = 0; i < GROWTH_SAMPLES; i++) {
            gatewayBillet(longTickets.get(i), longJobs);
            gatewayBillet(freshTickets.get(i), freshJobs);
        }
        clock.reset();
        gatewayRecord(longJobs.getFirst());
        gatewayRecord(freshJobs.getFirst());
        List<Long> recordLong = new ArrayList<>();
        List<Long> recordFresh = new ArrayList<>();
        for (int i = 1; i < GROWTH_SAMPLES; i++) {
            Job l = longJobs.get(i);
            Job f = freshJobs.get(i);
            recordFresh.add(timed(() -> gatewayRecord(f)));
            recordLong.add(timed(() -> gatewayRecord(l)));
        }
        growthLine("OpenTicket", openFresh, openLong);
        growthLine("RecordIntervention", recordFresh, recordLong);
        long snapshotBytes = jdbc.sql("SELECT coalesce(max(length(payload)), 0) FROM snapshot_event_entry "
                + "WHERE aggregate_identifier = ?").param(longContract).query(Long.class).single();
        report.append("  snapshot of the long contract: %d bytes%n".formatted(snapshotBytes));
    }

    private void growthLine(String label, List<Long> fresh, List<Long> history) {
        long freshP50 = percentile(fresh, 0.5);
        long longP50 = percentile(history, 0.5);
        report.append("  %-20s fresh p50 %6.2f ms p99 %6.2f ms | 10,000 interventions p50 %6.2f ms p99 %6.2f ms | p50 ratio %.2f%n"
                .formatted(label, freshP50 / 1000.0, percentile(fresh, 0.99) / 1000.0, longP50 / 1000.0,
                        percentile(history, 0.99) / 1000.0, (double) longP50 / freshP50));
    }

    private static long percentile(List<Long> values, double p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, Math.max(0, (int) Math.ceil(sorted.size() * p) - 1)));
    }

    private static long timed(java.util.concurrent.Callable<?> work) throws Exception {
        long start = System.nanoTime();
        work.call();
        return (System.nanoTime() - start) / 1000;
    }

    /**
     * {@link #LONG_HISTORY} consumptions of {@code contract}'s quota, written in the store's format in batches
     * (what ConsumeInterventionQuota stores, and the rows its subscribing handler writes), after the contract's
     * own two events. Returns the milliseconds it took.
     */
    private long longHistory(String contract) {
        long start = System.nanoTime();
        TransactionTemplate tx = new TransactionTemplate(transactions);
        Actor tech = Actor.of(technicians.getFirst(), Role.TECHNICIAN);
        long sequence = jdbc.sql("SELECT max(sequence_number) FROM domain_event_entry WHERE aggregate_identifier = ?")
                .param(contract).query(Long.class).single();
        // (a store before V24 has no such lookup: the aggregate kept the ids itself, from these same events)
        boolean lookup = jdbc.sql("SELECT to_regclass('quota_consumption') IS NOT NULL").query(Boolean.class).single();
        for (int batch = 0; batch < LONG_HISTORY / 1_000; batch++) {
            long first = sequence + 1 + batch * 1_000L;
            int offset = batch * 1_000;
            tx.executeWithoutResult(status -> {
                List<GenericDomainEventMessage<?>> events = new ArrayList<>();
                for (int i = 0; i < 1_000; i++) {
                    String intervention = "history-" + (offset + i);
                    events.add(new GenericDomainEventMessage<>("Contract", contract, first + i,
                            new InterventionQuotaConsumed(ContractId.of(contract), intervention, 0, 1, offset + i + 1,
                                    null, tech, Instant.now())));
                    if (lookup) {
                        jdbc.sql("""
                                        INSERT INTO quota_consumption (contract_id, intervention_id, period_index,
                                            contract_revision, used_after, included) VALUES (?, ?, 0, 1, ?, NULL)""")
                                .params(contract, intervention, offset + i + 1).update();
                    }
                }
                storage.appendEvents(events);
            });
        }
        return (System.nanoTime() - start) / 1_000_000;
    }
}
