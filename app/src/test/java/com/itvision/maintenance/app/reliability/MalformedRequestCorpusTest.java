package com.itvision.maintenance.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.app.reliability.RequestCorpus.Base;
import com.itvision.maintenance.app.reliability.RequestCorpus.Expect;
import com.itvision.maintenance.app.reliability.RequestCorpus.Probe;
import com.itvision.maintenance.app.support.Api;
import com.itvision.maintenance.app.support.ExampleBodies;
import com.itvision.maintenance.app.support.OpenApiOperations;
import com.itvision.maintenance.app.support.OpenApiOperations.Operation;
import com.itvision.maintenance.app.support.RawExchange;
import com.itvision.maintenance.app.support.RawExchange.Answer;
import com.itvision.maintenance.app.support.ReadyResources;
import com.itvision.maintenance.app.support.TokenIntegrationTest;
import com.itvision.maintenance.app.support.World;
import com.itvision.maintenance.app.support.World.Owner;
import com.itvision.maintenance.kernel.common.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Issue 7, the fault suite: at least 10 000 malformed requests generated from the OpenAPI document (every
 * path × method, so that an endpoint added tomorrow is covered without editing this test; see
 * {@link RequestCorpus} for the mutation operators), sent with a fixed seed to resources in the state each
 * operation acts on. Pass criteria, each checked against the server's own records, not its word:
 * <ul>
 *   <li>no 5xx, and an HTTP answer to every request;</li>
 *   <li>every non-2xx answer is an {@code application/problem+json} document whose {@code code} is an
 *       {@link ErrorCode} of the answer's status, with the request's correlation id;</li>
 *   <li>what must be refused is refused (a mutation that breaks the documented schema, JSON or HTTP);</li>
 *   <li>no event in the store carries the correlation id of a refused request; every accepted command's
 *       answered events are stored under its own; no event of the run is anyone else's;</li>
 *   <li>afterwards the read models have applied every event (reconciliation clean) and hold no dead letter;
 *       every resource created by an accepted request can be read back where the API documents a GET.</li>
 * </ul>
 */
class MalformedRequestCorpusTest extends TokenIntegrationTest {
    static final long SEED = 20_261_202L;
    static final int MINIMUM = 10_000;
    /** Seeded combinations of 2 to 4 mutations, as a random demo user, on top of the single mutations. */
    static final int COMBINED = 800;
    /** Requests in flight at a time: the machine's two cores, shared with the server and the database. */
    static final int SENDERS = 2;

    private static final Map<String, Integer> KIND_STATUS = Map.ofEntries(Map.entry("INVALID", 400),
            Map.entry("UNAUTHENTICATED", 401), Map.entry("FORBIDDEN", 403), Map.entry("NOT_FOUND", 404),
            Map.entry("CONFLICT", 409), Map.entry("TOO_LARGE", 413), Map.entry("URI_TOO_LONG", 414),
            Map.entry("HEADERS_TOO_LARGE", 431), Map.entry("UNSUPPORTED", 415), Map.entry("METHOD", 405),
            Map.entry("TOO_MANY", 429), Map.entry("INTERNAL", 500), Map.entry("UNAVAILABLE", 503));

    record Outcome(Probe probe, Answer answer, String failure, long nanos) {
        int status() {
            return answer == null ? -1 : answer.status();
        }

        boolean accepted() {
            return status() >= 200 && status() < 300;
        }
    }

    /**
     * The whole corpus: ~13 000 requests, about a minute on two shared cores (47 to 64 s of sending measured,
     * plus 8 s of preparing resources), so it runs with the fault suite ({@code -Pfaults}).
     */
    @Test
    @Tag("faults")
    void every_malformed_request_is_refused_with_a_problem_and_stores_nothing() throws Exception {
        corpus(0, "malformed-request-corpus.txt");
    }

