package com.itvision.maintenance.command.intervention;

import com.itvision.maintenance.kernel.common.InterventionId;
import com.itvision.maintenance.kernel.common.UserId;
import java.time.Instant;
import java.util.List;

/**
 * When each technician was intervening, for the rule that spans interventions: a technician is in one
 * place at a time ({@code INTERVENTION_OVERLAP}). Kept in the transaction of the intervention events, and
 * {@link #overlapping} serialises concurrent writers for the same technician until their commit, so two
 * overlapping recordings can never both pass the check (ADR 0006).
 */
public interface TechnicianSchedule {

    /**
     * Locks {@code technician}'s schedule for the current transaction and returns the technician's other
     * interventions (not {@code excluding}, not cancelled) whose interval {@code [start, end)} overlaps
     * {@code [start, end)}: one ending exactly when the other starts does not overlap it.
     */
    List<Interval> overlapping(UserId technician, Instant start, Instant end, InterventionId excluding);

    /** A recorded intervention's interval. */
    record Interval(InterventionId interventionId, Instant start, Instant end) {
    }
}
