package com.itvision.maintenance.query.dashboard;

import static com.itvision.maintenance.projections.jooq.Tables.READ_CLIENT;
import static com.itvision.maintenance.projections.jooq.Tables.READ_CONTRACT;
import static com.itvision.maintenance.projections.jooq.Tables.READ_CONTRACT_PERIOD;
import static com.itvision.maintenance.query.dashboard.ContractConditions.inForceOn;
import static org.jooq.impl.DSL.avg;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.sum;

import com.itvision.maintenance.kernel.common.DomainException;
import com.itvision.maintenance.kernel.common.Money;
import com.itvision.maintenance.kernel.contract.ContractStatus;
import com.itvision.maintenance.kernel.contract.ContractType;
import com.itvision.maintenance.projections.jooq.tables.ReadContractPeriod;
import com.itvision.maintenance.query.dashboard.CommercialDashboard.Contractualisation;
import com.itvision.maintenance.query.dashboard.CommercialDashboard.Expirations;
import com.itvision.maintenance.query.dashboard.CommercialDashboard.Mix;
import com.itvision.maintenance.query.dashboard.CommercialDashboard.Revenue;
import com.itvision.maintenance.query.dashboard.CommercialDashboard.Usage;
import com.itvision.maintenance.query.support.QueryScope;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.springframework.stereotype.Component;

/**
 * The commercial dashboard: the portfolio as of today here, the period's flows in {@link CommercialFlows},
 * the rows per sales rep in {@link SalesRepRows}; all jOOQ aggregates within the caller's scope.
 */
@Component
public class CommercialDashboardQueries {
    /** Seed 000 "Objectif : 70% des clients en contrat", also the proposal conversion target. */
    public static final double CONVERSION_TARGET = 0.70;
    /** Seed 000 "Mix": 40 % preventive, 25 % full service, 20 % basic, 15 % curative. */
    static final Map<ContractType, Double> TARGET_MIX = Map.of(ContractType.PREVENTIVE, 0.40, ContractType.FULL, 0.25,
            ContractType.BASIC, 0.20, ContractType.CURATIVE, 0.15);

    private final DSLContext dsl;
    private final Clock clock;
    private final CommercialFlows flows;
    private final SalesRepRows salesReps;

    public CommercialDashboardQueries(DSLContext dsl, Clock clock) {
        this.dsl = dsl;
        this.clock = clock;
        this.flows = new CommercialFlows(dsl);
        this.salesReps = new SalesRepRows(dsl);
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** ADMIN, PROJECT_LEAD, ANALYST, AUDITOR (everything), SALES and MANAGER (their portfolio); others 403. */
    public static QueryScope requireAccess(QueryScope scope) {
        if (!scope.seesEverything() && scope.salesReps().isEmpty()) {
            throw DomainException.forbidden("The commercial dashboard is for staff with a commercial role");
        }
        return scope;
    }

    public CommercialDashboard dashboard(QueryScope scope, DashboardPeriod period) {
        requireAccess(scope);
        LocalDate today = today();
        Condition visible = scope.contracts();
        Condition active = visible.and(inForceOn(today));
        List<Revenue> revenue = revenue(active);
        return new CommercialDashboard(clock.instant(), today, period.from(), period.to(),
                revenue.stream().mapToLong(Revenue::activeContracts).sum(), revenue, expirations(visible, today),
                flows.renewal(visible, period), flows.churn(visible, period),
                flows.conversion(visible, period, CONVERSION_TARGET), contractualisation(scope, today),
                mix(active), flows.interventions(scope, period), flows.satisfaction(scope, period),
                usage(active, today), salesReps.rows(scope, today));
    }

    private List<Revenue> revenue(Condition active) {
        return dsl.select(READ_CONTRACT.CURRENCY, count(), sum(READ_CONTRACT.ANNUAL_PRICE_MINOR))
                .from(READ_CONTRACT).where(active)
                .groupBy(READ_CONTRACT.CURRENCY).orderBy(READ_CONTRACT.CURRENCY)
                .fetch(r -> {
                    long arr = r.value3().longValueExact();
                    return new Revenue(r.value1(), r.value2(), Money.of(arr, r.value1()),
                            Money.of(mrr(arr), r.value1()));
                });
    }

    /** MRR = ARR / 12 rounded half-up to the minor unit (so MRR × 12 may differ from ARR by a few units). */
    static long mrr(long arrMinor) {
        return BigDecimal.valueOf(arrMinor).divide(BigDecimal.valueOf(12), 0, RoundingMode.HALF_UP).longValueExact();
    }

    private Expirations expirations(Condition visible, LocalDate today) {
        Record r = dsl.select(count().filterWhere(READ_CONTRACT.END_DATE.le(today.plusDays(30))),
                        count().filterWhere(READ_CONTRACT.END_DATE.le(today.plusDays(60))),
                        count().filterWhere(READ_CONTRACT.END_DATE.le(today.plusDays(90))))
                .from(READ_CONTRACT)
                .where(visible)
                .and(READ_CONTRACT.STATUS.in(ContractStatus.ACTIVE.name(), ContractStatus.SUSPENDED.name()))
                .and(READ_CONTRACT.END_DATE.ge(today))
                .fetchSingle();
        return new Expirations(r.get(0, Long.class), r.get(1, Long.class), r.get(2, Long.class));
    }

    private Contractualisation contractualisation(QueryScope scope, LocalDate today) {
        Condition clients = scope.clients(READ_CLIENT.CLIENT_ID);
        long all = dsl.fetchCount(READ_CLIENT, clients);
        long withContract = dsl.fetchCount(READ_CLIENT, clients.and(READ_CLIENT.CLIENT_ID.in(
                DSL.select(READ_CONTRACT.CLIENT_ID).from(READ_CONTRACT).where(scope.contracts()).and(inForceOn(today)))));
        return new Contractualisation(all, withContract, Figures.rate(withContract, all), CONVERSION_TARGET);
    }

    private List<Mix> mix(Condition active) {
        Map<String, Long> counts = new HashMap<>();
        dsl.select(READ_CONTRACT.TYPE, count()).from(READ_CONTRACT).where(active).groupBy(READ_CONTRACT.TYPE)
                .forEach(r -> counts.put(r.value1(), r.value2().longValue()));
        Map<String, Long> perKind = new HashMap<>();
        for (ContractType type : ContractType.values()) {
            perKind.merge(type.kind().name(), counts.getOrDefault(type.name(), 0L), Long::sum);
        }
        return Arrays.stream(ContractType.values())
                .map(type -> {
                    long count = counts.getOrDefault(type.name(), 0L);
                    return new Mix(type.kind().name(), type.name(), count,
                            Figures.rate(count, perKind.get(type.kind().name())), TARGET_MIX.get(type));
                }).toList();
    }

    private Usage usage(Condition active, LocalDate today) {
        ReadContractPeriod p = READ_CONTRACT_PERIOD.as("usage_period");
        Record r = dsl.select(count(), avg(p.USED.cast(SQLDataType.NUMERIC).div(READ_CONTRACT.QUOTA_INCLUDED)))
                .from(READ_CONTRACT).join(p).on(p.CONTRACT_ID.eq(READ_CONTRACT.CONTRACT_ID))
                .and(DSL.val(today).between(p.START_DATE, p.END_DATE))
                .where(active).and(READ_CONTRACT.QUOTA_INCLUDED.gt(0))
                .fetchSingle();
        return new Usage(r.get(0, Long.class), Figures.round(r.get(1, BigDecimal.class), 4));
    }
}
