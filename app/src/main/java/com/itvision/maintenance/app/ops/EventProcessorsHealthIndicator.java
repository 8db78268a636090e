package com.itvision.maintenance.app.ops;

import com.itvision.maintenance.projections.support.Projections;
import com.itvision.maintenance.projections.support.ReadModelProgress;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * DOWN when any event processor is stopped or in error, or when a read model is stalled: one of its
 * segments has been behind the store's head without moving for {@code maintenance.projections.stall-after}
 * (see {@link ReadModelProgress}; a read model merely catching up stays UP). Dead letters do not make it
 * DOWN: the rest flows, and they are listed for operators.
 */
@Component("eventProcessors")
public class EventProcessorsHealthIndicator implements HealthIndicator {
    private final EventProcessingConfiguration processing;
    private final ReadModelProgress progress;
    private final ProjectionOperations operations;

    public EventProcessorsHealthIndicator(EventProcessingConfiguration processing, ReadModelProgress progress,
                                          ProjectionOperations operations) {
        this.processing = processing;
        this.progress = progress;
        this.operations = operations;
    }

    @Override
    public Health health() {
        Long head = operations.head();
        Map<String, Object> details = new LinkedHashMap<>();
        boolean up = true;
        for (Map.Entry<String, EventProcessor> entry : processing.eventProcessors().entrySet()) {
            EventProcessor processor = entry.getValue();
            boolean running = processor.isRunning();
            boolean error = processor instanceof StreamingEventProcessor streaming && streaming.isError();
            String state = !running ? "STOPPED" : error ? "ERROR" : "RUNNING";
            if (running && !error && Projections.ALL.contains(entry.getKey())) {
                ReadModelProgress.Group group = progress.group(entry.getKey(), head);
                if (group.stalled()) {
                    state = stalled(group, head);
                    error = true;
                }
            }
            details.put(entry.getKey(), state);
            up &= running && !error;
        }
        return (up ? Health.up() : Health.down()).withDetails(details).build();
    }

    private static String stalled(ReadModelProgress.Group group, Long head) {
        StringBuilder text = new StringBuilder("STALLED:");
        group.segments().stream().filter(ReadModelProgress.Segment::stalled).forEach(s -> text.append(" segment ")
                .append(s.segment()).append(" at ").append(s.position()).append(" of ").append(head)
                .append(" since ").append(s.behindSince()).append(s.owner() == null ? " (unclaimed)" : ""));
        if (group.lastFailure() != null) {
            text.append("; last failure at ").append(group.lastFailure().at()).append(": ")
                    .append(group.lastFailure().message());
        }
        return text.toString();
    }

    /** Watches progress even when nobody asks, so that a stall is known as soon as it is one. */
    @Scheduled(fixedDelayString = "PT5S", initialDelayString = "PT5S")
    void watch() {
        Long head = operations.head();
        Projections.ALL.forEach(group -> progress.group(group, head));
    }
}
