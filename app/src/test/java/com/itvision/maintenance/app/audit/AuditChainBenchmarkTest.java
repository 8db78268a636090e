package com.itvision.maintenance.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.app.database.StandalonePostgres;
import com.itvision.maintenance.kernel.audit.ChainVerifier;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Figures for ADR 0014, printed, never asserted: the trigger's cost per commit, the sealer's rate and the lag
 * between commit and seal, the verification rate over >= 200 000 events (alone and while commits keep arriving),
 * the export and the offline verifier. On the product's own PostgreSQL 17 (durable: fsync and synchronous commit
 * on), the migrations as shipped, no application around them.
 */
@Tag("faults")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditChainBenchmarkTest {
    static final int EVENTS = 200_000;
    static final int EVENTS_PER_AGGREGATE = 10;
    static final byte[] PAYLOAD = ("{\"ticketId\":\"%s\",\"title\":\"Caméra 3 du parking hors service\",\"severity\":"
            + "\"MAJOR\",\"contractId\":\"contract-a-preventive\",\"coverage\":\"COVERED\",\"reason\":\"Seed 001: "
            + "une intervention par trimestre, délai de réponse 24 h\",\"openedAt\":\"2026-12-02T10:00:00Z\","
            + "\"openedBy\":\"user-client\",\"projectId\":\"project-a-cctv\",\"channel\":\"PORTAL\",\"padding\":"
            + "\"%s\"}").formatted(UUID.randomUUID(), "x".repeat(120)).getBytes(StandardCharsets.UTF_8);
    static final byte[] META = ("{\"actorId\":\"user-admin\",\"actorRole\":\"ADMIN\",\"correlationId\":\"%s\","
            + "\"causationId\":\"%s\",\"reason\":\"benchmark\",\"traceId\":\"%s\"}").formatted(UUID.randomUUID(),
            UUID.randomUUID(), UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path dir;
    static StandalonePostgres postgres;
    static HikariDataSource dataSource;
    static final List<String> figures = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        postgres = StandalonePostgres.on(dir.resolve("pg")).start();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.jdbcUrl());
        config.setUsername(postgres.username());
        config.setPassword(postgres.password());
        config.setMaximumPoolSize(12);
        dataSource = new HikariDataSource(config);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").outOfOrder(true).load().migrate();
    }

    @AfterAll
    static void stop() throws Exception {
        System.out.println("\n=== Audit chain benchmark (PostgreSQL 17, durable, " + Runtime.getRuntime().availableProcessors()
                + " cores) ===");
        figures.forEach(f -> System.out.println("  " + f));
        dataSource.close();
        postgres.close();
    }

    static void figure(String format, Object... args) {
        String line = String.format(format, args);
        figures.add(line);
        System.out.println(line);
    }

    @Test
    @Order(1)
    void trigger_cost_per_commit() throws Exception {
        for (boolean hashed : new boolean[] {false, true, false, true}) {
            setTrigger(hashed);
            double single = commitsPerSecond(1, 1, 800);
            double concurrent = commitsPerSecond(8, 1, 400);
            double batched = commitsPerSecond(1, 100, 60) * 100;
            figure("trigger %-3s: 1 client %6.0f commits/s (%.0f us each) | 8 clients %6.0f commits/s | "
                            + "100 events/commit %7.0f events/s (%.1f us/event)", hashed ? "on" : "off", single,
                    1e6 / single, concurrent, batched, 1e6 / batched);
        }
        setTrigger(true);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE domain_event_entry, event_seal");
        }
    }

    private static void setTrigger(boolean on) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE domain_event_entry, event_seal");
            if (on) {
                s.execute("ALTER TABLE domain_event_entry ALTER COLUMN global_index DROP DEFAULT");
                s.execute("ALTER TABLE domain_event_entry ENABLE TRIGGER domain_event_entry_audit_hash");
                s.execute("ALTER TABLE domain_event_entry ALTER COLUMN payload_hash SET NOT NULL, ALTER COLUMN event_hash SET NOT NULL");
            } else {
                // the store as it was before V22
                s.execute("ALTER TABLE domain_event_entry ALTER COLUMN global_index SET DEFAULT nextval('domain_event_entry_seq')");
                s.execute("ALTER TABLE domain_event_entry DISABLE TRIGGER domain_event_entry_audit_hash");
                s.execute("ALTER TABLE domain_event_entry ALTER COLUMN payload_hash DROP NOT NULL, ALTER COLUMN event_hash DROP NOT NULL");
            }
        }
    }

    /** Each of {@code clients} threads commits {@code commits} transactions of {@code perCommit} events. */
    private static double commitsPerSecond(int clients, int perCommit, int commits) throws Exception {
        CountDownLatch done = new CountDownLatch(clients);
        AtomicLong failures = new AtomicLong();
        long started = System.nanoTime();
        for (int t = 0; t < clients; t++) {
            Thread.ofPlatform().start(() -> {
                try (Connection c = dataSource.getConnection()) {
                    String aggregate = "bench-" + UUID.randomUUID();
                    long seq = 0;
                    for (int i = 0; i < commits; i++) {
                        seq = insert(c, aggregate, seq, perCommit);
                    }
                } catch (SQLException e) {
                    failures.incrementAndGet();
                    e.printStackTrace();
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        assertThat(failures.get()).isZero();
        return clients * (double) commits / ((System.nanoTime() - started) / 1e9);
    }

    /** One transaction of {@code n} events of {@code aggregate} from {@code seq}; returns the next sequence. */
    static long insert(Connection c, String aggregate, long seq, int n) throws SQLException {
        c.setAutoCommit(false);
        seq = add(c, aggregate, seq, n);
        c.commit();
        c.setAutoCommit(true);
        return seq;
    }

    /** Adds {@code n} events to the open transaction. */
    static long add(Connection c, String aggregate, long seq, int n) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                                                time_stamp, payload_type, payload_revision, payload, meta_data)
                VALUES (?, ?, ?, 'Ticket', '2026-12-02T10:00:00.123456Z', 'com.itvision.maintenance.kernel.ticket.TicketOpened',
                        '1', ?, ?)""")) {
            for (int i = 0; i < n; i++) {
                ps.setString(1, UUID.randomUUID().toString());
                ps.setString(2, aggregate);
                ps.setLong(3, seq++);
                ps.setBytes(4, PAYLOAD);
                ps.setBytes(5, META);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return seq;
    }

    @Test
    @Order(2)
    void sealer_rate_over_the_whole_store() throws Exception {
        long started = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            int aggregates = EVENTS / EVENTS_PER_AGGREGATE;
            for (int a = 0; a < aggregates; a += 10) {
                // 10 aggregates x 10 events per transaction, interleaved as concurrent commands would
                c.setAutoCommit(false);
                for (int k = 0; k < 10; k++) {
                    add(c, "load-" + (a + k), 0, EVENTS_PER_AGGREGATE);
                }
                c.commit();
            }
        }
        figure("loaded %d events (trigger on, 100 per commit) in %.1f s", EVENTS, (System.nanoTime() - started) / 1e9);
        AuditSealer sealer = new AuditSealer(dataSource, 5000);
        started = System.nanoTime();
        long sealed = sealer.sealAvailable();
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(sealed).isEqualTo(EVENTS);
        figure("sealer: %d events sealed in %.2f s = %.0f events/s (batches of 5000)", sealed, seconds, sealed / seconds);
    }

    @Test
    @Order(3)
    void read_rates() throws Exception {
        for (int round = 0; round < 2; round++) {
            try (Connection c = dataSource.getConnection()) {
                long started;
                long n;
                started = System.nanoTime();
                n = 0;
                try (CopyEventReader reader = new CopyEventReader(c, 0, Long.MAX_VALUE, Long.MAX_VALUE, null)) {
                    while (reader.next() != null) {
                        n++;
                    }
                }
                figure("read only, COPY binary chunks of %d, 1 connection: %.0f events/s", CopyEventReader.CHUNK,
                        n / ((System.nanoTime() - started) / 1e9));
                started = System.nanoTime();
                n = 0;
                try (PrefetchingEventReader reader = new PrefetchingEventReader(dataSource, 0, EVENTS, Long.MAX_VALUE,
                        AuditVerification.READ_CONNECTIONS, AuditVerification.WINDOW)) {
                    while (reader.next() != null) {
                        n++;
                    }
                }
                figure("read only, COPY binary windows of %d, %d connections: %.0f events/s", AuditVerification.WINDOW,
                        AuditVerification.READ_CONNECTIONS, n / ((System.nanoTime() - started) / 1e9));
            }
        }
    }

    @Test
    @Order(4)
    void verification_rate() throws Exception {
        AuditVerification verification = new AuditVerification(dataSource, 2);
        long[] rates = new long[3];
        double[] cpu = new double[3];
        for (int i = 0; i < rates.length; i++) {
            long javaBefore = javaCpuNanos();
            long pgBefore = postgresCpuNanos();
            ChainVerifier.Report report = verification.verifyAll(List.of(), null);
            long java = javaCpuNanos() - javaBefore;
            long pg = postgresCpuNanos() - pgBefore;
            assertThat(report.intact()).as("%s", report).isTrue();
            assertThat(report.eventsChecked()).isEqualTo(EVENTS);
            rates[i] = report.eventsPerSecond();
            cpu[i] = (java + pg) / 1000.0 / EVENTS;
            figure("verify run %d: %d events/s wall; CPU %.1f us/event (Java %.1f + PostgreSQL %.1f): %.0f events/s "
                    + "on 2 free cores", i + 1, rates[i], cpu[i], java / 1000.0 / EVENTS, pg / 1000.0 / EVENTS,
                    2e6 / cpu[i]);
        }
        Arrays.sort(rates);
        Arrays.sort(cpu);
        figure("verify (whole store, %d events, 2 read connections, 2 hash threads): median %d events/s wall "
                + "(load average %.1f); median CPU %.1f us/event = %.0f events/s on 2 free cores", EVENTS, rates[1],
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), cpu[1],
                2e6 / cpu[1]);

        // the same while commands keep committing (4 writers, one event per commit) and the sealer runs
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong written = new AtomicLong();
        List<Thread> writers = writers(4, stop, written, null);
        Thread sealing = sealerLoop(stop, 200);
        try {
            Thread.sleep(500);
            ChainVerifier.Report underLoad = verification.verifyAll(List.of(), null);
            assertThat(underLoad.intact()).as("%s", underLoad).isTrue();
            figure("verify under load (4 writers committing, sealer on): %d events in %d ms = %d events/s",
                    underLoad.eventsChecked(), underLoad.elapsedMillis(), underLoad.eventsPerSecond());
        } finally {
            stop.set(true);
            for (Thread w : writers) {
                w.join();
            }
            sealing.join();
        }
    }

    @Test
    @Order(5)
    void seal_lag_after_commit() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong written = new AtomicLong();
        ConcurrentHashMap<Long, Long> committedAt = new ConcurrentHashMap<>();
        List<Thread> writers = writers(4, stop, written, committedAt);
        Thread sealing = sealerLoop(stop, 200);
        List<Long> lags = new ArrayList<>();
        long until = System.nanoTime() + 10_000_000_000L;
        try (Connection c = dataSource.getConnection(); PreparedStatement head = c.prepareStatement(
                "SELECT coalesce(max(global_index), 0) FROM event_seal")) {
            long seen = 0;
            while (System.nanoTime() < until) {
                long sealedUpTo;
                try (ResultSet rs = head.executeQuery()) {
                    rs.next();
                    sealedUpTo = rs.getLong(1);
                }
                long now = System.nanoTime();
                for (var e : committedAt.entrySet()) {
                    if (e.getKey() <= sealedUpTo && e.getKey() > seen) {
                        lags.add((now - e.getValue()) / 1_000_000);
                    }
                }
                committedAt.keySet().removeIf(k -> k <= sealedUpTo);
                seen = Math.max(seen, sealedUpTo);
                Thread.sleep(5);
            }
        } finally {
            stop.set(true);
            for (Thread w : writers) {
                w.join();
            }
            sealing.join();
        }
        lags.sort(Long::compare);
        figure("seal lag (4 writers, %d commits in 10 s, sealer every 200 ms): p50 %d ms, p99 %d ms, max %d ms",
                written.get(), lags.get(lags.size() / 2), lags.get(lags.size() * 99 / 100), lags.getLast());
    }

    @Test
    @Order(6)
    void export_and_offline_verification() throws Exception {
        new AuditSealer(dataSource, 5000).sealAvailable();
        AuditVerification verification = new AuditVerification(dataSource, 2);
        Path export = dir.resolve("events.jsonl");
        long started = System.nanoTime();
        long lines;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(export), 1 << 16)) {
            lines = verification.export(out, Long.MAX_VALUE);
        }
        double exportSeconds = (System.nanoTime() - started) / 1e9;
        figure("export: %d events (%d MB) in %.1f s = %.0f events/s", lines, Files.size(export) >> 20, exportSeconds,
                lines / exportSeconds);
        StringWriter out = new StringWriter();
        int code = com.itvision.maintenance.admin.AdminCli.run(new PrintWriter(out), new PrintWriter(out), "verify",
                "--export", export.toString());
        assertThat(code).as("%s", out).isZero();
        figure("offline verifier: %s", out.toString().lines().filter(l -> l.startsWith("events checked")).findFirst()
                .orElse(out.toString()));
    }

    static long javaCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** CPU time of the postmaster and all its children (the backends that serve the COPY), from /proc. */
    static long postgresCpuNanos() throws Exception {
        long postmaster = Long.parseLong(Files.readAllLines(dir.resolve("pg").resolve("postmaster.pid")).getFirst().trim());
        long ticks = 0;
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                String stat;
                try {
                    stat = Files.readString(proc.resolve("stat"));
                } catch (java.io.IOException gone) {
                    continue;
                }
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long pid = Long.parseLong(proc.getFileName().toString());
                if (pid == postmaster || Long.parseLong(f[1]) == postmaster) {
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                }
            }
        }
        return ticks * 10_000_000L; // USER_HZ = 100
    }

    private static List<Thread> writers(int n, AtomicBoolean stop, AtomicLong written, ConcurrentHashMap<Long, Long> committedAt) {
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try (Connection c = dataSource.getConnection()) {
                    String aggregate = "live-" + UUID.randomUUID();
                    long seq = 0;
                    while (!stop.get()) {
                        seq = insert(c, aggregate, seq, 1);
                        written.incrementAndGet();
                        if (committedAt != null) {
                            try (PreparedStatement ps = c.prepareStatement("SELECT global_index FROM domain_event_entry "
                                    + "WHERE aggregate_identifier = ? AND sequence_number = ?")) {
                                ps.setString(1, aggregate);
                                ps.setLong(2, seq - 1);
                                try (ResultSet rs = ps.executeQuery()) {
                                    rs.next();
                                    committedAt.put(rs.getLong(1), System.nanoTime());
                                }
                            }
                        }
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        return threads;
    }

    private static Thread sealerLoop(AtomicBoolean stop, long intervalMillis) {
        AuditSealer sealer = new AuditSealer(dataSource, 5000);
        return Thread.ofPlatform().start(() -> {
            while (!stop.get()) {
                try {
                    sealer.sealAvailable();
                    Thread.sleep(intervalMillis);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
    }
}
