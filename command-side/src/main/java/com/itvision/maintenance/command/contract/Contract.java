package com.itvision.maintenance.command.contract;

import static com.itvision.maintenance.command.contract.ContractPolicies.mayChange;
import static com.itvision.maintenance.command.contract.ContractPolicies.visibleTo;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.itvision.maintenance.command.directory.Directory;
import com.itvision.maintenance.command.support.Governance;
import com.itvision.maintenance.command.support.NumberAllocator;
import com.itvision.maintenance.command.support.Reasons;
import com.itvision.maintenance.kernel.common.Actor;
import com.itvision.maintenance.kernel.common.ClientId;
import com.itvision.maintenance.kernel.common.ContractId;
import com.itvision.maintenance.kernel.common.DomainException;
import com.itvision.maintenance.kernel.common.ErrorCode;
import com.itvision.maintenance.kernel.common.ProjectId;
import com.itvision.maintenance.kernel.common.Role;
import com.itvision.maintenance.kernel.common.UserId;
import com.itvision.maintenance.kernel.contract.ContractCommands.AcceptContract;
import com.itvision.maintenance.kernel.contract.ContractCommands.ActivateContract;
import com.itvision.maintenance.kernel.contract.ContractCommands.AmendContract;
import com.itvision.maintenance.kernel.contract.ContractCommands.ConsumeInterventionQuota;
import com.itvision.maintenance.kernel.contract.ContractCommands.DeclineContract;
import com.itvision.maintenance.kernel.contract.ContractCommands.DraftContract;
import com.itvision.maintenance.kernel.contract.ContractCommands.ExpireContract;
import com.itvision.maintenance.kernel.contract.ContractCommands.QuotaDecision;
import com.itvision.maintenance.kernel.contract.ContractCommands.RefundInterventionQuota;
import com.itvision.maintenance.kernel.contract.ContractCommands.RenewContract;
import com.itvision.maintenance.kernel.contract.ContractCommands.ResumeContract;
import com.itvision.maintenance.kernel.contract.ContractCommands.SuspendContract;
import com.itvision.maintenance.kernel.contract.ContractCommands.TerminateContract;
import com.itvision.maintenance.kernel.contract.ContractEvent.ContractAccepted;
import com.itvision.maintenance.kernel.contract.ContractEvent.ContractActivated;
import com.itvision.maintenance.kernel.contract.ContractEvent.ContractAmended;
import com.itvision.maintenance.kernel.contract.ContractEvent.ContractDeclined;
import com.itvision.maintenance.kernel.contract.ContractEvent.ContractDrafted;
import com.itvision.maintenance.kernel.contract.ContractEvent.ContractExpired;
import com.itvision.maintenance.kernel.contract.ContractEvent.ContractRenewed;
import com.itvision.maintenance.kernel.contract.ContractEvent.ContractResumed;
import com.itvision.maintenance.kernel.contract.ContractEvent.ContractSuspended;
import com.itvision.maintenance.kernel.contract.ContractEvent.ContractTerminated;
import com.itvision.maintenance.kernel.contract.ContractEvent.InterventionQuotaConsumed;
import com.itvision.maintenance.kernel.contract.ContractEvent.InterventionQuotaConsumptionRefused;
import com.itvision.maintenance.kernel.contract.ContractEvent.InterventionQuotaRefunded;
import com.itvision.maintenance.kernel.contract.ContractKind;
import com.itvision.maintenance.kernel.contract.ContractStatus;
import com.itvision.maintenance.kernel.contract.ContractTerms;
import com.itvision.maintenance.kernel.contract.ContractType;
import com.itvision.maintenance.kernel.contract.Period;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A warranty or maintenance contract: its lifecycle, periods (renewals), versioned terms
 * (amendments) and intervention quota. Decisions happen in command handlers, state changes only in
 * event sourcing handlers.
 */
