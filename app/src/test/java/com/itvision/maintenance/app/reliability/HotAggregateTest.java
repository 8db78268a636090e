package com.itvision.maintenance.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.app.support.Api;
import com.itvision.maintenance.app.support.Fixtures;
import com.itvision.maintenance.app.support.IntegrationTest;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Commands on one aggregate wait for each other without holding a pooled connection (fault suite, scenario 5:
 * 50 concurrent commands on one ticket held all 20 connections while they waited for the ticket, and every
 * other request, sign-ins included, answered 503). A command on a ticket is blocked inside its transaction (a
 * lookup table it writes is locked by the test); the commands sent on the same ticket meanwhile must wait
 * outside the pool, and all be answered once it is released.
 */
class HotAggregateTest extends IntegrationTest {
    private static final int QUEUED = 8;

    @Autowired
    DataSource dataSource;

    @Test
    void commands_waiting_for_the_same_ticket_hold_no_database_connection() throws Exception {
        String ticket = "/api/v1/tickets/" + openTicket();
        var pool = dataSource.unwrap(HikariDataSource.class).getHikariPoolMXBean();
        List<String> keys = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(QUEUED + 1);
        CompletableFuture<Api.Response> billet;
        List<CompletableFuture<Api.Response>> holds = new ArrayList<>();
        int mostActive;
        boolean billetStillBlocked;
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (Statement lock = holder.createStatement()) {
                lock.execute("LOCK TABLE number_counter IN EXCLUSIVE MODE");
            }
            billet = CompletableFuture.supplyAsync(() -> api.as("lead").post(ticket + "/billets", Map.of(
                    "technicianId", "user-tech", "type", "ANALYSIS", "estimatedHours", 1)), clients);
            awaitLockWaits(1);
            for (int i = 0; i < QUEUED; i++) {
                String key = "hot-" + UUID.randomUUID();
                keys.add(key);
                holds.add(CompletableFuture.supplyAsync(() -> api.as("lead").header("Idempotency-Key", key)
                        .post(ticket + "/hold", Map.of("reason", "Waiting for the client")), clients));
            }
            awaitClaims(keys);
            mostActive = 0;
            for (int i = 0; i < 10; i++) {
                mostActive = Math.max(mostActive, pool.getActiveConnections());
                Thread.sleep(20);
            }
            billetStillBlocked = lockWaits() > 0;
            holder.rollback();
        } finally {
            clients.shutdown();
        }
        assertThat(billetStillBlocked).as("the billet still waited while the holds queued (else inconclusive)").isTrue();
        // the test's connection, the blocked billet, and at most two of the read models' processors
        assertThat(mostActive).as("pooled connections in use while %d commands waited for the ticket", QUEUED)
                .isLessThanOrEqualTo(4);

        assertThat(billet.get(30, TimeUnit.SECONDS).status()).as("the billet once released").isEqualTo(201);
        List<Api.Response> answers = new ArrayList<>();
        for (CompletableFuture<Api.Response> hold : holds) {
            answers.add(hold.get(30, TimeUnit.SECONDS));
        }
        assertThat(answers).filteredOn(r -> r.status() == 200).as("%s", answers).hasSize(1);
        assertThat(answers).filteredOn(r -> r.status() != 200).allSatisfy(r -> {
            assertThat(r.status()).as("%s", r).isEqualTo(409);
            assertThat(r.code()).isEqualTo("INVALID_STATUS_TRANSITION");
        });
    }

    private String openTicket() {
        Api.Response opened = api.as("lead").post("/api/v1/tickets", Map.of("projectId", "project-a-ecommerce",
                "contractId", "contract-a-corrective", "title", Fixtures.unique("Hot ticket"),
                "description", "Everyone works on it", "severity", "MINOR"));
        assertThat(opened.status()).as("%s", opened).isEqualTo(201);
        return opened.json().path("id").asString();
    }

    private long lockWaits() {
        return jdbc.sql("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'").query(Long.class)
                .single();
    }

    private void awaitLockWaits(long count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (lockWaits() < count) {
            assertThat(System.nanoTime()).as("the billet waits for the lock").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    /** Every hold got past authentication and claimed its key: it is at the dispatcher or in it. */
    private void awaitClaims(List<String> keys) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (jdbc.sql("SELECT count(*) FROM idempotency_record WHERE principal = 'lead' AND idem_key IN (:keys)")
                .param("keys", keys).query(Long.class).single() < keys.size()) {
            assertThat(System.nanoTime()).as("the holds claimed their keys").isLessThan(deadline);
            Thread.sleep(10);
        }
        Thread.sleep(100);
    }
}
