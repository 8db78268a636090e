package com.itvision.maintenance.query.dashboard;

import com.itvision.maintenance.kernel.common.Money;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Maintenance and commercial KPIs (seeds 000, 003, 004 week 12), within the caller's scope. Portfolio
 * figures (active contracts, revenue, expirations, mix, usage, contractualisation, sales reps) are as
 * of {@code today}; flows (renewals, churn, conversion, interventions, satisfaction) over the period.
 * Rates are fractions (0.7 = 70 %) with 4 decimals, null when the denominator is zero. Money is in
 * minor units with its currency, never summed across currencies.
 */
public record CommercialDashboard(
        Instant generatedAt,
        LocalDate today,
        LocalDate from,
        LocalDate to,
        long activeContracts,
        List<Revenue> revenue,
        Expirations expirations,
        Renewal renewal,
        Churn churn,
        Conversion conversion,
        Contractualisation contractualisation,
        List<Mix> mix,
        Interventions interventions,
        Satisfaction satisfaction,
        Usage usage,
        SalesReps salesReps) {

    /** Seed 000 "CA Contrats Actifs", seed 004 MRR/ARR: ARR = Σ annual prices, MRR = ARR / 12 (half-up). */
    public record Revenue(String currency, long activeContracts, Money arr, Money mrr) {
    }

    /** ACTIVE or SUSPENDED contracts whose end date falls in today..today+N (cumulative buckets). */
    public record Expirations(long within30Days, long within60Days, long within90Days) {
    }

    /** Periods ending in the period (of contracts that were once active) and those followed by a renewal. */
    public record Renewal(long reachedEnd, long renewed, Double rate, double target) {
    }

    /** Terminations taking effect in the period / contracts in force on its first day, and their reasons. */
    public record Churn(long activeAtStart, long terminated, Double rate, List<Reason> reasons) {
    }

    public record Reason(String category, long count) {
    }

    /**
     * Contracts proposed in the period: converted = activated (accepted by the client or activated by
     * staff), of which accepted by the client; declined; still pending (DRAFT).
     */
    public record Conversion(long proposed, long accepted, long acceptedByClient, long declined, long pending,
                             Double rate, double target) {
    }

    /** Seed 000 "Taux de contractualisation": clients with a contract in force today / clients. */
    public record Contractualisation(long clients, long withActiveContract, Double rate, double target) {
    }

    /** Active contracts by type; share within the kind; seed 000's target mix for maintenance types. */
    public record Mix(String kind, String type, long count, Double share, Double targetShare) {
    }

    /** Interventions (not cancelled) started in the period, per month (UTC); average over its months. */
    public record Interventions(long total, Double monthlyAverage, List<Month> byMonth) {
    }

    public record Month(String month, long count) {
    }

    /** Ratings (1-5) of the tickets closed in the period. */
    public record Satisfaction(long ratings, Double average, int scale) {
    }

    /** Average of used / included of the current period, over active contracts with a quota (> 0). */
    public record Usage(long contracts, Double averageRate) {
    }

    /** Seed 003 "Contrats par commercial": the rows the caller may see, and their sum. */
    public record SalesReps(List<SalesRep> rows, Totals total) {
    }

    /**
     * A sales rep's contracts (any status), those in force today, pending proposals (DRAFT) and the ARR
     * of the active ones per currency. {@code salesRepId} null: contracts without a sales rep.
     */
    public record SalesRep(String salesRepId, String name, long contracts, long active, long proposals,
                           List<Money> arr) {
    }

    /** The sum of the visible rows, never more. */
    public record Totals(long contracts, long active, long proposals, List<Money> arr) {
    }
}
