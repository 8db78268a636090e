package com.itvision.maintenance.kernel.directory;

import com.itvision.maintenance.kernel.common.Actor;
import com.itvision.maintenance.kernel.common.Command;
import com.itvision.maintenance.kernel.common.ClientId;
import com.itvision.maintenance.kernel.common.ProjectId;
import com.itvision.maintenance.kernel.common.Role;
import com.itvision.maintenance.kernel.common.UserId;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Users, clients and projects: the directory every other aggregate refers to. */
public final class DirectoryCommands {
    private DirectoryCommands() {
    }

    /**
     * Registers a user. {@code passwordHash} is a BCrypt hash written to the credential store in the
     * same transaction; it never reaches an event.
     */
    public record RegisterUser(@TargetAggregateIdentifier UserId userId, String username, String displayName,
                               Set<Role> roles, ClientId clientId, String passwordHash, Actor actor) implements Command {
        @Override
        public String toString() {
            return "RegisterUser[userId=" + userId + ", username=" + username + ", roles=" + roles + "]";
        }
    }

    public record GrantRole(@TargetAggregateIdentifier UserId userId, Role role, Actor actor,
                            @TargetAggregateVersion Long expectedVersion) implements Command {
    }

    public record RevokeRole(@TargetAggregateIdentifier UserId userId, Role role, String reason, Actor actor,
                             @TargetAggregateVersion Long expectedVersion) implements Command {
    }

    /** Binds a CLIENT user to the one client whose data it may see. */
    public record BindUserToClient(@TargetAggregateIdentifier UserId userId, ClientId clientId, Actor actor,
                                   @TargetAggregateVersion Long expectedVersion) implements Command {
    }

    /** Adds a SALES user to the team of the MANAGER {@code userId}. */
    public record AddTeamMember(@TargetAggregateIdentifier UserId userId, UserId salesRepId, Actor actor,
                                @TargetAggregateVersion Long expectedVersion) implements Command {
    }

    public record RegisterClient(@TargetAggregateIdentifier ClientId clientId, String name, String email,
                                 UserId salesRepId, Actor actor) implements Command {
    }

    public record CreateProject(@TargetAggregateIdentifier ProjectId projectId, ClientId clientId, String name,
                                String description, Actor actor) implements Command {
    }

    /** Seed 000 "Demander un Devis Maintenance": a client without an active contract asks sales for one. */
    public record RequestMaintenanceQuote(@TargetAggregateIdentifier ClientId clientId, String requestId,
                                          ProjectId projectId, String message, Actor actor) implements Command {
    }
}
