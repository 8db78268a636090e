package com.itvision.maintenance.projections.ticket;

import static com.itvision.maintenance.projections.jooq.Tables.READ_TICKET;
import static com.itvision.maintenance.projections.jooq.Tables.READ_TICKET_HOLD;
import static com.itvision.maintenance.projections.support.ProjectionBatch.at;

import com.itvision.maintenance.kernel.common.TicketId;
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
import com.itvision.maintenance.projections.support.ProjectionBatch;
import com.itvision.maintenance.projections.support.ProjectionBatches;
import com.itvision.maintenance.projections.support.Projections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/**
 * Tickets with their coverage, SLA facts (deadline, holds, first response) and outcome, for the
 * portal, the staff lists and the SLA dashboard. Updates are guarded by the ticket's version.
 */
@Component
@ProcessingGroup(Projections.TICKETS)
public class TicketProjection {
    private final ProjectionBatch batch;

    public TicketProjection(ProjectionBatches batches) {
        this.batch = batches.forGroup(Projections.TICKETS);
    }

    @EventHandler
    void on(TicketOpened e, @SequenceNumber long seq) {
        TicketCoverage c = e.coverage();
        batch.add(batch.dsl().insertInto(READ_TICKET)
                .set(READ_TICKET.TICKET_ID, e.ticketId().value())
                .set(READ_TICKET.NUMBER, e.number())
                .set(READ_TICKET.CLIENT_ID, e.clientId().value())
                .set(READ_TICKET.PROJECT_ID, e.projectId().value())
                .set(READ_TICKET.CONTRACT_ID, c.contractId() == null ? null : c.contractId().value())
                .set(READ_TICKET.TITLE, e.title())
                .set(READ_TICKET.SEVERITY, e.severity().name())
                .set(READ_TICKET.ORIGIN, e.origin().name())
                .set(READ_TICKET.STATUS, TicketStatus.OPEN.name())
                .set(READ_TICKET.COVERED, c.covered())
                .set(READ_TICKET.COVERAGE_REASON_CODE, c.reasonCode())
                .set(READ_TICKET.COVERAGE_REASON, c.reason())
                .set(READ_TICKET.SLA_HOURS, c.slaHours())
                .set(READ_TICKET.SUPPORT_HOURS, c.supportHours() == null ? null : c.supportHours().name())
                .set(READ_TICKET.TIME_ZONE, c.timeZone() == null ? null : c.timeZone().getId())
                .set(READ_TICKET.OPENED_AT, at(e.occurredAt()))
                .set(READ_TICKET.SLA_DEADLINE, at(e.slaDeadline()))
                .set(READ_TICKET.VERSION, seq)
                .set(READ_TICKET.APPLIED, 1)
                .onConflictDoNothing());
    }

    @EventHandler
    void on(TicketRejected e, @SequenceNumber long seq) {
        apply(e.ticketId(), seq, Map.of(
                READ_TICKET.STATUS, TicketStatus.REJECTED.name(),
                READ_TICKET.REJECTED_AT, at(e.occurredAt()),
                READ_TICKET.REJECTION_REASON, e.reason()));
    }

    @EventHandler
    void on(BillingApproved e, @SequenceNumber long seq) {
        apply(e.ticketId(), seq, Map.of(READ_TICKET.BILLING_APPROVED, true));
    }

    @EventHandler
    void on(TicketPutOnHold e, @SequenceNumber long seq) {
        batch.add(batch.dsl().insertInto(READ_TICKET_HOLD)
                .set(READ_TICKET_HOLD.TICKET_ID, e.ticketId().value())
                .set(READ_TICKET_HOLD.OPENED_SEQ, seq)
                .set(READ_TICKET_HOLD.START_AT, at(e.occurredAt()))
                .onConflictDoNothing());
        apply(e.ticketId(), seq, Map.of(READ_TICKET.ON_HOLD, true));
    }

