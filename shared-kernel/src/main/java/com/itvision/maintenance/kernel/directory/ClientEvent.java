package com.itvision.maintenance.kernel.directory;

import com.itvision.maintenance.kernel.common.Actor;
import com.itvision.maintenance.kernel.common.ClientId;
import com.itvision.maintenance.kernel.common.ProjectId;
import com.itvision.maintenance.kernel.common.UserId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A client company and what it asked for. */
public sealed interface ClientEvent {

    ClientId clientId();

    Actor actor();

    Instant occurredAt();

    @Revision("1")
    record ClientRegistered(ClientId clientId, String name, String email, UserId salesRepId, Actor actor,
                            Instant occurredAt) implements ClientEvent {
    }

    @Revision("1")
    record MaintenanceQuoteRequested(ClientId clientId, String requestId, ProjectId projectId, String message,
                                     Actor actor, Instant occurredAt) implements ClientEvent {
    }
}
