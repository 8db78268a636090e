package com.itvision.maintenance.kernel.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A ticket's response SLA as seen at one instant.
 *
 * @param state         where the ticket stands
 * @param deadline      when the budget is (or was) exhausted; {@code null} while an open hold keeps
 *                      it undetermined
 * @param consumed      SLA time consumed: up to the response if there is one, else up to "now"
 * @param remaining     budget minus consumed, never negative
 * @param consumedRatio consumed / budget: 0 at opening, 1 at the deadline, above 1 once overrun
 */
public record SlaStatus(SlaState state, Instant deadline, Duration consumed, Duration remaining, double consumedRatio) {

    public SlaStatus {
        Objects.requireNonNull(state, "state must not be null");
        Objects.requireNonNull(consumed, "consumed must not be null");
        Objects.requireNonNull(remaining, "remaining must not be null");
        if (consumed.isNegative() || remaining.isNegative()) {
            throw new IllegalArgumentException("consumed and remaining must not be negative: " + consumed + ", " + remaining);
        }
        if (!(consumedRatio >= 0)) {
            throw new IllegalArgumentException("consumedRatio must be >= 0: " + consumedRatio);
        }
    }
}
