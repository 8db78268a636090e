package com.itvision.maintenance.query.ticket;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.itvision.maintenance.kernel.intervention.TechnicalReport;
import com.itvision.maintenance.kernel.sla.SlaStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A ticket as the portal and staff see it: coverage and why, SLA state computed now, outcome. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TicketSummary(
        String id,
        String number,
        /** The version of the ticket this row reflects (its last applied event's sequence): the ETag, for If-Match. */
        long version,
        String clientId,
        String projectId,
        String contractId,
        String title,
        String severity,
        String origin,
        String status,
        boolean covered,
        boolean billable,
        String coverageReasonCode,
        String coverageReason,
        boolean billingApproved,
        Instant openedAt,
        String assigneeId,
        boolean onHold,
        Instant respondedAt,
        Instant resolvedAt,
        Instant closedAt,
        String rejectionReason,
        Integer rating,
        String ratingComment,
        SlaStatus sla,
        List<Billet> billets,
        List<Intervention> interventions,
        Report validatedReport) {

    public record Billet(String id, String number, String technicianId, String type, BigDecimal estimatedHours,
                         String status, String issuedBy, Instant issuedAt) {
    }

    public record Intervention(String id, String billetId, String technicianId, Instant startedAt, Instant endedAt,
                               BigDecimal hoursSpent, boolean covered, String billingReason, boolean overrun,
                               boolean cancelled, String reportStatus, Integer reportVersion) {
    }

    /** The validated technical report's summary (seed 001 StatutTechnique). */
    public record Report(String interventionId, TechnicalReport report, String validatedBy, Instant validatedAt) {
    }

    TicketSummary withDetails(List<Billet> billets, List<Intervention> interventions, Report report) {
        return new TicketSummary(id, number, version, clientId, projectId, contractId, title, severity, origin, status, covered,
                billable, coverageReasonCode, coverageReason, billingApproved, openedAt, assigneeId, onHold,
                respondedAt, resolvedAt, closedAt, rejectionReason, rating, ratingComment, sla, billets,
                interventions, report);
    }
}
