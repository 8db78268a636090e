package com.itvision.maintenance.app.reliability.faults;

import java.util.Collection;
import java.util.List;

/** Nearest-rank percentiles of latencies in milliseconds. */
record Latencies(int count, long p50, long p99, long max) {

    static Latencies of(Collection<Long> millis) {
        List<Long> sorted = millis.stream().sorted().toList();
        if (sorted.isEmpty()) {
            return new Latencies(0, 0, 0, 0);
        }
        return new Latencies(sorted.size(), rank(sorted, 50), rank(sorted, 99), sorted.getLast());
    }

    private static long rank(List<Long> sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    @Override
    public String toString() {
        return "p50 %d ms, p99 %d ms, max %d ms (n=%d)".formatted(p50, p99, max, count);
    }
}
