package com.itvision.maintenance.projections.support;

import java.util.Optional;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.jooq.DSLContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Gives each projection its {@link ProjectionBatch}, bound to its processing group's dead-letter queue.
 * {@link #forRebuild} gives the handler instances of a blue/green rebuild theirs: writes rendered into the
 * {@code __rebuild} tables ({@link RebuildDsl}), failures parked in the rebuild processor's own queue.
 */
@Component
public class ProjectionBatches {
    private final DSLContext dsl;
    private final ObjectProvider<EventProcessingConfiguration> processing;
    private final String rebuildOf;
    private final SequencedDeadLetterQueue<EventMessage<?>> rebuildQueue;

    @Autowired
    public ProjectionBatches(DSLContext dsl, ObjectProvider<EventProcessingConfiguration> processing) {
        this(dsl, processing, null, null);
    }

    private ProjectionBatches(DSLContext dsl, ObjectProvider<EventProcessingConfiguration> processing, String rebuildOf,
                              SequencedDeadLetterQueue<EventMessage<?>> rebuildQueue) {
        this.dsl = dsl;
        this.processing = processing;
        this.rebuildOf = rebuildOf;
        this.rebuildQueue = rebuildQueue;
    }

    /** The batches of the handler instances rebuilding {@code group} into its shadow tables. */
    public static ProjectionBatches forRebuild(DSLContext dsl, String group,
                                               SequencedDeadLetterQueue<EventMessage<?>> queue) {
        return new ProjectionBatches(RebuildDsl.of(dsl, group), null, group, queue);
    }

    public ProjectionBatch forGroup(String processingGroup) {
        if (rebuildOf != null) {
            if (!rebuildOf.equals(processingGroup)) {
                throw new IllegalStateException("A rebuild of " + rebuildOf + " cannot write " + processingGroup);
            }
            return new ProjectionBatch(dsl, ReadModels.rebuildProcessor(processingGroup),
                    () -> Optional.of(rebuildQueue));
        }
        return new ProjectionBatch(dsl, processingGroup, () -> processing.getObject().deadLetterQueue(processingGroup));
    }
}
