package com.itvision.maintenance.projections.support;

import com.itvision.maintenance.kernel.common.StorableText;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.TableField;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writes of one projection. Statements of a processor batch are collected and sent to PostgreSQL as
 * one JDBC batch when the batch's unit of work prepares to commit: in the same transaction as the
 * token update, in event order, one round trip instead of one per row. Handlers therefore only write,
 * never read what the batch wrote; every statement is idempotent (upsert, or update guarded by version).
 *
 * <p>A poison event must not stop the world: if the batch fails, it is rolled back to a savepoint and
 * replayed event by event (each event's statements in their own savepoint); the event that fails goes to
 * the processing group's dead-letter queue (its aggregate's later events follow it there, Axon's
 * sequenced DLQ), the others are kept.
 *
 * <p>A dead letter being retried ({@code SequencedDeadLetterProcessor}) is written when its own unit of
 * work commits, and a failure is thrown rather than dead-lettered again: Axon then requeues that very
 * letter with the new cause (it keeps its id, place and enqueue time), stops the sequence there and the
 * retry counts as failed. Dead-lettering it from here would swap it for a copy and report a success.
 */
public final class ProjectionBatch {
    private static final Logger log = LoggerFactory.getLogger(ProjectionBatch.class);

    private final DSLContext dsl;
    private final String processingGroup;
    private final Supplier<Optional<SequencedDeadLetterQueue<EventMessage<?>>>> deadLetters;
    private final String resource;

    /**
     * @param processingGroup the processor whose batches these are ({@code G}, or {@code G#rebuild} for a
     *                        rebuild, which writes into other tables: the resource key keeps them apart)
     * @param deadLetters     that processor's dead-letter queue
     */
    ProjectionBatch(DSLContext dsl, String processingGroup,
                    Supplier<Optional<SequencedDeadLetterQueue<EventMessage<?>>>> deadLetters) {
        this.dsl = dsl;
        this.processingGroup = processingGroup;
        this.deadLetters = deadLetters;
        this.resource = ProjectionBatch.class.getName() + "/" + processingGroup;
    }

    private record Pending(EventMessage<?> event, Query query) {
    }

    public DSLContext dsl() {
        return dsl;
    }

    public void add(Query query) {
        storable(query);
        if (!CurrentUnitOfWork.isStarted()) {
            query.execute();
            return;
        }
        UnitOfWork<?> current = CurrentUnitOfWork.get();
        UnitOfWork<?> retry = deadLetterRetry(current);
        UnitOfWork<?> owner = retry != null ? retry : current.root();
        List<Pending> pending = owner.getOrComputeResource(resource, key -> {
            List<Pending> queries = new ArrayList<>();
            owner.onPrepareCommit(uow -> {
                if (retry != null) {
                    flushRetry(queries);
                } else {
                    flush(queries);
                }
            });
            return queries;
        });
        pending.add(new Pending((EventMessage<?>) current.getMessage(), query));
    }

    /**
     * PostgreSQL {@code text} cannot hold NUL ("invalid byte sequence for encoding UTF8: 0x00"): an event with
     * one would fail every batch it is in, be dead-lettered and take every later event of its aggregate with
     * it, for ever, since no retry can change the event. The edge and the command bus refuse such text now
     * ({@code StorableText}), but events stored before they did, or by a path that bypassed them, must still
     * project: every NUL bound to a statement becomes U+FFFD, the Unicode replacement character, which is
     * what a reader would see for a character that cannot be shown. The event itself keeps the original.
     */
    static Query storable(Query query) {
        for (Map.Entry<String, Param<?>> param : query.getParams().entrySet()) {
            if (param.getValue().getValue() instanceof String text && text.indexOf('\0') >= 0) {
                query.bind(param.getKey(), StorableText.withoutNul(text));
            }
        }
        return query;
    }

    /** The unit of work of a dead letter being retried, if {@code current} runs inside one. */
    private static UnitOfWork<?> deadLetterRetry(UnitOfWork<?> current) {
        for (UnitOfWork<?> uow = current; uow != null; uow = uow.parent().orElse(null)) {
            if (uow.resources().containsKey(DeadLetter.class.getName())) {
                return uow;
            }
        }
        return null;
    }

