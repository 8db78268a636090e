package com.itvision.maintenance.command.audit;

import com.itvision.maintenance.kernel.billet.BilletEvent.BilletIssued;
import com.itvision.maintenance.kernel.contract.ContractEvent.InterventionQuotaConsumed;
import com.itvision.maintenance.kernel.contract.ContractEvent.InterventionQuotaConsumptionRefused;
import com.itvision.maintenance.kernel.contract.ContractEvent.InterventionQuotaRefunded;
import com.itvision.maintenance.kernel.intervention.InterventionEvent.InterventionRecorded;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code audit_lineage} and {@code audit_quota_decision} (V21) in step with the chain: which billets
 * and interventions are under a ticket, and which contract events decided their quota. Runs in the
 * subscribing processor {@code command-lookups}, inside the transaction that stores the events, so a
 * ticket's history never misses a child; every statement is idempotent (a replay converges) and a
 * failure fails the command (ADR 0009).
 */
@Component
@ProcessingGroup("command-lookups")
class AuditLineageUpdater {
    private final JdbcClient jdbc;

    AuditLineageUpdater(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(BilletIssued e) {
        child(e.ticketId().value(), e.billetId().value(), "BILLET");
    }

    /** The quota was decided just before, in the same transaction: its decision now knows its ticket. */
    @EventHandler
    void on(InterventionRecorded e) {
        child(e.ticketId().value(), e.interventionId().value(), "INTERVENTION");
        jdbc.sql("UPDATE audit_quota_decision SET ticket_id = ? WHERE intervention_id = ? AND ticket_id IS NULL")
                .params(e.ticketId().value(), e.interventionId().value())
                .update();
    }

    @EventHandler
    void on(InterventionQuotaConsumed e, EventMessage<?> message) {
        decision(message.getIdentifier(), e.contractId().value(), e.interventionId());
    }

    @EventHandler
    void on(InterventionQuotaConsumptionRefused e, EventMessage<?> message) {
        decision(message.getIdentifier(), e.contractId().value(), e.interventionId());
    }

    @EventHandler
    void on(InterventionQuotaRefunded e, EventMessage<?> message) {
        decision(message.getIdentifier(), e.contractId().value(), e.interventionId());
    }

    private void child(String root, String child, String type) {
        jdbc.sql("INSERT INTO audit_lineage (root_id, child_id, child_type) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                .params(root, child, type)
                .update();
    }

    private void decision(String eventId, String contractId, String interventionId) {
        jdbc.sql("""
                        INSERT INTO audit_quota_decision (event_id, contract_id, intervention_id, ticket_id)
                        VALUES (:event, :contract, :intervention,
                                (SELECT root_id FROM audit_lineage
                                 WHERE child_id = :intervention AND child_type = 'INTERVENTION' LIMIT 1))
                        ON CONFLICT DO NOTHING""")
                .param("event", eventId)
                .param("contract", contractId)
                .param("intervention", interventionId)
                .update();
    }
}