@Aggregate(snapshotTriggerDefinition = "contractSnapshotTrigger")
// 2: the period ledger counts its consumptions instead of listing them (ADR 0019); the event storage engine's
// snapshot filter (AxonConfiguration.contractSnapshots) skips snapshots of another revision (the old ones have
// none): such a contract is rebuilt from its events once and snapshotted again
@Revision("2")
public class Contract {
    @AggregateIdentifier
    private ContractId contractId;
    private String number;
    private ClientId clientId;
    private ProjectId projectId;
    private String name;
    private ContractKind kind;
    private ContractType type;
    private ContractStatus status;
    private ContractTerms terms;
    private int revision;
    private UserId salesRepId;
    private PeriodLedger periods = new PeriodLedger();
    /** When terminated with notice, the contract still covers the days before this date. */
    private LocalDate coverageEndsBefore;

    protected Contract() {
        // for Axon and snapshots
    }

    @CommandHandler
    public Contract(DraftContract cmd, Directory directory, ContractRegistry registry, NumberAllocator numbers,
                    Clock clock) {
        Directory.ClientEntry client = directory.client(cmd.clientId())
                .orElseThrow(() -> DomainException.notFound(ErrorCode.CLIENT_NOT_FOUND, cmd.clientId()));
        ContractPolicies.mayDraft(cmd.actor(), client);
        ContractPolicies.nameIsValid(cmd.name());
        if (cmd.type().kind() != cmd.kind()) {
            throw DomainException.rule(ErrorCode.TYPE_NOT_IN_KIND, cmd.type() + " is not a " + cmd.kind() + " type");
        }
        if (cmd.projectId() == null && cmd.kind() == ContractKind.WARRANTY) {
            throw DomainException.rule(ErrorCode.PROJECT_REQUIRED_FOR_WARRANTY, "A warranty contract must name its project");
        }
        if (cmd.projectId() != null) {
            Directory.ProjectEntry project = directory.project(cmd.projectId())
                    .orElseThrow(() -> DomainException.notFound(ErrorCode.PROJECT_NOT_FOUND, cmd.projectId()));
            if (!project.clientId().equals(cmd.clientId())) {
                throw DomainException.rule(ErrorCode.PROJECT_NOT_OF_CLIENT,
                        "Project " + cmd.projectId() + " belongs to another client");
            }
        }
        ContractPolicies.periodIsValid(cmd.period());
        ContractPolicies.termsAreValid(cmd.kind(), cmd.terms());
        UserId salesRep = cmd.salesRepId() != null ? cmd.salesRepId()
                : cmd.actor().has(Role.SALES) ? cmd.actor().userId() : client.salesRepId();
        if (salesRep != null && directory.user(salesRep).filter(u -> u.has(Role.SALES)).isEmpty()) {
            throw DomainException.rule(ErrorCode.SALES_REP_NOT_ELIGIBLE, "User " + salesRep + " is not a SALES user");
        }
        refuseOverlap(registry, cmd.projectId(), cmd.type(), cmd.period(), cmd.contractId());
        YearMonth month = YearMonth.now(clock);
        String number = "MC-%d%02d-%04d".formatted(month.getYear(), month.getMonthValue(),
                numbers.next("contract-" + month));
        apply(new ContractDrafted(cmd.contractId(), number, cmd.clientId(), cmd.projectId(), cmd.name().strip(),
                cmd.kind(), cmd.type(), cmd.period(), cmd.terms(), salesRep, cmd.actor(), clock.instant()));
    }

    @CommandHandler
    public void handle(ActivateContract cmd, Clock clock) {
        visibleTo(cmd.actor(), clientId, contractId);
        mayChange(cmd.actor());
        requireStatus("activate", ContractStatus.DRAFT);
        apply(new ContractActivated(contractId, cmd.actor(), clock.instant()));
    }

    @CommandHandler
    public void handle(AcceptContract cmd, Clock clock) {
        visibleTo(cmd.actor(), clientId, contractId);
        if (!cmd.actor().actsFor(clientId)) {
            throw DomainException.forbidden("Only a user of the contract's client may accept its proposal");
        }
        requireStatus("accept", ContractStatus.DRAFT);
        apply(new ContractAccepted(contractId, cmd.actor(), clock.instant()));
    }

