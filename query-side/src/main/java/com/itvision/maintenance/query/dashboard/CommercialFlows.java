package com.itvision.maintenance.query.dashboard;

import static com.itvision.maintenance.projections.jooq.Tables.READ_CONTRACT;
import static com.itvision.maintenance.projections.jooq.Tables.READ_CONTRACT_PERIOD;
import static com.itvision.maintenance.projections.jooq.Tables.READ_INTERVENTION;
import static com.itvision.maintenance.projections.jooq.Tables.READ_TICKET;
import static org.jooq.impl.DSL.avg;
import static org.jooq.impl.DSL.count;

import com.itvision.maintenance.kernel.contract.ContractStatus;
import com.itvision.maintenance.kernel.contract.TerminationCategory;
import com.itvision.maintenance.projections.jooq.tables.ReadContractPeriod;
import com.itvision.maintenance.query.dashboard.CommercialDashboard.Churn;
import com.itvision.maintenance.query.dashboard.CommercialDashboard.Conversion;
import com.itvision.maintenance.query.dashboard.CommercialDashboard.Interventions;
import com.itvision.maintenance.query.dashboard.CommercialDashboard.Month;
import com.itvision.maintenance.query.dashboard.CommercialDashboard.Reason;
import com.itvision.maintenance.query.dashboard.CommercialDashboard.Renewal;
import com.itvision.maintenance.query.dashboard.CommercialDashboard.Satisfaction;
import com.itvision.maintenance.query.support.QueryScope;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** The period's flows: renewals, churn, proposal conversion, interventions per month, satisfaction. */
final class CommercialFlows {
    /** Seed 004 week 12: "Taux de renouvellement ... Objectif: > 85%". */
    static final double RENEWAL_TARGET = 0.85;

    private final DSLContext dsl;

    CommercialFlows(DSLContext dsl) {
        this.dsl = dsl;
    }

    /**
     * Seed 004: renewed / reaching their end. A period reaches its end in the period when its end date
     * falls in it and the contract was once active and not terminated before that end; it is renewed
     * when the contract has a following period.
     */
    Renewal renewal(Condition visible, DashboardPeriod period) {
        ReadContractPeriod p = READ_CONTRACT_PERIOD.as("ending");
        ReadContractPeriod next = READ_CONTRACT_PERIOD.as("following");
        Record r = dsl.select(count(), count(next.CONTRACT_ID))
                .from(p)
                .join(READ_CONTRACT).on(READ_CONTRACT.CONTRACT_ID.eq(p.CONTRACT_ID))
                .leftJoin(next).on(next.CONTRACT_ID.eq(p.CONTRACT_ID)).and(next.PERIOD_INDEX.eq(p.PERIOD_INDEX.plus(1)))
                .where(visible)
                .and(READ_CONTRACT.ACTIVATED_AT.isNotNull())
                .and(p.END_DATE.between(period.from(), period.to()))
                .and(READ_CONTRACT.TERMINATED_ON.isNull().or(READ_CONTRACT.TERMINATED_ON.gt(p.END_DATE)))
                .fetchSingle();
        long reached = r.get(0, Long.class);
        long renewed = r.get(1, Long.class);
        return new Renewal(reached, renewed, Figures.rate(renewed, reached), RENEWAL_TARGET);
    }

    /** Seed 004: terminated (effective in the period) / in force on its first day; reasons by category. */
    Churn churn(Condition visible, DashboardPeriod period) {
        Map<String, Long> byCategory = new LinkedHashMap<>();
        Arrays.stream(TerminationCategory.values()).forEach(c -> byCategory.put(c.name(), 0L));
        dsl.select(READ_CONTRACT.TERMINATION_CATEGORY, count()).from(READ_CONTRACT)
                .where(visible)
                .and(READ_CONTRACT.STATUS.eq(ContractStatus.TERMINATED.name()))
                .and(READ_CONTRACT.TERMINATED_ON.between(period.from(), period.to()))
                .groupBy(READ_CONTRACT.TERMINATION_CATEGORY)
                .forEach(r -> byCategory.merge(r.value1() == null ? TerminationCategory.OTHER.name() : r.value1(),
                        r.value2().longValue(), Long::sum));
        long terminated = byCategory.values().stream().mapToLong(Long::longValue).sum();
        long activeAtStart = dsl.fetchCount(READ_CONTRACT,
                visible.and(ContractConditions.wasInForceOn(period.from())));
        return new Churn(activeAtStart, terminated, Figures.rate(terminated, activeAtStart),
                byCategory.entrySet().stream().map(e -> new Reason(e.getKey(), e.getValue())).toList());
    }

