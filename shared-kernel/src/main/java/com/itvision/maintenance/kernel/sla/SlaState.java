package com.itvision.maintenance.kernel.sla;

/** Where a ticket stands against its response SLA; see {@link SlaClock#status} for the exact rules. */
public enum SlaState {
    /** No response yet, less than 75 % of the budget consumed, not on hold. */
    ON_TRACK,
    /** No response yet, at least 75 % of the budget consumed but not all of it, not on hold. */
    AT_RISK,
    /** On hold now, no response yet and the budget not consumed: the clock is stopped. */
    PAUSED,
    /** Responded at or before the deadline. */
    MET,
    /** Budget consumed without a response, or responded after the deadline. */
    BREACHED
}