    @CommandHandler
    public void handle(DeclineContract cmd, Clock clock) {
        visibleTo(cmd.actor(), clientId, contractId);
        if (!cmd.actor().actsFor(clientId)) {
            mayChange(cmd.actor());
        }
        requireStatus("decline", ContractStatus.DRAFT);
        apply(new ContractDeclined(contractId, Reasons.optional(cmd.reason()), cmd.actor(), clock.instant()));
    }

    @CommandHandler
    public void handle(SuspendContract cmd, Clock clock) {
        visibleTo(cmd.actor(), clientId, contractId);
        mayChange(cmd.actor());
        String reason = Reasons.required(cmd.reason(), "suspend a contract");
        requireStatus("suspend", ContractStatus.ACTIVE);
        apply(new ContractSuspended(contractId, reason, cmd.actor(), clock.instant()));
    }

    @CommandHandler
    public void handle(ResumeContract cmd, Clock clock) {
        visibleTo(cmd.actor(), clientId, contractId);
        mayChange(cmd.actor());
        String reason = Reasons.required(cmd.reason(), "resume a contract");
        requireStatus("resume", ContractStatus.SUSPENDED);
        apply(new ContractResumed(contractId, reason, cmd.actor(), clock.instant()));
    }

    @CommandHandler
    public void handle(TerminateContract cmd, Clock clock) {
        visibleTo(cmd.actor(), clientId, contractId);
        mayChange(cmd.actor());
        if (cmd.category() == null) {
            throw DomainException.rule(ErrorCode.REASON_REQUIRED, "A termination needs a reason category");
        }
        String reason = Reasons.required(cmd.reason(), "terminate a contract");
        requireStatus("terminate", ContractStatus.ACTIVE, ContractStatus.SUSPENDED);
        LocalDate effective = cmd.effectiveDate() != null ? cmd.effectiveDate() : LocalDate.now(clock);
        if (effective.isBefore(periods.first().start()) || effective.isAfter(periods.last().end().plusDays(1))) {
            throw DomainException.rule(ErrorCode.TERMINATION_DATE_INVALID,
                    "The effective date must fall within the contract's periods");
        }
        apply(new ContractTerminated(contractId, cmd.category(), reason, effective, cmd.actor(), clock.instant()));
    }

    @CommandHandler
    public void handle(RenewContract cmd, ContractRegistry registry, Clock clock) {
        visibleTo(cmd.actor(), clientId, contractId);
        mayChange(cmd.actor());
        requireStatus("renew", ContractStatus.ACTIVE, ContractStatus.SUSPENDED, ContractStatus.EXPIRED);
        Period current = periods.last();
        Period next = cmd.newPeriod() != null ? cmd.newPeriod() : current.following();
        ContractPolicies.periodIsValid(next);
        if (!next.start().isAfter(current.end())) {
            throw DomainException.rule(ErrorCode.RENEWAL_PERIOD_INVALID,
                    "A renewal period must start after the current end date " + current.end());
        }
        var price = cmd.newAnnualPrice() != null ? cmd.newAnnualPrice() : terms.annualPrice();
        ContractPolicies.sameCurrency(terms.annualPrice(), price);
        ContractPolicies.priceFitsKind(kind, price);
        refuseOverlap(registry, projectId, type, next, contractId);
        apply(new ContractRenewed(contractId, periods.size(), next, price, terms.annualPrice(),
                Reasons.optional(cmd.reason()), cmd.actor(), clock.instant()));
    }