    /**
     * In the normal suite, a seeded sample of the same corpus: every operation's unmutated request and one
     * request of each of its mutation families (a few seconds), under the same pass criteria.
     */
    @Test
    void a_sample_of_every_operations_mutation_families_is_refused_with_a_problem_and_stores_nothing()
            throws Exception {
        corpus(1, "malformed-request-sample.txt");
    }

    /** @param perFamily 0: every request; else that many per operation and mutation family, picked with the seed */
    private void corpus(int perFamily, String reportFile) throws Exception {
        Api api = new Api(port);
        World world = new World(api, clock);
        JsonNode document = api.anonymous().get("/v3/api-docs").json();
        List<Operation> operations = OpenApiOperations.of(document);
        assertThat(operations).as("operations in the OpenAPI document").hasSizeGreaterThan(40);

        long setupStart = System.nanoTime();
        Owner owner = world.newOwner("corpus", "user-sales");
        String nonce = UUID.randomUUID().toString().substring(0, 8);
        RequestCorpus corpus = new RequestCorpus(SEED, nonce, world::token);
        List<Base> bases = new ArrayList<>();
        for (Operation operation : operations) {
            bases.add(base(world, owner, operation, document, nonce));
        }
        bases.forEach(corpus::generate);
        corpus.combine(bases, List.copyOf(DEMO_USERS.keySet().stream().sorted().toList()), COMBINED);
        List<Probe> probes = perFamily == 0 ? corpus.probes() : sample(corpus.probes(), perFamily);
        int singles = (int) probes.stream().filter(p -> !p.family().equals("combined")).count();
        long setupMillis = (System.nanoTime() - setupStart) / 1_000_000;
        if (perFamily == 0) {
            assertThat(probes).hasSizeGreaterThanOrEqualTo(MINIMUM);
        }
        assertThat(probes.stream().map(p -> p.operation().name()).distinct().count()).as("every operation")
                .isEqualTo(operations.size());

        long startHead = head();
        long start = System.nanoTime();
        List<Outcome> outcomes = send(probes);
        long sendMillis = (System.nanoTime() - start) / 1_000_000;

        List<String> violations = new ArrayList<>();
        for (Outcome outcome : outcomes) {
            check(outcome, corpus, violations);
        }
        checkEventStore(outcomes, corpus, startHead, violations);
        checkReadModels(api, world, document, outcomes, violations);
        long totalMillis = (System.nanoTime() - start) / 1_000_000;

        String report = report(operations, probes, singles, outcomes, setupMillis, sendMillis, totalMillis);
        System.out.println(report);
        Files.writeString(Path.of("target", reportFile), report + "\nviolations:\n"
                + String.join("\n", violations) + "\n");
        assertThat(violations).as("%d violations in %d requests, the first 60", violations.size(), probes.size())
                .satisfies(v -> assertThat(v.subList(0, Math.min(60, v.size()))).isEmpty());
    }

