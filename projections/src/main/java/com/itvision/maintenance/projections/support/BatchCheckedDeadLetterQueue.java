package com.itvision.maintenance.projections.support;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.DeadLetterQueueOverflowException;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.NoSuchDeadLetterException;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * A processing group's dead-letter queue that asks the database once per processor batch, not once per event,
 * whether an event must follow an earlier one of its aggregate into the queue. Axon's dead-lettering invoker
 * calls {@link #enqueueIfPresent} for every event, and the JDBC queue answers each call with a query on
 * {@code dead_letter_entry}: one statement per event, the most frequent statement of a rebuild (ADR 0020).
 *
 * <p>Here the first call of a batch counts the group's sequences; when there are none (the normal case) every
 * later call of that batch answers "not present" without a statement, until something of this batch is
 * enqueued (by Axon's invoker or by {@link ProjectionBatch}, both through this queue), after which every call
 * goes to the database again. When the queue holds letters, every call goes to the database, as before.
 *
 * <p>Why not Axon's own {@code enableSequenceIdentifierCache}: it only learns of letters enqueued by the
 * invoker itself, and {@link ProjectionBatch} enqueues the event that failed a batch's flush directly, so
 * the later events of that aggregate would pass the cache and be applied out of order. The answer kept here
 * lives only as long as one batch, in that batch's transaction, while this node holds the segment's claim:
 * it is what the per-event query would have read.
 */
public final class BatchCheckedDeadLetterQueue implements SequencedDeadLetterQueue<EventMessage<?>> {
    private final SequencedDeadLetterQueue<EventMessage<?>> delegate;
    private final String resource;

    private BatchCheckedDeadLetterQueue(SequencedDeadLetterQueue<EventMessage<?>> delegate, String group) {
        this.delegate = delegate;
        this.resource = BatchCheckedDeadLetterQueue.class.getName() + "/" + group;
    }

    public static SequencedDeadLetterQueue<EventMessage<?>> of(SequencedDeadLetterQueue<EventMessage<?>> delegate,
                                                               String group) {
        return new BatchCheckedDeadLetterQueue(delegate, group);
    }

    /** True when this batch knows the queue holds nothing of this group (null: no batch running). */
    private AtomicBoolean emptyInThisBatch() {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        var batch = CurrentUnitOfWork.get().root();
        AtomicBoolean known = batch.getResource(resource);
        if (known == null) {
            // not computeIfAbsent: the count runs in the batch's transaction, which adds resources of its own
            known = new AtomicBoolean(delegate.amountOfSequences() == 0);
            batch.resources().put(resource, known);
        }
        return known;
    }

    private void markNotEmpty() {
        AtomicBoolean empty = emptyInThisBatch();
        if (empty != null) {
            empty.set(false);
        }
    }

    @Override
    public boolean enqueueIfPresent(Object sequenceIdentifier,
                                    Supplier<DeadLetter<? extends EventMessage<?>>> letterBuilder)
            throws DeadLetterQueueOverflowException {
        AtomicBoolean empty = emptyInThisBatch();
        if (empty != null && empty.get()) {
            return false;
        }
        return delegate.enqueueIfPresent(sequenceIdentifier, letterBuilder);
    }

    @Override
    public boolean contains(Object sequenceIdentifier) {
        AtomicBoolean empty = emptyInThisBatch();
        if (empty != null && empty.get()) {
            return false;
        }
        return delegate.contains(sequenceIdentifier);
    }

    @Override
    public void enqueue(Object sequenceIdentifier, DeadLetter<? extends EventMessage<?>> letter)
            throws DeadLetterQueueOverflowException {
        markNotEmpty();
        delegate.enqueue(sequenceIdentifier, letter);
    }

    @Override
    public void evict(DeadLetter<? extends EventMessage<?>> letter) {
        delegate.evict(letter);
    }

    @Override
    public void requeue(DeadLetter<? extends EventMessage<?>> letter,
                        UnaryOperator<DeadLetter<? extends EventMessage<?>>> letterUpdater)
            throws NoSuchDeadLetterException {
        markNotEmpty();
        delegate.requeue(letter, letterUpdater);
    }

    @Override
    public Iterable<DeadLetter<? extends EventMessage<?>>> deadLetterSequence(Object sequenceIdentifier) {
        return delegate.deadLetterSequence(sequenceIdentifier);
    }

    @Override
    public Iterable<Iterable<DeadLetter<? extends EventMessage<?>>>> deadLetters() {
        return delegate.deadLetters();
    }

    @Override
    public boolean isFull(Object sequenceIdentifier) {
        return delegate.isFull(sequenceIdentifier);
    }

    @Override
    public long size() {
        return delegate.size();
    }

    @Override
    public long sequenceSize(Object sequenceIdentifier) {
        return delegate.sequenceSize(sequenceIdentifier);
    }

    @Override
    public long amountOfSequences() {
        return delegate.amountOfSequences();
    }

    @Override
    public boolean process(Predicate<DeadLetter<? extends EventMessage<?>>> sequenceFilter,
                           Function<DeadLetter<? extends EventMessage<?>>, EnqueueDecision<EventMessage<?>>> processingTask) {
        return delegate.process(sequenceFilter, processingTask);
    }

    @Override
    public void clear() {
        delegate.clear();
    }
}
