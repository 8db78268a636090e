package com.itvision.maintenance.projections.ticket;

import static com.itvision.maintenance.projections.jooq.Tables.READ_INTERVENTION;
import static com.itvision.maintenance.projections.support.ProjectionBatch.at;

import com.itvision.maintenance.kernel.intervention.InterventionEvent.InterventionCancelled;
import com.itvision.maintenance.kernel.intervention.InterventionEvent.InterventionCorrected;
import com.itvision.maintenance.kernel.intervention.InterventionEvent.InterventionRecorded;
import com.itvision.maintenance.kernel.intervention.InterventionEvent.TechnicalReportRejected;
import com.itvision.maintenance.kernel.intervention.InterventionEvent.TechnicalReportValidated;
import com.itvision.maintenance.kernel.intervention.InterventionEvent.TechnicalReportWritten;
import com.itvision.maintenance.projections.support.Json;
import com.itvision.maintenance.projections.support.ProjectionBatch;
import com.itvision.maintenance.projections.support.ProjectionBatches;
import com.itvision.maintenance.projections.support.Projections;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.stereotype.Component;

/** Interventions: time spent, coverage and quota, overruns, and the technical report's state. */
@Component
@ProcessingGroup(Projections.INTERVENTIONS)
public class InterventionProjection {
    private final ProjectionBatch batch;

    public InterventionProjection(ProjectionBatches batches) {
        this.batch = batches.forGroup(Projections.INTERVENTIONS);
    }

    @EventHandler
    void on(InterventionRecorded e, @SequenceNumber long seq) {
        batch.add(batch.dsl().insertInto(READ_INTERVENTION)
                .set(READ_INTERVENTION.INTERVENTION_ID, e.interventionId().value())
                .set(READ_INTERVENTION.TICKET_ID, e.ticketId().value())
                .set(READ_INTERVENTION.BILLET_ID, e.billetId().value())
                .set(READ_INTERVENTION.CLIENT_ID, e.clientId().value())
                .set(READ_INTERVENTION.CONTRACT_ID, e.contractId() == null ? null : e.contractId().value())
                .set(READ_INTERVENTION.TECHNICIAN_ID, e.technicianId().value())
                .set(READ_INTERVENTION.DESCRIPTION, e.description())
                .set(READ_INTERVENTION.STARTED_AT, at(e.startedAt()))
                .set(READ_INTERVENTION.ENDED_AT, at(e.endedAt()))
                .set(READ_INTERVENTION.HOURS_SPENT, e.hoursSpent())
                .set(READ_INTERVENTION.COVERED, e.covered())
                .set(READ_INTERVENTION.BILLING_REASON, e.billingReason())
                .set(READ_INTERVENTION.OVERRUN, e.overrunWarning() != null)
                .set(READ_INTERVENTION.VERSION, seq)
                .set(READ_INTERVENTION.APPLIED, 1)
                .onConflictDoNothing());
    }

    @EventHandler
    void on(InterventionCorrected e, @SequenceNumber long seq) {
        apply(e.interventionId().value(), seq, Map.of(
                READ_INTERVENTION.STARTED_AT, at(e.startedAt()),
                READ_INTERVENTION.ENDED_AT, at(e.endedAt()),
                READ_INTERVENTION.HOURS_SPENT, e.hoursSpent()));
    }

    @EventHandler
    void on(InterventionCancelled e, @SequenceNumber long seq) {
        apply(e.interventionId().value(), seq, Map.of(READ_INTERVENTION.CANCELLED, true));
    }

    @EventHandler
    void on(TechnicalReportWritten e, @SequenceNumber long seq) {
        apply(e.interventionId().value(), seq, Map.of(
                READ_INTERVENTION.REPORT, Json.write(e.report()),
                READ_INTERVENTION.REPORT_VERSION, e.version(),
                READ_INTERVENTION.REPORT_STATUS, "WRITTEN"));
    }

    @EventHandler
    void on(TechnicalReportRejected e, @SequenceNumber long seq) {
        apply(e.interventionId().value(), seq, Map.of(READ_INTERVENTION.REPORT_STATUS, "REJECTED"));
    }

    @EventHandler
    void on(TechnicalReportValidated e, @SequenceNumber long seq) {
        apply(e.interventionId().value(), seq, Map.of(
                READ_INTERVENTION.REPORT_STATUS, "VALIDATED",
                READ_INTERVENTION.VALIDATED_BY, e.actor().userId().value(),
                READ_INTERVENTION.VALIDATED_AT, at(e.occurredAt())));
    }

    @ResetHandler
    void reset() {
        batch.dsl().truncate(READ_INTERVENTION).execute();
    }

    private void apply(String interventionId, long seq, Map<? extends org.jooq.Field<?>, ?> changes) {
        batch.guardedUpdate(READ_INTERVENTION, READ_INTERVENTION.INTERVENTION_ID, interventionId,
                READ_INTERVENTION.VERSION, seq, changes);
    }
}
