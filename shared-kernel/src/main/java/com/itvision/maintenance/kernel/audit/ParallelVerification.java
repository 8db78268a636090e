package com.itvision.maintenance.kernel.audit;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A verification as a pipeline: the caller's thread reads events (a JDBC cursor or an export file) into batches,
 * {@code hashThreads} workers recompute every hash of a batch, and one checker thread runs the link checks of
 * {@link ChainVerifier} batch after batch in global order. Reading stops at the first broken link.
 */
public final class ParallelVerification {
    private static final Batch END = new Batch(0);

    /** Where events come from, in global order; null at the end. */
    @FunctionalInterface
    public interface Source {
        StoredEvent next() throws Exception;
    }

    private ParallelVerification() {
    }

    private static final class Batch {
        final StoredEvent[] events;
        final byte[][] payloadHashes;
        final byte[][] metaDataHashes;
        final byte[][] eventHashes;
        int size;

        Batch(int capacity) {
            events = new StoredEvent[capacity];
            payloadHashes = new byte[capacity][];
            metaDataHashes = new byte[capacity][];
            eventHashes = new byte[capacity][];
        }

        Batch hash() {
            for (int i = 0; i < size; i++) {
                StoredEvent e = events[i];
                payloadHashes[i] = EventHashes.payloadHash(e.payload());
                metaDataHashes[i] = EventHashes.metaDataHash(e.metaData());
                eventHashes[i] = EventHashes.eventHash(e, e.payloadHash(), e.metaDataHash());
            }
            return this;
        }
    }

    public static ChainVerifier.Report run(Source source, ChainVerifier verifier, int hashThreads, int batchSize)
            throws Exception {
        long started = System.nanoTime();
        ExecutorService hashers = Executors.newFixedThreadPool(hashThreads, daemon("audit-verify-hash"));
        ExecutorService checking = Executors.newSingleThreadExecutor(daemon("audit-verify-check"));
        BlockingQueue<Future<Batch>> pending = new ArrayBlockingQueue<>(hashThreads * 2 + 2);
        AtomicBoolean stop = new AtomicBoolean();
        Future<?> checker = checking.submit(() -> check(pending, verifier, stop));
        try {
            try {
                Batch batch = new Batch(batchSize);
                StoredEvent e;
                while (!stop.get() && (e = source.next()) != null) {
                    batch.events[batch.size++] = e;
                    if (batch.size == batchSize) {
                        pending.put(hashers.submit(batch::hash));
                        batch = new Batch(batchSize);
                    }
                }
                if (batch.size > 0 && !stop.get()) {
                    pending.put(hashers.submit(batch::hash));
                }
            } finally {
                pending.put(CompletableFuture.completedFuture(END));
            }
            try {
                checker.get();
            } catch (ExecutionException ex) {
                throw ex.getCause() instanceof Exception cause ? cause : ex;
            }
        } finally {
            hashers.shutdownNow();
            checking.shutdownNow();
        }
        return verifier.report(System.nanoTime() - started);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    private static void check(BlockingQueue<Future<Batch>> pending, ChainVerifier verifier, AtomicBoolean stop) {
        try {
            while (true) {
                Batch batch = pending.take().get();
                if (batch == END) {
                    return;
                }
                if (stop.get()) {
                    continue; // drain what the reader still queues
                }
                for (int i = 0; i < batch.size; i++) {
                    if (!verifier.accept(batch.events[i], batch.payloadHashes[i], batch.metaDataHashes[i],
                            batch.eventHashes[i])) {
                        stop.set(true);
                        break;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            stop.set(true);
            throw new IllegalStateException(e.getCause());
        }
    }
}
