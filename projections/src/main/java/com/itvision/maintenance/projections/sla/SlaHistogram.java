package com.itvision.maintenance.projections.sla;

import java.util.List;

/**
 * The log-scale buckets of {@code read_sla_histogram} (ADR 0018): bucket 0 holds exactly 0 s, bucket 1
 * (0 s, 1 s), bucket {@code b >= 2} holds [{@value #RATIO}^(b-2), {@value #RATIO}^(b-1)) seconds and stands
 * for the geometric mean of its bounds, so a value read back is within 2 % of the true one (half a second
 * below 1 s; 0 exactly). A p90 taken
 * over the buckets interpolates between two such values: it keeps that bound.
 */
public final class SlaHistogram {
    public static final double RATIO = 1.04;
    private static final double LOG_RATIO = Math.log(RATIO);

    public static final short WALL_RESPONSE = 1;
    public static final short WALL_RESOLUTION = 2;
    public static final short BUSINESS_RESPONSE = 3;
    public static final short BUSINESS_RESOLUTION = 4;

    private SlaHistogram() {
    }

    public static short bucket(double seconds) {
        if (seconds <= 0) {
            return 0;
        }
        if (seconds < 1) {
            return 1;
        }
        return (short) Math.min(Short.MAX_VALUE, 2 + (int) Math.floor(Math.log(seconds) / LOG_RATIO));
    }

    /** The value bucket {@code b} stands for, in seconds. */
    public static double value(int bucket) {
        if (bucket <= 1) {
            return bucket * 0.5;
        }
        return Math.pow(RATIO, bucket - 1.5);
    }

    /** A bucket and its count, in ascending bucket order for {@link #percentile}. */
    public record Count(int bucket, long n) {
    }

    /**
     * {@code percentile_cont(p)} over the values the buckets stand for: linear interpolation between the
     * closest ranks; null when empty.
     */
    public static Double percentile(List<Count> ascending, double p) {
        long total = ascending.stream().mapToLong(Count::n).sum();
        if (total == 0) {
            return null;
        }
        double rank = p * (total - 1);
        long lower = (long) Math.floor(rank);
        long upper = (long) Math.ceil(rank);
        double lowerValue = valueAt(ascending, lower);
        double upperValue = valueAt(ascending, upper);
        return lowerValue + (rank - lower) * (upperValue - lowerValue);
    }

    private static double valueAt(List<Count> ascending, long rank) {
        long seen = 0;
        for (Count c : ascending) {
            seen += c.n();
            if (rank < seen) {
                return value(c.bucket());
            }
        }
        throw new IllegalArgumentException("rank " + rank + " beyond " + seen);
    }
}
