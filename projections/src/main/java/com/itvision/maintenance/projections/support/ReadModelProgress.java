package com.itvision.maintenance.projections.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.ErrorContext;
import org.axonframework.eventhandling.ErrorHandler;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How far each read model really is, segment by segment, for the operations endpoint, health and
 * read-your-writes. The stored tokens ({@code token_entry}) are the ground truth: a segment whose work
 * failed is no longer in its processor's in-memory status (Axon drops it and retries it later), so
 * reading only that status showed a segment stuck on one event for minutes as lag 0 and healthy.
 *
 * <p>A segment is <em>stalled</em> when it has been behind the store's head for
 * {@code maintenance.projections.stall-after} (30 s) without its position moving at all: nobody
 * processes it (unclaimed, or its work keeps failing and being retried). A segment catching up, however
 * far behind, moves and is not stalled. The last failure of each processor is kept ({@link #errorHandler()}).
 */
@Component
public class ReadModelProgress {
    private final ObjectProvider<EventProcessingConfiguration> processing;
    private final DSLContext dsl;
    private final Serializer serializer;
    private final Clock clock;
    private final Duration stallAfter;
    private final Map<String, Watch> watches = new ConcurrentHashMap<>();
    private final Map<String, Failure> failures = new ConcurrentHashMap<>();

    public ReadModelProgress(ObjectProvider<EventProcessingConfiguration> processing, DSLContext dsl,
                             Serializer serializer, Clock clock,
                             @Value("${maintenance.projections.stall-after:30s}") Duration stallAfter) {
        this.processing = processing;
        this.dsl = dsl;
        this.serializer = serializer;
        this.clock = clock;
        this.stallAfter = stallAfter;
    }

    /**
     * One segment. {@code position}: the furthest of its stored token and its live status here;
     * {@code owner}: the node holding its claim (null: nobody); {@code behindSince}: since when it has been
     * behind the head without moving (null: it is not, or it moved since).
     */
    public record Segment(int segment, Long position, String owner, boolean processedHere, boolean caughtUp,
                          boolean replaying, String error, Instant behindSince, boolean stalled) {
    }

    /** @param lastFailure the last failure of a batch of this processor, if any since start */
    public record Group(String name, List<Segment> segments, Long lag, boolean stalled, Failure lastFailure) {
        /** Whether every segment has processed {@code position}, and none is stalled. */
        public boolean reached(long position) {
            return !segments.isEmpty() && !stalled
                    && segments.stream().allMatch(s -> s.position() != null && s.position() >= position);
        }
    }

    public record Failure(Instant at, String message) {
    }

    private record Watch(long position, Instant behindSince) {
    }

    /** The progress of read-model processing group {@code name} against the store's {@code head}. */
    public Group group(String name, Long head) {
        Map<Integer, EventTrackerStatus> live = processing.getObject()
                .eventProcessor(name, StreamingEventProcessor.class)
                .map(StreamingEventProcessor::processingStatus).orElse(Map.of());
        Instant now = clock.instant();
        List<Segment> segments = new ArrayList<>();
        for (Record row : dsl.fetch("SELECT segment, owner, token_type, token FROM token_entry "
                + "WHERE processor_name = ? ORDER BY segment", name)) {
            int segment = row.get("segment", Integer.class);
            EventTrackerStatus status = live.get(segment);
            Long position = furthest(stored(row.get("token_type", String.class), row.get("token", byte[].class)),
                    status == null ? null : status.getCurrentPosition());
            Instant behindSince = watch(name + "/" + segment, position, head, now);
            boolean stalled = behindSince != null && !behindSince.plus(stallAfter).isAfter(now);
            segments.add(new Segment(segment, position, row.get("owner", String.class), status != null,
                    status != null && status.isCaughtUp() && !stalled, status != null && status.isReplaying(),
                    status != null && status.isErrorState() ? String.valueOf(status.getError()) : null,
                    behindSince, stalled));
        }
        Long lag = head == null || segments.isEmpty() || segments.stream().anyMatch(s -> s.position() == null) ? null
                : Math.max(0, head - segments.stream().mapToLong(Segment::position).min().orElseThrow());
        return new Group(name, segments, lag, segments.stream().anyMatch(Segment::stalled), failures.get(name));
    }

    /** The last failed batch of {@code processor} since start, or null. */
    public Failure lastFailure(String processor) {
        return failures.get(processor);
    }

    /** Since when {@code key} has been behind {@code head} without moving; null when it is not behind. */
    private Instant watch(String key, Long position, Long head, Instant now) {
        if (position == null || head == null || position >= head) {
            watches.remove(key);
            return null;
        }
        Watch watch = watches.compute(key, (k, previous) -> previous == null || previous.position() != position
                ? new Watch(position, now) : previous);
        return watch.behindSince();
    }

    private Long stored(String type, byte[] token) {
        if (type == null || token == null) {
            return null;
        }
        TrackingToken tracking = serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, type, null));
        OptionalLong position = tracking.position();
        return position.isPresent() ? position.getAsLong() : null;
    }

    private static Long furthest(Long stored, OptionalLong live) {
        if (live == null || live.isEmpty()) {
            return stored;
        }
        return stored == null ? live.getAsLong() : Math.max(stored, live.getAsLong());
    }

    /**
     * The error handler of every event processor: keeps each processor's last failure for operators, then
     * propagates it (the batch fails, Axon retries it; nothing is skipped).
     */
    public ErrorHandler errorHandler() {
        return (ErrorContext context) -> {
            failures.put(context.eventProcessor(), new Failure(clock.instant(), rootMessage(context.error())));
            throw context.error() instanceof Exception e ? e : new IllegalStateException(context.error());
        };
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getClass().getSimpleName() + ": " + root.getMessage();
        return message.length() > 500 ? message.substring(0, 500) : message;
    }
}
