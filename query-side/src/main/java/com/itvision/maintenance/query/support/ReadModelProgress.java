package com.itvision.maintenance.query.support;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.table;

import com.itvision.maintenance.projections.support.Projections;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record4;
import org.springframework.stereotype.Component;

/**
 * How far the read models have come, for read-your-writes ({@link MinPosition}). The segments are those
 * stored in {@code token_entry}, whoever has claimed them: a segment claimed by another node, or by
 * nobody (released, or dropped after a failure, waiting to be retried), counts where its stored token
 * is, which is committed with its rows and does not move while the segment is stuck. A segment this node
 * reports in error counts as not there, whatever its token says.
 */
@Component
public class ReadModelProgress {
    private static final Field<String> PROCESSOR = field("processor_name", String.class);
    private static final Field<Integer> SEGMENT = field("segment", Integer.class);
    private static final Field<byte[]> TOKEN = field("token", byte[].class);
    private static final Field<String> TOKEN_TYPE = field("token_type", String.class);

    private final DSLContext dsl;
    private final Serializer serializer;
    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;

    public ReadModelProgress(DSLContext dsl, Serializer serializer, EventProcessingConfiguration processing,
                             EventStore eventStore) {
        this.dsl = dsl;
        this.serializer = serializer;
        this.processing = processing;
        this.eventStore = eventStore;
    }

    /** The global position of the last stored event (0 for an empty store). */
    public long head() {
        TrackingToken head = eventStore.createHeadToken();
        OptionalLong position = head == null ? OptionalLong.empty() : head.position();
        return position.orElse(0);
    }

    /**
     * Every read-model segment's progress at one moment. A segment this node has claimed counts where its
     * processor has come: it advances after a batch commits, and at once past the events of other
     * segments, which the stored token only records every few seconds. Any other segment, claimed by
     * another node or by nobody, counts where its stored token is.
     */
    public Snapshot snapshot() {
        Map<String, Map<Integer, TrackingToken>> tokens = new HashMap<>();
        for (Record4<String, Integer, byte[], String> row : dsl.select(PROCESSOR, SEGMENT, TOKEN, TOKEN_TYPE)
                .from(table("token_entry")).where(PROCESSOR.in(Projections.ALL)).fetch()) {
            byte[] token = row.value3();
            tokens.computeIfAbsent(row.value1(), group -> new TreeMap<>()).put(row.value2(), token == null ? null
                    : serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, row.value4(), null)));
        }
        Set<String> inError = new HashSet<>();
        for (String group : Projections.ALL) {
            Map<Integer, TrackingToken> segments = tokens.getOrDefault(group, Map.of());
            processing.eventProcessor(group, StreamingEventProcessor.class).ifPresent(processor -> {
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

    /** The read models at one moment. */
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
}
