package com.itvision.maintenance.query.dashboard;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * The arithmetic every dashboard shares, so that the same figure is rounded the same way everywhere:
 * rates are fractions (0.75 = 75 %) with 4 decimals, null when the denominator is zero; durations are
 * whole seconds; the 90th percentile interpolates like PostgreSQL's {@code percentile_cont}.
 */
final class Figures {
    private Figures() {
    }

    /** {@code part / whole} rounded half-up to 4 decimals; null when {@code whole} is 0. */
    static Double rate(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP)
                .doubleValue();
    }

    /** A value rounded half-up to {@code decimals}; null stays null. */
    static Double round(Number value, int decimals) {
        return value == null ? null : new BigDecimal(value.toString()).setScale(decimals, RoundingMode.HALF_UP)
                .doubleValue();
    }

    /** Whole seconds, rounded half-up; null stays null. */
    static Long seconds(Number value) {
        return value == null ? null : new BigDecimal(value.toString()).setScale(0, RoundingMode.HALF_UP).longValue();
    }

    /** Count, mean and 90th percentile of durations in seconds. */
    static SlaDashboard.Durations durations(List<Long> seconds) {
        if (seconds.isEmpty()) {
            return new SlaDashboard.Durations(0, null, null);
        }
        List<Long> sorted = seconds.stream().sorted().toList();
        double mean = sorted.stream().mapToLong(Long::longValue).average().orElseThrow();
        return new SlaDashboard.Durations(sorted.size(), seconds(mean), seconds(percentile(sorted, 0.9)));
    }

    /** {@code percentile_cont(p)}: linear interpolation between the closest ranks of the sorted values. */
    static double percentile(List<Long> sorted, double p) {
        double rank = p * (sorted.size() - 1);
        int lower = (int) Math.floor(rank);
        int upper = (int) Math.ceil(rank);
        return sorted.get(lower) + (rank - lower) * (sorted.get(upper) - sorted.get(lower));
    }
}