    @CommandHandler
    public void handle(AmendContract cmd, Clock clock) {
        visibleTo(cmd.actor(), clientId, contractId);
        mayChange(cmd.actor());
        String reason = Reasons.required(cmd.reason(), "amend a contract");
        requireStatus("amend", ContractStatus.DRAFT, ContractStatus.ACTIVE, ContractStatus.SUSPENDED);
        Amendment amendment = Amendment.of(terms, cmd);
        if (amendment.changedFields().isEmpty()) {
            throw DomainException.rule(ErrorCode.NOTHING_TO_AMEND, "The amendment changes nothing");
        }
        ContractPolicies.termsAreValid(kind, amendment.terms());
        ContractPolicies.sameCurrency(terms.annualPrice(), amendment.terms().annualPrice());
        int index = periods.indexOn(LocalDate.now(clock));
        if (index >= 0 && !amendment.terms().quota().unlimited()
                && amendment.terms().quota().included() < periods.at(index).used()) {
            throw DomainException.rule(ErrorCode.QUOTA_BELOW_USAGE, "The current period already used "
                    + periods.at(index).used() + " interventions");
        }
        apply(new ContractAmended(contractId, revision + 1, amendment.terms(), amendment.changedFields(), reason,
                cmd.actor(), clock.instant()));
    }

    /** Idempotent: a contract that is not (or no longer) due to expire is left alone. */
    @CommandHandler
    public void handle(ExpireContract cmd, Clock clock) {
        LocalDate today = LocalDate.now(clock);
        boolean due = (status == ContractStatus.ACTIVE || status == ContractStatus.SUSPENDED)
                && today.isAfter(periods.last().end());
        if (due) {
            apply(new ContractExpired(contractId, periods.last().end(), cmd.actor(), clock.instant()));
        }
    }

    @CommandHandler
    public QuotaDecision handle(ConsumeInterventionQuota cmd, QuotaConsumptions consumptions, Clock clock) {
        LocalDate today = LocalDate.now(clock);
        var already = consumptions.of(contractId, cmd.interventionId());
        if (already.isPresent()) {
            QuotaConsumptions.Consumption first = already.get();
            return new QuotaDecision(true, null, first.periodIndex(), first.usedAfter(), first.included(),
                    first.contractRevision());
        }
        int index = periods.indexOn(today);
        if (!activeOn(today) || index < 0) {
            return refuse(cmd, "CONTRACT_NOT_ACTIVE", "The contract is " + status + " on " + today, clock);
        }
        PeriodLedger.Entry entry = periods.at(index);
        if (!terms.quota().allows(entry.used())) {
            return refuse(cmd, "QUOTA_EXHAUSTED", "All " + terms.quota().included()
                    + " interventions of the period are used", clock);
        }
        apply(new InterventionQuotaConsumed(contractId, cmd.interventionId(), index, revision, entry.used() + 1,
                terms.quota().included(), cmd.actor(), clock.instant()));
        return new QuotaDecision(true, null, index, entry.used(), terms.quota().included(), revision);
    }

    @CommandHandler
    public boolean handle(RefundInterventionQuota cmd, QuotaConsumptions consumptions, Clock clock) {
        var consumption = consumptions.of(contractId, cmd.interventionId());
        if (consumption.isEmpty()) {
            return false;
        }
        int index = consumption.get().periodIndex();
        apply(new InterventionQuotaRefunded(contractId, cmd.interventionId(), index, periods.at(index).used() - 1,
                Reasons.required(cmd.reason(), "refund an intervention"), cmd.actor(), clock.instant()));
        return true;
    }

    private QuotaDecision refuse(ConsumeInterventionQuota cmd, String code, String detail, Clock clock) {
        apply(new InterventionQuotaConsumptionRefused(contractId, cmd.interventionId(), code, detail, cmd.actor(),
                clock.instant()));
        return new QuotaDecision(false, code, -1, 0, terms.quota().included(), revision);
    }

    private void requireStatus(String action, ContractStatus... allowed) {
        Governance.requireStatus(status, action, "a contract", allowed);
    }

