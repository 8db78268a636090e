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
import com.itvision.maintenance.kernel.contract.ContractEvent.ContractAmended;
import com.itvision.maintenance.kernel.contract.SupportHours;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
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
 *
 * <p>The same rows, with {@code contract_period}, carry what a ticket opening needs to decide its coverage
 * ({@link ContractCoverage}, V24): status, terms revision, SLA terms, periods and a termination's notice,
 * exactly as the aggregate folds them from the same events.
 */
@Component
@ProcessingGroup(DirectoryLookupUpdater.GROUP)
public class JdbcContractRegistry implements ContractRegistry, ContractCoverage {
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

    /** Seed 001 {@code est_actif}, as {@link Contract#activeOn}: a period holds the day, and ACTIVE or still in notice. */
    private static final String COVERAGE = """
            SELECT r.contract_id, r.client_id, r.project_id, r.revision, r.sla_hours, r.support_hours, r.time_zone,
                   (r.status = 'ACTIVE' OR (r.status = 'TERMINATED' AND r.coverage_ends_before IS NOT NULL
                                                AND r.coverage_ends_before > :day))
                   AND EXISTS (SELECT 1 FROM contract_period p WHERE p.contract_id = r.contract_id
                                 AND p.start_date <= :day AND p.end_date >= :day) AS active
            FROM contract_registry r
            """;

    private static CoverageTerms coverage(java.sql.ResultSet rs) throws java.sql.SQLException {
        String project = rs.getString("project_id");
        return new CoverageTerms(ContractId.of(rs.getString("contract_id")),
                com.itvision.maintenance.kernel.common.ClientId.of(rs.getString("client_id")),
                project == null ? null : ProjectId.of(project), rs.getBoolean("active"), rs.getInt("revision"),
                rs.getInt("sla_hours"), SupportHours.valueOf(rs.getString("support_hours")),
                ZoneId.of(rs.getString("time_zone")));
    }

    @Override
    public Optional<CoverageTerms> coverageOn(ContractId contractId, LocalDate day) {
        return jdbc.sql(COVERAGE + "WHERE r.contract_id = :id")
                .param("day", day)
                .param("id", contractId.value())
                .query((rs, n) -> coverage(rs))
                .optional();
    }

    @Override
    public List<CoverageTerms> candidatesOn(ProjectId project, com.itvision.maintenance.kernel.common.ClientId client,
                                            LocalDate day) {
        return jdbc.sql(COVERAGE + """
                        WHERE r.status IN ('ACTIVE', 'TERMINATED')
                          AND (r.project_id = :project OR (r.project_id IS NULL AND r.client_id = :client))
                        ORDER BY r.number""")
                .param("day", day)
                .param("project", project.value())
                .param("client", client.value())
                .query((rs, n) -> coverage(rs))
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
                        INSERT INTO contract_registry (contract_id, number, client_id, project_id, type, status, start_date,
                                                       end_date, revision, sla_hours, support_hours, time_zone)
                        VALUES (?, ?, ?, ?, ?, 'DRAFT', ?, ?, 1, ?, ?, ?) ON CONFLICT (contract_id) DO NOTHING""")
                .params(e.contractId().value(), e.number(), e.clientId().value(),
                        e.projectId() == null ? null : e.projectId().value(), e.type().name(),
                        e.period().start(), e.period().end(), e.terms().slaHours(), e.terms().supportHours().name(),
                        e.terms().timeZone().getId())
                .update();
        period(e.contractId(), 0, e.period());
    }

    @EventHandler
    void on(ContractAmended e) {
        jdbc.sql("UPDATE contract_registry SET revision = ?, sla_hours = ?, support_hours = ?, time_zone = ? "
                        + "WHERE contract_id = ?")
                .params(e.revision(), e.terms().slaHours(), e.terms().supportHours().name(),
                        e.terms().timeZone().getId(), e.contractId().value())
                .update();
    }

    private void period(ContractId id, int index, Period period) {
        jdbc.sql("""
                        INSERT INTO contract_period (contract_id, period_index, start_date, end_date) VALUES (?, ?, ?, ?)
                        ON CONFLICT (contract_id, period_index) DO NOTHING""")
                .params(id.value(), index, period.start(), period.end())
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

    /**
     * A terminated contract keeps claiming the days it still covers (its notice), and no more; only an ACTIVE
     * one keeps covering tickets until the effective date (the right-hand sides read the row before the update).
     */
    @EventHandler
    void on(ContractTerminated e) {
        jdbc.sql("""
                        UPDATE contract_registry SET status = 'TERMINATED', end_date = LEAST(end_date, ?),
                               coverage_ends_before = CASE WHEN status = 'ACTIVE' THEN ?::date
                                                           WHEN status = 'TERMINATED' THEN coverage_ends_before END
                        WHERE contract_id = ?""")
                .params(e.effectiveDate().minusDays(1), e.effectiveDate(), e.contractId().value())
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
        period(e.contractId(), e.periodIndex(), e.period());
    }

    private void status(ContractId id, ContractStatus status) {
        jdbc.sql("UPDATE contract_registry SET status = ? WHERE contract_id = ?")
                .params(status.name(), id.value())
                .update();
    }
}
