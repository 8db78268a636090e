package com.itvision.maintenance.command.web;

import com.itvision.maintenance.command.support.CommandReceipt;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Sends a command, waits until its events are stored and describes them as a {@link CommandResult}.
 */
@Component
public class CommandDispatcher {
    private final CommandGateway gateway;
    private final JdbcClient jdbc;

    public CommandDispatcher(CommandGateway gateway, JdbcClient jdbc) {
        this.gateway = gateway;
        this.jdbc = jdbc;
    }

    /** Sends {@code command}, which targets {@code aggregateId}, and describes what it stored. */
    public CommandResult send(Object command, Object aggregateId, String number) {
        return describe(dispatch(command), aggregateId, number, List.of());
    }

    public CommandReceipt dispatch(Object command) {
        Object reply = gateway.sendAndWait(command);
        if (reply instanceof CommandReceipt receipt) {
            return receipt;
        }
        throw new IllegalStateException("The command bus is not configured with CommandReceipt's interceptors");
    }

    /**
     * The response body: {@code aggregateId}'s version after the command and the global position of the
     * command's last event (of any aggregate), so that waiting for it covers every change it made.
     */
    public CommandResult describe(CommandReceipt receipt, Object aggregateId, String number, List<String> warnings) {
        String id = String.valueOf(aggregateId);
        Long position = receipt.lastEventId() == null ? null
                : jdbc.sql("SELECT global_index FROM domain_event_entry WHERE event_identifier = ?")
                .param(receipt.lastEventId()).query(Long.class).optional().orElse(null);
        return new CommandResult(id, number, receipt.version(id).orElse(null), position, receipt.eventTypes(),
                warnings);
    }
}
