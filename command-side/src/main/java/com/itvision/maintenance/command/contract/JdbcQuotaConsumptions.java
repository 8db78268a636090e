package com.itvision.maintenance.command.contract;

import com.itvision.maintenance.command.directory.DirectoryLookupUpdater;
import com.itvision.maintenance.kernel.common.ContractId;
import com.itvision.maintenance.kernel.contract.ContractEvent.InterventionQuotaConsumed;
import com.itvision.maintenance.kernel.contract.ContractEvent.InterventionQuotaRefunded;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@link QuotaConsumptions} over {@code quota_consumption} (V24), kept by the subscribing group
 * {@code command-lookups} in the transaction that stores the consumption or refund. Readers hold the
 * contract aggregate's lock, and every writer of a contract's rows holds it too, so what they read is
 * what the contract's own events say.
 */
@Component
@ProcessingGroup(DirectoryLookupUpdater.GROUP)
public class JdbcQuotaConsumptions implements QuotaConsumptions {
    private final JdbcClient jdbc;

    public JdbcQuotaConsumptions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Consumption> of(ContractId contractId, String interventionId) {
        return jdbc.sql("""
                        SELECT period_index, contract_revision, used_after, included FROM quota_consumption
                        WHERE contract_id = ? AND intervention_id = ?""")
                .params(contractId.value(), interventionId)
                .query((rs, n) -> new Consumption(rs.getInt(1), rs.getInt(2), rs.getInt(3),
                        (Integer) rs.getObject(4)))
                .optional();
    }

    @EventHandler
    void on(InterventionQuotaConsumed e) {
        jdbc.sql("""
                        INSERT INTO quota_consumption (contract_id, intervention_id, period_index, contract_revision,
                                                       used_after, included)
                        VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (contract_id, intervention_id) DO NOTHING""")
                .params(e.contractId().value(), e.interventionId(), e.periodIndex(), e.contractRevision(), e.used(),
                        e.included())
                .update();
    }

    @EventHandler
    void on(InterventionQuotaRefunded e) {
        jdbc.sql("DELETE FROM quota_consumption WHERE contract_id = ? AND intervention_id = ?")
                .params(e.contractId().value(), e.interventionId())
                .update();
    }
}
