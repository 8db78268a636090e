package com.itvision.maintenance.app.reliability.faults;

import com.itvision.maintenance.app.support.Api;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * Clients of the API under a fault: worker threads that each run, again and again, the life of a ticket on the
 * demo project {@code project-a-ecommerce} (contract {@code contract-a-corrective}) beside the registration of a
 * client: register a client, open a ticket, put it on hold, resume it, reclassify it, issue a billet to
 * {@code user-tech}. Every command has its own {@code Idempotency-Key}, also written into the command's text
 * (name, title, reason or instructions) so that the verifier finds its events in the store by the key alone.
 *
 * <p>A request that gets no answer (connection refused or reset, timeout), a 5xx, or 409
 * {@code IDEMPOTENCY_KEY_IN_FLIGHT} is retried with the same key and body after
 * {@code min(Retry-After, 1 s)} (the cap keeps an outage densely sampled), until it gets an answer or
 * {@link #OPERATION_DEADLINE} passes (then it is abandoned: its outcome is for the verifier to find). Any other
 * 4xx is final (refused). Every attempt is recorded: operation, key, start, latency, status, problem code.
 * Optional readers send {@code GET /api/v1/tickets} meanwhile, sampled the same way, never retried.
 */
final class LoadGenerator implements AutoCloseable {
    /** Longer than a restart after kill -9 plus the transaction limit an in-flight key waits for (20 s). */
    static final Duration OPERATION_DEADLINE = Duration.ofSeconds(150);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(1);
    /** The marker every key starts with, as the verifier looks for it in the events. */
    static final String KEY_PREFIX = "fk";

    enum Operation {
        REGISTER_CLIENT("ClientRegistered"), OPEN_TICKET("TicketOpened"), HOLD("TicketPutOnHold"),
        RESUME("TicketResumed"), RECLASSIFY("SeverityReclassified"), ISSUE_BILLET("BilletIssued"), READ(null);

        /** The event the command stores with its key in it. */
        final String event;

        Operation(String event) {
            this.event = event;
        }
    }

    /** One HTTP exchange. {@code status} 0: no answer ({@code failure} says why). Times from {@link System#nanoTime()}. */
    record Attempt(Operation operation, String key, long startNanos, long latencyMillis, int status, String code,
                   String contentType, String failure) {
        boolean answered() {
            return status > 0;
        }

        boolean succeeded() {
            return status >= 200 && status < 300;
        }
    }

    /** A 2xx, as the client saw it: what the API says it stored. */
    record Acknowledged(Operation operation, String key, String aggregateId, long version, long position,
                        List<String> events, int status, int attempts, boolean failedBefore, boolean replayed,
                        long atNanos) {
    }

    /** A final 4xx (not retried), or an operation given up after {@link #OPERATION_DEADLINE} ({@code status} 0). */
    record Unsettled(Operation operation, String key, int status, String code) {
    }

    /** Everything the clients saw. */
    record Results(List<Attempt> attempts, List<Acknowledged> acknowledged, List<Unsettled> refused,
                   List<Unsettled> abandoned) {
        List<Attempt> attempts(Predicate<Attempt> filter) {
            return attempts.stream().filter(filter).toList();
        }
    }

    private final int port;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final String projectId;
    private final String contractId;
    private final Queue<Attempt> attempts = new ConcurrentLinkedQueue<>();
    private final Queue<Acknowledged> acknowledged = new ConcurrentLinkedQueue<>();
    private final Queue<Unsettled> refused = new ConcurrentLinkedQueue<>();
    private final Queue<Unsettled> abandoned = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopping;

    private LoadGenerator(int port) {
        this.port = port;
        // contract-a-corrective (demo, seed 001) covers 2026; after it, tickets go to the full-service contract
        // of client B, so that the life of a ticket (covered, treatable, billet) stays the same
        boolean corrective = !LocalDate.now().isAfter(LocalDate.of(2026, 12, 31));
        this.projectId = corrective ? "project-a-ecommerce" : "project-b-network";
        this.contractId = corrective ? "contract-a-corrective" : "contract-b-full";
    }

    /** A fresh key, in the form the verifier finds in the events' text. */
    static String newKey() {
        return KEY_PREFIX + UUID.randomUUID().toString().replace("-", "");
    }

    /** Starts {@code workers} command threads and {@code readers} query threads against the API on {@code port}. */
    static LoadGenerator start(int port, int workers, int readers) {
        LoadGenerator load = new LoadGenerator(port);
        for (int i = 0; i < workers; i++) {
            load.threads.add(Thread.ofPlatform().name("load-worker-" + i).start(load::work));
        }
        for (int i = 0; i < readers; i++) {
            load.threads.add(Thread.ofPlatform().name("load-reader-" + i).start(load::read));
        }
        return load;
    }

    /** Asks every thread to stop after its current operation (retries included) and waits for them. */
    Results stop() throws InterruptedException {
        stopping = true;
        for (Thread thread : threads) {
            thread.join(OPERATION_DEADLINE.plus(REQUEST_TIMEOUT).toMillis());
            if (thread.isAlive()) {
                throw new AssertionError(thread.getName() + " did not stop");
            }
        }
        return results();
    }

    Results results() {
        return new Results(List.copyOf(attempts), List.copyOf(acknowledged), List.copyOf(refused),
                List.copyOf(abandoned));
    }

    /** Requests sent and not answered yet. */
    int inFlight() {
        return inFlight.get();
    }

    /** Commands acknowledged since {@code sinceNanos}. */
    long acknowledgedSince(long sinceNanos) {
        return acknowledged.stream().filter(a -> a.atNanos() >= sinceNanos).count();
    }

    /** Waits until {@code count} commands were acknowledged since {@code sinceNanos}. */
    void awaitAcknowledged(long sinceNanos, int count, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (acknowledgedSince(sinceNanos) < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(count + " commands acknowledged within " + wait.toSeconds() + " s; got "
                        + acknowledgedSince(sinceNanos) + "; last attempts: " + lastAttempts(5));
            }
            Thread.sleep(50);
        }
    }

    private List<Attempt> lastAttempts(int n) {
        List<Attempt> all = List.copyOf(attempts);
        return all.subList(Math.max(0, all.size() - n), all.size());
    }

    /** Thrown in a load thread interrupted by {@link #close()}: it ends quietly. */
    private static final class Interrupted extends RuntimeException {
        Interrupted() {
            super(null, null, false, false);
        }
    }

    private void work() {
        try {
            lifeOfTickets();
        } catch (Interrupted e) {
            // closed
        }
    }

    private void lifeOfTickets() {
        while (!stopping) {
            command(Operation.REGISTER_CLIENT, "admin", "/api/v1/clients", key -> Map.of(
                    "name", "Load client " + key, "email", "it@load.example"));
            if (stopping) {
                return;
            }
            Optional<Acknowledged> opened = command(Operation.OPEN_TICKET, "lead", "/api/v1/tickets", key -> Map.of(
                    "projectId", projectId, "contractId", contractId, "title", "Load ticket " + key,
                    "description", "The payment page times out", "severity", "MINOR"));
            if (opened.isEmpty()) {
                continue;
            }
            String ticket = "/api/v1/tickets/" + opened.get().aggregateId();
            // each step needs the previous one: a step refused or abandoned ends this ticket's life
            boolean ok = !stopping && command(Operation.HOLD, "lead", ticket + "/hold",
                    key -> Map.of("reason", "Waiting for the client " + key)).isPresent();
            ok = ok && !stopping && command(Operation.RESUME, "lead", ticket + "/resume",
                    key -> Map.of("reason", "The client answered " + key)).isPresent();
            ok = ok && !stopping && command(Operation.RECLASSIFY, "lead", ticket + "/reclassify",
                    key -> Map.of("severity", "MAJOR", "reason", "Checkout is down " + key)).isPresent();
            if (ok && !stopping) {
                command(Operation.ISSUE_BILLET, "lead", ticket + "/billets", key -> Map.of(
                        "technicianId", "user-tech", "type", "ANALYSIS", "estimatedHours", 2,
                        "instructions", "Analyse the logs " + key));
            }
        }
    }

    private void read() {
        try {
            while (!stopping) {
                long start = System.nanoTime();
                exchange(Operation.READ, null, "lead", request("/api/v1/tickets?size=5", "lead").GET(), start);
                sleep(Duration.ofMillis(200));
            }
        } catch (Interrupted e) {
            // closed
        }
    }

    interface Body {
        Map<String, Object> of(String key);
    }

    /**
     * Sends one command until it is settled: acknowledged (returned), refused, or abandoned at the deadline. The
     * retries send the very same key and body, as a client that lost an answer must.
     */
    private Optional<Acknowledged> command(Operation operation, String user, String path, Body body) {
        String key = newKey();
        String json = Api.JSON.writeValueAsString(new LinkedHashMap<>(body.of(key)));
        long deadline = System.nanoTime() + OPERATION_DEADLINE.toNanos();
        boolean failedBefore = false;
        for (int attempt = 1; ; attempt++) {
            long start = System.nanoTime();
            HttpRequest.Builder request = request(path, user).header("Idempotency-Key", key)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
            Exchange answer = exchange(operation, key, user, request, start);
            if (answer.attempt().succeeded()) {
                JsonNode result = answer.json();
                List<String> events = new ArrayList<>();
                result.path("events").forEach(e -> events.add(e.asString()));
                Acknowledged ack = new Acknowledged(operation, key, result.path("id").asString(),
                        result.path("version").asLong(-1), result.path("position").asLong(-1), events,
                        answer.attempt().status(), attempt, failedBefore,
                        "true".equals(answer.response() == null ? null
                                : answer.response().headers().firstValue("Idempotency-Replayed").orElse(null)),
                        System.nanoTime());
                acknowledged.add(ack);
                return Optional.of(ack);
            }
            boolean retryable = !answer.attempt().answered() || answer.attempt().status() >= 500
                    || "IDEMPOTENCY_KEY_IN_FLIGHT".equals(answer.attempt().code());
            if (!retryable) {
                refused.add(new Unsettled(operation, key, answer.attempt().status(), answer.attempt().code()));
                return Optional.empty();
            }
            if (System.nanoTime() > deadline) {
                abandoned.add(new Unsettled(operation, key, 0, answer.attempt().code()));
                return Optional.empty();
            }
            failedBefore = true;
            sleep(backoff(answer));
        }
    }

    private record Exchange(Attempt attempt, HttpResponse<String> response) {
        JsonNode json() {
            return Api.JSON.readTree(response.body());
        }
    }

    private Exchange exchange(Operation operation, String key, String user, HttpRequest.Builder request, long start) {
        inFlight.incrementAndGet();
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String contentType = response.headers().firstValue("Content-Type").orElse(null);
            String code = response.statusCode() >= 400 ? problemCode(contentType, response.body()) : null;
            Attempt attempt = new Attempt(operation, key, start, millisSince(start), response.statusCode(), code,
                    contentType, null);
            attempts.add(attempt);
            return new Exchange(attempt, response);
        } catch (IOException | RuntimeException e) {
            Attempt attempt = new Attempt(operation, key, start, millisSince(start), 0, null, null,
                    e.getClass().getSimpleName());
            attempts.add(attempt);
            return new Exchange(attempt, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Interrupted();
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** The problem's code; {@code NOT_A_PROBLEM} for an error answered with anything but problem+json. */
    private static String problemCode(String contentType, String body) {
        if (contentType == null || !contentType.startsWith("application/problem+json")) {
            return "NOT_A_PROBLEM";
        }
        try {
            return Api.JSON.readTree(body).path("code").asString("NO_CODE");
        } catch (RuntimeException e) {
            return "UNREADABLE_PROBLEM";
        }
    }

    private HttpRequest.Builder request(String path, String user) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
    }

    private static Duration backoff(Exchange answer) {
        if (answer.response() == null) {
            return Duration.ofMillis(250);
        }
        Duration retryAfter = answer.response().headers().firstValue("Retry-After")
                .map(s -> Duration.ofSeconds(Long.parseLong(s.strip()))).orElse(Duration.ofMillis(500));
        return retryAfter.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : retryAfter;
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Interrupted();
        }
    }

    @Override
    public void close() {
        stopping = true;
        threads.forEach(Thread::interrupt);
    }
}
