package com.itvision.maintenance.command.web;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.springframework.dao.CannotAcquireLockException;

/**
 * The API's commands on one aggregate, one at a time on this node, in arrival order, queued before they start:
 * waiting here holds no database connection.
 *
 * <p>Axon serialises the commands of an aggregate with a lock its repository takes while loading it, that is
 * inside the command's unit of work, whose transaction (and pooled connection) the command bus has already
 * started. A burst of commands on one aggregate then held every pooled connection while they waited for each
 * other, and every other request (sign-ins, commands on other aggregates, the read models' processors) timed
 * out on the pool with 503 DATABASE_BUSY (fault suite, scenario 5: 50 concurrent commands on one ticket). Behind
 * this queue, Axon's lock is uncontended for commands from the API. Other nodes are serialised, as before, by
 * the event store's unique (aggregate, sequence) key.
 *
 * <p>A command that waits longer than {@code timeout} is refused with {@link CannotAcquireLockException}:
 * 503 DATABASE_BUSY with Retry-After, nothing stored, its Idempotency-Key released for a retry.
 */
final class AggregateQueue {
    private final Duration timeout;
    private final ConcurrentHashMap<String, Entry> queues = new ConcurrentHashMap<>();

    /** One aggregate's lock and how many commands hold it or wait for it (the entry goes with the last). */
    private static final class Entry {
        private final ReentrantLock lock = new ReentrantLock(true);
        private int users;
    }

    AggregateQueue(Duration timeout) {
        this.timeout = timeout;
    }

    /** Runs {@code command} once the commands before it on {@code aggregateId} are done; null: at once. */
    <T> T run(String aggregateId, Supplier<T> command) {
        if (aggregateId == null) {
            return command.get();
        }
        Entry entry = queues.compute(aggregateId, (id, existing) -> {
            Entry e = existing == null ? new Entry() : existing;
            e.users++;
            return e;
        });
        try {
            if (!entry.lock.tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new CannotAcquireLockException("Waited " + timeout.toSeconds() + " s for the commands before it on "
                        + aggregateId);
            }
            try {
                return command.get();
            } finally {
                entry.lock.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CannotAcquireLockException("Interrupted while waiting for the commands on " + aggregateId, e);
        } finally {
            queues.computeIfPresent(aggregateId, (id, e) -> --e.users == 0 ? null : e);
        }
    }

    /** Aggregates with a command running or waiting, for tests. */
    int size() {
        return queues.size();
    }
}
