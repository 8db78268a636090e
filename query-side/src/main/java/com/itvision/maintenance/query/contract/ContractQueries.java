package com.itvision.maintenance.query.contract;

import static com.itvision.maintenance.projections.jooq.Tables.READ_CONTRACT;
import static com.itvision.maintenance.projections.jooq.Tables.READ_CONTRACT_PERIOD;
import static com.itvision.maintenance.projections.jooq.Tables.READ_INTERVENTION;

import com.fasterxml.jackson.databind.JsonNode;
import com.itvision.maintenance.kernel.common.DomainException;
import com.itvision.maintenance.kernel.common.ErrorCode;
import com.itvision.maintenance.kernel.common.InvalidFieldException;
import com.itvision.maintenance.kernel.common.Money;
import com.itvision.maintenance.kernel.contract.ContractStatus;
import com.itvision.maintenance.kernel.contract.Coverage;
import com.itvision.maintenance.kernel.contract.ScheduledService;
import com.itvision.maintenance.projections.jooq.tables.ReadContractPeriod;
import com.itvision.maintenance.projections.jooq.tables.records.ReadContractPeriodRecord;
import com.itvision.maintenance.projections.jooq.tables.records.ReadContractRecord;
import com.itvision.maintenance.projections.support.Json;
import com.itvision.maintenance.query.support.Paging;
import com.itvision.maintenance.query.support.QueryScope;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/** Contract queries over {@code read_contract} and its periods, always within the caller's scope. */
@Component
public class ContractQueries {
    /** Seed 000: "Expiration Proche (60 jours avant)". */
    public static final int NEAR_EXPIRATION_DAYS = 60;
    /** Seed 000: "Quota Interventions (90% utilisé)". */
    public static final int QUOTA_ALERT_PERCENT = 90;

    private final DSLContext dsl;
    private final Clock clock;

    public ContractQueries(DSLContext dsl, Clock clock) {
        this.dsl = dsl;
        this.clock = clock;
    }

    /** Contracts expire at most this many days ahead (ten years); a larger filter is a mistake, not a query. */
    static final int MAX_EXPIRING_WITHIN_DAYS = 3660;

    public record Filter(String status, String type, String kind, String clientId, String projectId,
                         String salesRepId, Integer expiringWithinDays) {
        public Filter {
            if (expiringWithinDays != null && (expiringWithinDays < 0 || expiringWithinDays > MAX_EXPIRING_WITHIN_DAYS)) {
                throw new InvalidFieldException(ErrorCode.VALIDATION_FAILED, "expiringWithinDays",
                        "must be between 0 and " + MAX_EXPIRING_WITHIN_DAYS + " days");
            }
        }
    }

    public Paging.Page<ContractSummary> list(QueryScope scope, Filter filter, String sort, Paging paging) {
        LocalDate today = LocalDate.now(clock);
        Condition where = scope.contracts().and(conditions(filter, today));
        List<ContractSummary> items = withCurrentPeriod(today)
                .where(where)
                .orderBy(order(sort))
                .limit(paging.fetchSize()).offset(paging.offset())
                .fetch(r -> summary(r, today));
        return paging.page(items, () -> dsl.fetchCount(dsl.selectOne().from(READ_CONTRACT).where(where)
                .limit(Paging.MAX_COUNTED + 1)));
    }

    public ContractSummary get(QueryScope scope, String id) {
        LocalDate today = LocalDate.now(clock);
        ContractSummary summary = withCurrentPeriod(today)
                .where(READ_CONTRACT.CONTRACT_ID.eq(id)).and(scope.contracts())
                .fetchOptional(r -> summary(r, today))
                .orElseThrow(() -> DomainException.notFound(ErrorCode.CONTRACT_NOT_FOUND, id));
        return summary.withRecentInterventions(recentInterventions(List.of(id)).getOrDefault(id, List.of()));
    }

    /** The caller's contracts for the portal, each with its 3 most recent interventions (no declined ones). */
    public List<ContractSummary> portal(QueryScope scope) {
        LocalDate today = LocalDate.now(clock);
        List<ContractSummary> contracts = withCurrentPeriod(today)
                .where(scope.contracts()).and(READ_CONTRACT.STATUS.ne(ContractStatus.DECLINED.name()))
                .orderBy(READ_CONTRACT.END_DATE.desc(), READ_CONTRACT.NUMBER)
                .limit(Paging.MAX_SIZE)
                .fetch(r -> summary(r, today));
        Map<String, List<ContractSummary.RecentIntervention>> recent =
                recentInterventions(contracts.stream().map(ContractSummary::id).toList());
        List<ContractSummary> withInterventions = new ArrayList<>(contracts.size());
        for (ContractSummary c : contracts) {
            withInterventions.add(c.withRecentInterventions(recent.getOrDefault(c.id(), List.of())));
        }
        return withInterventions;
    }

