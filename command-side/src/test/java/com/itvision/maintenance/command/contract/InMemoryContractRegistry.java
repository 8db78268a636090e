package com.itvision.maintenance.command.contract;

import com.itvision.maintenance.kernel.common.ContractId;
import com.itvision.maintenance.kernel.common.ProjectId;
import com.itvision.maintenance.kernel.contract.ContractStatus;
import com.itvision.maintenance.kernel.contract.ContractType;
import com.itvision.maintenance.kernel.contract.Period;
import java.util.ArrayList;
import java.util.List;

/**
 * The no-overlap lookup as a list: the other contracts a test says exist. Like the JDBC registry, it
 * answers the numbers of the contracts of the same project and type, other than the one asking, that
 * still claim a period (not TERMINATED, not DECLINED) overlapping the one asked about.
 */
final class InMemoryContractRegistry implements ContractRegistry {
    record Claim(ContractId contractId, String number, ProjectId projectId, ContractType type, Period period,
                 ContractStatus status) {
    }

    private final List<Claim> claims = new ArrayList<>();

    InMemoryContractRegistry with(String number, ProjectId projectId, ContractType type, Period period,
                                  ContractStatus status) {
        return with(ContractId.of("other-" + number), number, projectId, type, period, status);
    }

    InMemoryContractRegistry with(ContractId contractId, String number, ProjectId projectId, ContractType type,
                                  Period period, ContractStatus status) {
        claims.add(new Claim(contractId, number, projectId, type, period, status));
        return this;
    }

    @Override
    public List<String> overlapping(ProjectId projectId, ContractType type, Period period, ContractId excluding) {
        return claims.stream()
                .filter(c -> c.projectId().equals(projectId) && c.type() == type)
                .filter(c -> !c.contractId().equals(excluding))
                .filter(c -> c.status().claimsPeriod() && c.period().overlaps(period))
                .map(Claim::number)
                .sorted()
                .toList();
    }
}
