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
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The event processors as operators see them (progress of each segment, errors, dead letters), and the
 * rebuild of a read model: stop its processor, reset its tokens to the first event (its
 * {@code @ResetHandler} truncates its tables and its dead letters are cleared, in the same transaction),
 * start it again. The rebuild then runs in the background; {@link #overview()} shows when it is done, and
 * the last {@link ReadModelReconciliation} result.
 */
@Component
public class ProjectionOperations {
    private static final Logger log = LoggerFactory.getLogger(ProjectionOperations.class);

    private final EventProcessingConfiguration processing;
    private final ReadModelReconciliation reconciliation;
    private final ReadModelProgress progress;

    public ProjectionOperations(EventProcessingConfiguration processing, ReadModelReconciliation reconciliation,
                                ReadModelProgress progress) {
        this.processing = processing;
        this.reconciliation = reconciliation;
        this.progress = progress;
    }

    /**
     * {@code lag}: events between the store's head and the least advanced segment (0: current), from the
     * stored tokens, so a segment nobody is processing counts. {@code stalled}: a segment has been behind
     * the head without moving for {@code maintenance.projections.stall-after}; {@code lastFailure}: the last
     * failed batch. A replay that reached the head stays {@code replaying} until the next event (Axon's
     * replay token semantics). {@code segments} and {@code deadLetters} are empty/null for processors
     * without them (subscribing).
     */
    public record ProcessorStatus(String name, String type, boolean running, boolean error, boolean replaying,
                                  boolean caughtUp, boolean stalled, Long lag, Long deadLetters,
                                  List<ReadModelProgress.Segment> segments, ReadModelProgress.Failure lastFailure) {
    }

    /** {@code lastReconciliation}: informative only (health ignores it); null before the first check. */
    public record Overview(Long headPosition, List<ProcessorStatus> processors,
                           ReadModelReconciliation.Report lastReconciliation) {
    }

    public Overview overview() {
        Long head = head();
        List<ProcessorStatus> processors = new ArrayList<>();
        new TreeMap<>(processing.eventProcessors()).values().forEach(p -> processors.add(status(p, head)));
        return new Overview(head, processors, reconciliation.last());
    }

    /**
     * Starts the rebuild of {@code group}'s read model; 404 NOT_FOUND for anything but a projection, 409
     * CONCURRENT_MODIFICATION while another node holds one of its segments (nothing is reset then).
     */
    public synchronized ProcessorStatus replay(String group) {
        StreamingEventProcessor processor = projection(group);
        log.warn("Rebuilding read model {}: its processor stops, its tables are truncated and replayed", group);
        processor.shutDown();
        try {
            processor.resetTokens(StreamableMessageSource::createTailToken);
        } catch (UnableToClaimTokenException e) {
            throw DomainException.rule(ErrorCode.CONCURRENT_MODIFICATION, "Another node holds a segment of " + group
                    + ": stop its processor there first (" + e.getMessage() + ")");
        } finally {
            processor.start();
        }
        return status(processor, head());
    }

    StreamingEventProcessor projection(String group) {
        if (!Projections.ALL.contains(group)) {
            throw unknown(group);
        }
        return processing.eventProcessor(group, StreamingEventProcessor.class).orElseThrow(() -> unknown(group));
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
