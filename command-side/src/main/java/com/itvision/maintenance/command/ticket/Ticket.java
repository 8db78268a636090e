package com.itvision.maintenance.command.ticket;

import static com.itvision.maintenance.command.support.Governance.adminOnly;
import static com.itvision.maintenance.command.support.Governance.leadOrAdmin;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.createNew;

import com.itvision.maintenance.command.billet.Billet;
import com.itvision.maintenance.command.directory.Directory;
import com.itvision.maintenance.command.support.Governance;
import com.itvision.maintenance.command.support.NumberAllocator;
import com.itvision.maintenance.command.support.Reasons;
import com.itvision.maintenance.kernel.billet.BilletEvent.BilletIssued;
import com.itvision.maintenance.kernel.common.Actor;
import com.itvision.maintenance.kernel.common.BilletId;
import com.itvision.maintenance.kernel.common.ClientId;
import com.itvision.maintenance.kernel.common.DomainException;
import com.itvision.maintenance.kernel.common.ErrorCode;
import com.itvision.maintenance.kernel.common.ProjectId;
import com.itvision.maintenance.kernel.common.Role;
import com.itvision.maintenance.kernel.common.TicketId;
import com.itvision.maintenance.kernel.common.UserId;
import com.itvision.maintenance.kernel.sla.Hold;
import com.itvision.maintenance.kernel.sla.SlaClock;
import com.itvision.maintenance.kernel.ticket.Severity;
import com.itvision.maintenance.kernel.ticket.TicketCommands.ApproveBilling;
import com.itvision.maintenance.kernel.ticket.TicketCommands.CloseTicket;
import com.itvision.maintenance.kernel.ticket.TicketCommands.ConfirmResolution;
import com.itvision.maintenance.kernel.ticket.TicketCommands.IssueBillet;
import com.itvision.maintenance.kernel.ticket.TicketCommands.PutTicketOnHold;
import com.itvision.maintenance.kernel.ticket.TicketCommands.RateTicket;
import com.itvision.maintenance.kernel.ticket.TicketCommands.ReassignTicket;
import com.itvision.maintenance.kernel.ticket.TicketCommands.ReclassifySeverity;
import com.itvision.maintenance.kernel.ticket.TicketCommands.RecordResponse;
import com.itvision.maintenance.kernel.ticket.TicketCommands.RejectTicket;
import com.itvision.maintenance.kernel.ticket.TicketCommands.ReopenTicket;
import com.itvision.maintenance.kernel.ticket.TicketCommands.ResolveTicket;
import com.itvision.maintenance.kernel.ticket.TicketCommands.ResumeTicket;
import com.itvision.maintenance.kernel.ticket.TicketCoverage;
import com.itvision.maintenance.kernel.ticket.TicketEvent.BillingApproved;
import com.itvision.maintenance.kernel.ticket.TicketEvent.ResolutionConfirmed;
import com.itvision.maintenance.kernel.ticket.TicketEvent.SeverityReclassified;
import com.itvision.maintenance.kernel.ticket.TicketEvent.TicketAssigned;
import com.itvision.maintenance.kernel.ticket.TicketEvent.TicketClosed;
import com.itvision.maintenance.kernel.ticket.TicketEvent.TicketOpened;
import com.itvision.maintenance.kernel.ticket.TicketEvent.TicketPutOnHold;
import com.itvision.maintenance.kernel.ticket.TicketEvent.TicketRated;
import com.itvision.maintenance.kernel.ticket.TicketEvent.TicketReassigned;
import com.itvision.maintenance.kernel.ticket.TicketEvent.TicketRejected;
import com.itvision.maintenance.kernel.ticket.TicketEvent.TicketReopened;
import com.itvision.maintenance.kernel.ticket.TicketEvent.TicketResolved;
import com.itvision.maintenance.kernel.ticket.TicketEvent.TicketResponded;
import com.itvision.maintenance.kernel.ticket.TicketEvent.TicketResumed;
import com.itvision.maintenance.kernel.ticket.TicketStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A maintenance incident (seed 001 TicketMaintenance): coverage decided at opening, SLA clock, status
 * workflow, billets issued through it, resolution only by a validated technical report.
 */
@Aggregate
public class Ticket {
    private static final EnumSet<TicketStatus> WORKABLE = EnumSet.of(TicketStatus.OPEN, TicketStatus.IN_PROGRESS);

