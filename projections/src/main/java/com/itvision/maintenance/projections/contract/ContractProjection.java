package com.itvision.maintenance.projections.contract;

import static com.itvision.maintenance.projections.jooq.Tables.READ_CONTRACT;
import static com.itvision.maintenance.projections.jooq.Tables.READ_CONTRACT_PERIOD;
import static com.itvision.maintenance.projections.support.ProjectionBatch.at;

import com.itvision.maintenance.kernel.common.ContractId;
import com.itvision.maintenance.kernel.contract.ContractEvent.ContractAccepted;
import com.itvision.maintenance.kernel.contract.ContractEvent.ContractActivated;
import com.itvision.maintenance.kernel.contract.ContractEvent.ContractAmended;
import com.itvision.maintenance.kernel.contract.ContractEvent.ContractDeclined;
import com.itvision.maintenance.kernel.contract.ContractEvent.ContractDrafted;
import com.itvision.maintenance.kernel.contract.ContractEvent.ContractExpired;
import com.itvision.maintenance.kernel.contract.ContractEvent.ContractRenewed;
import com.itvision.maintenance.kernel.contract.ContractEvent.ContractResumed;
import com.itvision.maintenance.kernel.contract.ContractEvent.ContractSuspended;
import com.itvision.maintenance.kernel.contract.ContractEvent.ContractTerminated;
import com.itvision.maintenance.kernel.contract.ContractEvent.InterventionQuotaConsumed;
import com.itvision.maintenance.kernel.contract.ContractEvent.InterventionQuotaRefunded;
import com.itvision.maintenance.kernel.contract.ContractStatus;
import com.itvision.maintenance.kernel.contract.ContractTerms;
import com.itvision.maintenance.projections.support.Json;
import com.itvision.maintenance.projections.support.ProjectionBatch;
import com.itvision.maintenance.projections.support.ProjectionBatches;
import com.itvision.maintenance.projections.support.Projections;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/**
 * Contracts and their periods (with quota usage) for the portal, staff lists and commercial KPIs.
 * Every update is guarded by the contract's version, so a redelivered event changes nothing.
 */
@Component
@ProcessingGroup(Projections.CONTRACTS)
public class ContractProjection {
    private final ProjectionBatch batch;

    public ContractProjection(ProjectionBatches batches) {
        this.batch = batches.forGroup(Projections.CONTRACTS);
    }

    @EventHandler
    void on(ContractDrafted e, @SequenceNumber long seq) {
        ContractTerms t = e.terms();
        batch.add(batch.dsl().insertInto(READ_CONTRACT)
                .set(READ_CONTRACT.CONTRACT_ID, e.contractId().value())
                .set(READ_CONTRACT.NUMBER, e.number())
                .set(READ_CONTRACT.CLIENT_ID, e.clientId().value())
                .set(READ_CONTRACT.PROJECT_ID, e.projectId() == null ? null : e.projectId().value())
                .set(READ_CONTRACT.SALES_REP_ID, e.salesRepId() == null ? null : e.salesRepId().value())
                .set(READ_CONTRACT.NAME, e.name())
                .set(READ_CONTRACT.KIND, e.kind().name())
                .set(READ_CONTRACT.TYPE, e.type().name())
                .set(READ_CONTRACT.STATUS, ContractStatus.DRAFT.name())
                .set(READ_CONTRACT.START_DATE, e.period().start())
                .set(READ_CONTRACT.END_DATE, e.period().end())
                .set(READ_CONTRACT.ANNUAL_PRICE_MINOR, t.annualPrice().amountMinor())
                .set(READ_CONTRACT.CURRENCY, t.annualPrice().currency())
                .set(READ_CONTRACT.PAYMENT_FREQUENCY, t.paymentFrequency().name())
                .set(READ_CONTRACT.SLA_HOURS, t.slaHours())
                .set(READ_CONTRACT.SUPPORT_HOURS, t.supportHours().name())
                .set(READ_CONTRACT.TIME_ZONE, t.timeZone().getId())
                .set(READ_CONTRACT.QUOTA_INCLUDED, t.quota().included())
                .set(READ_CONTRACT.TACIT_RENEWAL, t.tacitRenewal())
                .set(READ_CONTRACT.REVISION, 1)
                .set(READ_CONTRACT.COVERAGE, Json.write(t.coverage()))
                .set(READ_CONTRACT.SERVICES, Json.write(t.services()))
                .set(READ_CONTRACT.PROPOSED_AT, at(e.occurredAt()))
                .set(READ_CONTRACT.VERSION, seq)
                .set(READ_CONTRACT.APPLIED, 1)
                .onConflictDoNothing());
        batch.add(batch.dsl().insertInto(READ_CONTRACT_PERIOD)
                .set(READ_CONTRACT_PERIOD.CONTRACT_ID, e.contractId().value())
                .set(READ_CONTRACT_PERIOD.PERIOD_INDEX, 0)
                .set(READ_CONTRACT_PERIOD.START_DATE, e.period().start())
                .set(READ_CONTRACT_PERIOD.END_DATE, e.period().end())
                .set(READ_CONTRACT_PERIOD.ANNUAL_PRICE_MINOR, t.annualPrice().amountMinor())
                .onConflictDoNothing());
    }

    @EventHandler
    void on(ContractActivated e, @SequenceNumber long seq) {
        apply(e.contractId(), seq, Map.of(
                READ_CONTRACT.STATUS, ContractStatus.ACTIVE.name(),
                READ_CONTRACT.ACTIVATED_AT, at(e.occurredAt())));
    }

