package com.itvision.maintenance.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.app.support.Api;
import com.itvision.maintenance.app.support.Fixtures;
import com.itvision.maintenance.app.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 7, item 6: an Idempotency-Key whose first request died. The record written in the command's own
 * transaction tells a command that never committed (the key is released once the transaction limit
 * has passed) from one that committed before its answer was recorded (the answer is rebuilt). Checked
 * against the event store.
 */
class IdempotencyRecoveryTest extends IntegrationTest {
    private static final String CLIENTS = "/api/v1/clients";

    @Autowired
    DataSource dataSource;

    private String key;
    private String body;

    @BeforeEach
    void request() {
        key = "key-" + UUID.randomUUID();
        body = Api.JSON.writeValueAsString(Map.of("name", Fixtures.unique("Idempotent client")));
    }

    private Api.Response post() {
        return api.as("admin").header("Idempotency-Key", key).post(CLIENTS, body);
    }

    /** The record a request leaves when its process dies while its command runs (no commit, no answer). */
    private void abandonedClaim(Instant claimedAt) {
        jdbc.sql("""
                        INSERT INTO idempotency_record (principal, idem_key, request_hash, created_at, claim_id)
                        VALUES ('admin', ?, ?, ?, ?)""")
                .params(key, IdempotencyFilter.hash("POST", CLIENTS, null, body.getBytes(StandardCharsets.UTF_8)),
                        Timestamp.from(claimedAt), UUID.randomUUID().toString())
                .update();
    }

    @Test
    void a_key_whose_first_request_died_before_committing_is_released_after_the_transaction_limit() {
        abandonedClaim(clock.instant().minus(Duration.ofSeconds(21)));
        long before = eventCount();

        Api.Response retry = post();

        assertThat(retry.status()).as("%s", retry).isEqualTo(201);
        assertThat(retry.header("Idempotency-Replayed")).isNull();
        assertThat(eventCount()).as("the retry ran once").isEqualTo(before + 1);
        assertThat(post().header("Idempotency-Replayed")).as("and is now the key's answer").isEqualTo("true");
        assertThat(eventCount()).isEqualTo(before + 1);
    }

    @Test
    void a_key_whose_first_request_may_still_run_stays_in_flight() {
        abandonedClaim(clock.instant().minus(Duration.ofSeconds(5)));
        long before = eventCount();

        Api.Response retry = post();

        assertThat(retry.status()).as("%s", retry).isEqualTo(409);
        assertThat(retry.code()).isEqualTo("IDEMPOTENCY_KEY_IN_FLIGHT");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void a_key_whose_command_committed_before_its_answer_was_recorded_gets_the_answer_rebuilt() {
        Api.Response first = post();
        assertThat(first.status()).as("%s", first).isEqualTo(201);
        // what a crash right after the commit leaves: the commit mark and receipt, no recorded answer
        jdbc.sql("UPDATE idempotency_record SET status = NULL, location = NULL, content_type = NULL, body = NULL "
                + "WHERE principal = 'admin' AND idem_key = ?").param(key).update();
        long before = eventCount();

        Api.Response retry = post();

        assertThat(retry.status()).as("%s", retry).isEqualTo(201);
        assertThat(retry.header("Idempotency-Replayed")).isEqualTo("true");
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(retry.json()).isEqualTo(first.json());
        assertThat(eventCount()).as("nothing executed twice").isEqualTo(before);
    }

    @Test
    void a_command_whose_claim_was_released_while_it_ran_does_not_commit() throws Exception {
        long before = eventCount();
        CompletableFuture<Api.Response> first;
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (Statement lock = holder.createStatement()) {
                // the command waits here, inside its transaction, after its claim was made
                lock.execute("LOCK TABLE directory_client IN EXCLUSIVE MODE");
            }
            first = CompletableFuture.supplyAsync(this::post);
            awaitClaim();
            // a retry long after (the transaction limit passed) released the key
            assertThat(jdbc.sql("DELETE FROM idempotency_record WHERE principal = 'admin' AND idem_key = ?")
                    .param(key).update()).isEqualTo(1);
            holder.rollback();
        }
        Api.Response answer = first.get();
        assertThat(answer.status()).as("%s", answer).isEqualTo(409);
        assertThat(answer.code()).isEqualTo("IDEMPOTENCY_KEY_IN_FLIGHT");
        assertThat(eventCount()).as("a released claim never commits").isEqualTo(before);
    }

    @Test
    void a_database_failure_inside_the_idempotency_filter_is_a_503_problem() throws Exception {
        long before = eventCount();
        Api.Response refused;
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (Statement lock = holder.createStatement()) {
                lock.execute("LOCK TABLE idempotency_record IN ACCESS EXCLUSIVE MODE");
            }
            refused = post();
            holder.rollback();
        }
        assertThat(refused.status()).as("%s", refused).isEqualTo(503);
        assertThat(refused.code()).isEqualTo("DATABASE_BUSY");
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertThat(eventCount()).isEqualTo(before);
        assertThat(post().status()).as("the retry").isEqualTo(201);
    }

    private void awaitClaim() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (jdbc.sql("SELECT count(*) FROM idempotency_record WHERE principal = 'admin' AND idem_key = ?")
                .param(key).query(Long.class).single() == 0) {
            assertThat(System.nanoTime()).as("the first request claimed its key").isLessThan(deadline);
            Thread.sleep(20);
        }
        while (jdbc.sql("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'").query(Long.class)
                .single() == 0) {
            assertThat(System.nanoTime()).as("its command waits for the lock").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