    /**
     * Applies {@code changes} to the row {@code key = id}, moves it to aggregate version {@code seq} and
     * counts the event in its {@value #APPLIED} column (the reconciliation check compares that count with
     * the event store), unless it already reflects that event (an event delivered twice changes nothing).
     * Every update of a versioned read row goes through here; its insert sets {@value #APPLIED} to 1.
     */
    public <R extends Record> void guardedUpdate(Table<R> table, TableField<R, String> key, String id,
                                                 TableField<R, Long> version, long seq,
                                                 Map<? extends Field<?>, ?> changes) {
        Field<Integer> applied = applied(table);
        Map<Field<?>, Object> values = new LinkedHashMap<>(changes);
        values.put(version, seq);
        values.put(applied, applied.plus(1));
        add(dsl.update(table).set(values).where(key.eq(id)).and(version.lt(seq)));
    }

    /** The count of applied events every versioned read row carries. */
    public static final String APPLIED = "applied";

    /** {@code table}'s {@value #APPLIED} column; a versioned table without one is a programming error. */
    static Field<Integer> applied(Table<?> table) {
        Field<?> field = table.field(APPLIED);
        if (field == null || !Integer.class.equals(field.getType())) {
            throw new IllegalStateException(table.getName() + " has no integer " + APPLIED
                    + " column: every version-guarded read row counts its applied events");
        }
        @SuppressWarnings("unchecked")
        Field<Integer> applied = (Field<Integer>) field;
        return applied;
    }

    private void flush(List<Pending> pending) {
        if (pending.isEmpty()) {
            return;
        }
        List<Query> queries = pending.stream().map(Pending::query).toList();
        try {
            dsl.transaction(nested -> {
                if (queries.size() == 1) {
                    queries.getFirst().execute();
                } else {
                    dsl.batch(queries).execute();
                }
            });
        } catch (RuntimeException batchFailure) {
            log.warn("{}: batch of {} statements failed ({}); replaying one by one", processingGroup,
                    queries.size(), batchFailure.getMessage());
            replayOneByOne(pending);
        }
        pending.clear();
    }

    /** A retried dead letter: all or nothing (savepoint), a failure goes back to Axon, which requeues it. */
    private void flushRetry(List<Pending> pending) {
        List<Query> queries = pending.stream().map(Pending::query).toList();
        pending.clear();
        if (!queries.isEmpty()) {
            dsl.transaction(nested -> dsl.batch(queries).execute());
        }
    }

    private void replayOneByOne(List<Pending> pending) {
        Set<String> deadSequences = new HashSet<>();
        Map<String, List<Pending>> byEvent = new LinkedHashMap<>();
        pending.forEach(p -> byEvent.computeIfAbsent(p.event().getIdentifier(), id -> new ArrayList<>()).add(p));
        for (List<Pending> statements : byEvent.values()) {
            EventMessage<?> event = statements.getFirst().event();
            String sequence = sequenceOf(event);
            if (deadSequences.contains(sequence)) {
                deadLetter(sequence, event, new IllegalStateException("an earlier event of " + sequence
                        + " is dead-lettered"));
                continue;
            }
            try {
                dsl.transaction(nested -> statements.forEach(p -> p.query().execute()));
            } catch (RuntimeException failure) {
                deadSequences.add(sequence);
                deadLetter(sequence, event, failure);
            }
        }
    }

    private void deadLetter(String sequence, EventMessage<?> event, Throwable cause) {
        var queue = deadLetters.get()
                .orElseThrow(() -> new IllegalStateException("No dead-letter queue for " + processingGroup, cause));
        log.error("{}: event {} ({}) of {} dead-lettered: {}", processingGroup, event.getIdentifier(),
                event.getPayloadType().getSimpleName(), sequence, cause.getMessage());
        // cause_message holds 1023 characters (Axon's own enqueue policy truncates too): a longer SQL error
        // would make the enqueue, and so the whole batch, fail, and the processor would retry it forever
        queue.enqueue(sequence, new GenericDeadLetter<>(sequence, event)
                .withCause(ThrowableCause.truncated(cause)));
    }

    private static String sequenceOf(EventMessage<?> event) {
        return event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : event.getIdentifier();
    }

    public static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