    /** Interventions shown per contract. */
    static final int RECENT_INTERVENTIONS = 3;

    /**
     * The {@value #RECENT_INTERVENTIONS} most recent interventions of each of {@code contractIds} (not
     * cancelled), in one statement: a lateral top-N per contract over {@code read_intervention_contract_idx},
     * instead of one query per contract (the portal's 200 contracts were 200 round trips, ADR 0020).
     */
    private Map<String, List<ContractSummary.RecentIntervention>> recentInterventions(List<String> contractIds) {
        if (contractIds.isEmpty()) {
            return Map.of();
        }
        Table<?> ids = DSL.unnest(contractIds.toArray(String[]::new)).as("wanted", "id");
        var i = READ_INTERVENTION.as("i");
        var top = DSL.lateral(DSL.selectFrom(i)
                .where(i.CONTRACT_ID.eq(DSL.field(DSL.name("wanted", "id"), String.class)))
                .and(i.CANCELLED.isFalse())
                .orderBy(i.STARTED_AT.desc())
                .limit(RECENT_INTERVENTIONS)).as("recent");
        var recent = READ_INTERVENTION.as("recent");
        Map<String, List<ContractSummary.RecentIntervention>> byContract = new LinkedHashMap<>();
        dsl.select(recent.fields()).from(ids).crossJoin(top)
                .orderBy(recent.CONTRACT_ID, recent.STARTED_AT.desc())
                .fetch()
                .forEach(r -> byContract.computeIfAbsent(r.get(recent.CONTRACT_ID), k -> new ArrayList<>())
                        .add(new ContractSummary.RecentIntervention(r.get(recent.INTERVENTION_ID),
                                r.get(recent.TICKET_ID), r.get(recent.STARTED_AT).toInstant(),
                                r.get(recent.ENDED_AT).toInstant(), r.get(recent.HOURS_SPENT), r.get(recent.COVERED),
                                r.get(recent.DESCRIPTION))));
        return byContract;
    }

    /** Each contract with its current period: the one containing today, else the latest. */
    private org.jooq.SelectOnConditionStep<Record> withCurrentPeriod(LocalDate today) {
        ReadContractPeriod p = READ_CONTRACT_PERIOD.as("p");
        Table<ReadContractPeriodRecord> current = DSL.lateral(DSL.selectFrom(p)
                .where(p.CONTRACT_ID.eq(READ_CONTRACT.CONTRACT_ID))
                .orderBy(DSL.when(DSL.val(today).between(p.START_DATE, p.END_DATE), 0).otherwise(1),
                        p.PERIOD_INDEX.desc())
                .limit(1)).as("current_period");
        return dsl.select().from(READ_CONTRACT).leftJoin(current).on(DSL.trueCondition());
    }

    private Condition conditions(Filter f, LocalDate today) {
        Condition c = DSL.trueCondition();
        if (f.status() != null) {
            c = c.and(READ_CONTRACT.STATUS.in(Arrays.asList(f.status().split(","))));
        }
        if (f.type() != null) {
            c = c.and(READ_CONTRACT.TYPE.eq(f.type()));
        }
        if (f.kind() != null) {
            c = c.and(READ_CONTRACT.KIND.eq(f.kind()));
        }
        if (f.clientId() != null) {
            c = c.and(READ_CONTRACT.CLIENT_ID.eq(f.clientId()));
        }
        if (f.projectId() != null) {
            c = c.and(READ_CONTRACT.PROJECT_ID.eq(f.projectId()));
        }
        if (f.salesRepId() != null) {
            c = c.and(READ_CONTRACT.SALES_REP_ID.eq(f.salesRepId()));
        }
        if (f.expiringWithinDays() != null) {
            c = c.and(READ_CONTRACT.STATUS.in("ACTIVE", "SUSPENDED"))
                    .and(READ_CONTRACT.END_DATE.between(today, today.plusDays(f.expiringWithinDays())));
        }
        return c;
    }

