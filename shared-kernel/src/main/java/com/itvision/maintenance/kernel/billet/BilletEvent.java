package com.itvision.maintenance.kernel.billet;

import com.itvision.maintenance.kernel.common.Actor;
import com.itvision.maintenance.kernel.common.BilletId;
import com.itvision.maintenance.kernel.common.ClientId;
import com.itvision.maintenance.kernel.common.InterventionId;
import com.itvision.maintenance.kernel.common.TicketId;
import com.itvision.maintenance.kernel.common.UserId;
import java.math.BigDecimal;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The written authorisation to intervene (seed 001 BilletIntervention). */
public sealed interface BilletEvent {

    BilletId billetId();

    Actor actor();

    Instant occurredAt();

    /** {@code actor} is who authorised it (seed 001 {@code autorise_par}). */
    @Revision("1")
    record BilletIssued(BilletId billetId, String number, TicketId ticketId, ClientId clientId, UserId technicianId,
                        InterventionType type, BigDecimal estimatedHours, String instructions, Actor actor,
                        Instant occurredAt) implements BilletEvent {
    }

    @Revision("1")
    record BilletRevoked(BilletId billetId, TicketId ticketId, String reason, Actor actor, Instant occurredAt)
            implements BilletEvent {
    }

    @Revision("1")
    record BilletCompleted(BilletId billetId, TicketId ticketId, InterventionId interventionId, Actor actor,
                           Instant occurredAt) implements BilletEvent {
    }
}
