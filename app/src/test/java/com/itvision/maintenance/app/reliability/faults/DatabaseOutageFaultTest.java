package com.itvision.maintenance.app.reliability.faults;

import static com.itvision.maintenance.app.reliability.faults.FaultResults.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.app.reliability.faults.LoadGenerator.Attempt;
import com.itvision.maintenance.app.reliability.faults.LoadGenerator.Results;
import com.itvision.maintenance.app.support.Api;
import com.itvision.maintenance.projections.support.Projections;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * Scenario 3: PostgreSQL stopped under load, for 10 s and then for 40 s, the application left running. Pass:
 * while the database is down every request (commands and queries) answers fast, with a 503 problem
 * (DATABASE_UNAVAILABLE or DATABASE_BUSY; never 401 or 429, never a hang), and readiness is DOWN; once it is
 * back the same JVM recovers by itself (commands succeed, readiness and health UP, every read model reaches the
 * store's head); nothing half-applied: every acknowledged command is stored exactly once, including those that
 * got a 5xx first and succeeded on a retry with their key; read models equal a rebuild, reconciliation 0.
 */
@Tag("faults")
class DatabaseOutageFaultTest {
    /** Hikari's connection timeout is 3 s: a request that cannot get a connection answers after it. */
    private static final long P99_BOUND_MILLIS = 5_000;
    private static final Duration RECOVERY_BOUND = Duration.ofSeconds(90);
    private static final Set<String> OUTAGE_CODES = Set.of("DATABASE_UNAVAILABLE", "DATABASE_BUSY");

    @Test
    @Timeout(value = 12, unit = TimeUnit.MINUTES)
    void postgres_down_10_s_then_40_s_gets_fast_503s_and_the_same_jvm_recovers_with_nothing_half_applied()
            throws Exception {
        long began = System.nanoTime();
        try (FaultRig rig = FaultRig.create("3-database-outage")) {
            rig.startApplication();
            long pid = rig.application().pid();
            List<String> lines = new ArrayList<>();
            Results results;
            // 6 command clients and 2 readers: an outage of 10 s still gets a few dozen requests to measure
            try (LoadGenerator load = LoadGenerator.start(rig.port(), 6, 2);
                 ReadinessProbe readiness = ReadinessProbe.start(rig.port())) {
                load.awaitAcknowledged(System.nanoTime(), 20, Duration.ofSeconds(120));
                for (Duration outage : List.of(Duration.ofSeconds(10), Duration.ofSeconds(40))) {
                    lines.add(outage(rig, load, readiness, outage));
                }
                load.awaitAcknowledged(System.nanoTime(), 20, Duration.ofSeconds(120));
                results = load.stop();
            }
            assertThat(rig.application().isAlive()).isTrue();
            assertThat(rig.application().pid()).as("recovered without a restart").isEqualTo(pid);
            assertThat(results.refused()).as("refused commands").isEmpty();
            assertThat(results.abandoned()).as("commands never answered").isEmpty();
            assertThat(results.attempts(a -> a.status() == 401 || a.status() == 429)).as("401/429 answers").isEmpty();
            EventStoreVerifier.Report stored = new EventStoreVerifier(rig).verify(results);
            ReadModelCheck.Report readModels = new ReadModelCheck(rig).verify();
            FaultResults.record("3 PostgreSQL down 10 s and 40 s", "%s; %s; %s; %s total".formatted(
                    String.join("; ", lines), stored, readModels, seconds(Duration.ofNanos(System.nanoTime() - began))));
        }
    }

    /** Stops the database for {@code length} (from the stop command to the start command) and checks both sides. */
    private static String outage(FaultRig rig, LoadGenerator load, ReadinessProbe readiness, Duration length)
            throws Exception {
        long stopping = System.nanoTime();
        rig.stopDatabase();
        long down = System.nanoTime();
        Thread.sleep(Math.max(0, Duration.ofNanos(stopping + length.toNanos() - System.nanoTime()).toMillis()));
        long starting = System.nanoTime();
        Duration start = rig.startDatabase();
        long up = System.nanoTime();
        long head = rig.head();

        // recovery, from the moment the database accepts connections again
        load.awaitAcknowledged(up, 1, RECOVERY_BOUND);
        long firstAck = load.results().acknowledged().stream().filter(a -> a.atNanos() >= up)
                .mapToLong(LoadGenerator.Acknowledged::atNanos).min().orElseThrow();
        ReadinessProbe.Sample ready = readiness.await(up, 200, RECOVERY_BOUND);
        long healthy = await(RECOVERY_BOUND, () -> healthUp(rig));
        long atHead = await(RECOVERY_BOUND, () -> everyReadModelAt(rig, head));

        // while it was down: every request started after the stop completed and answered before the start began
        List<Attempt> during = load.results().attempts(a -> a.startNanos() >= down
                && a.startNanos() + a.latencyMillis() * 1_000_000 < starting);
        assertThat(during).as("requests while PostgreSQL was down").isNotEmpty();
        assertThat(during).as("answers while PostgreSQL was down").allSatisfy(a -> {
            assertThat(a.status()).as("%s", a).isEqualTo(503);
            assertThat(a.contentType()).as("%s", a).startsWith("application/problem+json");
            assertThat(a.code()).as("%s", a).isIn(OUTAGE_CODES);
        });
        Latencies latencies = Latencies.of(during.stream().map(Attempt::latencyMillis).toList());
        assertThat(latencies.p99()).as("p99 latency while down, %s", latencies).isLessThanOrEqualTo(P99_BOUND_MILLIS);
        List<Attempt> stoppingAttempts = load.results().attempts(a -> a.startNanos() >= stopping && a.startNanos() < down);

        List<ReadinessProbe.Sample> probes = readiness.samples().stream()
                .filter(s -> s.startNanos() >= down && s.startNanos() + s.latencyMillis() * 1_000_000 < starting).toList();
        ReadinessProbe.Sample firstDown = readiness.first(stopping, 503);
        assertThat(firstDown).as("readiness DOWN while PostgreSQL is down").isNotNull();
        assertThat(firstDown.startNanos()).isLessThan(starting);
        // once it said DOWN it stays DOWN until the database is back
        assertThat(probes.stream().filter(s -> s.startNanos() >= firstDown.startNanos()))
                .as("readiness after it first said DOWN").allSatisfy(s -> assertThat(s.status()).isEqualTo(503));
        Latencies probeLatencies = Latencies.of(probes.stream().map(ReadinessProbe.Sample::latencyMillis).toList());

        return ("%s outage: stop %s, %d requests while down, all 503 %s, %s (commands %s, queries %s); "
                + "%d during the stop: %s; readiness DOWN %s after the stop (probe %s); PostgreSQL started in %s, then "
                + "first command acknowledged after %s, readiness UP %s, health UP %s, read models at the head %s")
                .formatted(seconds(length), seconds(Duration.ofNanos(down - stopping)), during.size(), codes(during),
                        latencies,
                        Latencies.of(during.stream().filter(a -> a.operation() != LoadGenerator.Operation.READ)
                                .map(Attempt::latencyMillis).toList()),
                        Latencies.of(during.stream().filter(a -> a.operation() == LoadGenerator.Operation.READ)
                                .map(Attempt::latencyMillis).toList()),
                        stoppingAttempts.size(), codes(stoppingAttempts),
                        seconds(Duration.ofNanos(firstDown.startNanos() + firstDown.latencyMillis() * 1_000_000 - stopping)),
                        probeLatencies, seconds(start),
                        seconds(Duration.ofNanos(firstAck - up)),
                        seconds(Duration.ofNanos(ready.startNanos() + ready.latencyMillis() * 1_000_000 - up)),
                        seconds(Duration.ofNanos(healthy - up)), seconds(Duration.ofNanos(atHead - up)));
    }

    /** Answers by status and code: {503 DATABASE_UNAVAILABLE=12, ...}. */
    private static Map<String, Long> codes(List<Attempt> attempts) {
        return attempts.stream().collect(Collectors.groupingBy(
                a -> a.answered() ? a.status() + (a.code() == null ? "" : " " + a.code()) : a.failure(),
                TreeMap::new, Collectors.counting()));
    }

    private static boolean healthUp(FaultRig rig) {
        try {
            Api.Response health = rig.api().as("admin").get("/actuator/health");
            return health.status() == 200 && "UP".equals(health.json().path("status").asString());
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Every segment of every read model has processed the event at {@code head}. */
    private static boolean everyReadModelAt(FaultRig rig, long head) {
        try {
            Api.Response overview = rig.api().as("admin").get("/api/v1/admin/projections");
            if (overview.status() != 200) {
                return false;
            }
            int groups = 0;
            for (JsonNode processor : overview.json().path("processors")) {
                if (!Projections.ALL.contains(processor.path("name").asString())) {
                    continue;
                }
                groups++;
                if (processor.path("error").asBoolean() || processor.path("segments").isEmpty()) {
                    return false;
                }
                for (JsonNode segment : processor.path("segments")) {
                    if (segment.path("position").asLong(-1) < head) {
                        return false;
                    }
                }
            }
            return groups == Projections.ALL.size();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Polls {@code condition} until it holds; returns the {@link System#nanoTime()} when it did. */
    private static long await(Duration wait, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return System.nanoTime();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Not recovered within " + wait.toSeconds() + " s");
    }
}