    @AggregateIdentifier
    private TicketId ticketId;
    private String number;
    private ClientId clientId;
    private ProjectId projectId;
    private TicketStatus status;
    private Severity severity;
    private TicketCoverage coverage;
    private boolean billingApproved;
    private Instant openedAt;
    private Instant slaDeadline;
    private List<Hold> holds = new ArrayList<>();
    private Instant respondedAt;
    private UserId assignee;
    private Instant resolvedAt;
    private boolean clientConfirmed;
    private boolean rated;

    protected Ticket() {
    }

    Ticket(TicketOpened opened) {
        apply(opened);
    }

    /** Seed 001 {@code peut_etre_traite}: open or in progress, and covered or with billing approved. */
    boolean treatable() {
        return WORKABLE.contains(status) && (coverage.covered() || billingApproved);
    }

    private boolean onHold() {
        return !holds.isEmpty() && holds.getLast().isOpen();
    }

    @CommandHandler
    void handle(RejectTicket cmd, Clock clock) {
        visible(cmd.actor());
        leadOrAdmin(cmd.actor(), "reject a ticket");
        String reason = Reasons.required(cmd.reason(), "reject a ticket");
        requireStatus("reject", TicketStatus.OPEN, TicketStatus.IN_PROGRESS);
        apply(new TicketRejected(ticketId, reason, cmd.actor(), clock.instant()));
    }

    @CommandHandler
    void handle(ApproveBilling cmd, Clock clock) {
        visible(cmd.actor());
        if (!cmd.actor().actsFor(clientId) && !cmd.actor().has(Role.ADMIN)) {
            throw DomainException.forbidden("Only the client's user or an ADMIN approves billing");
        }
        if (coverage.covered()) {
            throw DomainException.rule(ErrorCode.BILLING_NOT_REQUIRED, "The ticket is covered by its contract");
        }
        requireStatus("approve billing for", TicketStatus.OPEN, TicketStatus.IN_PROGRESS);
        if (billingApproved) {
            throw DomainException.rule(ErrorCode.INVALID_STATUS_TRANSITION, "Billing is already approved");
        }
        apply(new BillingApproved(ticketId, Reasons.optional(cmd.quoteReference()), cmd.actor(), clock.instant()));
    }

    @CommandHandler
    void handle(PutTicketOnHold cmd, Clock clock) {
        visible(cmd.actor());
        leadOrAdmin(cmd.actor(), "put a ticket on hold");
        String reason = Reasons.required(cmd.reason(), "put a ticket on hold");
        requireStatus("put on hold", TicketStatus.OPEN, TicketStatus.IN_PROGRESS);
        if (onHold()) {
            throw DomainException.rule(ErrorCode.INVALID_STATUS_TRANSITION, "The ticket is already on hold");
        }
        apply(new TicketPutOnHold(ticketId, reason, cmd.actor(), clock.instant()));
    }

    @CommandHandler
    void handle(ResumeTicket cmd, Clock clock) {
        visible(cmd.actor());
        leadOrAdmin(cmd.actor(), "resume a ticket");
        if (!onHold()) {
            throw DomainException.rule(ErrorCode.INVALID_STATUS_TRANSITION, "The ticket is not on hold");
        }
        Instant now = clock.instant();
        List<Hold> closed = new ArrayList<>(holds);
        closed.set(closed.size() - 1, Hold.between(closed.getLast().start(), now));
        apply(new TicketResumed(ticketId, Reasons.optional(cmd.reason()), deadline(closed), cmd.actor(), now));
    }

    @CommandHandler
    void handle(ReclassifySeverity cmd, Clock clock) {
        visible(cmd.actor());
        leadOrAdmin(cmd.actor(), "reclassify a ticket");
        String reason = Reasons.required(cmd.reason(), "reclassify a ticket");
        requireStatus("reclassify", TicketStatus.OPEN, TicketStatus.IN_PROGRESS, TicketStatus.RESOLVED);
        if (cmd.severity() == null || cmd.severity() == severity) {
            throw DomainException.rule(ErrorCode.VALIDATION_FAILED, "The ticket is already " + severity);
        }
        apply(new SeverityReclassified(ticketId, severity, cmd.severity(), reason, cmd.actor(), clock.instant()));
    }

