package com.itvision.maintenance.bench;

import static com.itvision.maintenance.bench.Report.Target.NONE;
import static com.itvision.maintenance.bench.Report.Target.ratioAtLeast;
import static com.itvision.maintenance.bench.Report.Target.ratioAtMost;
import static com.itvision.maintenance.bench.Report.Target.valueAtMost;

import com.fasterxml.jackson.databind.JsonNode;
import com.itvision.maintenance.bench.Driver.Result;
import com.itvision.maintenance.bench.World.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The benchmark suite ({@code ./bench.sh}): the figures, each next to the limit of this machine measured
 * on the same PostgreSQL in the same run, as a table and as JSON. The order: start-up on empty stores (one
 * fresh data directory per run), the command baseline on the empty store, the history, start-up on the loaded
 * store, then per run the authentication, command, growth and query figures, and last the rebuilds.
 */
public final class Bench {
    private static final List<String> READ_MODELS = List.of("directory-projection", "contract-projection",
            "ticket-projection", "billet-projection", "intervention-projection");
    private static final String AUTH_GET = "/api/v1/contracts/contract-a-preventive";

    private final Options options;
    private final Report report = new Report();
    private final Jwt jwt;
    private final Driver driver;
    private final Path work;
    private final Path publicKey;
    private final String admin;
    private final String lead;
    private final AtomicInteger ticketNumber = new AtomicInteger(1_000_000);
    private AppProcess app;
    private Path jar;
    private int port;
    private Path dataDir;
    private Http http;
    private Limits limits;
    private Technicians technicians;
    private Lifecycle lifecycle;
    private double eventsPerLifecycle;

    private Bench(Options options) throws Exception {
        this.options = options;
        this.jwt = new Jwt();
        this.driver = new Driver(options.warmup(), options.window());
        this.work = options.workDir().resolve("run-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                .format(java.time.LocalDateTime.now()));
        this.publicKey = jwt.writePublicKey(work.resolve("jwt-public.pem"));
        this.admin = Http.bearer(jwt.token("user-admin", "ADMIN", null));
        this.lead = Http.bearer(jwt.token("user-lead", "PROJECT_LEAD", null));
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (!Files.exists(options.appJar())) {
            System.err.println("No " + options.appJar() + ": build it first (./bench.sh does)");
            System.exit(2);
        }
        new Bench(options).run();
    }

    private void run() throws Exception {
        System.out.println("Benchmark: " + options.tickets() + " tickets, " + options.runs() + " runs, clients "
                + options.clients() + ", windows " + options.warmup().toMillis() + " ms warm-up + "
                + options.window().toMillis() + " ms, application heap -Xmx" + options.heap());
        System.out.printf("Estimated duration: about %d min on 2 cores%n", estimateMinutes());
        report.fact("date", Instant.now().toString());
        report.fact("machine", machine());
        report.fact("options", Map.of("tickets", options.tickets(), "runs", options.runs(), "clients", options.clients(),
                "warmupMs", options.warmup().toMillis(), "windowMs", options.window().toMillis(), "heap", options.heap(),
                "quick", options.quick()));
        try {
            startOnEmptyStores();
            double[] emptyStoreBaseline = commandBaseline();
            World world = generate();
            restartOnLoadedStore();
            awaitReadModels();
            Map<String, Query> queries = queries(world);
            warmUp(world, queries);
            for (int run = 1; run <= options.runs(); run++) {
                System.out.printf("Run %d of %d%n", run, options.runs());
                int index = run - 1;
                resilient("authentication", this::authentication);
                resilient("commands", () -> commands(world));
                resilient("growth", () -> growth(world, emptyStoreBaseline[index]));
                for (Query query : queries.values()) {
                    resilient(query.name(), () -> query(query));
                }
            }
            resilient("rebuilds", this::rebuilds);
            report.note("The command gateway figure is not measured: the application runs as a child process "
                    + "(start-up and resident memory are its own), so its CommandGateway bean is out of reach.");
            limits.drop();
        } finally {
            if (app != null) {
                app.close();
            }
            String table = report.table();
            System.out.println();
            System.out.println(table);
            report.write(options.out());
            System.out.println("Written: " + options.out().toAbsolutePath());
            if (!options.keep()) {
                try (Stream<Path> dirs = Files.list(work)) {
                    for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                        deleteTree(dir);
                    }
                }
                System.out.println("The application's log: " + work.resolve("app.log").toAbsolutePath());
            } else {
                System.out.println("Kept: " + work.toAbsolutePath());
            }
        }
    }