    @EventHandler
    void on(ContractAccepted e, @SequenceNumber long seq) {
        apply(e.contractId(), seq, Map.of(
                READ_CONTRACT.STATUS, ContractStatus.ACTIVE.name(),
                READ_CONTRACT.ACTIVATED_AT, at(e.occurredAt()),
                READ_CONTRACT.ACCEPTED_BY_CLIENT, true));
    }

    @EventHandler
    void on(ContractDeclined e, @SequenceNumber long seq) {
        apply(e.contractId(), seq, Map.of(
                READ_CONTRACT.STATUS, ContractStatus.DECLINED.name(),
                READ_CONTRACT.DECLINED_AT, at(e.occurredAt())));
    }

    @EventHandler
    void on(ContractSuspended e, @SequenceNumber long seq) {
        apply(e.contractId(), seq, Map.of(
                READ_CONTRACT.STATUS, ContractStatus.SUSPENDED.name()));
    }

    @EventHandler
    void on(ContractResumed e, @SequenceNumber long seq) {
        apply(e.contractId(), seq, Map.of(
                READ_CONTRACT.STATUS, ContractStatus.ACTIVE.name()));
    }

    @EventHandler
    void on(ContractExpired e, @SequenceNumber long seq) {
        apply(e.contractId(), seq, Map.of(
                READ_CONTRACT.STATUS, ContractStatus.EXPIRED.name(),
                READ_CONTRACT.EXPIRED_ON, e.endedOn()));
    }

    @EventHandler
    void on(ContractTerminated e, @SequenceNumber long seq) {
        apply(e.contractId(), seq, Map.of(
                READ_CONTRACT.STATUS, ContractStatus.TERMINATED.name(),
                READ_CONTRACT.TERMINATED_ON, e.effectiveDate(),
                READ_CONTRACT.TERMINATION_CATEGORY, e.category().name(),
                READ_CONTRACT.TERMINATION_REASON, e.reason()));
    }

    @EventHandler
    void on(ContractRenewed e, @SequenceNumber long seq) {
        batch.add(batch.dsl().insertInto(READ_CONTRACT_PERIOD)
                .set(READ_CONTRACT_PERIOD.CONTRACT_ID, e.contractId().value())
                .set(READ_CONTRACT_PERIOD.PERIOD_INDEX, e.periodIndex())
                .set(READ_CONTRACT_PERIOD.START_DATE, e.period().start())
                .set(READ_CONTRACT_PERIOD.END_DATE, e.period().end())
                .set(READ_CONTRACT_PERIOD.ANNUAL_PRICE_MINOR, e.annualPrice().amountMinor())
                .set(READ_CONTRACT_PERIOD.RENEWED_AT, at(e.occurredAt()))
                .onConflictDoNothing());
        apply(e.contractId(), seq, Map.of(
                READ_CONTRACT.END_DATE, e.period().end(),
                READ_CONTRACT.ANNUAL_PRICE_MINOR, e.annualPrice().amountMinor(),
                READ_CONTRACT.STATUS, DSL.when(READ_CONTRACT.STATUS.eq(ContractStatus.EXPIRED.name()),
                        ContractStatus.ACTIVE.name()).otherwise(READ_CONTRACT.STATUS)));
    }

    @EventHandler
    void on(ContractAmended e, @SequenceNumber long seq) {
        ContractTerms t = e.terms();
        apply(e.contractId(), seq, Map.of(
                READ_CONTRACT.SLA_HOURS, t.slaHours(),
                READ_CONTRACT.SUPPORT_HOURS, t.supportHours().name(),
                READ_CONTRACT.QUOTA_INCLUDED, DSL.val(t.quota().included(), READ_CONTRACT.QUOTA_INCLUDED),
                READ_CONTRACT.COVERAGE, Json.write(t.coverage()),
                READ_CONTRACT.SERVICES, Json.write(t.services()),
                READ_CONTRACT.ANNUAL_PRICE_MINOR, t.annualPrice().amountMinor(),
                READ_CONTRACT.PAYMENT_FREQUENCY, t.paymentFrequency().name(),
                READ_CONTRACT.TACIT_RENEWAL, t.tacitRenewal(),
                READ_CONTRACT.REVISION, e.revision()));
    }

    @EventHandler
    void on(InterventionQuotaConsumed e, @SequenceNumber long seq) {
        used(e.contractId(), e.periodIndex(), e.used(), seq);
    }

    @EventHandler
    void on(InterventionQuotaRefunded e, @SequenceNumber long seq) {
        used(e.contractId(), e.periodIndex(), e.used(), seq);
    }

    @ResetHandler
    void reset() {
        batch.dsl().truncate(READ_CONTRACT_PERIOD).execute();
        batch.dsl().truncate(READ_CONTRACT).execute();
    }

    /** Usage is absolute in the events (used after the change): re-applying it is harmless. */
    private void used(ContractId contract, int periodIndex, int used, long seq) {
        batch.add(batch.dsl().update(READ_CONTRACT_PERIOD)
                .set(READ_CONTRACT_PERIOD.USED, used)
                .where(READ_CONTRACT_PERIOD.CONTRACT_ID.eq(contract.value()))
                .and(READ_CONTRACT_PERIOD.PERIOD_INDEX.eq(periodIndex))
                .andExists(DSL.selectOne().from(READ_CONTRACT).where(READ_CONTRACT.CONTRACT_ID.eq(contract.value()))
                        .and(READ_CONTRACT.VERSION.lt(seq))));
        apply(contract, seq, Map.of());
    }

    private void apply(ContractId contract, long seq, Map<? extends Field<?>, ?> changes) {
        batch.guardedUpdate(READ_CONTRACT, READ_CONTRACT.CONTRACT_ID, contract.value(), READ_CONTRACT.VERSION, seq,
                changes);
    }
}
