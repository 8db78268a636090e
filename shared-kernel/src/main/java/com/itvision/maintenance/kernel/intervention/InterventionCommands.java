package com.itvision.maintenance.kernel.intervention;

import com.itvision.maintenance.kernel.common.Actor;
import com.itvision.maintenance.kernel.common.BilletId;
import com.itvision.maintenance.kernel.common.Command;
import com.itvision.maintenance.kernel.common.InterventionId;
import java.math.BigDecimal;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** The technical work done under a billet, and its technical report. */
public final class InterventionCommands {
    private InterventionCommands() {
    }

    /**
     * Seed 001's fundamental rule: "Aucun développeur ne peut intervenir sans billet validé". Recorded by
     * the billet's technician, or by a PROJECT_LEAD/ADMIN on their behalf.
     */
    public record RecordIntervention(BilletId billetId, @TargetAggregateIdentifier InterventionId interventionId,
                                     String description, Instant startedAt, Instant endedAt, BigDecimal hoursSpent,
                                     String fixApplied, String filesChanged, Actor actor) implements Command {
    }

    /** Admin correction of times and hours (reason required). */
    public record CorrectIntervention(@TargetAggregateIdentifier InterventionId interventionId, Instant startedAt,
                                      Instant endedAt, BigDecimal hoursSpent, String reason, Actor actor,
                                      @TargetAggregateVersion Long expectedVersion) implements Command {
    }

    /** Admin correction: the intervention did not happen or was recorded twice; its quota unit is refunded. */
    public record CancelIntervention(@TargetAggregateIdentifier InterventionId interventionId, String reason,
                                     Actor actor, @TargetAggregateVersion Long expectedVersion) implements Command {
    }

    /** Writes or revises the report (PUT: the whole document) until it is validated. */
    public record WriteTechnicalReport(@TargetAggregateIdentifier InterventionId interventionId, TechnicalReport report,
                                       Actor actor, @TargetAggregateVersion Long expectedVersion) implements Command {
    }

    /** Four eyes: by a PROJECT_LEAD or ADMIN who wrote no version of the report. */
    public record ValidateTechnicalReport(@TargetAggregateIdentifier InterventionId interventionId, Actor actor,
                                          @TargetAggregateVersion Long expectedVersion) implements Command {
    }

    public record RejectTechnicalReport(@TargetAggregateIdentifier InterventionId interventionId, String reason,
                                        Actor actor, @TargetAggregateVersion Long expectedVersion) implements Command {
    }
}