    private long estimateMinutes() {
        double seconds = 60; // the build, the first PostgreSQL unpack
        seconds += options.runs() * 2 * 15.0; // start-ups on an idle machine
        seconds += options.tickets() / 25.0 + 30; // the history, at ~25 tickets/s
        seconds += options.quick() ? 12 : 40; // warm-up
        double window = (options.warmup().toMillis() + options.window().toMillis()) / 1000.0 + 0.3;
        int windows = options.authClients().size() * 3 + options.clients().size() * 2 + 2 + options.queryClients().size() * 5 * 2;
        seconds += options.runs() * (windows * window + 5);
        seconds += options.runs() * 5 * (3 + options.tickets() * 17 / 8000.0); // rebuilds at ~8k events/s
        return Math.round(seconds / 60);
    }

    // -- start-up and footprint --

    private void startOnEmptyStores() throws Exception {
        for (int run = 1; run <= options.runs(); run++) {
            AppProcess started = launch(work.resolve("db-" + run));
            Duration healthy = started.awaitHealthy(Duration.ofMinutes(3));
            report.add("start-up to healthy, empty store (demo data)", "s", healthy.toMillis() / 1000.0, null, null,
                    valueAtMost(6, "s"));
            System.out.printf("  start-up on an empty store: %.1f s%n", healthy.toMillis() / 1000.0);
            if (run < options.runs()) {
                started.stop(Duration.ofSeconds(30));
            } else {
                app = started;
            }
        }
        connect();
        Thread.sleep(2000);
        report.add("resident memory, idle, empty store (-Xmx" + options.heap() + ")", "MiB", app.rssMiB(), null, null, NONE);
    }

    private void restartOnLoadedStore() throws Exception {
        long events = limits.events();
        Path dataDir = work.resolve("db-" + options.runs());
        for (int run = 1; run <= options.runs(); run++) {
            app.stop(Duration.ofSeconds(60));
            app = launch(dataDir);
            Duration healthy = app.awaitHealthy(Duration.ofMinutes(5));
            report.add(String.format("start-up to healthy, loaded store (%,d events)", events), "s",
                    healthy.toMillis() / 1000.0, null, null, valueAtMost(6, "s"));
            System.out.printf("  start-up on the loaded store: %.1f s%n", healthy.toMillis() / 1000.0);
        }
        connect();
        Thread.sleep(3000);
        report.add("resident memory, idle, loaded store (-Xmx" + options.heap() + ")", "MiB", app.rssMiB(), null, null, NONE);
    }

    private AppProcess launch(Path dataDir) throws IOException, InterruptedException {
        if (jar == null) {
            jar = AppProcess.privateJar(options.appJar(), work);
            port = AppProcess.freePort();
            System.out.println("Training the application's start-up cache (once per jar)...");
            AppProcess.prepare(options, jar, work.resolve("app.log"));
        }
        this.dataDir = dataDir;
        return AppProcess.launch(options, jar, port, dataDir, publicKey, work.resolve("app.log"));
    }

    @FunctionalInterface
    private interface Phase {
        void run() throws Exception;
    }

    /**
     * Runs a phase of a run; if the application's JVM is gone when it fails (on a shared machine something
     * may stop it from outside), it is started again on the same data directory, the fact is noted, and the
     * phase is run once more. Any other failure ends the benchmark.
     */
    private void resilient(String name, Phase phase) throws Exception {
        try {
            phase.run();
        } catch (Exception e) {
            if (app.isAlive()) {
                throw e;
            }
            report.note("the application's JVM stopped during " + name + " (" + e + "); started again on the same "
                    + "data directory and the phase repeated: see " + app.log());
            app = launch(dataDir);
            app.awaitHealthy(Duration.ofMinutes(5));
            connect();
            awaitReadModels();
            phase.run();
        }
    }

