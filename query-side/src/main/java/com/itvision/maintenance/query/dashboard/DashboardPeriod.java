package com.itvision.maintenance.query.dashboard;

import com.itvision.maintenance.kernel.common.DomainException;
import com.itvision.maintenance.kernel.common.ErrorCode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/**
 * A dashboard's period: whole days {@code from..to}, both inclusive, in UTC (a day starts at 00:00Z).
 * Either bound may be open (null). Dates are ISO {@code yyyy-MM-dd}; anything else, {@code from} after
 * {@code to} or a period longer than {@link #MAX_DAYS} is 400 VALIDATION_FAILED.
 */
public record DashboardPeriod(LocalDate from, LocalDate to) {
    /** About ten years: enough for any dashboard, small enough to bound the monthly series. */
    public static final long MAX_DAYS = 3_660;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /** The period as given, each bound optional (the SLA dashboard: no bound means all tickets). */
    public static DashboardPeriod parse(String from, String to) {
        DashboardPeriod period = new DashboardPeriod(date("from", from), date("to", to));
        period.check();
        return period;
    }

    /**
     * The period as given, a missing {@code to} being {@code today} and a missing {@code from} the first
     * day of the month eleven months before {@code to} (the last twelve calendar months, the current one
     * included).
     */
    public static DashboardPeriod parseOrLastTwelveMonths(String from, String to, LocalDate today) {
        LocalDate end = to == null || to.isBlank() ? today : date("to", to);
        LocalDate start = from == null || from.isBlank() ? end.withDayOfMonth(1).minusMonths(11) : date("from", from);
        DashboardPeriod period = new DashboardPeriod(start, end);
        period.check();
        return period;
    }

    /** An optional id filter: null when absent, 400 when it cannot be an id. */
    public static String id(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!ID.matcher(value).matches()) {
            throw DomainException.rule(ErrorCode.VALIDATION_FAILED, name + " is not a valid id");
        }
        return value;
    }

    /** The first instant of the period, or null when it has no lower bound. */
    public OffsetDateTime startInclusive() {
        return from == null ? null : from.atStartOfDay().atOffset(ZoneOffset.UTC);
    }

    /** The first instant after the period, or null when it has no upper bound. */
    public OffsetDateTime endExclusive() {
        return to == null ? null : to.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC);
    }

    public boolean contains(Instant instant) {
        return (from == null || !instant.isBefore(startInclusive().toInstant()))
                && (to == null || instant.isBefore(endExclusive().toInstant()));
    }

    private void check() {
        if (from != null && to != null) {
            if (from.isAfter(to)) {
                throw DomainException.rule(ErrorCode.VALIDATION_FAILED, "from (" + from + ") is after to (" + to + ")");
            }
            if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
                throw DomainException.rule(ErrorCode.VALIDATION_FAILED,
                        "The period may not be longer than " + MAX_DAYS + " days");
            }
        }
    }

    private static LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        // four-digit years only: LocalDate also parses "-999999999-01-01", whose arithmetic then overflows
        if (!DATE.matcher(value.strip()).matches()) {
            throw DomainException.rule(ErrorCode.VALIDATION_FAILED, name + " must be an ISO date (yyyy-MM-dd)");
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw DomainException.rule(ErrorCode.VALIDATION_FAILED, name + " must be an ISO date (yyyy-MM-dd)");
        }
    }
}
