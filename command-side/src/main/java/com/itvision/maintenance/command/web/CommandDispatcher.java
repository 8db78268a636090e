package com.itvision.maintenance.command.web;

import com.itvision.maintenance.command.support.CommandReceipt;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/**
 * Sends a command, waits until its transaction has committed and describes what it stored as a
 * {@link CommandResult}. A command that fails, or whose commit fails, throws: nothing is described
 * that is not stored.
 */
@Component
public class CommandDispatcher {
    private final CommandGateway gateway;

    public CommandDispatcher(CommandGateway gateway) {
        this.gateway = gateway;
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
        return new CommandResult(id, number, receipt.version(id).orElse(null), receipt.position(),
                receipt.eventTypes(), warnings);
    }
}
