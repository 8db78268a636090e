package com.itvision.maintenance.command.ticket;

import com.itvision.maintenance.kernel.common.ClientId;
import com.itvision.maintenance.kernel.common.ProjectId;
import com.itvision.maintenance.kernel.common.TicketId;
import com.itvision.maintenance.kernel.common.UserId;
import com.itvision.maintenance.kernel.sla.SlaClock;
import com.itvision.maintenance.kernel.sla.SlaStatus;
import com.itvision.maintenance.kernel.ticket.Severity;
import com.itvision.maintenance.kernel.ticket.TicketCoverage;
import com.itvision.maintenance.kernel.ticket.TicketStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A ticket as its aggregate saw it at an instant, served by the audit's state-at reads
 * ({@code GET /api/v1/audit/tickets/{id}/state}): the SLA status is computed at that instant (the clock
 * given), with the same {@link SlaClock} as the command side.
 */
public record TicketView(TicketId id, String number, long version, ClientId clientId, ProjectId projectId,
                         TicketStatus status, Severity severity, TicketCoverage coverage, boolean billable,
                         boolean billingApproved, boolean treatable, boolean onHold, Instant openedAt,
                         Instant respondedAt, UserId assignee, Instant resolvedAt, boolean clientConfirmed,
                         boolean rated, SlaStatus sla) {

    public static TicketView of(Ticket t, long version, Clock clock) {
        TicketCoverage coverage = t.coverage();
        SlaStatus sla = coverage.covered()
                ? SlaClock.of(coverage.supportHours(), coverage.timeZone()).status(t.openedAt(),
                Duration.ofHours(coverage.slaHours()), t.holds(), t.respondedAt(), clock.instant())
                : null;
        boolean onHold = !t.holds().isEmpty() && t.holds().getLast().isOpen();
        return new TicketView(t.ticketId(), t.number(), version, t.clientId(), t.projectId(), t.status(),
                t.severity(), coverage, coverage.billable(), t.billingApproved(), t.treatable(), onHold,
                t.openedAt(), t.respondedAt(), t.assignee(), t.resolvedAt(), t.clientConfirmed(), t.rated(), sla);
    }
}
