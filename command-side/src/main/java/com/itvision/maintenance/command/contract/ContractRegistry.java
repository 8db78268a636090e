package com.itvision.maintenance.command.contract;

import com.itvision.maintenance.kernel.common.ContractId;
import com.itvision.maintenance.kernel.common.ProjectId;
import com.itvision.maintenance.kernel.contract.ContractType;
import com.itvision.maintenance.kernel.contract.Period;
import java.util.List;

/**
 * Set-based view of contract periods used by the no-overlap rule (seed 001: "pas de chevauchement pour
 * le même type"). It is updated in the same transaction as the contract events, and
 * {@link #overlapping} serialises concurrent writers on the same project and type until commit, so
 * two concurrent creations can never both pass the check.
 */
public interface ContractRegistry {

    /**
     * Locks {@code (project, type)} for the current transaction and returns the numbers of the other
     * contracts that still claim a period overlapping {@code period}: declined contracts claim nothing,
     * terminated ones only the days they still cover before their effective date.
     */
    List<String> overlapping(ProjectId projectId, ContractType type, Period period, ContractId excluding);
}
