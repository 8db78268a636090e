package com.itvision.maintenance.command.audit;

import com.itvision.maintenance.kernel.common.DomainException;
import com.itvision.maintenance.kernel.common.ErrorCode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * A point of the history: a global position (digits) or an ISO-8601 instant ({@code 2026-03-10T09:00:00Z},
 * or with an offset; years 0000 to 9999, never an extended year). An event is at or before a position if its
 * position is not greater; at or before an instant if its own {@code occurredAt} is not later. Where a
 * parameter is named {@code from} or {@code to} it is an instant only, as everywhere in the API: a number
 * there is refused rather than read as a position ({@code fromPosition}, {@code toPosition} say that).
 */
record AuditPoint(Long position, Instant instant) {
    private static final int MAX_LENGTH = 64;

    /** An instant or a position; null if absent. */
    static AuditPoint parse(String name, String value) {
        if (value == null) {
            return null;
        }
        return digits(name, value) ? position(name, value) : instant(name, value);
    }

    /** A global position (digits only); null if absent. */
    static AuditPoint position(String name, String value) {
        if (value == null) {
            return null;
        }
        if (!digits(name, value)) {
            throw invalid(name, value, "a global position (digits)");
        }
        try {
            return new AuditPoint(Long.parseLong(value), null);
        } catch (NumberFormatException e) {
            throw invalid(name, value, "a global position (digits)");
        }
    }

    /** An ISO-8601 instant of a four-digit year; null if absent. */
    static AuditPoint instant(String name, String value) {
        if (value == null) {
            return null;
        }
        checkShape(name, value);
        // an extended year (+10000, -0001) or a bare number is not an instant this API reads (ADR 0011)
        if (!Character.isDigit(value.charAt(0)) || digits(name, value)) {
            throw invalid(name, value, "an ISO-8601 instant (2026-03-10T09:00:00Z)");
        }
        try {
            return new AuditPoint(null, value.endsWith("Z") ? Instant.parse(value) : OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException e) {
            throw invalid(name, value, "an ISO-8601 instant (2026-03-10T09:00:00Z)");
        }
    }

    /** One of {@code instant} and {@code position} (named {@code name} and {@code name}Position), or none. */
    static AuditPoint either(String name, String instant, String position) {
        if (instant != null && position != null) {
            throw DomainException.rule(ErrorCode.INVALID_AUDIT_POINT, "give " + name + " or " + name + "Position, not both");
        }
        return instant != null ? instant(name, instant) : position(name + "Position", position);
    }

    private static boolean digits(String name, String value) {
        checkShape(name, value);
        return value.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static void checkShape(String name, String value) {
        if (value.isEmpty() || value.length() > MAX_LENGTH || !value.strip().equals(value)) {
            throw invalid(name, value, "an ISO-8601 instant or a global position");
        }
    }

    boolean includes(StoredEvent event) {
        return position != null ? event.position() <= position : !event.occurredAt().isAfter(instant);
    }

    private static DomainException invalid(String name, String value, String what) {
        return DomainException.rule(ErrorCode.INVALID_AUDIT_POINT, name + " must be " + what + ", not '"
                + abbreviate(value) + "'");
    }

    private static String abbreviate(String value) {
        String printable = value.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "…" : printable;
    }
}
