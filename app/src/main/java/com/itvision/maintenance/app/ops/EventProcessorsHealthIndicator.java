package com.itvision.maintenance.app.ops;

import com.itvision.maintenance.projections.support.Projections;
import com.itvision.maintenance.projections.support.ReadModelProgress;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
    private static final Logger log = LoggerFactory.getLogger(EventProcessorsHealthIndicator.class);
    private final EventProcessingConfiguration processing;
    private final ReadModelProgress progress;

    public EventProcessorsHealthIndicator(EventProcessingConfiguration processing, ReadModelProgress progress) {
        this.processing = processing;
        this.progress = progress;
    }

    @Override
    public Health health() {
        long head = progress.head();
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

    private static String stalled(ReadModelProgress.Group group, long head) {
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

    /**
     * Watches progress even when nobody asks, so that a stall is known as soon as it is one. With the
     * database unreachable there is nothing to watch: the db health component says so.
     */
    @Scheduled(fixedDelayString = "PT5S", initialDelayString = "PT5S")
    void watch() {
        try {
            long head = progress.head();
            Projections.ALL.forEach(group -> progress.group(group, head));
        } catch (RuntimeException unreachable) {
            log.debug("Read-model progress not sampled: {}", unreachable.toString());
        }
    }
}
