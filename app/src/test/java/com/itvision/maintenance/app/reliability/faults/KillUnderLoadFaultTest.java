package com.itvision.maintenance.app.reliability.faults;

import static com.itvision.maintenance.app.reliability.faults.FaultResults.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.app.reliability.faults.LoadGenerator.Results;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Scenario 1: kill -9 of the application under command load, three times. Each time it is started again at once
 * on the same database and port, and the clients carry on, retrying what got no answer with the same
 * Idempotency-Key. Pass: every acknowledged command is in the event store exactly once, no key stored twice,
 * nothing half-applied, read models equal a rebuild, reconciliation 0, no dead letters.
 */
@Tag("faults")
class KillUnderLoadFaultTest {
    private static final int KILLS = 3;
    private static final int ACKS_BETWEEN_KILLS = 25;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void kill_9_three_times_under_load_loses_no_acknowledged_command_and_stores_none_twice() throws Exception {
        long began = System.nanoTime();
        try (FaultRig rig = FaultRig.create("1-kill-under-load")) {
            rig.startApplication();
            List<String> kills = new ArrayList<>();
            Results results;
            try (LoadGenerator load = LoadGenerator.start(rig.port(), 4, 0)) {
                long since = System.nanoTime();
                for (int kill = 1; kill <= KILLS; kill++) {
                    load.awaitAcknowledged(since, ACKS_BETWEEN_KILLS, Duration.ofSeconds(120));
                    int inFlight = load.inFlight();
                    rig.killApplication();
                    Duration restart = rig.restartApplication();
                    since = System.nanoTime();
                    kills.add("%d in flight, restarted in %s".formatted(inFlight, seconds(restart)));
                }
                // the load goes on after the last restart, its interrupted commands settled by their retries
                load.awaitAcknowledged(since, ACKS_BETWEEN_KILLS, Duration.ofSeconds(120));
                results = load.stop();
            }
            assertThat(results.refused()).as("refused commands").isEmpty();
            assertThat(results.abandoned()).as("commands never answered within %s", LoadGenerator.OPERATION_DEADLINE)
                    .isEmpty();
            EventStoreVerifier.Report stored = new EventStoreVerifier(rig).verify(results);
            ReadModelCheck.Report readModels = new ReadModelCheck(rig).verify();
            long unanswered = results.attempts().stream().filter(a -> !a.answered()).count();
            long inFlightKeys = results.attempts().stream()
                    .filter(a -> "IDEMPOTENCY_KEY_IN_FLIGHT".equals(a.code())).count();
            Latencies succeeded = Latencies.of(results.attempts(LoadGenerator.Attempt::succeeded).stream()
                    .map(LoadGenerator.Attempt::latencyMillis).toList());
            FaultResults.record("1 kill -9 under load (x3)", ("4 clients; kills: %s; %d attempts unanswered, %d "
                    + "answered IDEMPOTENCY_KEY_IN_FLIGHT; successful commands %s; %s; %s; %s total")
                    .formatted(String.join(" / ", kills), unanswered, inFlightKeys, succeeded, stored, readModels,
                            seconds(Duration.ofNanos(System.nanoTime() - began))));
        }
    }
}