    /**
     * Two senders, each taking whole operations in turn, so that the requests of one operation keep their
     * order (an Idempotency-Key's first use, then its reuse) while two requests are served at a time.
     */
    private List<Outcome> send(List<Probe> probes) throws InterruptedException {
        Outcome[] outcomes = new Outcome[probes.size()];
        Map<Probe, Integer> index = new java.util.IdentityHashMap<>();
        for (int i = 0; i < probes.size(); i++) {
            index.put(probes.get(i), i);
        }
        Map<String, List<Probe>> lanes = new LinkedHashMap<>();
        for (Probe probe : probes) {
            String lane = probe.family().equals("combined") ? "combined-" + (probe.seq() % 8) : probe.operation().name();
            lanes.computeIfAbsent(lane, l -> new ArrayList<>()).add(probe);
        }
        java.util.concurrent.ConcurrentLinkedQueue<List<Probe>> queue = new java.util.concurrent.ConcurrentLinkedQueue<>(
                lanes.values());
        RawExchange http = new RawExchange(port);
        java.util.concurrent.ExecutorService senders = java.util.concurrent.Executors.newFixedThreadPool(SENDERS);
        try {
            for (int i = 0; i < SENDERS; i++) {
                senders.submit(() -> {
                    for (List<Probe> lane; (lane = queue.poll()) != null; ) {
                        for (Probe probe : lane) {
                            outcomes[index.get(probe)] = exchange(http, probe);
                        }
                    }
                });
            }
        } finally {
            senders.shutdown();
        }
        assertThat(senders.awaitTermination(10, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
        return Arrays.asList(outcomes);
    }

    /**
     * {@code perFamily} requests of each operation and mutation family (every unmutated one), picked with the
     * corpus's seed; an Idempotency-Key's reuse comes with its first use.
     */
    static List<Probe> sample(List<Probe> probes, int perFamily) {
        java.util.Random random = new java.util.Random(SEED);
        Map<String, List<Probe>> groups = new LinkedHashMap<>();
        for (Probe probe : probes) {
            groups.computeIfAbsent(probe.operation().name() + " " + probe.family(), g -> new ArrayList<>()).add(probe);
        }
        java.util.SortedSet<Integer> picked = new java.util.TreeSet<>();
        for (List<Probe> group : groups.values()) {
            List<Probe> shuffled = new ArrayList<>(group);
            java.util.Collections.shuffle(shuffled, random);
            for (Probe probe : shuffled.subList(0, Math.min(perFamily, shuffled.size()))) {
                picked.add(probe.seq());
                if (probe.operator().contains("Idempotency-Key reused")) {
                    picked.add(probe.seq() - 1);
                }
            }
        }
        return picked.stream().map(probes::get).toList();
    }

    private static Outcome exchange(RawExchange http, Probe probe) {
        long sent = System.nanoTime();
        try {
            Answer answer = http.send(probe.method(), probe.target(), probe.headers(), probe.body(), probe.chunked());
            return new Outcome(probe, answer, answer.status() < 0 ? "no HTTP answer" : null, System.nanoTime() - sent);
        } catch (IOException | RuntimeException e) {
            return new Outcome(probe, null, e.toString(), System.nanoTime() - sent);
        }
    }

    // ------------------------------------------------------------------ the unmutated requests

    /** The operation's request before mutations: a fresh resource in its state, a valid body. */
    private Base base(World world, Owner owner, Operation operation, JsonNode document, String nonce) {
        Map<String, String> pathValues = new LinkedHashMap<>();
        List<OpenApiOperations.Parameter> variables = operation.parameters("path");
        if (!variables.isEmpty()) {
            ReadyResources.Ready ready = ReadyResources.of(world, owner, operation).orElseThrow();
            for (OpenApiOperations.Parameter variable : variables) {
                pathValues.put(variable.name(), variable.name().equals("group") ? ReadyResources.GROUP : ready.id());
            }
        }
        tools.jackson.databind.node.ObjectNode body = null;
        if (operation.hasBody()) {
            body = new ExampleBodies(hints(world, owner, operation, nonce), LocalDate.now(clock), Instant.now())
                    .object(operation.body());
        }
        // what the documentation gives to a client only (accept, confirm, rate) is sent as the owner's client
        String caller = operation.description().contains("ADMIN") ? "admin" : owner.clientUser();
        return new Base(operation, pathValues, body, OpenApiOperations.methods(document, operation.path()), caller);
    }

    /** Values by property name that make the unmutated body valid for the resources of {@code owner}. */
    private static Map<String, JsonNode> hints(World world, Owner owner, Operation operation, String nonce) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        Map<String, JsonNode> hints = new HashMap<>();
        LocalDate today = LocalDate.now();
        hints.put("clientId", nodes.stringNode(owner.clientId()));
        // a contract creation on a project of its own cannot overlap the owner's warranty
        hints.put("projectId", nodes.stringNode(operation.name().equals("POST /api/v1/contracts")
                ? world.project(owner.clientId()) : owner.projectId()));
        hints.put("contractId", nodes.stringNode(owner.contractId()));
        hints.put("technicianId", nodes.stringNode(owner.technicianId()));
        hints.put("salesRepId", nodes.stringNode("user-sales"));
        Instant[] slot = world.slot(owner.technicianId());
        hints.put("startedAt", nodes.stringNode(slot[0].toString()));
        hints.put("endedAt", nodes.stringNode(slot[1].toString()));
        hints.put("hoursSpent", nodes.numberNode(0.25));
        hints.put("estimatedHours", nodes.numberNode(1));
        hints.put("username", nodes.stringNode("corpus-" + nonce));
        hints.put("password", nodes.stringNode("corpus-password"));
        hints.put("roles", nodes.arrayNode().add("CLIENT"));
        hints.put("role", nodes.stringNode("SALES"));
        hints.put("kind", nodes.stringNode("MAINTENANCE"));
        hints.put("type", nodes.stringNode("PREVENTIVE"));
        hints.put("currency", nodes.stringNode("XOF"));
        hints.put("amountMinor", nodes.numberNode(1_200_000L));
        hints.put("interventionsIncluded", nodes.numberNode(4));
        hints.put("slaHours", nodes.numberNode(24));
        hints.put("startDate", nodes.stringNode(today.toString()));
        hints.put("endDate", nodes.stringNode(today.plusDays(364).toString()));
        switch (operation.name()) {
            // World's contracts run until today + 300: a renewal starts the day after
            case "POST /api/v1/contracts/{id}/renew" -> {
                hints.put("startDate", nodes.stringNode(today.plusDays(301).toString()));
                hints.put("endDate", nodes.stringNode(today.plusDays(665).toString()));
            }
            // a reassignment names another technician than the ticket's
            case "POST /api/v1/tickets/{id}/reassign" -> hints.put("technicianId",
                    nodes.stringNode(world.userId(world.user("TECHNICIAN", null))));
            default -> {
            }
        }
        return hints;
    }

    // ------------------------------------------------------------------ per answer

    private static void check(Outcome outcome, RequestCorpus corpus, List<String> violations) {
        Probe probe = outcome.probe();
        String where = probe.describe() + " → ";
        if (outcome.failure() != null) {
            violations.add(where + outcome.failure());
            return;
        }
        Answer answer = outcome.answer();
        int status = answer.status();
        if (status >= 500) {
            violations.add(where + "5xx: " + answer);
        }
        if (probe.status() != null && status != probe.status()) {
            violations.add(where + "expected " + probe.status() + " " + probe.code() + ": " + answer);
        } else if (probe.expect() == Expect.REFUSED && outcome.accepted()) {
            violations.add(where + "accepted what must be refused: " + answer);
        }
        if (status < 300 || probe.method().equals("HEAD")) {
            return;
        }
        String type = answer.header("Content-Type");
        if (type == null || !type.startsWith("application/problem+json")) {
            violations.add(where + "not a problem document: " + answer);
            return;
        }
        JsonNode problem;
        try {
            problem = RequestCorpus.JSON.readTree(answer.body());
        } catch (RuntimeException e) {
            violations.add(where + "unreadable problem document: " + answer);
            return;
        }
        String code = problem.path("code").asString("");
        ErrorCode errorCode = Arrays.stream(ErrorCode.values()).filter(c -> c.name().equals(code)).findFirst()
                .orElse(null);
        if (errorCode == null) {
            violations.add(where + "no ErrorCode in the problem: " + answer);
            return;
        }
        if (KIND_STATUS.get(errorCode.kind().name()) != status && !(status == 406 && code.equals("MALFORMED_REQUEST"))) {
            violations.add(where + code + " is not a " + status + ": " + answer);
        }
        if (problem.path("status").asInt() != status) {
            violations.add(where + "problem status " + problem.path("status") + " is not the answer's: " + answer);
        }
        if (probe.code() != null && !probe.code().equals(code)) {
            violations.add(where + "expected code " + probe.code() + ": " + answer);
        }
        String correlationId = problem.path("correlationId").asString("");
        if (probe.unreadable() ? correlationId.isEmpty() || !correlationId.equals(answer.header("X-Correlation-Id"))
                : !correlationId.equals(corpus.correlationId(probe.seq()))) {
            violations.add(where + "the problem does not carry the request's correlation id: " + answer);
        }
    }

    // ------------------------------------------------------------------ the event store

    /**
     * Every event stored since the corpus started, attributed to its request by the correlation id in its
     * metadata: none for a refused request, exactly the answered ones for an accepted command, none from
     * anyone else.
     */
    private void checkEventStore(List<Outcome> outcomes, RequestCorpus corpus, long startHead, List<String> violations) {
        Map<String, List<String>> byCorrelation = new HashMap<>();
        List<Map<String, Object>> rows = jdbc.sql("SELECT global_index, payload_type, convert_from(meta_data, 'UTF8') "
                        + "AS meta FROM domain_event_entry WHERE global_index > ? ORDER BY global_index")
                .param(startHead).query().listOfRows();
        for (Map<String, Object> row : rows) {
            String correlation = RequestCorpus.JSON.readTree((String) row.get("meta")).path("correlationId").asString("");
            String type = (String) row.get("payload_type");
            byCorrelation.computeIfAbsent(correlation, c -> new ArrayList<>())
                    .add(type.substring(Math.max(type.lastIndexOf('.'), type.lastIndexOf('$')) + 1));
        }
        Set<String> known = outcomes.stream().map(o -> corpus.correlationId(o.probe().seq())).collect(Collectors.toSet());
        byCorrelation.forEach((correlation, events) -> {
            if (!known.contains(correlation)) {
                violations.add("events stored during the corpus by nobody in it (correlation " + correlation + "): "
                        + events);
            }
        });
        for (Outcome outcome : outcomes) {
            List<String> stored = byCorrelation.getOrDefault(corpus.correlationId(outcome.probe().seq()), List.of());
            if (!outcome.accepted()) {
                if (!stored.isEmpty()) {
                    violations.add(outcome.probe().describe() + " → refused with " + outcome.answer() + " but stored "
                            + stored);
                }
                continue;
            }
            if ("true".equals(outcome.answer().header("Idempotency-Replayed")) || outcome.answer().body().length == 0) {
                continue;
            }
            JsonNode body = readQuietly(outcome.answer());
            if (body != null && body.has("events")) {
                List<String> answered = body.path("events").valueStream().map(JsonNode::asString).toList();
                if (!answered.equals(stored)) {
                    violations.add(outcome.probe().describe() + " → answered events " + answered + " but stored "
                            + stored);
                }
            }
        }
    }

    // ------------------------------------------------------------------ read models

    /**
     * Once the read models have reached the store's head: reconciliation finds no missed event and no dead
     * letter, and every resource an accepted request created can be read where the API has a GET for it.
     */
    private void checkReadModels(Api api, World world, JsonNode document, List<Outcome> outcomes,
                                 List<String> violations) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        boolean caughtUp = false;
        while (!caughtUp && Instant.now().isBefore(deadline)) {
            JsonNode overview = world.as("admin").get("/api/v1/admin/projections").json();
            caughtUp = overview.path("processors").valueStream()
                    .allMatch(p -> !p.path("error").asBoolean() && (p.path("lag").isNull() || p.path("lag").asLong() == 0));
            if (!caughtUp) {
                Thread.sleep(100);
            }
        }
        if (!caughtUp) {
            violations.add("read models not caught up after 60 s: " + world.as("admin").get("/api/v1/admin/projections"));
        }
        long deadLetters = jdbc.sql("SELECT count(*) FROM dead_letter_entry").query(Long.class).single();
        if (deadLetters > 0) {
            violations.add(deadLetters + " dead letters: " + world.as("admin").get("/api/v1/admin/dead-letters"));
        }
        JsonNode reconciliation = world.as("admin").get("/api/v1/admin/projections/reconciliation").json();
        if (!reconciliation.path("clean").asBoolean()) {
            violations.add("reconciliation not clean: " + reconciliation);
        }
        reconciliation.path("groups").forEach(group -> {
            if (group.path("deadLettered").asLong() != 0) {
                violations.add("dead-lettered aggregates in " + group);
            }
        });
        List<String> readable = OpenApiOperations.of(document).stream().filter(o -> o.method().equals("GET"))
                .map(o -> o.path().replaceAll("\\{[^}/]+}", "[^/]+")).toList();
        for (Outcome outcome : outcomes) {
            String location = outcome.accepted() ? outcome.answer().header("Location") : null;
            if (location == null) {
                continue;
            }
            String path = location.replaceFirst("^https?://[^/]+", "");
            if (readable.stream().anyMatch(path::matches)) {
                Api.Response read = world.as("admin").get(path);
                if (read.status() != 200) {
                    violations.add(outcome.probe().describe() + " → created " + path + " but reading it answers " + read);
                }
            }
        }
    }