    @CommandHandler
    void handle(IssueBillet cmd, Directory directory, NumberAllocator numbers, Clock clock) throws Exception {
        visible(cmd.actor());
        leadOrAdmin(cmd.actor(), "issue a billet");
        if (!treatable()) {
            throw DomainException.rule(ErrorCode.TICKET_NOT_TREATABLE, "Ticket " + number + " cannot be treated: it is "
                    + status + (coverage.billable() && !billingApproved ? ", billable and its billing is not approved" : ""));
        }
        directory.requireTechnician(cmd.technicianId());
        var hours = Governance.positiveHours(cmd.estimatedHours(), "estimatedHours");
        Instant now = clock.instant();
        apply(new TicketAssigned(ticketId, cmd.billetId(), cmd.technicianId(), cmd.actor(), now));
        BilletIssued issued = new BilletIssued(cmd.billetId(), "BILLET-%05d".formatted(numbers.next("billet")),
                ticketId, clientId, cmd.technicianId(), cmd.type(), hours, Reasons.optional(cmd.instructions()),
                cmd.actor(), now);
        createNew(Billet.class, () -> new Billet(issued));
    }

    @CommandHandler
    void handle(RecordResponse cmd, Clock clock) {
        if (respondedAt != null) {
            return; // only the first intervention answers the SLA
        }
        // met = started at or before the deadline; a deadline still open (on hold before it ran out) is met
        Instant deadline = coverage.covered() ? sla().deadline(openedAt, budget(), holds).orElse(null) : null;
        boolean met = deadline == null || !cmd.startedAt().isAfter(deadline);
        apply(new TicketResponded(ticketId, cmd.interventionId(), cmd.startedAt(),
                deadline != null ? deadline : slaDeadline, met, cmd.actor(), clock.instant()));
    }

    @CommandHandler
    void handle(ResolveTicket cmd, Clock clock) {
        requireStatus("resolve", TicketStatus.IN_PROGRESS);
        apply(new TicketResolved(ticketId, cmd.interventionId(), cmd.billetId(), cmd.actor(), clock.instant()));
    }

    @CommandHandler
    void handle(ConfirmResolution cmd, Clock clock) {
        visible(cmd.actor());
        if (!cmd.actor().actsFor(clientId)) {
            throw DomainException.forbidden("Only the client's user confirms a resolution");
        }
        requireStatus("confirm", TicketStatus.RESOLVED);
        apply(new ResolutionConfirmed(ticketId, Reasons.optional(cmd.comment()), cmd.actor(), clock.instant()));
    }

    @CommandHandler
    void handle(CloseTicket cmd, ClosingPolicy policy, Clock clock) {
        visible(cmd.actor());
        leadOrAdmin(cmd.actor(), "close a ticket");
        if (WORKABLE.contains(status)) {
            throw DomainException.rule(ErrorCode.REPORT_NOT_VALIDATED,
                    "A ticket is closed only once a validated technical report has resolved it");
        }
        requireStatus("close", TicketStatus.RESOLVED);
        Instant now = clock.instant();
        boolean silenceOver = !now.isBefore(resolvedAt.plus(policy.clientSilence()));
        if (!clientConfirmed && !silenceOver) {
            throw DomainException.rule(ErrorCode.CLIENT_CONFIRMATION_PENDING, "The client has not confirmed the "
                    + "resolution; it can be closed without confirmation from " + resolvedAt.plus(policy.clientSilence()));
        }
        apply(new TicketClosed(ticketId, !clientConfirmed, cmd.actor(), now));
    }

    @CommandHandler
    void handle(ReopenTicket cmd, Clock clock) {
        visible(cmd.actor());
        adminOnly(cmd.actor(), "reopen a ticket");
        String reason = Reasons.required(cmd.reason(), "reopen a ticket");
        requireStatus("reopen", TicketStatus.RESOLVED, TicketStatus.CLOSED);
        apply(new TicketReopened(ticketId, reason, cmd.actor(), clock.instant()));
    }

    @CommandHandler
    void handle(RateTicket cmd, Clock clock) {
        visible(cmd.actor());
        if (!cmd.actor().actsFor(clientId)) {
            throw DomainException.forbidden("Only the client's user rates a ticket");
        }
        if (cmd.score() < 1 || cmd.score() > 5) {
            throw DomainException.rule(ErrorCode.INVALID_SCORE, "The rating is from 1 to 5");
        }
        requireStatus("rate", TicketStatus.CLOSED);
        if (rated) {
            throw DomainException.rule(ErrorCode.ALREADY_RATED, "The ticket is already rated");
        }
        apply(new TicketRated(ticketId, cmd.score(), Reasons.optional(cmd.comment()), cmd.actor(), clock.instant()));
    }

