package com.itvision.maintenance.kernel.common;

import java.util.Objects;
import java.util.Set;

/**
 * Who asks for a change: the authenticated user, the roles they held at that moment and, for a CLIENT
 * user, the client they are bound to. Built by the server from the authenticated principal, never
 * from a request body, and carried by every command and event for the audit trail.
 */
public record Actor(UserId userId, Set<Role> roles, ClientId clientId) {

    public static final Actor SYSTEM = new Actor(UserId.of("system"), Set.of(Role.ADMIN), null);

    public Actor {
        Objects.requireNonNull(userId, "userId");
        roles = roles == null ? Set.of() : Set.copyOf(roles);
    }

    public static Actor of(String userId, Role... roles) {
        return new Actor(UserId.of(userId), Set.of(roles), null);
    }

    public static Actor client(String userId, ClientId clientId) {
        return new Actor(UserId.of(userId), Set.of(Role.CLIENT), clientId);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean hasAny(Role... candidates) {
        for (Role candidate : candidates) {
            if (roles.contains(candidate)) {
                return true;
            }
        }
        return false;
    }

    /** A CLIENT user acting for {@code client}. */
    public boolean actsFor(ClientId client) {
        return has(Role.CLIENT) && client != null && client.equals(clientId);
    }

    /** The roles as one audit string, e.g. {@code ADMIN} or {@code MANAGER,SALES}. */
    public String rolesLabel() {
        return roles.stream().map(Enum::name).sorted().reduce((a, b) -> a + "," + b).orElse("");
    }
}
