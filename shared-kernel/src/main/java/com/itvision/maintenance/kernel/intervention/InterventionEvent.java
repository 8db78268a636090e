package com.itvision.maintenance.kernel.intervention;

import com.itvision.maintenance.kernel.common.Actor;
import com.itvision.maintenance.kernel.common.BilletId;
import com.itvision.maintenance.kernel.common.ClientId;
import com.itvision.maintenance.kernel.common.ContractId;
import com.itvision.maintenance.kernel.common.InterventionId;
import com.itvision.maintenance.kernel.common.TicketId;
import com.itvision.maintenance.kernel.common.UserId;
import java.math.BigDecimal;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** What was done, how long it took, what it cost the contract, and the report about it. */
public sealed interface InterventionEvent {

    InterventionId interventionId();

    Actor actor();

    Instant occurredAt();

    /**
     * @param covered        free under the ticket's contract (and its quota); false means billable
     * @param billingReason  why it is billable: NOT_COVERED (ticket billable), QUOTA_EXHAUSTED, CONTRACT_NOT_ACTIVE
     * @param quotaConsumed  a unit of the contract's quota was consumed (refunded if cancelled)
     * @param overrunWarning set when the hours spent exceed twice the billet's estimate (seed 001)
     */
    @Revision("1")
    record InterventionRecorded(InterventionId interventionId, BilletId billetId, TicketId ticketId,
                                ClientId clientId, UserId technicianId, String description, Instant startedAt, Instant endedAt,
                                BigDecimal hoursSpent, String fixApplied, String filesChanged, boolean covered,
                                String billingReason, ContractId contractId, boolean quotaConsumed,
                                String overrunWarning, Actor actor, Instant occurredAt) implements InterventionEvent {
    }

    @Revision("1")
    record InterventionCorrected(InterventionId interventionId, Instant startedAt, Instant endedAt,
                                 BigDecimal hoursSpent, String reason, Actor actor, Instant occurredAt)
            implements InterventionEvent {
    }

    @Revision("1")
    record InterventionCancelled(InterventionId interventionId, TicketId ticketId, String reason,
                                 boolean quotaRefunded, Actor actor, Instant occurredAt) implements InterventionEvent {
    }

    /** A version of the report; {@code version} starts at 1 and grows with each revision. */
    @Revision("1")
    record TechnicalReportWritten(InterventionId interventionId, int version, TechnicalReport report, Actor actor,
                                  Instant occurredAt) implements InterventionEvent {
    }

    @Revision("1")
    record TechnicalReportValidated(InterventionId interventionId, TicketId ticketId, BilletId billetId,
                                    int version, Actor actor, Instant occurredAt) implements InterventionEvent {
    }

    @Revision("1")
    record TechnicalReportRejected(InterventionId interventionId, int version, String reason, Actor actor,
                                   Instant occurredAt) implements InterventionEvent {
    }
}