    private void connect() throws Exception {
        http = new Http(app.baseUrl());
        limits = new Limits(app::jdbc);
        if (technicians == null) {
            technicians = new Technicians(http, admin);
        }
        lifecycle = new Lifecycle(http, admin, lead, technicians);
        limits.prepare();
        report.fact("postgresql", limits.serverVersion());
    }

    private Map<String, Object> machine() throws IOException {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        String memTotal = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                .findFirst().orElse("?");
        machine.put("memory", memTotal.replaceAll("MemTotal:\\s*", ""));
        machine.put("jdk", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        return machine;
    }

    // -- the history --

    private World generate() throws Exception {
        System.out.printf("Generating %,d tickets through the API (%d threads)...%n", options.tickets(), options.generatorThreads());
        World world = new World();
        Generator generator = new Generator(http, admin, jwt, lifecycle, technicians, options.generatorThreads());
        Generator.Summary summary = generator.generate(world, options.tickets(), limits::events);
        System.out.printf("  %,d tickets, %,d contracts, %d clients, %d technicians: %,d events in %.0f s (%,.0f events/s), "
                        + "%d failed commands%n", summary.tickets(), summary.contracts(), summary.clients(),
                summary.technicians(), summary.events(), summary.seconds(), summary.events() / summary.seconds(),
                summary.failures());
        report.fact("generation", summary);
        double perTicket = summary.events() / (double) summary.tickets();
        report.note(String.format("growth figures compare an empty store with %,d events; the issue's 1,000,000 and "
                + "5,000,000 events take about --tickets %,d and --tickets %,d", summary.events(),
                Math.round(1_000_000 / perTicket / 1000) * 1000, Math.round(5_000_000 / perTicket / 1000) * 1000));
        return world;
    }

    /** A new project with an ACTIVE contract of its own (a "fresh contract"), for the growth figures. */
    private Project freshProject(World.Client client) {
        String project = http.post("/api/v1/projects", admin, Map.of("clientId", client.id(), "name",
                "Projet frais " + ticketNumber.incrementAndGet())).id();
        String contract = http.post("/api/v1/contracts", admin, Generator.contractBody(client.id(), project, 4)).id();
        http.post("/api/v1/contracts/" + contract + "/activate", admin, null);
        return new Project(project, client, contract, false);
    }

    private World.Client benchClient() {
        String id = http.post("/api/v1/clients", admin, Map.of("name", "Client de référence " + ticketNumber.incrementAndGet())).id();
        String name = "bench-ref-" + ticketNumber.incrementAndGet();
        String user = http.post("/api/v1/users", admin, Map.of("username", name, "password", name,
                "roles", List.of("CLIENT"), "clientId", id)).id();
        return new World.Client(id, Http.bearer(jwt.token(user, "CLIENT", id)));
    }

    // -- commands --

    private Driver.Workload lifecycles(List<Project> projects) {
        // hired now, not inside the window: ~2 lifecycles/s per client at most, each needing one slot
        double seconds = (options.warmup().toMillis() + options.window().toMillis()) / 1000.0;
        technicians.ensureCapacity((int) (options.clients().getLast() * seconds * 2) + 20);
        return () -> recorder -> {
            Project project = projects.get(ThreadLocalRandom.current().nextInt(projects.size()));
            lifecycle.full(recorder, project, ticketNumber.incrementAndGet());
        };
    }

    /** Lifecycle events/s on a fresh contract of the empty store, one figure per run, at 8 clients. */
    private double[] commandBaseline() throws Exception {
        World.Client client = benchClient();
        Project project = freshProject(client);
        technicians.hire(8);
        long before = limits.events();
        lifecycle.full(Driver.Recorder.NONE, project, ticketNumber.incrementAndGet());
        eventsPerLifecycle = limits.events() - before;
        report.fact("eventsPerLifecycle", eventsPerLifecycle);
        System.out.printf("  one full lifecycle (%d commands) stores %.0f events%n", Lifecycle.COMMANDS.length, eventsPerLifecycle);
        // warm as the loaded store's application will be (warmUp), or the ratio compares a cold JVM with a warm one
        new Driver(Duration.ZERO, options.quick() ? Duration.ofSeconds(4) : Duration.ofSeconds(10))
                .run(8, lifecycles(List.of(project)));
        double[] baseline = new double[options.runs()];
        for (int run = 0; run < options.runs(); run++) {
            Project fresh = freshProject(client);
            baseline[run] = checked("lifecycles, empty store",
                    driver.run(options.clientsOr(8), lifecycles(List.of(fresh)), limits::events)).counterPerSecond();
        }
        return baseline;
    }

    private void commands(World world) throws Exception {
        List<Project> covered = world.covered();
        for (int clients : options.clients()) {
            Result inserts = checked("single-row inserts", driver.run(clients, limits.singleRowInserts()));
            Samplers.Sampler rss = Samplers.rss(app);
            Result result;
            try (rss) {
                result = checked("lifecycles", driver.run(clients, lifecycles(covered), limits::events));
            }
            boolean target = clients == 8 || clients == 32;
            report.add("full ticket lifecycle over HTTP (JWT), " + clients + " clients", "events/s",
                    result.counterPerSecond(), "single-row durable INSERTs", inserts.perSecond(),
                    target ? ratioAtLeast(0.3) : NONE);
            for (String command : Lifecycle.COMMANDS) {
                String what = "  p99 of " + command + ", " + clients + " clients";
                report.row(what, "ms", null, NONE); // keeps its place in the table even without a sample in this run
                if (!result.latencies().containsKey(command)) {
                    continue; // no command of that type ended in a short window
                }
                report.add("  p99 of " + command + ", " + clients + " clients", "ms", result.latency(command).p99(),
                        null, null, NONE);
            }
            if (clients == options.clients().getLast()) {
                report.add("resident memory under load (lifecycles, " + clients + " clients, -Xmx" + options.heap() + ")",
                        "MiB", rss.max(), null, null, NONE);
            }
        }
    }

    /** Store growth (empty vs loaded) and contract growth (fresh vs long history), lifecycles at 8 clients. */
    private void growth(World world, double emptyStore) throws Exception {
        int clients = options.clientsOr(8);
        Project fresh = freshProject(world.clients.getFirst());
        Result freshResult = checked("lifecycles, fresh contract", driver.run(clients, lifecycles(List.of(fresh)), limits::events));
        Project hot = world.hot().getFirst();
        Result hotResult = checked("lifecycles, long-history contract", driver.run(clients, lifecycles(List.of(hot)), limits::events));
        double freshEvents = freshResult.counterPerSecond();
        report.add("lifecycles on a fresh contract: loaded store vs empty store, " + clients + " clients", "events/s",
                freshEvents, "empty store", emptyStore, ratioAtLeast(0.85));
        report.add("lifecycles on a long-history contract vs a fresh one (loaded store), " + clients + " clients",
                "events/s", hotResult.counterPerSecond(), "fresh contract", freshEvents, ratioAtLeast(0.85));
        if (hotResult.latencies().containsKey("intervention") && freshResult.latencies().containsKey("intervention")) {
            report.add("  p99 of intervention, long-history vs fresh contract", "ms", hotResult.latency("intervention").p99(),
                    "fresh contract", freshResult.latency("intervention").p99(), ratioAtMost(1.15));
        }
    }

    /** The restarted JVM runs every path for a while before the first measured window (JIT, pools, caches). */
    private void warmUp(World world, Map<String, Query> queries) throws Exception {
        System.out.println("Warming up the restarted application...");
        Driver warm = new Driver(Duration.ZERO, options.quick() ? Duration.ofSeconds(4) : Duration.ofSeconds(10));
        warm.run(8, lifecycles(world.covered()));
        warm.run(8, get(AUTH_GET, Http.basic("admin", "admin")));
        warm.run(8, get(AUTH_GET, admin));
        for (Query query : queries.values()) {
            new Driver(Duration.ZERO, Duration.ofSeconds(options.quick() ? 1 : 3)).run(8, get(query.path(), query.authorization()));
        }
    }

    // -- authentication --

    private void authentication() throws Exception {
        for (int clients : options.authClients()) {
            Result health = checked("health", driver.run(clients, get("/actuator/health", null), app::cpuNanos));
            Result basic = checked("Basic GET", driver.run(clients, get(AUTH_GET, Http.basic("admin", "admin")), app::cpuNanos));
            Result bearer = checked("JWT GET", driver.run(clients, get(AUTH_GET, admin), app::cpuNanos));
            boolean target = clients == 8;
            report.add("authenticated GET, HTTP Basic, " + clients + " clients", "req/s", basic.perSecond(),
                    "unauthenticated /actuator/health", health.perSecond(), target ? ratioAtLeast(0.5) : NONE);
            report.add("authenticated GET, JWT, " + clients + " clients", "req/s", bearer.perSecond(),
                    "unauthenticated /actuator/health", health.perSecond(), target ? ratioAtLeast(0.5) : NONE);
            if (target || clients == options.clients().getFirst()) {
                report.add("  CPU per request, HTTP Basic, " + clients + " clients", "ms", basic.counterMillisPerUnit(),
                        "health", health.counterMillisPerUnit(), NONE);
                report.add("  CPU per request, JWT, " + clients + " clients", "ms", bearer.counterMillisPerUnit(),
                        "health", health.counterMillisPerUnit(), NONE);
                report.add("  CPU of authentication per request, HTTP Basic (- JWT GET), " + clients + " clients", "ms",
                        Math.max(0, basic.counterMillisPerUnit() - bearer.counterMillisPerUnit()), null, null, valueAtMost(1, "ms"));
            }
        }
    }

    private Driver.Workload get(String path, String authorization) {
        return () -> recorder -> recorder.time("request", () -> http.get(path, authorization));
    }

    // -- queries --

    /** A GET, who sends it, its target, and the SQL it ran (captured once from the application's log). */
    private record Query(String name, String path, String authorization, boolean dashboard, List<String> sql) {
    }

    private Map<String, Query> queries(World world) throws Exception {
        SqlCapture capture = new SqlCapture(http, admin, app);
        String ticket = world.closedTickets.getFirst();
        World.Client client = world.clients.getFirst();
        Map<String, Query> queries = new LinkedHashMap<>();
        for (Query query : List.of(
                new Query("GET /tickets/{id}", "/api/v1/tickets/" + ticket, admin, false, null),
                new Query("GET /tickets (list, page of 50)", "/api/v1/tickets?page=0&size=50", admin, false, null),
                new Query("GET /portal/contracts (client)", "/api/v1/portal/contracts", client.token(), false, null),
                new Query("GET /dashboards/sla (admin)", "/api/v1/dashboards/sla", admin, true, null),
                new Query("GET /dashboards/commercial (admin)", "/api/v1/dashboards/commercial", admin, true, null))) {
            http.get(query.path(), query.authorization()); // warm the path before capturing
            List<String> sql = capture.capture(query.path(), query.authorization());
            long bytes = sql.stream().mapToLong(String::length).sum();
            System.out.printf("  %s runs %d SQL statements (%,d characters)%n", query.name(), sql.size(), bytes);
            report.fact("sql " + query.name(), Map.of("statements", sql.size(), "characters", bytes));
            if (sql.isEmpty()) {
                report.note(query.name() + ": no SQL captured from jOOQ's execute log; its limit is not measured");
            }
            queries.put(query.name(), new Query(query.name(), query.path(), query.authorization(), query.dashboard(), sql));
        }
        return queries;
    }

    private void query(Query query) throws Exception {
        for (int clients : options.queryClients()) {
            Result result = checked(query.name(), driver.run(clients, get(query.path(), query.authorization())));
            Result sql = query.sql().isEmpty() ? null : checked(query.name() + " SQL", driver.run(clients, limits.statements(query.sql())));
            boolean target = clients == 32;
            Driver.Latency app = result.latency("request");
            Driver.Latency direct = sql == null ? null : sql.latency("request");
            String label = query.name() + ", " + clients + " clients";
            report.add(label + ": p99", "ms", app.p99(), "the same SQL directly", direct == null ? null : direct.p99(),
                    !target ? NONE : query.dashboard() ? valueAtMost(50, "ms") : ratioAtMost(3));
            report.add("  " + label + ": p50", "ms", app.p50(), "the same SQL directly", direct == null ? null : direct.p50(), NONE);
            report.add("  " + label + ": throughput", "req/s", result.perSecond(), "the same SQL directly",
                    sql == null ? null : sql.perSecond(), NONE);
        }
    }

    // -- rebuilds --

    private void rebuilds() throws Exception {
        long events = limits.events();
        for (int run = 1; run <= options.runs(); run++) {
            System.out.printf("Rebuilds, run %d of %d (%,d events)%n", run, options.runs(), events);
            double limit = limits.windowedReadAndUpsert();
            double peakHeap = 0;
            for (String group : READ_MODELS) {
                Samplers.Sampler heap = Samplers.heap(http, admin);
                double rate;
                try (heap) {
                    rate = rebuild(group);
                }
                peakHeap = Math.max(peakHeap, heap.max());
                report.add("rebuild " + group, "events/s", rate, "1000-row windowed read + batched upserts", limit,
                        ratioAtLeast(0.5));
                report.add("  rebuild " + group + ": time for 1,000,000 events at this rate", "s", 1_000_000 / rate,
                        null, null, valueAtMost(60, "s"));
            }
            report.add("peak heap during the rebuilds (-Xmx" + options.heap() + ")", "MiB", peakHeap, null, null, NONE);
        }
    }

    /** Requests a rebuild, waits for DONE; events/s = the store's events over the rebuild's own start and finish. */
    private double rebuild(String group) throws Exception {
        String path = "/api/v1/admin/projections/" + group + "/rebuild";
        http.post(path, admin, null);
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        while (System.nanoTime() < deadline) {
            Thread.sleep(200);
            JsonNode status = http.get(path, admin).json();
            switch (status.path("status").asText()) {
                case "DONE" -> {
                    double seconds = Duration.between(Instant.parse(status.path("startedAt").asText()),
                            Instant.parse(status.path("finishedAt").asText())).toMillis() / 1000.0;
                    long total = status.path("eventsTotal").asLong();
                    System.out.printf("  %s: %,d events in %.1f s%n", group, total, seconds);
                    return total / Math.max(seconds, 0.001);
                }
                case "CANCELLED", "FAILED" -> throw new IllegalStateException(group + " rebuild ended " + status);
                default -> {
                }
            }
        }
        throw new IllegalStateException(group + " rebuild not done within 30 minutes");
    }

    /** Waits until every read model is within 200 events of the head (or stopped moving) before the queries. */
    private void awaitReadModels() throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        long previous = -1;
        while (System.nanoTime() < deadline) {
            JsonNode overview = http.get("/api/v1/admin/projections", admin).json();
            long worst = 0;
            for (JsonNode model : overview.path("readModels")) {
                worst = Math.max(worst, model.path("lag").asLong(0));
            }
            if (worst <= 200 || worst == previous) {
                return;
            }
            previous = worst;
            Thread.sleep(2000);
        }
    }

    // -- helpers --

    private Result checked(String what, Result result) {
        if (result.errors() > 0) {
            report.note(String.format("%s (%d clients): %d errors in the window, first: %s", what, result.clients(),
                    result.errors(), result.firstError()));
        }
        if (result.units() == 0 && result.counterDelta() == 0) {
            throw new IllegalStateException(what + ": nothing completed in the window; first error: " + result.firstError());
        }
        return result;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            List<Path> all = new ArrayList<>(paths.toList());
            all.sort(Comparator.reverseOrder());
            for (Path path : all) {
                Files.deleteIfExists(path);
            }
        }
    }
}
