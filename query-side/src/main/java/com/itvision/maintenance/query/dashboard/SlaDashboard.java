package com.itvision.maintenance.query.dashboard;

import com.itvision.maintenance.kernel.sla.SlaState;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The SLA dashboard over the tickets opened in the period, within the caller's scope. SLA states and
 * business times are computed at {@code generatedAt} with the shared kernel's {@code SlaClock}.
 * Rates are fractions with 4 decimals (null when nothing to rate); durations are whole seconds.
 * {@code contracts} lists the first {@code contractLimit} contracts by id (ADR 0018), and
 * {@code compliance.byContract} those of them with decided tickets; {@code contractsTruncated} says whether
 * more contracts had tickets.
 */
public record SlaDashboard(
        Instant generatedAt,
        Filters filters,
        long tickets,
        List<StatusSeverity> byStatusAndSeverity,
        CoveredBillable coverage,
        Map<SlaState, Long> slaStates,
        OpenTickets openTickets,
        List<AgingBucket> aging,
        ComplianceReport compliance,
        TimeStats responseTime,
        TimeStats resolutionTime,
        Interventions interventions,
        List<ProjectIndicators> projects,
        List<ContractIndicators> contracts,
        boolean contractsTruncated) {

    public record Filters(LocalDate from, LocalDate to, String projectId, String contractId, String clientId) {
    }

    public record StatusSeverity(String status, String severity, long count) {
    }

    /** Covered (free, under a contract) and billable tickets; billable ones whose billing the client approved. */
    public record CoveredBillable(long covered, long billable, long billingApproved) {
    }

    /** Workable tickets (OPEN, IN_PROGRESS): how many, per SLA state, and the most urgent first. */
    public record OpenTickets(long total, Map<SlaState, Long> byState, List<OpenTicket> items) {
    }

    /**
     * An open ticket; the SLA fields are null for a billable ticket (no contract, no SLA), and the
     * deadline while a hold keeps it undetermined. {@code remainingSeconds} is business (SLA) time.
     */
    public record OpenTicket(String id, String number, String projectId, String contractId, String severity,
                             String status, boolean covered, String assigneeId, Instant openedAt, long ageSeconds,
                             SlaState slaState, Instant deadline, Long remainingSeconds, Double consumedRatio) {
    }

    /** Open tickets by wall-clock age: [0, 1 d), [1 d, 3 d), [3 d, 7 d), [7 d, 30 d), 30 d and more. */
    public record AgingBucket(String bucket, long minDays, Long maxDaysExclusive, long count) {
    }

    /** MET / (MET + BREACHED): tickets still ON_TRACK, AT_RISK or PAUSED are not decided yet. */
    public record Compliance(String key, long met, long breached, Double rate) {
    }

    /** Overall, per contract, per project and per month of opening (UTC, yyyy-MM). */
    public record ComplianceReport(Compliance overall, List<Compliance> byContract, List<Compliance> byProject,
                                   List<Compliance> byMonth) {
        /** This report with {@code byContract} cut to the contracts listed. */
        ComplianceReport onlyContracts(java.util.Set<String> contractIds) {
            return new ComplianceReport(overall, byContract.stream().filter(c -> contractIds.contains(c.key()))
                    .toList(), byProject, byMonth);
        }
    }

    public record Durations(long count, Long meanSeconds, Long p90Seconds) {
    }

    /**
     * Wall clock: every ticket with the fact (response = first intervention's start; resolution = the
     * report's validation). Business: covered tickets only, SLA time (support hours, holds excluded).
     */
    public record TimeStats(Durations wallClock, Durations business) {
    }

    /** Interventions (not cancelled) on the tickets; an overrun spent more than twice its billet's estimate. */
    public record Interventions(long count, long overruns, Double overrunRate, BigDecimal hoursSpent, long covered,
                                long billable) {
    }

    /** Seed 001 "Indicateurs par Projet". */
    public record ProjectIndicators(String projectId, String name, long tickets, long open, long inProgress,
                                    long resolved, long closed, long rejected, long critical, long major,
                                    long minor, long slaBreached, Long meanResolutionSeconds) {
    }

    /** Seed 001 "Indicateurs par Contrat": tickets treated free (covered) and billable. */
    public record ContractIndicators(String contractId, String number, long free, long billable) {
    }
}
