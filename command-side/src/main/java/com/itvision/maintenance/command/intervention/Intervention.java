package com.itvision.maintenance.command.intervention;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.itvision.maintenance.command.support.Governance;
import com.itvision.maintenance.command.support.Reasons;
import com.itvision.maintenance.kernel.common.Actor;
import com.itvision.maintenance.kernel.common.BilletId;
import com.itvision.maintenance.kernel.common.ClientId;
import com.itvision.maintenance.kernel.common.ContractId;
import com.itvision.maintenance.kernel.common.DomainException;
import com.itvision.maintenance.kernel.common.ErrorCode;
import com.itvision.maintenance.kernel.common.InterventionId;
import com.itvision.maintenance.kernel.common.InvalidFieldException;
import com.itvision.maintenance.kernel.common.Role;
import com.itvision.maintenance.kernel.common.TicketId;
import com.itvision.maintenance.kernel.common.UserId;
import com.itvision.maintenance.kernel.intervention.InterventionCommands.CorrectIntervention;
import com.itvision.maintenance.kernel.intervention.InterventionCommands.RejectTechnicalReport;
import com.itvision.maintenance.kernel.intervention.InterventionCommands.WriteTechnicalReport;
import com.itvision.maintenance.kernel.intervention.InterventionEvent.InterventionCancelled;
import com.itvision.maintenance.kernel.intervention.InterventionEvent.InterventionCorrected;
import com.itvision.maintenance.kernel.intervention.InterventionEvent.InterventionRecorded;
import com.itvision.maintenance.kernel.intervention.InterventionEvent.TechnicalReportRejected;
import com.itvision.maintenance.kernel.intervention.InterventionEvent.TechnicalReportValidated;
import com.itvision.maintenance.kernel.intervention.InterventionEvent.TechnicalReportWritten;
import com.itvision.maintenance.kernel.intervention.TechnicalReport;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * Technical work done under a billet (seed 001 InterventionMaintenance) and its mandatory technical
 * report (StatutTechnique), which a PROJECT_LEAD or ADMIN who did not write it validates.
 */
@Aggregate
public class Intervention {
    @AggregateIdentifier
    private InterventionId interventionId;
    private BilletId billetId;
    private TicketId ticketId;
    private ClientId clientId;
    private UserId technicianId;
    private ContractId contractId;
    private boolean quotaConsumed;
    private boolean cancelled;
    private TechnicalReport report;
    private int reportVersion;
    private Set<UserId> reportAuthors = new HashSet<>();
    private boolean reportValidated;
    private int rejectedVersion;

    protected Intervention() {
    }

    Intervention(InterventionRecorded recorded) {
        apply(recorded);
    }

    /**
     * Seed 001: end after start and not in the future; hours spent more than 0 and no more than the time
     * between start and end (nobody works 3 h in a 2 h interval). Returns the hours as stored (2 decimals).
     */
    static BigDecimal timesAreValid(Instant startedAt, Instant endedAt, BigDecimal hoursSpent, Clock clock) {
        if (startedAt == null) {
            throw new InvalidFieldException(ErrorCode.INVALID_TIMES, "startedAt", "startedAt is required");
        }
        if (endedAt == null || !endedAt.isAfter(startedAt)) {
            throw new InvalidFieldException(ErrorCode.INVALID_TIMES, "endedAt", "The end must be after the start");
        }
        if (endedAt.isAfter(clock.instant().plusSeconds(300))) {
            throw new InvalidFieldException(ErrorCode.INVALID_TIMES, "endedAt", "An intervention cannot end in the future");
        }
        BigDecimal hours = Governance.positiveHours(hoursSpent, "hoursSpent");
        BigDecimal interval = hoursBetween(startedAt, endedAt);
        if (hours.compareTo(interval) > 0) {
            throw new InvalidFieldException(ErrorCode.INVALID_HOURS, "hoursSpent",
                    "hoursSpent (%s h) cannot exceed the %s h between startedAt and endedAt".formatted(hours, interval));
        }
        return hours;
    }

    /**
     * The interval in hours, rounded up to the hundredth of an hour that hours are recorded in: 1 h 29 min is
     * 1.49 h, so an honest rounding of the hours spent is never refused.
     */
    static BigDecimal hoursBetween(Instant start, Instant end) {
        // in exact arithmetic: the milliseconds between two far-apart instants overflow a long (500, found by
        // the malformed-request corpus with startedAt -1000000000-01-01T00:00:00Z)
        Duration interval = Duration.between(start, end);
        BigDecimal millis = BigDecimal.valueOf(interval.getSeconds()).multiply(BigDecimal.valueOf(1000))
                .add(BigDecimal.valueOf(interval.getNano() / 1_000_000));
        return new BigDecimal(millis.divide(BigDecimal.valueOf(36_000L), 0, RoundingMode.CEILING).toBigInteger(), 2);
    }

    /**
     * A technician is in one place at a time: the interval {@code [start, end)} may touch, not overlap,
     * another of the technician's interventions ({@code INTERVENTION_OVERLAP}). Checked against the
     * command-side schedule, which stays locked for the technician until the command commits.
     */
    static void technicianIsFree(TechnicianSchedule schedule, UserId technician, InterventionId self, Instant start,
                                 Instant end) {
        List<TechnicianSchedule.Interval> taken = schedule.overlapping(technician, start, end, self);
        if (!taken.isEmpty()) {
            TechnicianSchedule.Interval first = taken.getFirst();
            throw new InvalidFieldException(ErrorCode.INTERVENTION_OVERLAP, "startedAt",
                    "Technician %s was already intervening from %s to %s (intervention %s)".formatted(technician,
                            first.start(), first.end(), first.interventionId()));
        }
    }

