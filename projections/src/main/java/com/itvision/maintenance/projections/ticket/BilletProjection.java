package com.itvision.maintenance.projections.ticket;

import static com.itvision.maintenance.projections.jooq.Tables.READ_BILLET;
import static com.itvision.maintenance.projections.support.ProjectionBatch.at;

import com.itvision.maintenance.kernel.billet.BilletEvent.BilletCompleted;
import com.itvision.maintenance.kernel.billet.BilletEvent.BilletIssued;
import com.itvision.maintenance.kernel.billet.BilletEvent.BilletRevoked;
import com.itvision.maintenance.kernel.billet.BilletStatus;
import com.itvision.maintenance.projections.support.ProjectionBatch;
import com.itvision.maintenance.projections.support.ProjectionBatches;
import com.itvision.maintenance.projections.support.Projections;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.stereotype.Component;

/** Billets (authorisations) of each ticket, with who authorised whom. */
@Component
@ProcessingGroup(Projections.BILLETS)
public class BilletProjection {
    private final ProjectionBatch batch;

    public BilletProjection(ProjectionBatches batches) {
        this.batch = batches.forGroup(Projections.BILLETS);
    }

    @EventHandler
    void on(BilletIssued e, @SequenceNumber long seq) {
        batch.add(batch.dsl().insertInto(READ_BILLET)
                .set(READ_BILLET.BILLET_ID, e.billetId().value())
                .set(READ_BILLET.NUMBER, e.number())
                .set(READ_BILLET.TICKET_ID, e.ticketId().value())
                .set(READ_BILLET.TECHNICIAN_ID, e.technicianId().value())
                .set(READ_BILLET.TYPE, e.type().name())
                .set(READ_BILLET.ESTIMATED_HOURS, e.estimatedHours())
                .set(READ_BILLET.INSTRUCTIONS, e.instructions())
                .set(READ_BILLET.STATUS, BilletStatus.ACTIVE.name())
                .set(READ_BILLET.ISSUED_BY, e.actor().userId().value())
                .set(READ_BILLET.ISSUED_AT, at(e.occurredAt()))
                .set(READ_BILLET.VERSION, seq)
                .set(READ_BILLET.APPLIED, 1)
                .onConflictDoNothing());
    }

    @EventHandler
    void on(BilletRevoked e, @SequenceNumber long seq) {
        status(e.billetId().value(), BilletStatus.REVOKED, seq);
    }

    @EventHandler
    void on(BilletCompleted e, @SequenceNumber long seq) {
        status(e.billetId().value(), BilletStatus.COMPLETED, seq);
    }

    @ResetHandler
    void reset() {
        batch.dsl().truncate(READ_BILLET).execute();
    }

    private void status(String billetId, BilletStatus status, long seq) {
        batch.guardedUpdate(READ_BILLET, READ_BILLET.BILLET_ID, billetId, READ_BILLET.VERSION, seq,
                Map.of(READ_BILLET.STATUS, status.name()));
    }
}