    private static void refuseOverlap(ContractRegistry registry, ProjectId project, ContractType type, Period period,
                                      ContractId self) {
        if (project == null) {
            return;
        }
        List<String> clashes = registry.overlapping(project, type, period, self);
        if (!clashes.isEmpty()) {
            throw DomainException.rule(ErrorCode.CONTRACT_OVERLAP, "A " + type + " contract of this project already covers "
                    + "part of " + period.start() + " → " + period.end() + ": " + String.join(", ", clashes));
        }
    }

    /** Seed 001 {@code est_actif}: ACTIVE and {@code day} within a period (or before a termination takes effect). */
    boolean activeOn(LocalDate day) {
        boolean inPeriod = periods.indexOn(day) >= 0;
        if (status == ContractStatus.ACTIVE) {
            return inPeriod;
        }
        return status == ContractStatus.TERMINATED && coverageEndsBefore != null && inPeriod
                && day.isBefore(coverageEndsBefore);
    }

    /** What a ticket opened on {@code day} records about this contract (seed 001 {@code _verifier_garantie}). */
    public CoverageTerms coverageOn(LocalDate day) {
        return new CoverageTerms(contractId, clientId, projectId, activeOn(day), revision, terms.slaHours(),
                terms.supportHours(), terms.timeZone());
    }

    // -- state changes only below --

    @EventSourcingHandler
    void on(ContractDrafted e) {
        contractId = e.contractId();
        number = e.number();
        clientId = e.clientId();
        projectId = e.projectId();
        name = e.name();
        kind = e.kind();
        type = e.type();
        terms = e.terms();
        salesRepId = e.salesRepId();
        status = ContractStatus.DRAFT;
        revision = 1;
        periods.open(e.period());
    }

    @EventSourcingHandler
    void on(ContractActivated e) {
        status = ContractStatus.ACTIVE;
    }

    @EventSourcingHandler
    void on(ContractAccepted e) {
        status = ContractStatus.ACTIVE;
    }

    @EventSourcingHandler
    void on(ContractDeclined e) {
        status = ContractStatus.DECLINED;
    }

    @EventSourcingHandler
    void on(ContractSuspended e) {
        status = ContractStatus.SUSPENDED;
    }

    @EventSourcingHandler
    void on(ContractResumed e) {
        status = ContractStatus.ACTIVE;
    }

    @EventSourcingHandler
    void on(ContractExpired e) {
        status = ContractStatus.EXPIRED;
    }

    @EventSourcingHandler
    void on(ContractTerminated e) {
        coverageEndsBefore = status == ContractStatus.ACTIVE ? e.effectiveDate() : null;
        status = ContractStatus.TERMINATED;
    }

    @EventSourcingHandler
    void on(ContractRenewed e) {
        periods.open(e.period());
        terms = new ContractTerms(terms.slaHours(), terms.supportHours(), terms.timeZone(), terms.coverage(),
                terms.quota(), terms.services(), e.annualPrice(), terms.paymentFrequency(), terms.tacitRenewal());
        if (status == ContractStatus.EXPIRED) {
            status = ContractStatus.ACTIVE;
        }
    }

    @EventSourcingHandler
    void on(ContractAmended e) {
        terms = e.terms();
        revision = e.revision();
    }

    @EventSourcingHandler
    void on(InterventionQuotaConsumed e) {
        periods.at(e.periodIndex()).used(e.used());
    }

    @EventSourcingHandler
    void on(InterventionQuotaRefunded e) {
        periods.at(e.periodIndex()).used(e.used());
    }

    // -- read access for ContractView --

    ContractId contractId() { return contractId; }
    String number() { return number; }
    ClientId clientId() { return clientId; }
    ProjectId projectId() { return projectId; }
    String name() { return name; }
    ContractKind kind() { return kind; }
    ContractType type() { return type; }
    ContractStatus status() { return status; }
    ContractTerms terms() { return terms; }
    int revision() { return revision; }
    UserId salesRepId() { return salesRepId; }
    PeriodLedger periods() { return periods; }
    LocalDate coverageEndsBefore() { return coverageEndsBefore; }
}