    @EventHandler
    void on(TicketResumed e, @SequenceNumber long seq) {
        batch.add(batch.dsl().update(READ_TICKET_HOLD)
                .set(READ_TICKET_HOLD.END_AT, at(e.occurredAt()))
                .where(READ_TICKET_HOLD.TICKET_ID.eq(e.ticketId().value()))
                .and(READ_TICKET_HOLD.END_AT.isNull())
                .and(READ_TICKET_HOLD.OPENED_SEQ.lt(seq)));
        apply(e.ticketId(), seq, Map.of(
                READ_TICKET.ON_HOLD, false,
                READ_TICKET.SLA_DEADLINE, DSL.val(at(e.slaDeadline()), READ_TICKET.SLA_DEADLINE)));
    }

    @EventHandler
    void on(SeverityReclassified e, @SequenceNumber long seq) {
        apply(e.ticketId(), seq, Map.of(READ_TICKET.SEVERITY, e.to().name()));
    }

    @EventHandler
    void on(TicketAssigned e, @SequenceNumber long seq) {
        apply(e.ticketId(), seq, Map.of(
                READ_TICKET.ASSIGNEE_ID, e.technicianId().value(),
                READ_TICKET.STATUS, DSL.when(READ_TICKET.STATUS.eq(TicketStatus.OPEN.name()),
                        TicketStatus.IN_PROGRESS.name()).otherwise(READ_TICKET.STATUS)));
    }

    @EventHandler
    void on(TicketReassigned e, @SequenceNumber long seq) {
        apply(e.ticketId(), seq, Map.of(READ_TICKET.ASSIGNEE_ID, e.to().value()));
    }

    @EventHandler
    void on(TicketResponded e, @SequenceNumber long seq) {
        apply(e.ticketId(), seq, Map.of(
                READ_TICKET.RESPONDED_AT, at(e.respondedAt()),
                READ_TICKET.SLA_MET, e.slaMet()));
    }

    @EventHandler
    void on(TicketResolved e, @SequenceNumber long seq) {
        apply(e.ticketId(), seq, Map.of(
                READ_TICKET.STATUS, TicketStatus.RESOLVED.name(),
                READ_TICKET.RESOLVED_AT, at(e.occurredAt())));
    }

    @EventHandler
    void on(ResolutionConfirmed e, @SequenceNumber long seq) {
        apply(e.ticketId(), seq, Map.of());
    }

    @EventHandler
    void on(TicketClosed e, @SequenceNumber long seq) {
        apply(e.ticketId(), seq, Map.of(
                READ_TICKET.STATUS, TicketStatus.CLOSED.name(),
                READ_TICKET.CLOSED_AT, at(e.occurredAt())));
    }

    @EventHandler
    void on(TicketReopened e, @SequenceNumber long seq) {
        Map<Field<?>, Object> changes = new LinkedHashMap<>();
        changes.put(READ_TICKET.STATUS, TicketStatus.IN_PROGRESS.name());
        changes.put(READ_TICKET.RESOLVED_AT, null);
        changes.put(READ_TICKET.CLOSED_AT, null);
        apply(e.ticketId(), seq, changes);
    }

    @EventHandler
    void on(TicketRated e, @SequenceNumber long seq) {
        Map<Field<?>, Object> changes = new LinkedHashMap<>();
        changes.put(READ_TICKET.RATING, (short) e.score());
        changes.put(READ_TICKET.RATING_COMMENT, e.comment());
        apply(e.ticketId(), seq, changes);
    }

    @ResetHandler
    void reset() {
        batch.dsl().truncate(READ_TICKET_HOLD).execute();
        batch.dsl().truncate(READ_TICKET).execute();
    }

    private void apply(TicketId ticket, long seq, Map<? extends Field<?>, ?> changes) {
        batch.guardedUpdate(READ_TICKET, READ_TICKET.TICKET_ID, ticket.value(), READ_TICKET.VERSION, seq, changes);
    }
}
