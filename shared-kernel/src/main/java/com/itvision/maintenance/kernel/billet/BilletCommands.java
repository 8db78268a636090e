package com.itvision.maintenance.kernel.billet;

import com.itvision.maintenance.kernel.common.Actor;
import com.itvision.maintenance.kernel.common.BilletId;
import com.itvision.maintenance.kernel.common.Command;
import com.itvision.maintenance.kernel.common.InterventionId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** A billet is issued through its ticket ({@code IssueBillet}) and never edited: only revoked or completed. */
public final class BilletCommands {
    private BilletCommands() {
    }

    public record RevokeBillet(@TargetAggregateIdentifier BilletId billetId, String reason, Actor actor,
                               @TargetAggregateVersion Long expectedVersion) implements Command {
    }

    /** Sent when the technical report of one of its interventions is validated. Internal, no endpoint. */
    public record CompleteBillet(@TargetAggregateIdentifier BilletId billetId, InterventionId interventionId,
                                 Actor actor) implements Command {
    }
}
