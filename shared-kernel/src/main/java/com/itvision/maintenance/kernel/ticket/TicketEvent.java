package com.itvision.maintenance.kernel.ticket;

import com.itvision.maintenance.kernel.common.Actor;
import com.itvision.maintenance.kernel.common.BilletId;
import com.itvision.maintenance.kernel.common.ClientId;
import com.itvision.maintenance.kernel.common.InterventionId;
import com.itvision.maintenance.kernel.common.ProjectId;
import com.itvision.maintenance.kernel.common.TicketId;
import com.itvision.maintenance.kernel.common.UserId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** Everything that happened to a ticket, with who and when. */
public sealed interface TicketEvent {

    TicketId ticketId();

    Actor actor();

    Instant occurredAt();

    /** {@code slaDeadline} is null for a billable ticket (no contract, no SLA). */
    @Revision("1")
    record TicketOpened(TicketId ticketId, String number, ClientId clientId, ProjectId projectId, String title,
                        String description, Severity severity, Origin origin, TicketCoverage coverage,
                        Instant slaDeadline, Actor actor, Instant occurredAt) implements TicketEvent {
    }

    @Revision("1")
    record TicketRejected(TicketId ticketId, String reason, Actor actor, Instant occurredAt) implements TicketEvent {
    }

    @Revision("1")
    record BillingApproved(TicketId ticketId, String quoteReference, Actor actor, Instant occurredAt)
            implements TicketEvent {
    }

    @Revision("1")
    record TicketPutOnHold(TicketId ticketId, String reason, Actor actor, Instant occurredAt) implements TicketEvent {
    }

    /** The SLA clock runs again; the deadline moved by the time spent on hold (business time). */
    @Revision("1")
    record TicketResumed(TicketId ticketId, String reason, Instant slaDeadline, Actor actor, Instant occurredAt)
            implements TicketEvent {
    }

    @Revision("1")
    record SeverityReclassified(TicketId ticketId, Severity from, Severity to, String reason, Actor actor,
                                Instant occurredAt) implements TicketEvent {
    }

    /** A billet was issued for the ticket; the first one moves it to IN_PROGRESS. */
    @Revision("1")
    record TicketAssigned(TicketId ticketId, BilletId billetId, UserId technicianId, Actor actor, Instant occurredAt)
            implements TicketEvent {
    }

    @Revision("1")
    record TicketReassigned(TicketId ticketId, UserId from, UserId to, String reason, Actor actor,
                            Instant occurredAt) implements TicketEvent {
    }

    /** The first intervention started: the response SLA is met if that is at or before the deadline. */
    @Revision("1")
    record TicketResponded(TicketId ticketId, InterventionId interventionId, Instant respondedAt,
                           Instant slaDeadline, boolean slaMet, Actor actor, Instant occurredAt)
            implements TicketEvent {
    }

    /** Only ever caused by a validated technical report (seed 001 {@code valider}). */
    @Revision("1")
    record TicketResolved(TicketId ticketId, InterventionId interventionId, BilletId billetId, Actor actor,
                          Instant occurredAt) implements TicketEvent {
    }

    @Revision("1")
    record ResolutionConfirmed(TicketId ticketId, String comment, Actor actor, Instant occurredAt)
            implements TicketEvent {
    }

    /** {@code afterSilence}: closed without the client's confirmation once the silence period passed. */
    @Revision("1")
    record TicketClosed(TicketId ticketId, boolean afterSilence, Actor actor, Instant occurredAt)
            implements TicketEvent {
    }

    @Revision("1")
    record TicketReopened(TicketId ticketId, String reason, Actor actor, Instant occurredAt) implements TicketEvent {
    }

    @Revision("1")
    record TicketRated(TicketId ticketId, int score, String comment, Actor actor, Instant occurredAt)
            implements TicketEvent {
    }
}
