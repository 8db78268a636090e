package com.itvision.maintenance.kernel.directory;

import com.itvision.maintenance.kernel.common.Actor;
import com.itvision.maintenance.kernel.common.ClientId;
import com.itvision.maintenance.kernel.common.Role;
import com.itvision.maintenance.kernel.common.UserId;
import java.time.Instant;
import java.util.Set;
import org.axonframework.serialization.Revision;

/**
 * A user's registration, roles, client binding and team: who granted what to whom, and when. No
 * credential ever appears here.
 */
public sealed interface UserEvent {

    UserId userId();

    Actor actor();

    Instant occurredAt();

    @Revision("1")
    record UserRegistered(UserId userId, String username, String displayName, Set<Role> roles, ClientId clientId,
                          Actor actor, Instant occurredAt) implements UserEvent {
    }

    @Revision("1")
    record RoleGranted(UserId userId, Role role, Actor actor, Instant occurredAt) implements UserEvent {
    }

    @Revision("1")
    record RoleRevoked(UserId userId, Role role, String reason, Actor actor, Instant occurredAt)
            implements UserEvent {
    }

    @Revision("1")
    record UserBoundToClient(UserId userId, ClientId clientId, Actor actor, Instant occurredAt)
            implements UserEvent {
    }

    @Revision("1")
    record TeamMemberAdded(UserId userId, UserId salesRepId, Actor actor, Instant occurredAt)
            implements UserEvent {
    }
}
