package com.itvision.maintenance.command.contract;

import com.itvision.maintenance.command.directory.DirectoryLookupUpdater;
import com.itvision.maintenance.kernel.common.ContractId;
import com.itvision.maintenance.kernel.common.ProjectId;
import com.itvision.maintenance.kernel.contract.ContractEvent.ContractAccepted;
import com.itvision.maintenance.kernel.contract.ContractEvent.ContractActivated;
import com.itvision.maintenance.kernel.contract.ContractEvent.ContractDeclined;
import com.itvision.maintenance.kernel.contract.ContractEvent.ContractDrafted;
import com.itvision.maintenance.kernel.contract.ContractEvent.ContractExpired;
import com.itvision.maintenance.kernel.contract.ContractEvent.ContractRenewed;
import com.itvision.maintenance.kernel.contract.ContractEvent.ContractResumed;
import com.itvision.maintenance.kernel.contract.ContractEvent.ContractSuspended;
import com.itvision.maintenance.kernel.contract.ContractEvent.ContractTerminated;
import com.itvision.maintenance.kernel.contract.ContractStatus;
import com.itvision.maintenance.kernel.contract.ContractType;
import com.itvision.maintenance.kernel.contract.Period;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@link ContractRegistry} over the {@code contract_registry} table (declined contracts claim
 * nothing; terminated ones only the days before their effective date), and the subscribing handler
 * that keeps that table in the events' transaction. The overlap check takes a transaction-scoped
 * advisory lock on (project, type): a concurrent creation waits for the first one to commit and then
 * sees its row, so the rule holds under any concurrency and across application nodes.
 */
@Component
@ProcessingGroup(DirectoryLookupUpdater.GROUP)
public class JdbcContractRegistry implements ContractRegistry {
    private static final int LOCK_NAMESPACE = 0x4d43; // "MC"

    private final JdbcClient jdbc;

    public JdbcContractRegistry(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<String> overlapping(ProjectId projectId, ContractType type, Period period, ContractId excluding) {
        jdbc.sql("SELECT pg_advisory_xact_lock(?, hashtext(?))")
                .params(LOCK_NAMESPACE, projectId.value() + "|" + type.name())
                .query((rs, n) -> 1).list();
        return jdbc.sql("""
                        SELECT number FROM contract_registry
                        WHERE project_id = ? AND type = ? AND contract_id <> ?
                          AND status <> 'DECLINED' AND end_date >= start_date
                          AND start_date <= ? AND end_date >= ?
                        ORDER BY number""")
                .params(projectId.value(), type.name(), excluding.value(), period.end(), period.start())
                .query(String.class)
                .list();
    }

    /**
     * Contracts that may cover {@code project} today: those of the project itself and the client's
     * maintenance contracts that name no project; whether each is active is the aggregate's decision.
     */
    public List<ContractId> candidatesFor(ProjectId project, com.itvision.maintenance.kernel.common.ClientId client) {
        return jdbc.sql("""
                        SELECT contract_id FROM contract_registry
                        WHERE status IN ('ACTIVE', 'TERMINATED')
                          AND (project_id = ? OR (project_id IS NULL AND client_id = ?))
                        ORDER BY number""")
                .params(project.value(), client.value())
                .query((rs, n) -> ContractId.of(rs.getString(1)))
                .list();
    }

    /** Contracts whose last period ended before {@code today} but that are still ACTIVE or SUSPENDED. */
    public List<ContractId> dueForExpiry(LocalDate today) {
        return jdbc.sql("SELECT contract_id FROM contract_registry WHERE status IN ('ACTIVE', 'SUSPENDED') AND end_date < ?")
                .param(today)
                .query((rs, n) -> ContractId.of(rs.getString(1)))
                .list();
    }

    @EventHandler
    void on(ContractDrafted e) {
        jdbc.sql("""
                        INSERT INTO contract_registry (contract_id, number, client_id, project_id, type, status, start_date, end_date)
                        VALUES (?, ?, ?, ?, ?, 'DRAFT', ?, ?) ON CONFLICT (contract_id) DO NOTHING""")
                .params(e.contractId().value(), e.number(), e.clientId().value(),
                        e.projectId() == null ? null : e.projectId().value(), e.type().name(),
                        e.period().start(), e.period().end())
                .update();
    }

    @EventHandler
    void on(ContractActivated e) {
        status(e.contractId(), ContractStatus.ACTIVE);
    }

    @EventHandler
    void on(ContractAccepted e) {
        status(e.contractId(), ContractStatus.ACTIVE);
    }

    @EventHandler
    void on(ContractDeclined e) {
        status(e.contractId(), ContractStatus.DECLINED);
    }

    @EventHandler
    void on(ContractSuspended e) {
        status(e.contractId(), ContractStatus.SUSPENDED);
    }

    @EventHandler
    void on(ContractResumed e) {
        status(e.contractId(), ContractStatus.ACTIVE);
    }

    @EventHandler
    void on(ContractExpired e) {
        status(e.contractId(), ContractStatus.EXPIRED);
    }

    /** A terminated contract keeps claiming the days it still covers (its notice), and no more. */
    @EventHandler
    void on(ContractTerminated e) {
        jdbc.sql("UPDATE contract_registry SET status = 'TERMINATED', end_date = LEAST(end_date, ?) WHERE contract_id = ?")
                .params(e.effectiveDate().minusDays(1), e.contractId().value())
                .update();
    }

    @EventHandler
    void on(ContractRenewed e) {
        jdbc.sql("""
                        UPDATE contract_registry SET end_date = GREATEST(end_date, ?),
                               status = CASE WHEN status = 'EXPIRED' THEN 'ACTIVE' ELSE status END
                        WHERE contract_id = ?""")
                .params(e.period().end(), e.contractId().value())
                .update();
    }

    private void status(ContractId id, ContractStatus status) {
        jdbc.sql("UPDATE contract_registry SET status = ? WHERE contract_id = ?")
                .params(status.name(), id.value())
                .update();
    }
}
