package com.itvision.maintenance.kernel.contract;

import com.itvision.maintenance.kernel.common.Actor;
import com.itvision.maintenance.kernel.common.Command;
import com.itvision.maintenance.kernel.common.ClientId;
import com.itvision.maintenance.kernel.common.ContractId;
import com.itvision.maintenance.kernel.common.Money;
import com.itvision.maintenance.kernel.common.ProjectId;
import com.itvision.maintenance.kernel.common.UserId;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * Commands of the Contract aggregate. Every command names its actor (built from the authenticated
 * principal) and may carry the aggregate version the caller last saw ({@code If-Match}); a stale
 * version is refused with {@code CONCURRENT_MODIFICATION}.
 */
public final class ContractCommands {
    private ContractCommands() {
    }

    /** Creates a contract in DRAFT (a proposal); staff then activate it or the client accepts it. */
    public record DraftContract(
            @TargetAggregateIdentifier ContractId contractId,
            ClientId clientId,
            ProjectId projectId,
            String name,
            ContractKind kind,
            ContractType type,
            Period period,
            ContractTerms terms,
            UserId salesRepId,
            Actor actor) implements Command {
    }

    public record ActivateContract(@TargetAggregateIdentifier ContractId contractId, Actor actor,
                                   @TargetAggregateVersion Long expectedVersion) implements Command {
    }

    /** The client's user accepts a DRAFT proposal of its own client. */
    public record AcceptContract(@TargetAggregateIdentifier ContractId contractId, Actor actor,
                                 @TargetAggregateVersion Long expectedVersion) implements Command {
    }

    public record DeclineContract(@TargetAggregateIdentifier ContractId contractId, String reason, Actor actor,
                                  @TargetAggregateVersion Long expectedVersion) implements Command {
    }

    public record SuspendContract(@TargetAggregateIdentifier ContractId contractId, String reason, Actor actor,
                                  @TargetAggregateVersion Long expectedVersion) implements Command {
    }

    public record ResumeContract(@TargetAggregateIdentifier ContractId contractId, String reason, Actor actor,
                                 @TargetAggregateVersion Long expectedVersion) implements Command {
    }

    public record TerminateContract(@TargetAggregateIdentifier ContractId contractId, TerminationCategory category,
                                    String reason, LocalDate effectiveDate, Actor actor,
                                    @TargetAggregateVersion Long expectedVersion) implements Command {
    }

    /**
     * Renews for a new period, keeping the number. {@code newPeriod} defaults to the same length
     * starting the day after the current end; {@code newAnnualPrice} defaults to the current price.
     */
    public record RenewContract(@TargetAggregateIdentifier ContractId contractId, Period newPeriod,
                                Money newAnnualPrice, String reason, Actor actor,
                                @TargetAggregateVersion Long expectedVersion) implements Command {
    }

    /** An amendment (avenant). Null fields stay as they are; at least one must change; reason required. */
    public record AmendContract(
            @TargetAggregateIdentifier ContractId contractId,
            Integer slaHours,
            SupportHours supportHours,
            Coverage coverage,
            List<Equipment> equipment,
            InterventionQuota quota,
            List<ScheduledService> services,
            Money annualPrice,
            PaymentFrequency paymentFrequency,
            Boolean tacitRenewal,
            String reason,
            Actor actor,
            @TargetAggregateVersion Long expectedVersion) implements Command {
    }

    /** Sent by the expiry scheduler once the end date has passed. */
    public record ExpireContract(@TargetAggregateIdentifier ContractId contractId, LocalDate endedOn, Actor actor) implements Command {
    }

    /**
     * Consumes one intervention of the current period's quota for {@code interventionId}. Never
     * throws for a business reason: a refusal is recorded as an event and returned.
     */
    public record ConsumeInterventionQuota(@TargetAggregateIdentifier ContractId contractId, String interventionId,
                                           Actor actor) implements Command {
    }

    /** Gives back the unit consumed by {@code interventionId} (the intervention was cancelled). */
    public record RefundInterventionQuota(@TargetAggregateIdentifier ContractId contractId, String interventionId,
                                          String reason, Actor actor) implements Command {
    }

    /** What a quota consumption decided. */
    public record QuotaDecision(boolean consumed, String refusalCode, int periodIndex, int used, Integer included,
                                int contractRevision) {
    }
}
