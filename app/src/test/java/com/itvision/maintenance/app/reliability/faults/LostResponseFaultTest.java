package com.itvision.maintenance.app.reliability.faults;

import static com.itvision.maintenance.app.reliability.faults.FaultResults.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.app.reliability.faults.KeyedPost.Outcome;
import com.itvision.maintenance.app.reliability.faults.LoadGenerator.Results;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Scenario 7: a lost response. The server is slowed (the test locks directory_client, which a client
 * registration's lookup handler writes, for less than the lock timeout); the client sends its keyed request and
 * gives up after 300 ms. A retry while the first still runs is told so (409 IDEMPOTENCY_KEY_IN_FLIGHT). The lock
 * is released, the first command commits with nobody to answer. Pass: a later retry with the same key gets the
 * first request's answer (201, Idempotency-Replayed, the stored aggregate), as does the one after; the event
 * store holds exactly one registration for the key, at the aggregate and version answered.
 */
@Tag("faults")
class LostResponseFaultTest {

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void a_response_lost_by_the_client_is_answered_again_for_its_key_and_stored_once() throws Exception {
        long began = System.nanoTime();
        try (FaultRig rig = FaultRig.create("7-lost-response")) {
            rig.startApplication();
            String key = LoadGenerator.newKey();
            KeyedPost register = new KeyedPost(rig.port(), "admin", "/api/v1/clients", key,
                    Map.of("name", "Impatient client " + key));

            Outcome first;
            Outcome meanwhile;
            try (Connection holder = rig.connect()) {
                holder.setAutoCommit(false);
                try (Statement lock = holder.createStatement()) {
                    lock.execute("LOCK TABLE directory_client IN EXCLUSIVE MODE");
                }
                first = register.send(Duration.ofMillis(300));
                awaitWaiting(rig);
                meanwhile = register.send(Duration.ofSeconds(30));
                holder.rollback();
            }
            assertThat(first.status()).as("the client gave up: %s", first).isZero();
            assertThat(meanwhile.status()).as("a retry while the first runs: %s", meanwhile).isEqualTo(409);
            assertThat(meanwhile.code()).isEqualTo("IDEMPOTENCY_KEY_IN_FLIGHT");
            awaitStored(rig, key);

            Outcome retry = register.send(Duration.ofSeconds(30));
            assertThat(retry.status()).as("%s", retry).isEqualTo(201);
            assertThat(retry.replayed()).as("answered from the first request").isEqualTo("true");
            Outcome again = register.send(Duration.ofSeconds(30));
            assertThat(again.json()).isEqualTo(retry.json());

            EventStoreVerifier.Report stored = new EventStoreVerifier(rig).verify(new Results(List.of(),
                    List.of(retry.acknowledged(LoadGenerator.Operation.REGISTER_CLIENT, key, 3, true)), List.of(),
                    List.of()));
            FaultResults.record("7 lost response retried with its key", ("first: %s; retry meanwhile: %s; after the "
                    + "commit: %s, again %s, id %s; %s; %s total").formatted(first, meanwhile, retry, again,
                    retry.json().path("id").asString(), stored, seconds(Duration.ofNanos(System.nanoTime() - began))));
        }
    }

    /** The abandoned request's command waits for the test's lock. */
    private static void awaitWaiting(FaultRig rig) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (rig.queryLong("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                + "AND query LIKE '%directory_client%'") == 0) {
            assertThat(System.nanoTime()).as("the command waits for directory_client").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** The first command committed after the lock was released, with nobody left to answer. */
    private static void awaitStored(FaultRig rig, String key) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (rig.queryLong("SELECT count(*) FROM idempotency_record WHERE idem_key = ? AND committed_at IS NOT NULL",
                key) == 0) {
            assertThat(System.nanoTime()).as("the first command committed").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
