package com.itvision.maintenance.command.directory;

import com.itvision.maintenance.kernel.common.ClientId;
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
