package com.itvision.maintenance.kernel.contract;

import com.itvision.maintenance.kernel.common.Actor;
import com.itvision.maintenance.kernel.common.ClientId;
import com.itvision.maintenance.kernel.common.ContractId;
import com.itvision.maintenance.kernel.common.Money;
import com.itvision.maintenance.kernel.common.ProjectId;
import com.itvision.maintenance.kernel.common.UserId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.serialization.Revision;

/** Everything that happened to a contract. Each event says who did it and when, for the audit trail. */
public sealed interface ContractEvent {

    ContractId contractId();

    Actor actor();

    Instant occurredAt();

    @Revision("1")
    record ContractDrafted(ContractId contractId, String number, ClientId clientId, ProjectId projectId, String name,
                           ContractKind kind, ContractType type, Period period, ContractTerms terms,
                           UserId salesRepId, Actor actor, Instant occurredAt) implements ContractEvent {
    }

    @Revision("1")
    record ContractActivated(ContractId contractId, Actor actor, Instant occurredAt) implements ContractEvent {
    }

    /** The client's user accepted the proposal: the contract is active. */
    @Revision("1")
    record ContractAccepted(ContractId contractId, Actor actor, Instant occurredAt) implements ContractEvent {
    }

    @Revision("1")
    record ContractDeclined(ContractId contractId, String reason, Actor actor, Instant occurredAt)
            implements ContractEvent {
    }

    @Revision("1")
    record ContractSuspended(ContractId contractId, String reason, Actor actor, Instant occurredAt)
            implements ContractEvent {
    }

    @Revision("1")
    record ContractResumed(ContractId contractId, String reason, Actor actor, Instant occurredAt)
            implements ContractEvent {
    }

    @Revision("1")
    record ContractExpired(ContractId contractId, LocalDate endedOn, Actor actor, Instant occurredAt)
            implements ContractEvent {
    }

    @Revision("1")
    record ContractTerminated(ContractId contractId, TerminationCategory category, String reason,
                              LocalDate effectiveDate, Actor actor, Instant occurredAt) implements ContractEvent {
    }

    /** A new period (index 0 is the original one); quota usage restarts at zero. */
    @Revision("1")
    record ContractRenewed(ContractId contractId, int periodIndex, Period period, Money annualPrice,
                           Money previousAnnualPrice, String reason, Actor actor, Instant occurredAt)
            implements ContractEvent {
    }

    /** An amendment (avenant): the full terms after it, which fields changed, and why. */
    @Revision("1")
    record ContractAmended(ContractId contractId, int revision, ContractTerms terms, List<String> changedFields,
                           String reason, Actor actor, Instant occurredAt) implements ContractEvent {
    }

    @Revision("1")
    record InterventionQuotaConsumed(ContractId contractId, String interventionId, int periodIndex,
                                     int contractRevision, int used, Integer included, Actor actor,
                                     Instant occurredAt) implements ContractEvent {
    }

    /** A consumption that was not allowed, kept for the audit (e.g. QUOTA_EXHAUSTED, CONTRACT_NOT_ACTIVE). */
    @Revision("1")
    record InterventionQuotaConsumptionRefused(ContractId contractId, String interventionId, String reasonCode,
                                               String detail, Actor actor, Instant occurredAt)
            implements ContractEvent {
    }

    @Revision("1")
    record InterventionQuotaRefunded(ContractId contractId, String interventionId, int periodIndex, int used,
                                     String reason, Actor actor, Instant occurredAt) implements ContractEvent {
    }
}
