package com.itvision.maintenance.kernel.sla;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.Objects;

/**
 * A period [start, end) during which a ticket was on hold, so its SLA clock did not run.
 * {@code end == null} means the ticket is still on hold.
 */
public record Hold(Instant start, Instant end) {

    public Hold {
        Objects.requireNonNull(start, "hold start must not be null");
        if (end != null && end.isBefore(start)) {
            throw new IllegalArgumentException("hold end " + end + " is before its start " + start);
        }
    }

    /** A hold that has ended. */
    public static Hold between(Instant start, Instant end) {
        return new Hold(start, Objects.requireNonNull(end, "end of a closed hold must not be null"));
    }

    /** A hold that has not ended yet. */
    public static Hold openSince(Instant start) {
        return new Hold(start, null);
    }

    @JsonIgnore
    public boolean isOpen() {
        return end == null;
    }

    /** Whether the ticket was on hold at {@code instant} (the end is excluded). */
    public boolean covers(Instant instant) {
        return !instant.isBefore(start) && (end == null || instant.isBefore(end));
    }
}
