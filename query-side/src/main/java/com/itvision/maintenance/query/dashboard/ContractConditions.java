package com.itvision.maintenance.query.dashboard;

import static com.itvision.maintenance.projections.jooq.Tables.READ_CONTRACT;
import static com.itvision.maintenance.projections.jooq.Tables.READ_CONTRACT_PERIOD;

import com.itvision.maintenance.kernel.contract.ContractStatus;
import com.itvision.maintenance.projections.jooq.tables.ReadContractPeriod;
import com.itvision.maintenance.query.support.QueryScope;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

/** When a contract of {@code read_contract} counts as active, on one definition for every figure. */
final class ContractConditions {
    private ContractConditions() {
    }

    /**
     * In force on {@code day}, by its current status (as the contract list's {@code active}): ACTIVE, or
     * TERMINATED with the termination taking effect later, and {@code day} within one of its periods.
     */
    static Condition inForceOn(LocalDate day) {
        return READ_CONTRACT.STATUS.eq(ContractStatus.ACTIVE.name())
                .or(READ_CONTRACT.STATUS.eq(ContractStatus.TERMINATED.name()).and(READ_CONTRACT.TERMINATED_ON.gt(day)))
                .and(periodContains(day));
    }

    /**
     * Was in force on a past {@code day}: activated by the end of that day (UTC), within one of its
     * periods, not yet terminated. Suspensions are not dated in the read model, so they are ignored.
     */
    static Condition wasInForceOn(LocalDate day) {
        return READ_CONTRACT.ACTIVATED_AT.lt(day.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC))
                .and(READ_CONTRACT.TERMINATED_ON.isNull().or(READ_CONTRACT.TERMINATED_ON.gt(day)))
                .and(periodContains(day));
    }

    static Condition periodContains(LocalDate day) {
        ReadContractPeriod p = READ_CONTRACT_PERIOD.as("in_force_period");
        return DSL.exists(DSL.selectOne().from(p).where(p.CONTRACT_ID.eq(READ_CONTRACT.CONTRACT_ID))
                .and(DSL.val(day).between(p.START_DATE, p.END_DATE)));
    }

    /**
     * Rows of another table ({@code clientId}, {@code contractId}) the caller sees: those of its clients,
     * or of contracts it sees (a SALES rep sees the contracts it sold, whoever follows the client).
     */
    static Condition visible(QueryScope scope, Field<String> clientId, Field<String> contractId) {
        if (scope.seesEverything()) {
            return DSL.trueCondition();
        }
        return scope.clients(clientId).or(contractId.in(DSL.select(READ_CONTRACT.CONTRACT_ID).from(READ_CONTRACT)
                .where(scope.contracts())));
    }
}
