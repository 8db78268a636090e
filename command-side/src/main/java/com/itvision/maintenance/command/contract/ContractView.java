package com.itvision.maintenance.command.contract;

import com.itvision.maintenance.kernel.common.ClientId;
import com.itvision.maintenance.kernel.common.ContractId;
import com.itvision.maintenance.kernel.common.ProjectId;
import com.itvision.maintenance.kernel.common.UserId;
import com.itvision.maintenance.kernel.contract.ContractKind;
import com.itvision.maintenance.kernel.contract.ContractStatus;
import com.itvision.maintenance.kernel.contract.ContractTerms;
import com.itvision.maintenance.kernel.contract.ContractType;
import com.itvision.maintenance.kernel.contract.Period;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/**
 * The state of one contract as its aggregate saw it at an instant, served by the audit's state-at reads
 * ({@code GET /api/v1/audit/contracts/{id}/state}); {@code active} and {@code daysRemaining} use the clock
 * given (fixed at that instant).
 */
public record ContractView(
        ContractId id,
        String number,
        long version,
        ClientId clientId,
        ProjectId projectId,
        String name,
        ContractKind kind,
        ContractType type,
        ContractStatus status,
        boolean active,
        long daysRemaining,
        int revision,
        Period currentPeriod,
        ContractTerms terms,
        UserId salesRepId,
        List<PeriodUsage> periods) {

    public record PeriodUsage(int index, Period period, int used, Integer included, Integer remaining) {
    }

    /** Seed 001 jours_restants: days left until the contract stops covering (0 once it no longer can). */
    private static long daysRemaining(Contract c, boolean active, LocalDate today) {
        return switch (c.status()) {
            case DRAFT, ACTIVE, SUSPENDED -> c.periods().last().daysRemaining(today);
            case TERMINATED -> active ? Period.of(today, c.coverageEndsBefore().minusDays(1)).daysRemaining(today) : 0;
            case EXPIRED, DECLINED -> 0;
        };
    }

    public static ContractView of(Contract c, long version, Clock clock) {
        LocalDate today = LocalDate.now(clock);
        Integer included = c.terms().quota().included();
        List<PeriodUsage> usage = new java.util.ArrayList<>();
        List<PeriodLedger.Entry> entries = c.periods().entries();
        for (int i = 0; i < entries.size(); i++) {
            PeriodLedger.Entry e = entries.get(i);
            usage.add(new PeriodUsage(i, e.period(), e.used(), included,
                    included == null ? null : Math.max(0, included - e.used())));
        }
        int index = c.periods().indexOn(today);
        Period current = index >= 0 ? entries.get(index).period() : c.periods().last();
        boolean active = c.activeOn(today);
        return new ContractView(c.contractId(), c.number(), version, c.clientId(),
                c.projectId(), c.name(), c.kind(), c.type(), c.status(), active,
                daysRemaining(c, active, today), c.revision(), current, c.terms(), c.salesRepId(),
                List.copyOf(usage));
    }
}
