package com.itvision.maintenance.command.audit;

import com.itvision.maintenance.kernel.common.DomainException;
import com.itvision.maintenance.kernel.common.ErrorCode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * A point of the history: a global position (digits) or an ISO-8601 instant ({@code 2026-03-10T09:00:00Z},
 * or with an offset). An event is at or before a position if its position is not greater; at or before an
 * instant if its own {@code occurredAt} is not later.
 */
record AuditPoint(Long position, Instant instant) {
    private static final int MAX_LENGTH = 64;

    static AuditPoint parse(String name, String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        if (v.isEmpty() || v.length() > MAX_LENGTH || !v.equals(value)) {
            throw invalid(name, value);
        }
        if (v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            try {
                return new AuditPoint(Long.parseLong(v), null);
            } catch (NumberFormatException e) {
                throw invalid(name, value);
            }
        }
        try {
            return new AuditPoint(null, v.endsWith("Z") ? Instant.parse(v) : OffsetDateTime.parse(v).toInstant());
        } catch (DateTimeParseException e) {
            throw invalid(name, value);
        }
    }

    boolean includes(StoredEvent event) {
        return position != null ? event.position() <= position : !event.occurredAt().isAfter(instant);
    }

    private static DomainException invalid(String name, String value) {
        return DomainException.rule(ErrorCode.INVALID_AUDIT_POINT, name + " must be an ISO-8601 instant "
                + "(2026-03-10T09:00:00Z) or a global position (digits), not '" + abbreviate(value) + "'");
    }

    private static String abbreviate(String value) {
        String printable = value.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "…" : printable;
    }
}
