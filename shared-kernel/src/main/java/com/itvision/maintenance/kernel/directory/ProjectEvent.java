package com.itvision.maintenance.kernel.directory;

import com.itvision.maintenance.kernel.common.Actor;
import com.itvision.maintenance.kernel.common.ClientId;
import com.itvision.maintenance.kernel.common.ProjectId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** An installation project of a client. */
public sealed interface ProjectEvent {

    ProjectId projectId();

    Actor actor();

    Instant occurredAt();

    @Revision("1")
    record ProjectCreated(ProjectId projectId, ClientId clientId, String name, String description, Actor actor,
                          Instant occurredAt) implements ProjectEvent {
    }
}
