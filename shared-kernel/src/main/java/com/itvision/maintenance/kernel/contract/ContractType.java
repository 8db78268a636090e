package com.itvision.maintenance.kernel.contract;

public enum ContractType {
    CORRECTIVE(ContractKind.WARRANTY),
    EVOLUTIVE(ContractKind.WARRANTY),
    PREVENTIVE(ContractKind.MAINTENANCE),
    CURATIVE(ContractKind.MAINTENANCE),
    FULL(ContractKind.MAINTENANCE),
    BASIC(ContractKind.MAINTENANCE);

    private final ContractKind kind;

    ContractType(ContractKind kind) {
        this.kind = kind;
    }

    public ContractKind kind() {
        return kind;
    }
}
