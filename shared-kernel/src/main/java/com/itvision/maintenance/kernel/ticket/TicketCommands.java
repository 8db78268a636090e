package com.itvision.maintenance.kernel.ticket;

import com.itvision.maintenance.kernel.billet.InterventionType;
import com.itvision.maintenance.kernel.common.Actor;
import com.itvision.maintenance.kernel.common.BilletId;
import com.itvision.maintenance.kernel.common.Command;
import com.itvision.maintenance.kernel.common.ContractId;
import com.itvision.maintenance.kernel.common.InterventionId;
import com.itvision.maintenance.kernel.common.ProjectId;
import com.itvision.maintenance.kernel.common.TicketId;
import com.itvision.maintenance.kernel.common.UserId;
import java.math.BigDecimal;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Commands of the Ticket aggregate (a maintenance incident, seed 001 TicketMaintenance). */
public final class TicketCommands {
    private TicketCommands() {
    }

    /** Anyone authenticated opens a ticket; a CLIENT user only on its own client's projects. */
    public record OpenTicket(@TargetAggregateIdentifier TicketId ticketId, ProjectId projectId, ContractId contractId,
                             String title, String description, Severity severity, Origin origin, Actor actor)
            implements Command {
    }

    public record RejectTicket(@TargetAggregateIdentifier TicketId ticketId, String reason, Actor actor,
                               @TargetAggregateVersion Long expectedVersion) implements Command {
    }

    /** The client's user (or an ADMIN) accepts to pay for a billable ticket, optionally against a quote. */
    public record ApproveBilling(@TargetAggregateIdentifier TicketId ticketId, String quoteReference, Actor actor,
                                 @TargetAggregateVersion Long expectedVersion) implements Command {
    }

    public record PutTicketOnHold(@TargetAggregateIdentifier TicketId ticketId, String reason, Actor actor,
                                  @TargetAggregateVersion Long expectedVersion) implements Command {
    }

    public record ResumeTicket(@TargetAggregateIdentifier TicketId ticketId, String reason, Actor actor,
                               @TargetAggregateVersion Long expectedVersion) implements Command {
    }

    public record ReclassifySeverity(@TargetAggregateIdentifier TicketId ticketId, Severity severity, String reason,
                                     Actor actor, @TargetAggregateVersion Long expectedVersion) implements Command {
    }

    /**
     * Seed 001 "Émettre billet": the billet is issued through its ticket, so the treatable check and the
     * issue are one decision of one aggregate and can never race with a rejection.
     */
    public record IssueBillet(@TargetAggregateIdentifier TicketId ticketId, BilletId billetId, UserId technicianId,
                              InterventionType type, BigDecimal estimatedHours, String instructions, Actor actor,
                              @TargetAggregateVersion Long expectedVersion) implements Command {
    }

    /** The client's user confirms the resolution (closing may follow at once). */
    public record ConfirmResolution(@TargetAggregateIdentifier TicketId ticketId, String comment, Actor actor,
                                    @TargetAggregateVersion Long expectedVersion) implements Command {
        @Override
        public String reason() {
            return comment;
        }
    }

    public record CloseTicket(@TargetAggregateIdentifier TicketId ticketId, Actor actor,
                              @TargetAggregateVersion Long expectedVersion) implements Command {
    }

    /** Admin correction: a RESOLVED or CLOSED ticket goes back to IN_PROGRESS. */
    public record ReopenTicket(@TargetAggregateIdentifier TicketId ticketId, String reason, Actor actor,
                               @TargetAggregateVersion Long expectedVersion) implements Command {
    }

    public record RateTicket(@TargetAggregateIdentifier TicketId ticketId, int score, String comment, Actor actor,
                             @TargetAggregateVersion Long expectedVersion) implements Command {
        @Override
        public String reason() {
            return comment;
        }
    }

    /** Admin correction: another technician takes an open ticket over (reason required). */
    public record ReassignTicket(@TargetAggregateIdentifier TicketId ticketId, UserId technicianId, String reason,
                                 Actor actor, @TargetAggregateVersion Long expectedVersion) implements Command {
    }

    /** Sent when an intervention is recorded: the first one answers the SLA. Internal, no endpoint. */
    public record RecordResponse(@TargetAggregateIdentifier TicketId ticketId, InterventionId interventionId,
                                 Instant startedAt, Actor actor) implements Command {
    }

    /** Sent only when a technical report is validated: the one way a ticket is resolved. Internal. */
    public record ResolveTicket(@TargetAggregateIdentifier TicketId ticketId, InterventionId interventionId,
                                BilletId billetId, Actor actor) implements Command {
    }
}
