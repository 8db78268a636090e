package com.itvision.maintenance.projections.support;

import org.axonframework.config.EventProcessingConfiguration;
import org.jooq.DSLContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Gives each projection its {@link ProjectionBatch}, bound to its processing group's dead-letter queue. */
@Component
public class ProjectionBatches {
    private final DSLContext dsl;
    private final ObjectProvider<EventProcessingConfiguration> processing;

    public ProjectionBatches(DSLContext dsl, ObjectProvider<EventProcessingConfiguration> processing) {
        this.dsl = dsl;
        this.processing = processing;
    }

    public ProjectionBatch forGroup(String processingGroup) {
        return new ProjectionBatch(dsl, processingGroup, processing);
    }
}