    /** Contracts proposed (drafted) in the period and what became of them. */
    Conversion conversion(Condition visible, DashboardPeriod period, double target) {
        Record r = dsl.select(count(),
                        count().filterWhere(READ_CONTRACT.ACTIVATED_AT.isNotNull()),
                        count().filterWhere(READ_CONTRACT.ACCEPTED_BY_CLIENT.isTrue()),
                        count().filterWhere(READ_CONTRACT.STATUS.eq(ContractStatus.DECLINED.name())),
                        count().filterWhere(READ_CONTRACT.STATUS.eq(ContractStatus.DRAFT.name())))
                .from(READ_CONTRACT)
                .where(visible)
                .and(READ_CONTRACT.PROPOSED_AT.ge(period.startInclusive()))
                .and(READ_CONTRACT.PROPOSED_AT.lt(period.endExclusive()))
                .fetchSingle();
        long proposed = r.get(0, Long.class);
        long accepted = r.get(1, Long.class);
        return new Conversion(proposed, accepted, r.get(2, Long.class), r.get(3, Long.class), r.get(4, Long.class),
                Figures.rate(accepted, proposed), target);
    }

    /** Seed 000 "Interventions/mois": every month of the period (UTC), zeros included. */
    Interventions interventions(QueryScope scope, DashboardPeriod period) {
        Map<YearMonth, Long> months = new LinkedHashMap<>();
        for (YearMonth m = YearMonth.from(period.from()); !m.isAfter(YearMonth.from(period.to())); m = m.plusMonths(1)) {
            months.put(m, 0L);
        }
        // counted per month (UTC) in SQL: the rows of the period never travel to Java (10 000 contracts)
        Field<String> month = DSL.field("to_char({0} AT TIME ZONE 'UTC', 'YYYY-MM')", String.class,
                READ_INTERVENTION.STARTED_AT);
        long total = 0;
        for (var r : dsl.select(month, DSL.count()).from(READ_INTERVENTION)
                .where(ContractConditions.visible(scope, READ_INTERVENTION.CLIENT_ID, READ_INTERVENTION.CONTRACT_ID))
                .and(READ_INTERVENTION.CANCELLED.isFalse())
                .and(READ_INTERVENTION.STARTED_AT.ge(period.startInclusive()))
                .and(READ_INTERVENTION.STARTED_AT.lt(period.endExclusive()))
                .groupBy(month).fetch()) {
            months.merge(YearMonth.parse(r.value1()), r.value2().longValue(), Long::sum);
            total += r.value2();
        }
        List<Month> byMonth = new ArrayList<>();
        months.forEach((m, n) -> byMonth.add(new Month(m.toString(), n)));
        return new Interventions(total, Figures.round((double) total / months.size(), 2), byMonth);
    }

    /** Seed 000 "Satisfaction moyenne": ratings of the tickets closed in the period, on 5. */
    Satisfaction satisfaction(QueryScope scope, DashboardPeriod period) {
        Record r = dsl.select(count(READ_TICKET.RATING), avg(READ_TICKET.RATING))
                .from(READ_TICKET)
                .where(ContractConditions.visible(scope, READ_TICKET.CLIENT_ID, READ_TICKET.CONTRACT_ID))
                .and(READ_TICKET.RATING.isNotNull())
                .and(READ_TICKET.CLOSED_AT.ge(period.startInclusive()))
                .and(READ_TICKET.CLOSED_AT.lt(period.endExclusive()))
                .fetchSingle();
        return new Satisfaction(r.get(0, Long.class), Figures.round(r.get(1, BigDecimal.class), 2), 5);
    }
}
