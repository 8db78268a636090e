package com.itvision.maintenance.command.directory;

import com.itvision.maintenance.kernel.common.Actor;
import com.itvision.maintenance.kernel.common.DomainException;
import com.itvision.maintenance.kernel.common.ErrorCode;
import com.itvision.maintenance.kernel.common.Role;
import com.itvision.maintenance.kernel.directory.DirectoryCommands.RegisterUser;
import com.itvision.maintenance.kernel.directory.UserEvent.UserRegistered;
import java.time.Clock;
import java.util.Locale;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * Registers a user: the BCrypt hash goes to the {@link CredentialStore} and the registration to the
 * event store, in one transaction. The username's uniqueness is enforced by the directory table's
 * unique key in that same transaction, so two concurrent registrations cannot both succeed.
 */
@Component
public class UserRegistration {
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");

    private final Repository<UserAccount> users;
    private final Directory directory;
    private final CredentialStore credentials;
    private final Clock clock;

    public UserRegistration(Repository<UserAccount> users, Directory directory, CredentialStore credentials,
                            Clock clock) {
        this.users = users;
        this.directory = directory;
        this.credentials = credentials;
        this.clock = clock;
    }

    static void adminOnly(Actor actor) {
        if (!actor.has(Role.ADMIN)) {
            throw DomainException.forbidden("Only an ADMIN manages users and their roles");
        }
    }

    @CommandHandler
    public String handle(RegisterUser cmd) throws Exception {
        adminOnly(cmd.actor());
        String username = cmd.username() == null ? "" : cmd.username().strip().toLowerCase(Locale.ROOT);
        if (!USERNAME.matcher(username).matches()) {
            throw DomainException.rule(ErrorCode.VALIDATION_FAILED,
                    "username must be 2-64 characters among a-z, 0-9, '.', '_' and '-'");
        }
        if (cmd.roles() == null || cmd.roles().isEmpty()) {
            throw DomainException.rule(ErrorCode.VALIDATION_FAILED, "A user needs at least one role");
        }
        boolean client = cmd.roles().contains(Role.CLIENT);
        if (client != (cmd.clientId() != null) || (client && cmd.roles().size() > 1)) {
            throw DomainException.rule(ErrorCode.CLIENT_BINDING_INVALID,
                    "A CLIENT user holds only the CLIENT role and is bound to exactly one client; staff are bound to none");
        }
        if (client) {
            directory.client(cmd.clientId())
                    .orElseThrow(() -> DomainException.notFound(ErrorCode.CLIENT_NOT_FOUND, cmd.clientId()));
        }
        if (directory.userByUsername(username).isPresent()) {
            throw DomainException.rule(ErrorCode.USERNAME_TAKEN, "The username " + username + " is taken");
        }
        credentials.save(cmd.userId(), cmd.passwordHash());
        UserRegistered registered = new UserRegistered(cmd.userId(), username,
                cmd.displayName() == null || cmd.displayName().isBlank() ? username : cmd.displayName().strip(),
                cmd.roles(), cmd.clientId(), cmd.actor(), clock.instant());
        users.newInstance(() -> new UserAccount(registered));
        return cmd.userId().value();
    }
}