    @CommandHandler
    void handle(ReassignTicket cmd, Directory directory, Clock clock) {
        visible(cmd.actor());
        adminOnly(cmd.actor(), "reassign a ticket");
        String reason = Reasons.required(cmd.reason(), "reassign a ticket");
        requireStatus("reassign", TicketStatus.OPEN, TicketStatus.IN_PROGRESS);
        directory.requireTechnician(cmd.technicianId());
        if (cmd.technicianId().equals(assignee)) {
            throw DomainException.rule(ErrorCode.VALIDATION_FAILED, "The ticket is already assigned to " + assignee);
        }
        apply(new TicketReassigned(ticketId, assignee, cmd.technicianId(), reason, cmd.actor(), clock.instant()));
    }

    /** What recording an intervention needs to know about the ticket. */
    public TicketFacts facts() {
        return new TicketFacts(ticketId, number, clientId, treatable(), coverage, openedAt);
    }

    private void visible(Actor actor) {
        Governance.visibleTo(actor, clientId, ErrorCode.TICKET_NOT_FOUND, ticketId);
    }

    private void requireStatus(String action, TicketStatus... allowed) {
        Governance.requireStatus(status, action, "a ticket", allowed);
    }

    private SlaClock sla() {
        return coverage.covered() ? SlaClock.of(coverage.supportHours(), coverage.timeZone()) : null;
    }

    private Duration budget() {
        return Duration.ofHours(coverage.slaHours());
    }

    private Instant deadline(List<Hold> withHolds) {
        return coverage.covered() ? sla().deadline(openedAt, budget(), withHolds).orElse(null) : null;
    }

    // -- state changes only below --

    @EventSourcingHandler
    void on(TicketOpened e) {
        ticketId = e.ticketId();
        number = e.number();
        clientId = e.clientId();
        projectId = e.projectId();
        severity = e.severity();
        coverage = e.coverage();
        openedAt = e.occurredAt();
        slaDeadline = e.slaDeadline();
        status = TicketStatus.OPEN;
    }

    @EventSourcingHandler
    void on(TicketRejected e) {
        status = TicketStatus.REJECTED;
    }

    @EventSourcingHandler
    void on(BillingApproved e) {
        billingApproved = true;
    }

    @EventSourcingHandler
    void on(TicketPutOnHold e) {
        holds.add(Hold.openSince(e.occurredAt()));
    }

    @EventSourcingHandler
    void on(TicketResumed e) {
        holds.set(holds.size() - 1, Hold.between(holds.getLast().start(), e.occurredAt()));
        slaDeadline = e.slaDeadline();
    }

    @EventSourcingHandler
    void on(SeverityReclassified e) {
        severity = e.to();
    }

    @EventSourcingHandler
    void on(TicketAssigned e) {
        assignee = e.technicianId();
        if (status == TicketStatus.OPEN) {
            status = TicketStatus.IN_PROGRESS;
        }
    }

    @EventSourcingHandler
    void on(TicketReassigned e) {
        assignee = e.to();
    }

    @EventSourcingHandler
    void on(TicketResponded e) {
        respondedAt = e.respondedAt();
    }

    @EventSourcingHandler
    void on(TicketResolved e) {
        status = TicketStatus.RESOLVED;
        resolvedAt = e.occurredAt();
        clientConfirmed = false;
    }

    @EventSourcingHandler
    void on(ResolutionConfirmed e) {
        clientConfirmed = true;
    }

    @EventSourcingHandler
    void on(TicketClosed e) {
        status = TicketStatus.CLOSED;
    }

    @EventSourcingHandler
    void on(TicketReopened e) {
        status = TicketStatus.IN_PROGRESS;
        resolvedAt = null;
        clientConfirmed = false;
    }

    @EventSourcingHandler
    void on(TicketRated e) {
        rated = true;
    }

    // -- read access for TicketView --

    TicketId ticketId() { return ticketId; }
    String number() { return number; }
    ClientId clientId() { return clientId; }
    ProjectId projectId() { return projectId; }
    TicketStatus status() { return status; }
    Severity severity() { return severity; }
    TicketCoverage coverage() { return coverage; }
    boolean billingApproved() { return billingApproved; }
    Instant openedAt() { return openedAt; }
    Instant slaDeadline() { return slaDeadline; }
    List<Hold> holds() { return List.copyOf(holds); }
    Instant respondedAt() { return respondedAt; }
    UserId assignee() { return assignee; }
    Instant resolvedAt() { return resolvedAt; }
    boolean clientConfirmed() { return clientConfirmed; }
    boolean rated() { return rated; }
}
