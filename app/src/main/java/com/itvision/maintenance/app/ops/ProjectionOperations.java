package com.itvision.maintenance.app.ops;

import com.itvision.maintenance.kernel.common.DomainException;
import com.itvision.maintenance.kernel.common.ErrorCode;
import com.itvision.maintenance.projections.support.Projections;
import com.itvision.maintenance.projections.support.ReadModelProgress;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.stereotype.Component;

/**
 * The event processors and read models as operators see them: progress of each segment, errors, dead
 * letters, the blue/green rebuild in progress ({@link ProjectionRebuilds}), and the last
 * {@link ReadModelReconciliation} result.
 */
@Component
public class ProjectionOperations {
    private final EventProcessingConfiguration processing;
    private final ReadModelReconciliation reconciliation;
    private final ReadModelProgress progress;

    private final ProjectionRebuilds rebuilds;

    public ProjectionOperations(EventProcessingConfiguration processing, ReadModelReconciliation reconciliation,
                                ReadModelProgress progress, ProjectionRebuilds rebuilds) {
        this.processing = processing;
        this.reconciliation = reconciliation;
        this.progress = progress;
        this.rebuilds = rebuilds;
    }

    /**
     * {@code lag}: events between the store's head and the least advanced segment (0: current), from the
     * stored tokens, so a segment nobody is processing counts. {@code stalled}: a segment has been behind
     * the head without moving for {@code maintenance.projections.stall-after}; {@code lastFailure}: the last
     * failed batch. A rebuilt model's segments stay {@code replaying} until they pass the position the
     * rebuild was asked at (Axon's replay token semantics). {@code segments} and {@code deadLetters} are empty/null for processors
     * without them (subscribing).
     */
    public record ProcessorStatus(String name, String type, boolean running, boolean error, boolean replaying,
                                  boolean caughtUp, boolean stalled, Long lag, Long deadLetters,
                                  List<ReadModelProgress.Segment> segments, ReadModelProgress.Failure lastFailure) {
    }

    /**
     * One read model. {@code status}: {@code rebuilding} while a rebuild of it is in progress, else
     * {@code error} (its processor or a segment in error, or stalled), {@code stopped}, or {@code live};
     * {@code position}: the lowest over its segments; {@code lag}: events between the head and it;
     * {@code lastError}: its processor's last failed batch, else the rebuild's last error; {@code rebuild}: the
     * latest rebuild (in progress or finished), with its progress, events/s and ETA.
     */
    public record ReadModelStatus(String name, String status, List<ReadModelProgress.Segment> segments, Long position,
                                  Long head, Long lag, Long deadLetters, String lastError,
                                  ProjectionRebuilds.Rebuild rebuild) {
    }

    /** {@code lastReconciliation}: informative only (health ignores it); null before the first check. */
    public record Overview(Long headPosition, List<ReadModelStatus> readModels, List<ProcessorStatus> processors,
                           ReadModelReconciliation.Report lastReconciliation) {
    }

    public Overview overview() {
        Long head = head();
        List<ProcessorStatus> processors = new ArrayList<>();
        new TreeMap<>(processing.eventProcessors()).values().forEach(p -> processors.add(status(p, head)));
        List<ReadModelStatus> readModels = new ArrayList<>();
        for (String group : Projections.ALL) {
            ProcessorStatus processor = processors.stream().filter(p -> p.name().equals(group)).findFirst().orElse(null);
            readModels.add(readModel(group, processor, head));
        }
        return new Overview(head, readModels, processors, reconciliation.last());
    }

    private ReadModelStatus readModel(String group, ProcessorStatus processor, Long head) {
        ProjectionRebuilds.Rebuild rebuild = rebuilds.find(group).orElse(null);
        boolean rebuilding = rebuild != null && ProjectionRebuilds.ACTIVE.contains(rebuild.status());
        String status = rebuilding ? "rebuilding"
                : processor == null || !processor.running() ? "stopped"
                : processor.error() || processor.stalled() ? "error" : "live";
        List<ReadModelProgress.Segment> segments = processor == null ? List.of() : processor.segments();
        Long position = segments.isEmpty() || segments.stream().anyMatch(s -> s.position() == null) ? null
                : segments.stream().mapToLong(ReadModelProgress.Segment::position).min().orElseThrow();
        String lastError = processor != null && processor.lastFailure() != null ? processor.lastFailure().message()
                : rebuilding ? rebuild.error() : null;
        return new ReadModelStatus(group, status, segments, position, head, processor == null ? null : processor.lag(),
                processor == null ? null : processor.deadLetters(), lastError, rebuild);
    }

    static DomainException unknown(String group) {
        return DomainException.rule(ErrorCode.NOT_FOUND, "No read-model processing group " + group + "; known: "
                + String.join(", ", Projections.ALL));
    }

    private ProcessorStatus status(EventProcessor processor, Long head) {
        Long deadLetters = processing.deadLetterQueue(processor.getName())
                .map(SequencedDeadLetterQueue::size).orElse(null);
        if (!(processor instanceof StreamingEventProcessor streaming)) {
            return new ProcessorStatus(processor.getName(), processor.getClass().getSimpleName(),
                    processor.isRunning(), processor.isError(), false, true, false, 0L, deadLetters, List.of(),
                    progress.lastFailure(processor.getName()));
        }
        ReadModelProgress.Group group = progress.group(processor.getName(), head);
        List<ReadModelProgress.Segment> segments = group.segments();
        return new ProcessorStatus(processor.getName(), processor.getClass().getSimpleName(), processor.isRunning(),
                streaming.isError() || segments.stream().anyMatch(s -> s.error() != null),
                segments.stream().anyMatch(ReadModelProgress.Segment::replaying),
                !segments.isEmpty() && segments.stream().allMatch(ReadModelProgress.Segment::caughtUp),
                group.stalled(), group.lag(), deadLetters, segments, group.lastFailure());
    }

    private Long head() {
        return progress.head();
    }
}
