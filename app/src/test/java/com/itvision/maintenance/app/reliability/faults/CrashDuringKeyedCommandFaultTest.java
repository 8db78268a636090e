package com.itvision.maintenance.app.reliability.faults;

import static com.itvision.maintenance.app.reliability.faults.FaultResults.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.app.reliability.faults.KeyedPost.Outcome;
import com.itvision.maintenance.app.reliability.faults.LoadGenerator.Results;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Scenario 6: the process dies while a keyed command runs. The command (a client registration with an
 * Idempotency-Key) is made to wait inside its transaction: the test locks directory_client, which its lookup
 * handler writes, from its own connection, for less than the application's lock timeout. The application is
 * killed meanwhile, the lock released, the application started again (transaction limit 5 s, so that a claim
 * left by a dead request is released soon), and the client retries the same request with the same key until it
 * gets an answer. Pass: the killed command stored nothing; the retry runs it exactly once (one event, at the
 * aggregate and version it answers) and answers 201; a further retry replays that answer.
 */
@Tag("faults")
class CrashDuringKeyedCommandFaultTest {
    private static final Duration TRANSACTION_TIMEOUT = Duration.ofSeconds(5);

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void a_keyed_command_killed_mid_transaction_runs_exactly_once_when_retried_with_its_key() throws Exception {
        long began = System.nanoTime();
        try (FaultRig rig = FaultRig.create("6-crash-during-keyed-command")) {
            rig.startApplication("--maintenance.database.transaction-timeout=" + TRANSACTION_TIMEOUT.toSeconds() + "s");
            String key = LoadGenerator.newKey();
            KeyedPost register = new KeyedPost(rig.port(), "admin", "/api/v1/clients", key,
                    Map.of("name", "Crash client " + key));

            Outcome first;
            try (Connection holder = rig.connect()) {
                holder.setAutoCommit(false);
                try (Statement lock = holder.createStatement()) {
                    lock.execute("LOCK TABLE directory_client IN EXCLUSIVE MODE");
                }
                CompletableFuture<Outcome> sent = CompletableFuture.supplyAsync(() -> register.send(Duration.ofSeconds(30)));
                awaitBlocked(rig, key);
                rig.killApplication();
                holder.rollback();
                first = sent.get(30, TimeUnit.SECONDS);
            }
            assertThat(first.status()).as("the killed request's answer: %s", first).isZero();
            assertThat(rig.queryLong("SELECT count(*) FROM domain_event_entry WHERE position(? in convert_from(payload, 'UTF8')) > 0",
                    key)).as("events of the killed command").isZero();
            assertThat(rig.queryLong("SELECT count(*) FROM idempotency_record WHERE idem_key = ? AND committed_at IS NULL",
                    key)).as("the claim the killed request left").isEqualTo(1);

            Duration restart = rig.restartApplication();
            List<Outcome> retries = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            Outcome retry;
            do {
                retry = register.send(Duration.ofSeconds(30));
                retries.add(retry);
                assertThat(retry.status()).as("retry %s", retry).isIn(201, 409);
                if (retry.status() == 409) {
                    assertThat(retry.code()).isEqualTo("IDEMPOTENCY_KEY_IN_FLIGHT");
                    Thread.sleep(1_000);
                }
            } while (retry.status() != 201 && System.nanoTime() < deadline);
            assertThat(retry.status()).as("the retries: %s", retries).isEqualTo(201);
            assertThat(retry.replayed()).as("it ran now, it was not answered from a receipt").isNull();

            Outcome again = register.send(Duration.ofSeconds(30));
            assertThat(again.status()).isEqualTo(201);
            assertThat(again.replayed()).isEqualTo("true");
            assertThat(again.json()).isEqualTo(retry.json());

            EventStoreVerifier.Report stored = new EventStoreVerifier(rig).verify(new Results(List.of(),
                    List.of(retry.acknowledged(LoadGenerator.Operation.REGISTER_CLIENT, key, 1 + retries.size(), true)),
                    List.of(), List.of()));
            FaultResults.record("6 crash while a keyed command runs", ("first request: %s, nothing stored, its claim "
                    + "left in flight; restarted in %s (transaction limit %s); retries: %s; then replayed; %s; %s total")
                    .formatted(first, seconds(restart), seconds(TRANSACTION_TIMEOUT), retries, stored,
                            seconds(Duration.ofNanos(System.nanoTime() - began))));
        }
    }

    /** The request claimed its key and its command waits for the test's lock, inside its transaction. */
    private static void awaitBlocked(FaultRig rig, String key) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (rig.queryLong("SELECT count(*) FROM idempotency_record WHERE idem_key = ?", key) == 0
                || rig.queryLong("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                + "AND query LIKE '%directory_client%'") == 0) {
            assertThat(System.nanoTime()).as("the command waits for directory_client").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
