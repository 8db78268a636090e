package com.itvision.maintenance.app.ops;

import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** DOWN when any event processor is stopped or, for streaming processors, in error. */
@Component("eventProcessors")
public class EventProcessorsHealthIndicator implements HealthIndicator {
    private final EventProcessingConfiguration processing;

    public EventProcessorsHealthIndicator(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    @Override
    public Health health() {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean up = true;
        for (Map.Entry<String, EventProcessor> entry : processing.eventProcessors().entrySet()) {
            EventProcessor processor = entry.getValue();
            boolean running = processor.isRunning();
            boolean error = processor instanceof StreamingEventProcessor streaming && streaming.isError();
            details.put(entry.getKey(), !running ? "STOPPED" : error ? "ERROR" : "RUNNING");
            up &= running && !error;
        }
        return (up ? Health.up() : Health.down()).withDetails(details).build();
    }
}
