package com.itvision.maintenance.projections.support;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.TableField;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The writes of one projection. Statements of a processor batch are collected and sent to PostgreSQL as
 * one JDBC batch when the batch's unit of work prepares to commit: in the same transaction as the
 * token update, in event order, one round trip instead of one per row. Handlers therefore only write,
 * never read what the batch wrote; every statement is idempotent (upsert, or update guarded by version).
 *
 * <p>A poison event must not stop the world: if the batch fails, it is rolled back to a savepoint and
 * replayed statement by statement; the event whose statement fails goes to the processing group's
 * dead-letter queue (its aggregate's later events follow it there, Axon's sequenced DLQ), the others
 * are kept.
 */
public final class ProjectionBatch {
    private static final Logger log = LoggerFactory.getLogger(ProjectionBatch.class);

    private final DSLContext dsl;
    private final String processingGroup;
    private final ObjectProvider<EventProcessingConfiguration> processing;
    private final String resource;

    ProjectionBatch(DSLContext dsl, String processingGroup, ObjectProvider<EventProcessingConfiguration> processing) {
        this.dsl = dsl;
        this.processingGroup = processingGroup;
        this.processing = processing;
        this.resource = ProjectionBatch.class.getName() + "/" + processingGroup;
    }

    private record Pending(EventMessage<?> event, Query query) {
    }

    public DSLContext dsl() {
        return dsl;
    }

    public void add(Query query) {
        if (!CurrentUnitOfWork.isStarted()) {
            query.execute();
            return;
        }
        UnitOfWork<?> current = CurrentUnitOfWork.get();
        UnitOfWork<?> root = current.root();
        List<Pending> pending = root.getOrComputeResource(resource, key -> {
            List<Pending> queries = new ArrayList<>();
            root.onPrepareCommit(uow -> flush(queries));
            return queries;
        });
        pending.add(new Pending((EventMessage<?>) current.getMessage(), query));
    }

    /**
     * Applies {@code changes} to the row {@code key = id} and moves it to aggregate version {@code seq},
     * unless it already reflects that event (an event delivered twice changes nothing).
     */
    public <R extends Record> void guardedUpdate(Table<R> table, TableField<R, String> key, String id,
                                                 TableField<R, Long> version, long seq,
                                                 Map<? extends Field<?>, ?> changes) {
        Map<Field<?>, Object> values = new LinkedHashMap<>(changes);
        values.put(version, seq);
        add(dsl.update(table).set(values).where(key.eq(id)).and(version.lt(seq)));
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

    private void replayOneByOne(List<Pending> pending) {
        Set<String> deadSequences = new HashSet<>();
        Set<String> deadEvents = new HashSet<>();
        for (Pending p : pending) {
            String sequence = sequenceOf(p.event());
            if (deadSequences.contains(sequence)) {
                if (deadEvents.add(p.event().getIdentifier())) {
                    deadLetter(sequence, p.event(), new IllegalStateException("an earlier event of " + sequence
                            + " is dead-lettered"));
                }
                continue;
            }
            try {
                dsl.transaction(nested -> p.query().execute());
            } catch (RuntimeException failure) {
                deadSequences.add(sequence);
                deadEvents.add(p.event().getIdentifier());
                deadLetter(sequence, p.event(), failure);
            }
        }
    }

    private void deadLetter(String sequence, EventMessage<?> event, Throwable cause) {
        var queue = processing.getObject().deadLetterQueue(processingGroup)
                .orElseThrow(() -> new IllegalStateException("No dead-letter queue for " + processingGroup, cause));
        log.error("{}: event {} ({}) of {} dead-lettered: {}", processingGroup, event.getIdentifier(),
                event.getPayloadType().getSimpleName(), sequence, cause.getMessage());
        queue.enqueue(sequence, new GenericDeadLetter<>(sequence, event, cause));
    }

    private static String sequenceOf(EventMessage<?> event) {
        return event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : event.getIdentifier();
    }

    public static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
