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

    /** Seed 001 {@code jours_restants}: days from {@code today} to the end date, never negative. */
    public long daysRemaining(LocalDate today) {
        return Math.max(0, ChronoUnit.DAYS.between(today, end));
    }
}
