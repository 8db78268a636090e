package com.itvision.maintenance.query.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.itvision.maintenance.kernel.common.Money;
import com.itvision.maintenance.kernel.contract.Equipment;
import com.itvision.maintenance.kernel.contract.ScheduledService;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A contract as the portal and the staff see it (seed 000 "Vue Avec Contrats"): period, days until
 * expiration, quota usage of the current period, services, equipment, alerts.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContractSummary(
        String id,
        String number,
        /** The version of the contract this row reflects (its last applied event's sequence): the ETag, for If-Match. */
        long version,
        String clientId,
        String projectId,
        String salesRepId,
        String name,
        String kind,
        String type,
        String status,
        boolean active,
        Money annualPrice,
        String paymentFrequency,
        LocalDate startDate,
        LocalDate endDate,
        Period currentPeriod,
        long daysUntilExpiration,
        boolean nearExpiration,
        Quota quota,
        int slaHours,
        String responseTime,
        String supportHours,
        String timeZone,
        String coverage,
        List<ScheduledService> services,
        List<Equipment> equipment,
        int revision,
        boolean tacitRenewal,
        List<String> alerts,
        List<RecentIntervention> recentInterventions) {

    public record Period(int index, LocalDate start, LocalDate end) {
    }

    /** {@code included}/{@code remaining} are null when unlimited; {@code usageRate} is a percentage. */
    public record Quota(boolean unlimited, Integer included, int used, Integer remaining, Integer usageRate) {
    }

    public record RecentIntervention(String id, String ticketId, Instant startedAt, Instant endedAt,
                                     java.math.BigDecimal hoursSpent, boolean covered, String description) {
    }

    ContractSummary withRecentInterventions(List<RecentIntervention> recent) {
        return new ContractSummary(id, number, version, clientId, projectId, salesRepId, name, kind, type, status, active,
                annualPrice, paymentFrequency, startDate, endDate, currentPeriod, daysUntilExpiration,
                nearExpiration, quota, slaHours, responseTime, supportHours, timeZone, coverage, services, equipment,
                revision, tacitRenewal, alerts, recent);
    }
}
