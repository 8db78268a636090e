package com.itvision.maintenance.command.directory;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.itvision.maintenance.kernel.common.ClientId;
import com.itvision.maintenance.kernel.common.DomainException;
import com.itvision.maintenance.kernel.common.ErrorCode;
import com.itvision.maintenance.kernel.common.Role;
import com.itvision.maintenance.kernel.common.UserId;
import com.itvision.maintenance.command.support.Reasons;
import com.itvision.maintenance.kernel.directory.DirectoryCommands.RegisterClient;
import com.itvision.maintenance.kernel.directory.DirectoryCommands.RequestMaintenanceQuote;
import com.itvision.maintenance.kernel.directory.ClientEvent.MaintenanceQuoteRequested;
import com.itvision.maintenance.kernel.directory.ClientEvent.ClientRegistered;
import java.time.Clock;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** A client company; its sales rep decides which SALES user may propose contracts to it. */
@Aggregate
public class Client {
    @AggregateIdentifier
    private ClientId clientId;

    protected Client() {
    }

    @CommandHandler
    public Client(RegisterClient cmd, Directory directory, Clock clock) {
        if (!cmd.actor().hasAny(Role.ADMIN, Role.PROJECT_LEAD, Role.SALES, Role.MANAGER)) {
            throw DomainException.forbidden("Only ADMIN, PROJECT_LEAD, SALES or MANAGER register clients");
        }
        if (cmd.name() == null || cmd.name().isBlank()) {
            throw DomainException.rule(ErrorCode.VALIDATION_FAILED, "A client needs a name");
        }
        UserId salesRep = cmd.salesRepId() != null ? cmd.salesRepId()
                : cmd.actor().has(Role.SALES) ? cmd.actor().userId() : null;
        if (salesRep != null && directory.user(salesRep).filter(u -> u.has(Role.SALES)).isEmpty()) {
            throw DomainException.rule(ErrorCode.SALES_REP_NOT_ELIGIBLE, "User " + salesRep + " is not a SALES user");
        }
        apply(new ClientRegistered(cmd.clientId(), cmd.name().strip(), cmd.email(), salesRep, cmd.actor(),
                clock.instant()));
    }

    /** The client's own user (or staff on its behalf) asks for a maintenance quote; sales see it. */
    @CommandHandler
    void handle(RequestMaintenanceQuote cmd, Directory directory, Clock clock) {
        if (cmd.actor().has(Role.CLIENT) && !cmd.actor().actsFor(clientId)) {
            throw DomainException.notFound(ErrorCode.CLIENT_NOT_FOUND, clientId);
        }
        if (!cmd.actor().hasAny(Role.CLIENT, Role.ADMIN, Role.PROJECT_LEAD, Role.SALES, Role.MANAGER)) {
            throw DomainException.forbidden("Only the client or staff in contact with it request a quote");
        }
        if (cmd.projectId() != null && directory.project(cmd.projectId())
                .filter(p -> p.clientId().equals(clientId)).isEmpty()) {
            throw DomainException.notFound(ErrorCode.PROJECT_NOT_FOUND, cmd.projectId());
        }
        apply(new MaintenanceQuoteRequested(clientId, cmd.requestId(), cmd.projectId(),
                Reasons.optional(cmd.message()), cmd.actor(), clock.instant()));
    }

    @EventSourcingHandler
    void on(ClientRegistered e) {
        clientId = e.clientId();
    }
}
