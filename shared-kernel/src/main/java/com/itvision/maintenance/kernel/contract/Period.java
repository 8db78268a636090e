package com.itvision.maintenance.kernel.contract;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** A contract period; both dates are inclusive. */
public record Period(LocalDate start, LocalDate end) {

    public Period {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }

    public static Period of(LocalDate start, LocalDate end) {
        return new Period(start, end);
    }

    public boolean endsAfterStart() {
        return end.isAfter(start);
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(start) && !day.isAfter(end);
    }

    public boolean overlaps(Period other) {
        return !other.end.isBefore(start) && !other.start.isAfter(end);
    }

    /**
     * The period of the same calendar length starting the day after this one ends: a year renews to
     * the next year (2027-01-01 → 2027-12-31 gives 2028-01-01 → 2028-12-31, leap day included).
     */
    public Period following() {
        LocalDate nextStart = end.plusDays(1);
        java.time.Period length = java.time.Period.between(start, nextStart);
        return new Period(nextStart, nextStart.plus(length).minusDays(1));
    }

    /** Seed 001 {@code jours_restants}: days from {@code today} to the end date, never negative. */
    public long daysRemaining(LocalDate today) {
        return Math.max(0, ChronoUnit.DAYS.between(today, end));
    }
}
