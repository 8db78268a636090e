package com.itvision.maintenance.kernel.contract;

import com.itvision.maintenance.kernel.common.Money;
import java.time.ZoneId;
import java.util.List;

/**
 * The amendable part of a contract: everything an amendment may change. The period is not here:
 * it only changes by renewal.
 */
public record ContractTerms(
        int slaHours,
        SupportHours supportHours,
        ZoneId timeZone,
        Coverage coverage,
        InterventionQuota quota,
        List<ScheduledService> services,
        Money annualPrice,
        PaymentFrequency paymentFrequency,
        boolean tacitRenewal) {

    public ContractTerms {
        services = services == null ? List.of() : List.copyOf(services);
        quota = quota == null ? InterventionQuota.UNLIMITED : quota;
    }
}
