package com.itvision.maintenance.command.contract;

import com.itvision.maintenance.kernel.common.ContractId;
import java.util.Optional;

/**
 * Which intervention consumed a unit of which contract's quota, and what that consumption decided: the
 * idempotency record of {@code ConsumeInterventionQuota} and {@code RefundInterventionQuota}. It used to
 * live in the Contract aggregate (one map entry per intervention, so the aggregate and its snapshots
 * grew with the contract's whole history); it is now a command-side lookup kept in the events'
 * transaction, read by the Contract's handlers while they hold the contract (ADR 0019).
 */
public interface QuotaConsumptions {

    /** The consumption of {@code interventionId} on {@code contractId} that was not refunded, if any. */
    Optional<Consumption> of(ContractId contractId, String interventionId);

    /** What a consumption decided, kept so a retried consumption answers exactly the same. */
    record Consumption(int periodIndex, int contractRevision, int usedAfter, Integer included) {
    }
}
