package com.itvision.maintenance.command.support;

import com.itvision.maintenance.kernel.billet.BilletEvent.BilletIssued;
import com.itvision.maintenance.kernel.common.DomainException;
import com.itvision.maintenance.kernel.common.ErrorCode;
import com.itvision.maintenance.kernel.contract.ContractEvent.ContractDrafted;
import com.itvision.maintenance.kernel.directory.ClientEvent.ClientRegistered;
import com.itvision.maintenance.kernel.directory.ProjectEvent.ProjectCreated;
import com.itvision.maintenance.kernel.directory.UserEvent.UserRegistered;
import com.itvision.maintenance.kernel.intervention.InterventionEvent.InterventionRecorded;
import com.itvision.maintenance.kernel.ticket.TicketEvent.TicketOpened;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which aggregate an id names, and its human number. Kept by the subscribing processor
 * {@code command-lookups} in the events' transaction; lets the API refuse an unknown id (or the id of
 * another kind of aggregate) with 404 before loading anything.
 */
@Component
@ProcessingGroup("command-lookups")
public class AggregateRegistry {
    public enum Kind { CONTRACT, TICKET, BILLET, INTERVENTION, USER, CLIENT, PROJECT }

    private final JdbcClient jdbc;

    public AggregateRegistry(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The human number of an existing aggregate of {@code kind} (null if it has none), else 404. */
    public Entry require(String id, Kind kind, ErrorCode notFound) {
        return find(id).filter(e -> e.kind() == kind)
                .orElseThrow(() -> DomainException.notFound(notFound, id));
    }

    public Optional<Entry> find(String id) {
        if (id == null || id.length() > 64) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT aggregate_type, number FROM aggregate_registry WHERE aggregate_id = ?")
                .param(id)
                .query((rs, n) -> new Entry(id, Kind.valueOf(rs.getString(1)), rs.getString(2)))
                .optional();
    }

    public record Entry(String id, Kind kind, String number) {
    }

    private void register(Object id, Kind kind, String number) {
        jdbc.sql("INSERT INTO aggregate_registry (aggregate_id, aggregate_type, number) VALUES (?, ?, ?) "
                        + "ON CONFLICT (aggregate_id) DO NOTHING")
                .params(String.valueOf(id), kind.name(), number)
                .update();
    }

    @EventHandler
    void on(ContractDrafted e) {
        register(e.contractId(), Kind.CONTRACT, e.number());
    }

    @EventHandler
    void on(TicketOpened e) {
        register(e.ticketId(), Kind.TICKET, e.number());
    }

    @EventHandler
    void on(BilletIssued e) {
        register(e.billetId(), Kind.BILLET, e.number());
    }

    @EventHandler
    void on(InterventionRecorded e) {
        register(e.interventionId(), Kind.INTERVENTION, null);
    }

    @EventHandler
    void on(UserRegistered e) {
        register(e.userId(), Kind.USER, null);
    }

    @EventHandler
    void on(ClientRegistered e) {
        register(e.clientId(), Kind.CLIENT, null);
    }

    @EventHandler
    void on(ProjectCreated e) {
        register(e.projectId(), Kind.PROJECT, null);
    }
}
