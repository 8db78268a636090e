package com.itvision.maintenance.projections.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.ErrorContext;
import org.axonframework.eventhandling.ErrorHandler;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
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
 *
 * <p>For read-your-writes ({@link #snapshot()}) a segment claimed on this node counts where its processor
 * has come (it moves past other segments' events at once, while the stored token is written every few
 * seconds), any other segment where its stored token is; a segment in error here counts as not there.
 */
@Component
public class ReadModelProgress {
    private final ObjectProvider<EventProcessingConfiguration> processing;
    private final ObjectProvider<EventStore> eventStore;
    private final DSLContext dsl;
    private final Serializer serializer;
    private final Clock clock;
    private final Duration stallAfter;
    private final Map<String, Watch> watches = new ConcurrentHashMap<>();
    private final Map<String, Failure> failures = new ConcurrentHashMap<>();

    /** This node's name in {@code token_entry.owner}: the token store is built with it (AxonConfiguration). */
    public static final String NODE_ID = java.lang.management.ManagementFactory.getRuntimeMXBean().getName();

    public ReadModelProgress(ObjectProvider<EventProcessingConfiguration> processing,
                             ObjectProvider<EventStore> eventStore, DSLContext dsl, Serializer serializer, Clock clock,
                             @Value("${maintenance.projections.stall-after:30s}") Duration stallAfter) {
        this.processing = processing;
        this.eventStore = eventStore;
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
    }

    public record Failure(Instant at, String message) {
    }

    private record Watch(long position, Instant behindSince) {
    }

    /** The global position of the last stored event (0 for an empty store). */
    public long head() {
        TrackingToken head = eventStore.getObject().createHeadToken();
        OptionalLong position = head == null ? OptionalLong.empty() : head.position();
        return position.orElse(0);
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
            // this node's own view counts only for a segment the store says this node holds: after a rebuild's
            // swap (ADR 0015) the tokens are the rebuild's, unclaimed, while another node's processor may still
            // report the old tables' position until its next poll; trusting it would let X-Min-Position answer
            // "reached" for a position the new tables do not hold yet
            EventTrackerStatus status = NODE_ID.equals(row.get("owner", String.class)) ? live.get(segment) : null;
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
        return storedPosition(serializer, type, token);
    }

    /** The position of a token as {@code token_entry} stores it (type and bytes); null when it has none. */
    public static Long storedPosition(Serializer serializer, String type, byte[] token) {
        TrackingToken tracking = token(serializer, type, token);
        OptionalLong position = tracking == null ? OptionalLong.empty() : tracking.position();
        return position.isPresent() ? position.getAsLong() : null;
    }

    private TrackingToken token(String type, byte[] token) {
        return token(serializer, type, token);
    }

    private static TrackingToken token(Serializer serializer, String type, byte[] token) {
        return type == null || token == null ? null
                : serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, type, null));
    }

    /**
     * Every read-model segment's token at one moment, for read-your-writes: one query for all groups, so a
     * poller deciding many waiting requests reads once.
     */
    public Snapshot snapshot() {
        Map<String, Map<Integer, TrackingToken>> tokens = new HashMap<>();
        for (Record row : dsl.fetch("SELECT processor_name, segment, token_type, token FROM token_entry "
                + "WHERE processor_name = ANY (?)", (Object) Projections.ALL.toArray(String[]::new))) {
            tokens.computeIfAbsent(row.get("processor_name", String.class), group -> new TreeMap<>())
                    .put(row.get("segment", Integer.class),
                            token(row.get("token_type", String.class), row.get("token", byte[].class)));
        }
        Set<String> inError = new HashSet<>();
        for (String group : Projections.ALL) {
            Map<Integer, TrackingToken> segments = tokens.getOrDefault(group, Map.of());
            processing.getObject().eventProcessor(group, StreamingEventProcessor.class).ifPresent(processor -> {
                if (processor.isError()) {
                    inError.add(group);
                }
                processor.processingStatus().forEach((segment, status) -> {
                    if (status.isErrorState()) {
                        inError.add(group);
                    } else if (segments.containsKey(segment)) {
                        segments.put(segment, status.getTrackingToken());
                    }
                });
            });
        }
        Map<String, List<TrackingToken>> bySegment = new HashMap<>();
        tokens.forEach((group, segments) -> bySegment.put(group, new ArrayList<>(segments.values())));
        return new Snapshot(bySegment, inError);
    }

    /** The read models' tokens at one moment. */
    public static final class Snapshot {
        private final Map<String, List<TrackingToken>> tokens;
        private final Set<String> inError;

        Snapshot(Map<String, List<TrackingToken>> tokens, Set<String> inError) {
            this.tokens = tokens;
            this.inError = inError;
        }

        /**
         * True when every segment of every read model has committed the event at {@code position}: its
         * token is at or past it and does not list it as a gap (an event whose transaction committed after a
         * later one was read). False for a read model with no stored tokens or with a segment in error here.
         */
        public boolean reached(long position) {
            if (position <= 0) {
                return true;
            }
            for (String group : Projections.ALL) {
                List<TrackingToken> segments = tokens.get(group);
                if (segments == null || segments.isEmpty() || inError.contains(group)) {
                    return false;
                }
                for (TrackingToken token : segments) {
                    if (!covers(token, position)) {
                        return false;
                    }
                }
            }
            return true;
        }

        private static boolean covers(TrackingToken token, long position) {
            if (token == null) {
                return false;
            }
            TrackingToken lower = WrappedToken.unwrapLowerBound(token);
            if (lower instanceof GapAwareTrackingToken gapAware) {
                return gapAware.getIndex() >= position && !gapAware.getGaps().contains(position);
            }
            return lower != null && lower.position().orElse(-1) >= position;
        }
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
