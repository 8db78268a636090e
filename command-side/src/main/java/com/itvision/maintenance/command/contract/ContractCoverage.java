package com.itvision.maintenance.command.contract;

import com.itvision.maintenance.kernel.common.ClientId;
import com.itvision.maintenance.kernel.common.ContractId;
import com.itvision.maintenance.kernel.common.ProjectId;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * What a ticket opening needs of contracts, without loading (and locking) the Contract aggregate: the
 * terms {@link Contract#coverageOn} would answer, from the command-side lookup kept in the contract
 * events' transaction. The rows read stay share-locked until the opening commits, so a concurrent change
 * of the contract (a suspension, an amendment) either committed before and is seen, or waits for the
 * opening to commit (ADR 0019).
 */
public interface ContractCoverage {

    /** The coverage terms of a contract on {@code day}; empty if no contract has this id. */
    Optional<CoverageTerms> coverageOn(ContractId contractId, LocalDate day);

    /**
     * The terms on {@code day} of the contracts that may cover {@code project}: its own and its client's
     * maintenance contracts naming no project, ACTIVE or TERMINATED (with notice), in number order.
     */
    List<CoverageTerms> candidatesOn(ProjectId project, ClientId client, LocalDate day);
}
