package com.itvision.maintenance.kernel.contract;

public enum ContractStatus {
    DRAFT, ACTIVE, SUSPENDED, EXPIRED, TERMINATED, DECLINED;

    /** Terminated and declined contracts no longer claim their period (the overlap rule ignores them). */
    public boolean claimsPeriod() {
        return this != TERMINATED && this != DECLINED;
    }
}
