package com.itvision.maintenance.command.directory;

import com.itvision.maintenance.kernel.common.ClientId;
import com.itvision.maintenance.kernel.common.ProjectId;
import com.itvision.maintenance.kernel.common.Role;
import com.itvision.maintenance.kernel.common.UserId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The {@link Directory} lookups as plain maps, filled by each test with what it needs to exist. */
public final class InMemoryDirectory implements Directory {
    private final Map<ClientId, ClientEntry> clients = new LinkedHashMap<>();
    private final Map<ProjectId, ProjectEntry> projects = new LinkedHashMap<>();
    private final Map<UserId, UserEntry> users = new LinkedHashMap<>();
    private final Map<UserId, Set<UserId>> teams = new LinkedHashMap<>();

    public InMemoryDirectory withClient(ClientId clientId, String name, UserId salesRepId) {
        clients.put(clientId, new ClientEntry(clientId, name, salesRepId));
        return this;
    }

    public InMemoryDirectory withProject(ProjectId projectId, ClientId clientId, String name) {
        projects.put(projectId, new ProjectEntry(projectId, clientId, name));
        return this;
    }

    public InMemoryDirectory withStaff(UserId userId, String username, Role... roles) {
        users.put(userId, new UserEntry(userId, username, username, Set.of(roles), null));
        return this;
    }

    public InMemoryDirectory withClientUser(UserId userId, String username, ClientId clientId) {
        users.put(userId, new UserEntry(userId, username, username, Set.of(Role.CLIENT), clientId));
        return this;
    }

    public InMemoryDirectory withTeam(UserId manager, UserId... salesReps) {
        teams.put(manager, Set.of(salesReps));
        return this;
    }

    @Override
    public Optional<ClientEntry> client(ClientId clientId) {
        return Optional.ofNullable(clients.get(clientId));
    }

    @Override
    public Optional<ProjectEntry> project(ProjectId projectId) {
        return Optional.ofNullable(projects.get(projectId));
    }

    @Override
    public Optional<UserEntry> user(UserId userId) {
        return Optional.ofNullable(users.get(userId));
    }

    @Override
    public Optional<UserEntry> userByUsername(String username) {
        return users.values().stream().filter(u -> u.username().equals(username)).findFirst();
    }

    @Override
    public Set<UserId> teamOf(UserId manager) {
        return teams.getOrDefault(manager, Set.of());
    }
}
