package com.itvision.maintenance.query.dashboard;

import static com.itvision.maintenance.projections.jooq.Tables.READ_CONTRACT;
import static com.itvision.maintenance.projections.jooq.Tables.READ_USER;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.sum;

import com.itvision.maintenance.kernel.common.Money;
import com.itvision.maintenance.kernel.common.Role;
import com.itvision.maintenance.kernel.contract.ContractStatus;
import com.itvision.maintenance.query.dashboard.CommercialDashboard.SalesRep;
import com.itvision.maintenance.query.dashboard.CommercialDashboard.SalesReps;
import com.itvision.maintenance.query.dashboard.CommercialDashboard.Totals;
import com.itvision.maintenance.query.support.QueryScope;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Seed 003 "Contrats par commercial". The rows a caller sees: a SALES user its own, a MANAGER its own
 * and its team's, ADMIN, PROJECT_LEAD, ANALYST and AUDITOR every rep's (and the contracts without a
 * rep). Every SALES user of that set has a row, with zeros if it holds no contract. The total is the
 * sum of these rows, so it never counts what the caller cannot see.
 */
final class SalesRepRows {
    private final DSLContext dsl;

    SalesRepRows(DSLContext dsl) {
        this.dsl = dsl;
    }

    SalesReps rows(QueryScope scope, LocalDate today) {
        Condition reps = scope.seesEverything() ? DSL.trueCondition() : READ_CONTRACT.SALES_REP_ID.in(scope.salesReps());
        Condition contracts = scope.contracts().and(reps);
        Map<String, long[]> counts = new HashMap<>(); // contracts, active, proposals
        dsl.select(READ_CONTRACT.SALES_REP_ID, count(),
                        count().filterWhere(READ_CONTRACT.STATUS.eq(ContractStatus.DRAFT.name())))
                .from(READ_CONTRACT).where(contracts).groupBy(READ_CONTRACT.SALES_REP_ID)
                .forEach(r -> counts.put(r.value1(), new long[] {r.value2(), 0, r.value3()}));
        Map<String, Map<String, Long>> arr = new HashMap<>();
        dsl.select(READ_CONTRACT.SALES_REP_ID, READ_CONTRACT.CURRENCY, count(), sum(READ_CONTRACT.ANNUAL_PRICE_MINOR))
                .from(READ_CONTRACT).where(contracts).and(ContractConditions.inForceOn(today))
                .groupBy(READ_CONTRACT.SALES_REP_ID, READ_CONTRACT.CURRENCY)
                .forEach(r -> {
                    counts.get(r.value1())[1] += r.value3();
                    arr.computeIfAbsent(r.value1(), k -> new TreeMap<>())
                            .put(r.value2(), r.value4().longValueExact());
                });
        Condition salesUsers = READ_USER.ROLES.like("%," + Role.SALES.name() + ",%");
        if (!scope.seesEverything()) {
            salesUsers = salesUsers.and(READ_USER.USER_ID.in(scope.salesReps()));
        }
        TreeSet<String> ids = new TreeSet<>(dsl.select(READ_USER.USER_ID).from(READ_USER).where(salesUsers)
                .fetch(READ_USER.USER_ID));
        counts.keySet().stream().filter(Objects::nonNull).forEach(ids::add);
        Map<String, String> names = new HashMap<>();
        dsl.select(READ_USER.USER_ID, READ_USER.DISPLAY_NAME).from(READ_USER).where(READ_USER.USER_ID.in(ids))
                .forEach(r -> names.put(r.value1(), r.value2()));
        List<SalesRep> rows = new ArrayList<>();
        for (String id : ids) {
            rows.add(row(id, names.get(id), counts.get(id), arr.get(id)));
        }
        if (counts.containsKey(null)) {
            rows.add(row(null, null, counts.get(null), arr.get(null)));
        }
        return new SalesReps(rows, total(rows));
    }

    private static SalesRep row(String id, String name, long[] counts, Map<String, Long> arr) {
        long[] c = counts == null ? new long[3] : counts;
        return new SalesRep(id, name, c[0], c[1], c[2], money(arr == null ? Map.of() : arr));
    }

    private static Totals total(List<SalesRep> rows) {
        Map<String, Long> arr = new TreeMap<>();
        rows.forEach(r -> r.arr().forEach(m -> arr.merge(m.currency(), m.amountMinor(), Long::sum)));
        return new Totals(rows.stream().mapToLong(SalesRep::contracts).sum(),
                rows.stream().mapToLong(SalesRep::active).sum(), rows.stream().mapToLong(SalesRep::proposals).sum(),
                money(arr));
    }

    private static List<Money> money(Map<String, Long> byCurrency) {
        return byCurrency.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> Money.of(e.getValue(), e.getKey())).toList();
    }
}
