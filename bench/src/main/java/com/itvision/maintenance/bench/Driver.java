package com.itvision.maintenance.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A closed-loop load driver, the one every figure uses (HTTP requests, ticket lifecycles, JDBC inserts, the
 * queries' own SQL): {@code clients} threads each repeat a unit of work for the warm-up, then for a fixed
 * measuring window; only what completes inside the window counts. A unit may time several labelled steps
 * (the commands of a lifecycle); a unit that throws is an error, counted and shown, never a latency sample.
 */
final class Driver {
    /** One client's connection and state (a JDBC connection, a technician pool); opened on its own thread. */
    interface Client extends AutoCloseable {
        void run(Recorder recorder) throws Exception;

        @Override
        default void close() throws Exception {
        }
    }

    @FunctionalInterface
    interface Workload {
        Client open() throws Exception;
    }

    @FunctionalInterface
    interface Step<T> {
        T call() throws Exception;
    }

    /**
     * Per-thread latency samples of the steps that end inside the measuring window (a lifecycle's command that
     * started in the warm-up counts: at 32 clients one command can take most of a short window).
     */
    static final class Recorder {
        static final Recorder NONE = new Recorder(Long.MAX_VALUE, Long.MAX_VALUE);
        private final Map<String, long[]> samples = new HashMap<>();
        private final Map<String, Integer> counts = new HashMap<>();
        private final long from;
        private final long to;

        Recorder(long from, long to) {
            this.from = from;
            this.to = to;
        }

        <T> T time(String label, Step<T> step) throws Exception {
            long start = System.nanoTime();
            T result = step.call();
            long end = System.nanoTime();
            if (end >= from && end <= to) {
                record(label, end - start);
            }
            return result;
        }

        private void record(String label, long nanos) {
            int n = counts.getOrDefault(label, 0);
            long[] values = samples.computeIfAbsent(label, l -> new long[1024]);
            if (n == values.length) {
                values = Arrays.copyOf(values, n * 2);
                samples.put(label, values);
            }
            values[n] = nanos;
            counts.put(label, n + 1);
        }
    }

    /** Latencies of one label over the window, in milliseconds. */
    record Latency(long count, double perSecond, double p50, double p99) {
    }

    /**
     * What a window measured: units completed inside it, errors, latencies by label, and how much a counter
     * read at the window's start and end moved (the application's CPU time, the events stored).
     */
    record Result(int clients, double seconds, long units, long errors, String firstError,
                  Map<String, Latency> latencies, long counterDelta) {
        double perSecond() {
            return units / seconds;
        }

        /** The counter's movement per second of the window. */
        double counterPerSecond() {
            return counterDelta / seconds;
        }

        /** The counter's movement per completed unit, counted in nanoseconds: milliseconds per unit. */
        double counterMillisPerUnit() {
            return units == 0 ? Double.NaN : counterDelta / 1e6 / units;
        }

        Latency latency(String label) {
            Latency latency = latencies.get(label);
            if (latency == null) {
                throw new IllegalStateException("no sample of " + label + (firstError != null ? "; first error: " + firstError : ""));
            }
            return latency;
        }
    }

    /** Read at the start and the end of the window: the application's CPU nanoseconds, the events stored. */
    @FunctionalInterface
    interface Counter {
        long read() throws Exception;
    }

    private final Duration warmup;
    private final Duration window;

    Driver(Duration warmup, Duration window) {
        this.warmup = warmup;
        this.window = window;
    }

    Result run(int clients, Workload workload) throws Exception {
        return run(clients, workload, null);
    }

    Result run(int clients, Workload workload, Counter counter) throws Exception {
        List<Recorder> recorders = new ArrayList<>();
        AtomicLong units = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        AtomicReference<Throwable> openFailure = new AtomicReference<>();
        long measureFrom = System.nanoTime() + warmup.toNanos();
        long measureTo = measureFrom + window.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Recorder recorder = new Recorder(measureFrom, measureTo);
            recorders.add(recorder);
            threads.add(Thread.ofPlatform().name("bench-client-" + i).start(() -> {
                try (Client client = workload.open()) {
                    while (true) {
                        if (System.nanoTime() >= measureTo) {
                            return;
                        }
                        try {
                            client.run(recorder);
                            long end = System.nanoTime();
                            if (end >= measureFrom && end <= measureTo) {
                                units.incrementAndGet();
                            }
                        } catch (Exception e) {
                            long end = System.nanoTime();
                            if (end >= measureFrom && end <= measureTo) {
                                errors.incrementAndGet();
                                firstError.compareAndSet(null, e.toString());
                            }
                        }
                    }
                } catch (Throwable e) {
                    openFailure.compareAndSet(null, e);
                }
            }));
        }
        long sleep = (measureFrom - System.nanoTime()) / 1_000_000;
        if (sleep > 0) {
            Thread.sleep(sleep);
        }
        long before = counter != null ? counter.read() : 0;
        long sleepWindow = (measureTo - System.nanoTime()) / 1_000_000;
        if (sleepWindow > 0) {
            Thread.sleep(sleepWindow);
        }
        long after = counter != null ? counter.read() : 0;
        for (Thread thread : threads) {
            thread.join();
        }
        if (openFailure.get() != null) {
            throw new IllegalStateException("a client could not start", openFailure.get());
        }
        double seconds = window.toNanos() / 1e9;
        Map<String, Latency> latencies = merge(recorders, seconds);
        return new Result(clients, seconds, units.get(), errors.get(), firstError.get(), latencies, after - before);
    }

    private static Map<String, Latency> merge(List<Recorder> recorders, double seconds) {
        Map<String, long[]> all = new TreeMap<>();
        for (Recorder recorder : recorders) {
            recorder.samples.forEach((label, values) -> {
                long[] mine = Arrays.copyOf(values, recorder.counts.get(label));
                all.merge(label, mine, (a, b) -> {
                    long[] both = Arrays.copyOf(a, a.length + b.length);
                    System.arraycopy(b, 0, both, a.length, b.length);
                    return both;
                });
            });
        }
        Map<String, Latency> latencies = new TreeMap<>();
        all.forEach((label, values) -> {
            Arrays.sort(values);
            latencies.put(label, new Latency(values.length, values.length / seconds,
                    percentile(values, 0.50), percentile(values, 0.99)));
        });
        return latencies;
    }

    private static double percentile(long[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }
}
