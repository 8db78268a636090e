package com.itvision.maintenance.kernel.contract;

public enum ContractKind {
    /** Free corrective or evolutive maintenance after delivery (seed 001 ContratGarantie); price 0. */
    WARRANTY,
    /** Paid maintenance (seed 000 MaintenanceContract). */
    MAINTENANCE
}
