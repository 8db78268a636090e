package com.itvision.maintenance.command.directory;

import com.itvision.maintenance.kernel.common.ClientId;
import com.itvision.maintenance.kernel.common.DomainException;
import com.itvision.maintenance.kernel.common.ErrorCode;
import com.itvision.maintenance.kernel.common.ProjectId;
import com.itvision.maintenance.kernel.common.Role;
import com.itvision.maintenance.kernel.common.UserId;
import java.util.Optional;
import java.util.Set;

/**
 * The command side's view of users, clients and projects, kept in the same transaction as their
 * events (see {@code DirectoryLookupUpdater}), so a command can check references consistently.
 */
public interface Directory {

    Optional<ClientEntry> client(ClientId clientId);

    Optional<ProjectEntry> project(ProjectId projectId);

    Optional<UserEntry> user(UserId userId);

    Optional<UserEntry> userByUsername(String username);

    /** The sales reps a MANAGER leads (empty for anyone else). */
    Set<UserId> teamOf(UserId manager);

    /** Seed 001: "Seuls dev/chef projet peuvent intervenir" (TECHNICIAN or PROJECT_LEAD). */
    default void requireTechnician(UserId technician) {
        boolean eligible = technician != null
                && user(technician).filter(u -> u.has(Role.TECHNICIAN) || u.has(Role.PROJECT_LEAD)).isPresent();
        if (!eligible) {
            throw DomainException.rule(ErrorCode.TECHNICIAN_NOT_ELIGIBLE,
                    "Only a TECHNICIAN or PROJECT_LEAD user may be authorised to intervene");
        }
    }

    record ClientEntry(ClientId clientId, String name, UserId salesRepId) {
    }

    record ProjectEntry(ProjectId projectId, ClientId clientId, String name) {
    }

    record UserEntry(UserId userId, String username, String displayName, Set<Role> roles, ClientId clientId) {
        public boolean has(Role role) {
            return roles.contains(role);
        }
    }
}
