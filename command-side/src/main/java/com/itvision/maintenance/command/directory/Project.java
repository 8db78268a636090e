package com.itvision.maintenance.command.directory;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.itvision.maintenance.kernel.common.DomainException;
import com.itvision.maintenance.kernel.common.ErrorCode;
import com.itvision.maintenance.kernel.common.ProjectId;
import com.itvision.maintenance.kernel.common.Role;
import com.itvision.maintenance.kernel.directory.DirectoryCommands.CreateProject;
import com.itvision.maintenance.kernel.directory.ProjectEvent.ProjectCreated;
import java.time.Clock;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** An installation project of a client (seed 001 "Projet"), which warranty contracts and tickets refer to. */
@Aggregate
public class Project {
    @AggregateIdentifier
    private ProjectId projectId;

    protected Project() {
    }

    @CommandHandler
    public Project(CreateProject cmd, Directory directory, Clock clock) {
        if (!cmd.actor().hasAny(Role.ADMIN, Role.PROJECT_LEAD)) {
            throw DomainException.forbidden("Only ADMIN or PROJECT_LEAD create projects");
        }
        if (cmd.name() == null || cmd.name().isBlank()) {
            throw DomainException.rule(ErrorCode.VALIDATION_FAILED, "A project needs a name");
        }
        directory.client(cmd.clientId())
                .orElseThrow(() -> DomainException.notFound(ErrorCode.CLIENT_NOT_FOUND, cmd.clientId()));
        apply(new ProjectCreated(cmd.projectId(), cmd.clientId(), cmd.name().strip(), cmd.description(), cmd.actor(),
                clock.instant()));
    }

    @EventSourcingHandler
    void on(ProjectCreated e) {
        projectId = e.projectId();
    }
}
