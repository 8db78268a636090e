package com.itvision.maintenance.command.directory;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.itvision.maintenance.command.support.Reasons;
import com.itvision.maintenance.kernel.common.ClientId;
import com.itvision.maintenance.kernel.common.DomainException;
import com.itvision.maintenance.kernel.common.ErrorCode;
import com.itvision.maintenance.kernel.common.Role;
import com.itvision.maintenance.kernel.common.UserId;
import com.itvision.maintenance.kernel.directory.DirectoryCommands.AddTeamMember;
import com.itvision.maintenance.kernel.directory.DirectoryCommands.BindUserToClient;
import com.itvision.maintenance.kernel.directory.DirectoryCommands.GrantRole;
import com.itvision.maintenance.kernel.directory.DirectoryCommands.RevokeRole;
import com.itvision.maintenance.kernel.directory.UserEvent.RoleGranted;
import com.itvision.maintenance.kernel.directory.UserEvent.RoleRevoked;
import com.itvision.maintenance.kernel.directory.UserEvent.TeamMemberAdded;
import com.itvision.maintenance.kernel.directory.UserEvent.UserBoundToClient;
import com.itvision.maintenance.kernel.directory.UserEvent.UserRegistered;
import java.time.Clock;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A user's roles, client binding and team. Registration is handled by {@link UserRegistration}
 * because it also writes the credential, which never enters the event store.
 */
@Aggregate
public class UserAccount {
    @AggregateIdentifier
    private UserId userId;
    private Set<Role> roles = EnumSet.noneOf(Role.class);
    private ClientId clientId;
    private Set<UserId> team = new HashSet<>();

    protected UserAccount() {
    }

    UserAccount(UserRegistered registered) {
        apply(registered);
    }

    @CommandHandler
    void handle(GrantRole cmd, Clock clock) {
        UserRegistration.adminOnly(cmd.actor());
        if (roles.contains(cmd.role())) {
            throw DomainException.rule(ErrorCode.ROLE_ALREADY_GRANTED, "User " + userId + " already has " + cmd.role());
        }
        if (cmd.role() == Role.CLIENT) {
            throw DomainException.rule(ErrorCode.CLIENT_BINDING_INVALID,
                    "CLIENT is not granted: register a CLIENT user with its client instead");
        }
        if (roles.contains(Role.CLIENT)) {
            throw DomainException.rule(ErrorCode.CLIENT_BINDING_INVALID, "A CLIENT user cannot hold staff roles");
        }
        apply(new RoleGranted(userId, cmd.role(), cmd.actor(), clock.instant()));
    }

    @CommandHandler
    void handle(RevokeRole cmd, Clock clock) {
        UserRegistration.adminOnly(cmd.actor());
        if (!roles.contains(cmd.role())) {
            throw DomainException.rule(ErrorCode.ROLE_NOT_GRANTED, "User " + userId + " does not have " + cmd.role());
        }
        apply(new RoleRevoked(userId, cmd.role(), Reasons.required(cmd.reason(), "revoke a role"), cmd.actor(),
                clock.instant()));
    }

    @CommandHandler
    void handle(BindUserToClient cmd, Directory directory, Clock clock) {
        UserRegistration.adminOnly(cmd.actor());
        if (!roles.contains(Role.CLIENT)) {
            throw DomainException.rule(ErrorCode.CLIENT_BINDING_INVALID, "Only a CLIENT user is bound to a client");
        }
        directory.client(cmd.clientId())
                .orElseThrow(() -> DomainException.notFound(ErrorCode.CLIENT_NOT_FOUND, cmd.clientId()));
        apply(new UserBoundToClient(userId, cmd.clientId(), cmd.actor(), clock.instant()));
    }

    @CommandHandler
    void handle(AddTeamMember cmd, Directory directory, Clock clock) {
        UserRegistration.adminOnly(cmd.actor());
        if (!roles.contains(Role.MANAGER)) {
            throw DomainException.rule(ErrorCode.NOT_A_MANAGER, "Only a MANAGER leads a team");
        }
        if (directory.user(cmd.salesRepId()).filter(u -> u.has(Role.SALES)).isEmpty()) {
            throw DomainException.rule(ErrorCode.SALES_REP_NOT_ELIGIBLE, "User " + cmd.salesRepId() + " is not a SALES user");
        }
        if (team.contains(cmd.salesRepId())) {
            throw DomainException.rule(ErrorCode.ALREADY_EXISTS, cmd.salesRepId() + " is already in the team");
        }
        apply(new TeamMemberAdded(userId, cmd.salesRepId(), cmd.actor(), clock.instant()));
    }

    @EventSourcingHandler
    void on(UserRegistered e) {
        userId = e.userId();
        roles = e.roles().isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(e.roles());
        clientId = e.clientId();
    }

    @EventSourcingHandler
    void on(RoleGranted e) {
        roles.add(e.role());
    }

    /** Revoking CLIENT also ends the client binding: a former client user sees no client's data. */
    @EventSourcingHandler
    void on(RoleRevoked e) {
        roles.remove(e.role());
        if (e.role() == Role.CLIENT) {
            clientId = null;
        }
    }

    @EventSourcingHandler
    void on(UserBoundToClient e) {
        clientId = e.clientId();
    }

    @EventSourcingHandler
    void on(TeamMemberAdded e) {
        team.add(e.salesRepId());
    }
}