    private static JsonNode readQuietly(Answer answer) {
        try {
            return RequestCorpus.JSON.readTree(answer.body());
        } catch (RuntimeException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------ report

    private static String report(List<Operation> operations, List<Probe> probes, int singles, List<Outcome> outcomes,
                               long setupMillis, long sendMillis, long totalMillis) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%nMalformed-request corpus: seed %d, %d requests (%d single mutations, "
                        + "%d combined) over %d operations; setup %d ms, sending %d ms (%.1f requests/s), with checks %d ms%n",
                SEED, probes.size(), singles, probes.size() - singles, operations.size(), setupMillis, sendMillis,
                probes.size() * 1000.0 / Math.max(1, sendMillis), totalMillis));
        Map<String, Long> byStatus = new TreeMap<>();
        Map<String, Long> byFamily = new TreeMap<>();
        Map<String, Long> byOperation = new TreeMap<>();
        Map<String, Long> baselines = new TreeMap<>();
        for (Outcome outcome : outcomes) {
            String code = outcome.accepted() || outcome.answer() == null ? "" : " " + codeOf(outcome.answer());
            byStatus.merge(outcome.status() + code, 1L, Long::sum);
            byFamily.merge(outcome.probe().family(), 1L, Long::sum);
            byOperation.merge(outcome.probe().operation().name(), 1L, Long::sum);
            if (outcome.probe().family().equals("baseline")) {
                baselines.put(outcome.probe().operation().name() + " → " + outcome.status() + code, 1L);
            }
        }
        out.append("  by status and code:\n");
        byStatus.forEach((k, v) -> out.append(String.format(Locale.ROOT, "    %-40s %6d%n", k, v)));
        out.append("  by operator family:\n");
        byFamily.forEach((k, v) -> out.append(String.format(Locale.ROOT, "    %-40s %6d%n", k, v)));
        out.append("  by operation:\n");
        byOperation.forEach((k, v) -> out.append(String.format(Locale.ROOT, "    %-60s %6d%n", k, v)));
        out.append("  unmutated requests:\n");
        baselines.keySet().forEach(k -> out.append("    ").append(k).append('\n'));
        List<Outcome> slowest = outcomes.stream().sorted((a, b) -> Long.compare(b.nanos(), a.nanos())).limit(5).toList();
        out.append("  slowest:\n");
        slowest.forEach(o -> out.append(String.format(Locale.ROOT, "    %5d ms %s%n", o.nanos() / 1_000_000,
                o.probe().describe().substring(0, Math.min(160, o.probe().describe().length())))));
        return out.toString();
    }

    private static String codeOf(Answer answer) {
        JsonNode body = readQuietly(answer);
        return body == null ? "(no JSON)" : body.path("code").asString("(no code)");
    }
}
