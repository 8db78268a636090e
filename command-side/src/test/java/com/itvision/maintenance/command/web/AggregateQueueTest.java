package com.itvision.maintenance.command.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;

class AggregateQueueTest {
    private final AggregateQueue queue = new AggregateQueue(Duration.ofSeconds(5));
    /** One thread per command: the common pool has a single worker on two cores, which would serialise anyway. */
    private final ExecutorService threads = Executors.newFixedThreadPool(24);

    @org.junit.jupiter.api.AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void commands_on_one_aggregate_run_one_at_a_time_and_others_do_not_wait() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<CompletableFuture<Void>> commands = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 20; i++) {
            commands.add(CompletableFuture.runAsync(() -> queue.run("ticket-1", () -> {
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                sleep(5);
                running.decrementAndGet();
                return null;
            }), threads));
        }
        CountDownLatch hold = new CountDownLatch(1);
        CompletableFuture<Void> blocking = CompletableFuture.runAsync(() -> queue.run("ticket-2", () -> {
            await(hold);
            return null;
        }), threads);
        // another aggregate's command is not queued behind ticket-2's
        assertThat(queue.run("ticket-3", () -> "done")).isEqualTo("done");
        hold.countDown();
        CompletableFuture.allOf(commands.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        blocking.get(5, TimeUnit.SECONDS);
        assertThat(most.get()).as("commands on ticket-1 running at once").isEqualTo(1);
        assertThat(queue.size()).as("no entry left behind").isZero();
    }

    @Test
    void a_command_that_waits_longer_than_the_timeout_is_refused_without_running() throws Exception {
        AggregateQueue shortQueue = new AggregateQueue(Duration.ofMillis(100));
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch hold = new CountDownLatch(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> shortQueue.run("ticket-1", () -> {
            started.countDown();
            await(hold);
            return null;
        }), threads);
        started.await();
        AtomicInteger ran = new AtomicInteger();
        assertThatThrownBy(() -> shortQueue.run("ticket-1", ran::incrementAndGet))
                .isInstanceOf(CannotAcquireLockException.class);
        assertThat(ran).hasValue(0);
        hold.countDown();
        first.get(5, TimeUnit.SECONDS);
        assertThat(shortQueue.size()).isZero();
    }

    @Test
    void a_command_without_a_target_aggregate_runs_at_once() {
        assertThat(queue.run(null, () -> 42)).isEqualTo(42);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