    private static final Map<String, org.jooq.Field<?>> SORTABLE = Map.of(
            "number", READ_CONTRACT.NUMBER, "endDate", READ_CONTRACT.END_DATE, "startDate", READ_CONTRACT.START_DATE,
            "annualPrice", READ_CONTRACT.ANNUAL_PRICE_MINOR, "status", READ_CONTRACT.STATUS);

    private static List<SortField<?>> order(String sort) {
        if (sort == null || sort.isBlank()) {
            return List.of(READ_CONTRACT.NUMBER.asc());
        }
        boolean desc = sort.startsWith("-");
        org.jooq.Field<?> field = SORTABLE.get(desc ? sort.substring(1) : sort);
        if (field == null) {
            throw DomainException.rule(ErrorCode.VALIDATION_FAILED, "sort must be one of " + SORTABLE.keySet()
                    .stream().sorted().collect(Collectors.joining(", ")) + " (prefix - for descending)");
        }
        return List.of(desc ? field.desc() : field.asc(), READ_CONTRACT.NUMBER.asc());
    }

    private static <T> org.jooq.Field<T> currentPeriod(String column, Class<T> type) {
        return DSL.field(DSL.name("current_period", column), type);
    }

    static ContractSummary summary(Record r, LocalDate today) {
        ReadContractRecord c = r.into(READ_CONTRACT);
        // qualified: start_date and end_date exist in both tables (an unqualified lookup logs a warning per row)
        Integer index = r.get(currentPeriod("period_index", Integer.class));
        ContractSummary.Period period = index == null ? null
                : new ContractSummary.Period(index, r.get(currentPeriod("start_date", LocalDate.class)),
                r.get(currentPeriod("end_date", LocalDate.class)));
        int used = index == null ? 0 : r.get(currentPeriod("used", Integer.class));
        ContractStatus status = ContractStatus.valueOf(c.getStatus());
        boolean inPeriod = period != null && !today.isBefore(period.start()) && !today.isAfter(period.end());
        boolean active = switch (status) {
            case ACTIVE -> inPeriod;
            case TERMINATED -> inPeriod && c.getTerminatedOn() != null && today.isBefore(c.getTerminatedOn());
            default -> false;
        };
        LocalDate coverageEnd = status == ContractStatus.TERMINATED && c.getTerminatedOn() != null
                ? c.getTerminatedOn().minusDays(1) : c.getEndDate();
        long daysLeft = switch (status) {
            case DRAFT, ACTIVE, SUSPENDED -> Math.max(0, ChronoUnit.DAYS.between(today, coverageEnd));
            case TERMINATED -> active ? Math.max(0, ChronoUnit.DAYS.between(today, coverageEnd)) : 0;
            default -> 0;
        };
        boolean nearExpiration = (status == ContractStatus.ACTIVE || status == ContractStatus.SUSPENDED)
                && daysLeft <= NEAR_EXPIRATION_DAYS;
        Integer included = c.getQuotaIncluded();
        ContractSummary.Quota quota = included == null
                ? new ContractSummary.Quota(true, null, used, null, null)
                : new ContractSummary.Quota(false, included, used, Math.max(0, included - used),
                included == 0 ? 100 : (int) Math.round(100.0 * used / included));
        List<String> alerts = new ArrayList<>();
        if (nearExpiration) {
            alerts.add("EXPIRING");
        }
        if (!quota.unlimited() && quota.usageRate() >= QUOTA_ALERT_PERCENT && status == ContractStatus.ACTIVE) {
            alerts.add("QUOTA_90");
        }
        if (status == ContractStatus.EXPIRED) {
            alerts.add("EXPIRED");
        }
        Coverage coverage = Json.read(c.getCoverage(), Coverage.class);
        List<ScheduledService> services = Arrays.asList(Json.read(c.getServices(), ScheduledService[].class));
        return new ContractSummary(c.getContractId(), c.getNumber(), c.getVersion(), c.getClientId(), c.getProjectId(),
                c.getSalesRepId(), c.getName(), c.getKind(), c.getType(), c.getStatus(), active,
                Money.of(c.getAnnualPriceMinor(), c.getCurrency()), c.getPaymentFrequency(), c.getStartDate(),
                c.getEndDate(), period, daysLeft, nearExpiration, quota, c.getSlaHours(), c.getSlaHours() + "h",
                c.getSupportHours(), c.getTimeZone(), coverage == null ? null : coverage.description(), services,
                coverage == null ? List.of() : coverage.equipment(), c.getRevision(), c.getTacitRenewal(),
                List.copyOf(alerts), null);
    }
}