    @CommandHandler
    void handle(CorrectIntervention cmd, Clock clock, TechnicianSchedule schedule) {
        visible(cmd.actor());
        Governance.adminOnly(cmd.actor(), "correct an intervention");
        String reason = Reasons.required(cmd.reason(), "correct an intervention");
        notCancelled();
        BigDecimal hours = timesAreValid(cmd.startedAt(), cmd.endedAt(), cmd.hoursSpent(), clock);
        technicianIsFree(schedule, technicianId, interventionId, cmd.startedAt(), cmd.endedAt());
        apply(new InterventionCorrected(interventionId, cmd.startedAt(), cmd.endedAt(), hours, reason, cmd.actor(),
                clock.instant()));
    }

    @CommandHandler
    void handle(WriteTechnicalReport cmd, Clock clock) {
        visible(cmd.actor());
        boolean mayWrite = cmd.actor().userId().equals(technicianId) || cmd.actor().hasAny(Role.ADMIN, Role.PROJECT_LEAD);
        if (!mayWrite) {
            throw DomainException.forbidden("The report is written by the technician who intervened or a PROJECT_LEAD/ADMIN");
        }
        notCancelled();
        if (reportValidated) {
            throw DomainException.rule(ErrorCode.REPORT_ALREADY_VALIDATED, "A validated report can no longer be revised");
        }
        TechnicalReport written = complete(cmd.report());
        apply(new TechnicalReportWritten(interventionId, reportVersion + 1, written, cmd.actor(), clock.instant()));
    }

    @CommandHandler
    void handle(RejectTechnicalReport cmd, Clock clock) {
        visible(cmd.actor());
        Governance.leadOrAdmin(cmd.actor(), "reject a technical report");
        String reason = Reasons.required(cmd.reason(), "reject a technical report");
        reviewable();
        apply(new TechnicalReportRejected(interventionId, reportVersion, reason, cmd.actor(), clock.instant()));
    }

    /** Four eyes: a PROJECT_LEAD or ADMIN who wrote no version of the report. */
    ValidatedReport validate(Actor actor, Clock clock) {
        visible(actor);
        Governance.leadOrAdmin(actor, "validate a technical report");
        reviewable();
        if (reportAuthors.contains(actor.userId())) {
            throw DomainException.rule(ErrorCode.FOUR_EYES_REQUIRED,
                    "The report must be validated by someone who did not write it");
        }
        apply(new TechnicalReportValidated(interventionId, ticketId, billetId, reportVersion, actor, clock.instant()));
        return new ValidatedReport(interventionId, ticketId, billetId);
    }

    /** Cancels the intervention; tells whether a quota unit must go back to the contract. */
    CancelledIntervention cancel(Actor actor, String reason, Clock clock) {
        visible(actor);
        Governance.adminOnly(actor, "cancel an intervention");
        String why = Reasons.required(reason, "cancel an intervention");
        notCancelled();
        if (reportValidated) {
            throw DomainException.rule(ErrorCode.REPORT_ALREADY_VALIDATED,
                    "An intervention whose report resolved the ticket cannot be cancelled; reopen the ticket first");
        }
        boolean refund = quotaConsumed; // read before the event: its handler clears it
        apply(new InterventionCancelled(interventionId, ticketId, why, refund, actor, clock.instant()));
        return new CancelledIntervention(interventionId, refund ? contractId : null, why);
    }

    private void reviewable() {
        notCancelled();
        if (report == null) {
            throw DomainException.rule(ErrorCode.REPORT_MISSING, "No technical report has been written yet");
        }
        if (reportValidated) {
            throw DomainException.rule(ErrorCode.REPORT_ALREADY_VALIDATED, "The report is already validated");
        }
        if (rejectedVersion == reportVersion) {
            throw DomainException.rule(ErrorCode.REPORT_REVISION_REQUIRED,
                    "Version " + reportVersion + " was rejected: it must be revised first");
        }
    }

    private void notCancelled() {
        if (cancelled) {
            throw DomainException.rule(ErrorCode.INTERVENTION_CANCELLED, "The intervention was cancelled");
        }
    }

    private void visible(Actor actor) {
        Governance.visibleTo(actor, clientId, ErrorCode.INTERVENTION_NOT_FOUND, interventionId);
    }

    private static TechnicalReport complete(TechnicalReport report) {
        if (report == null || blank(report.initialProblem()) || blank(report.rootCause()) || blank(report.solution())
                || blank(report.systemImpact())) {
            throw DomainException.rule(ErrorCode.REPORT_INCOMPLETE,
                    "initialProblem, rootCause, solution and systemImpact are required");
        }
        return new TechnicalReport(report.initialProblem().strip(), report.rootCause().strip(),
                report.solution().strip(), report.systemImpact().strip(), Reasons.optional(report.futureRisks()),
                Reasons.optional(report.recommendations()));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    // -- state changes only below --

    @EventSourcingHandler
    void on(InterventionRecorded e) {
        interventionId = e.interventionId();
        billetId = e.billetId();
        ticketId = e.ticketId();
        clientId = e.clientId();
        technicianId = e.technicianId();
        contractId = e.contractId();
        quotaConsumed = e.quotaConsumed();
    }

    @EventSourcingHandler
    void on(InterventionCancelled e) {
        cancelled = true;
        quotaConsumed = false;
    }

    @EventSourcingHandler
    void on(TechnicalReportWritten e) {
        report = e.report();
        reportVersion = e.version();
        reportAuthors.add(e.actor().userId());
    }

    @EventSourcingHandler
    void on(TechnicalReportRejected e) {
        rejectedVersion = e.version();
    }

    @EventSourcingHandler
    void on(TechnicalReportValidated e) {
        reportValidated = true;
    }
}
