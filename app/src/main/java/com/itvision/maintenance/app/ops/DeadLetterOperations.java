package com.itvision.maintenance.app.ops;

import com.itvision.maintenance.projections.support.Projections;
import com.itvision.maintenance.kernel.common.Actor;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The read models' dead letters (Axon's sequenced queues, table {@code dead_letter_entry}): what failed,
 * why, and a retry once the cause is fixed. A sequence (one aggregate) is retried in order and stops at
 * its first letter that fails again, which stays in place with its new cause.
 */
@Component
public class DeadLetterOperations {
    private static final Logger log = LoggerFactory.getLogger(DeadLetterOperations.class);

    private final EventProcessingConfiguration processing;
    private final DSLContext dsl;
    private final TransactionTemplate transaction;
    private final Clock clock;

    public DeadLetterOperations(EventProcessingConfiguration processing, DSLContext dsl,
                                PlatformTransactionManager transactions, Clock clock) {
        this.processing = processing;
        this.dsl = dsl;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** Letters discarded (each now a row of {@code dead_letter_discard}) and letters left in the group. */
    public record DiscardResult(String group, long discarded, long remaining) {
    }

    /**
     * Discards the letters of {@code group} (of one sequence, when {@code sequenceIdentifier} is given): each is
     * copied into {@code dead_letter_discard} with who, when, why and the request's correlation id, and removed
     * from the queue, in one transaction. The events stay in the store; a rebuild would try them again.
     */
    public DiscardResult discard(String group, String sequenceIdentifier, String reason, Actor actor,
                                 String correlationId) {
        queue(group);
        return transaction.execute(tx -> {
            String only = " WHERE processing_group = ? AND (?::varchar IS NULL OR sequence_identifier = ?::varchar)";
            // one statement: the letters deleted are exactly the letters recorded, even when a processor parks
            // another letter of the group meanwhile (two statements under READ COMMITTED could see different rows)
            int discarded = dsl.execute("WITH discarded AS (DELETE FROM dead_letter_entry" + only
                            + " RETURNING processing_group, sequence_identifier, sequence_index, event_identifier, "
                            + "payload_type, aggregate_identifier, sequence_number, cause_type, cause_message, "
                            + "enqueued_at) INSERT INTO dead_letter_discard (processing_group, sequence_identifier, "
                            + "event_identifier, payload_type, aggregate_identifier, sequence_number, cause_type, "
                            + "cause_message, enqueued_at, discarded_by, discarded_roles, discarded_at, reason, "
                            + "correlation_id) SELECT processing_group, sequence_identifier, event_identifier, "
                            + "payload_type, aggregate_identifier, sequence_number, cause_type, cause_message, "
                            + "enqueued_at, ?, ?, ?::timestamptz, ?, ? FROM discarded"
                            + " ORDER BY sequence_identifier, sequence_index",
                    group, sequenceIdentifier, sequenceIdentifier, actor.userId().value(), actor.rolesLabel(),
                    clock.instant().atOffset(ZoneOffset.UTC), reason, correlationId);
            long remaining = dsl.fetchValue("SELECT count(*) FROM dead_letter_entry WHERE processing_group = ?",
                    group) instanceof Number n ? n.longValue() : 0;
            log.warn("{}: {} dead letters discarded by {} ({}): {}", group, discarded, actor.userId().value(),
                    sequenceIdentifier == null ? "all sequences" : sequenceIdentifier, reason);
            return new DiscardResult(group, discarded, remaining);
        });
    }

    public record Letter(String group, String sequenceIdentifier, String eventType, String eventId,
                         String aggregateId, Long aggregateSequenceNumber, String causeType, String causeMessage,
                         Instant enqueuedAt, Instant lastTouched) {
    }

    /** {@code total} counts every letter of the groups listed; {@code letters} stops at the limit. */
    public record Listing(long total, List<Letter> letters) {
    }

    /** Letters processed successfully (and removed), letters still queued, sequences tried and failed. */
    public record RetryResult(String group, long succeeded, long remaining, int sequencesTried, int sequencesFailed) {
    }

    public Listing list(String group, int limit) {
        List<String> groups = group == null ? Projections.ALL : List.of(group);
        long total = 0;
        List<Letter> letters = new ArrayList<>();
        for (String g : groups) {
            SequencedDeadLetterQueue<EventMessage<?>> queue = queue(g);
            total += queue.size();
            Iterator<Iterable<DeadLetter<? extends EventMessage<?>>>> sequences = queue.deadLetters().iterator();
            while (letters.size() < limit && sequences.hasNext()) {
                Iterator<DeadLetter<? extends EventMessage<?>>> sequence = sequences.next().iterator();
                while (letters.size() < limit && sequence.hasNext()) {
                    letters.add(letter(g, sequence.next()));
                }
            }
        }
        return new Listing(total, letters);
    }

    /** Retries every sequence of {@code group} once (each at most once per call, oldest touched first). */
    public RetryResult retry(String group) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(group);
        SequencedDeadLetterProcessor<EventMessage<?>> processor = processing.sequencedDeadLetterProcessor(group)
                .orElseThrow(() -> ProjectionOperations.unknown(group));
        long before = queue.size();
        long sequences = queue.amountOfSequences();
        int tried = 0;
        int failed = 0;
        for (long i = 0; i < sequences && queue.size() > 0; i++) {
            tried++;
            boolean processed;
            try {
                processed = processor.processAny();
            } catch (RuntimeException e) {
                log.warn("{}: retrying dead letters failed: {}", group, e.getMessage());
                processed = false;
            }
            if (!processed) {
                failed++;
            }
        }
        long after = queue.size();
        log.info("{}: dead-letter retry, {} sequences tried, {} failed, {} letters left", group, tried, failed, after);
        return new RetryResult(group, Math.max(0, before - after), after, tried, failed);
    }

    private SequencedDeadLetterQueue<EventMessage<?>> queue(String group) {
        if (!Projections.ALL.contains(group)) {
            throw ProjectionOperations.unknown(group);
        }
        return processing.deadLetterQueue(group).orElseThrow(() -> ProjectionOperations.unknown(group));
    }

    private static Letter letter(String group, DeadLetter<? extends EventMessage<?>> letter) {
        EventMessage<?> event = letter.message();
        String aggregateId = event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : null;
        Long sequenceNumber = event instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : null;
        String sequence = letter instanceof JdbcDeadLetter<?> jdbc ? jdbc.getSequenceIdentifier() : aggregateId;
        Cause cause = letter.cause().orElse(null);
        return new Letter(group, sequence, event.getPayloadType().getSimpleName(), event.getIdentifier(), aggregateId,
                sequenceNumber, cause == null ? null : cause.type(), cause == null ? null : cause.message(),
                letter.enqueuedAt(), letter.lastTouched());
    }
}
