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

    public CommandResult send(Object command, String number) {
        return describe(dispatch(command), number, List.of());
    }

    public CommandReceipt dispatch(Object command) {
        Object reply = gateway.sendAndWait(command);
        if (reply instanceof CommandReceipt receipt) {
            return receipt;
        }
        throw new IllegalStateException("The command bus is not configured with CommandReceipt's interceptors");
    }

    public CommandResult describe(CommandReceipt receipt, String number, List<String> warnings) {
        Long position = receipt.lastEventId() == null ? null
                : jdbc.sql("SELECT global_index FROM domain_event_entry WHERE event_identifier = ?")
                .param(receipt.lastEventId()).query(Long.class).optional().orElse(null);
        return new CommandResult(receipt.aggregateId(), number, receipt.version(), position, receipt.eventTypes(),
                warnings);
    }
}
