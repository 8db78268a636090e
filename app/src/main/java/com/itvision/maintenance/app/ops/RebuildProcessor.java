package com.itvision.maintenance.app.ops;

import com.itvision.maintenance.app.eventstore.ProjectionConfiguration;
import com.itvision.maintenance.projections.support.BatchCheckedDeadLetterQueue;
import com.itvision.maintenance.projections.support.ProjectionBatches;
import com.itvision.maintenance.projections.support.ReadModelProgress;
import com.itvision.maintenance.projections.support.ReadModels;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.axonframework.eventhandling.deadletter.DeadLetteringEventHandlerInvoker;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * This node's instance of the processor {@code G#rebuild}: a tracking processor (one thread per segment) with its own
 * tokens (created with the rebuild, from the first event, as a replay so that a {@code @DisallowReplay}
 * handler never fires), its own dead-letter queue, and a new instance of G's projection class whose
 * {@link ProjectionBatches} renders every table as its {@code __rebuild} copy. It is built outside Axon's
 * configuration (which is fixed at start-up), so it appears in no health check: a rebuild catching up is
 * not a live read model lagging.
 */
public final class RebuildProcessor {
    private final String group;
    private final TrackingEventProcessor processor;
    private final DSLContext dsl;
    private final Serializer serializer;

    private RebuildProcessor(String group, TrackingEventProcessor processor, DSLContext dsl, Serializer serializer) {
        this.group = group;
        this.processor = processor;
        this.dsl = dsl;
        this.serializer = serializer;
    }

    /**
     * The lowest position over the rebuild's segments: each from its stored token, or from this node's
     * status where it processes the segment (the stored token is written only every few seconds when
     * nothing of the segment arrives). Null while a segment has none.
     */
    Long lowestPosition() {
        Map<Integer, EventTrackerStatus> live = processor.processingStatus();
        Long lowest = null;
        var rows = dsl.fetch("SELECT segment, token_type, token FROM token_entry WHERE processor_name = ?",
                processor.getName());
        if (rows.isEmpty()) {
            return null;
        }
        for (Record row : rows) {
            long position = position(row.get("token_type", String.class), row.get("token", byte[].class));
            EventTrackerStatus status = live.get(row.get("segment", Integer.class));
            if (status != null && !status.isErrorState()) {
                OptionalLong here = status.getCurrentPosition();
                if (here.isPresent()) {
                    position = Math.max(position, here.getAsLong());
                }
            }
            lowest = lowest == null ? position : Math.min(lowest, position);
        }
        return lowest;
    }

    private long position(String type, byte[] token) {
        Long stored = ReadModelProgress.storedPosition(serializer, type, token);
        return stored == null ? -1 : stored;
    }

    /** Stops it here, releasing its claims for another node (or for the swap). */
    void stop() {
        processor.shutDown();
    }

    String group() {
        return group;
    }

    /** Builds and starts {@code G#rebuild} processors ({@code maintenance.rebuild.segments}, {@code batch-size}). */
    @Component
    public static class Factory {
        private final ApplicationContext context;
        private final DSLContext dsl;
        private final EventStore eventStore;
        private final TokenStore tokenStore;
        private final TransactionManager transactionManager;
        private final ConnectionProvider connectionProvider;
        private final Serializer serializer;
        private final int segments;
        private final int batchSize;

        public Factory(ApplicationContext context, DSLContext dsl, EventStore eventStore, TokenStore tokenStore,
                       TransactionManager transactionManager, ConnectionProvider connectionProvider,
                       Serializer serializer,
                       @Value("${maintenance.rebuild.segments:2}") int segments,
                       @Value("${maintenance.rebuild.batch-size:1000}") int batchSize) {
            this.context = context;
            this.dsl = dsl;
            this.eventStore = eventStore;
            this.tokenStore = tokenStore;
            this.transactionManager = transactionManager;
            this.connectionProvider = connectionProvider;
            this.serializer = serializer;
            this.segments = segments;
            this.batchSize = batchSize;
        }

        int segmentCount() {
            return segments;
        }

        RebuildProcessor start(String group, Consumer<Throwable> onError) {
            String name = ReadModels.rebuildProcessor(group);
            SequencedDeadLetterQueue<EventMessage<?>> queue = BatchCheckedDeadLetterQueue.of(JdbcSequencedDeadLetterQueue.builder()
                    .processingGroup(name)
                    .connectionProvider(connectionProvider)
                    .transactionManager(transactionManager)
                    .schema(ProjectionConfiguration.deadLetterSchema())
                    .genericSerializer(serializer)
                    .eventSerializer(serializer)
                    .build(), name);
            Object handler = handler(group, ProjectionBatches.forRebuild(dsl, group, queue));
            DeadLetteringEventHandlerInvoker invoker = DeadLetteringEventHandlerInvoker.builder()
                    .eventHandlers(handler)
                    .sequencingPolicy(SequentialPerAggregatePolicy.instance())
                    .queue(queue)
                    .transactionManager(transactionManager)
                    .build();
            // A tracking processor, one thread per segment, each reading the store itself: the pooled processor's
            // coordinator hands at most 1024 events to a segment and then sleeps 100 ms while that buffer is full,
            // which capped a rebuild at ~4,000 events/s even for a read model that skips most events (ADR 0020)
            TrackingEventProcessor processor = TrackingEventProcessor.builder()
                    .name(name)
                    .eventHandlerInvoker(invoker)
                    .messageSource(eventStore)
                    .tokenStore(tokenStore)
                    .transactionManager(transactionManager)
                    .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration
                            .forParallelProcessing(segments)
                            .andInitialSegmentsCount(segments)
                            .andBatchSize(batchSize)
                            .andTokenClaimInterval(1000, TimeUnit.MILLISECONDS)
                            .andThreadFactory(processorName -> threads(name + "-worker")))
                    .errorHandler(context -> {
                        onError.accept(context.error());
                        throw context.error() instanceof Exception e ? e : new IllegalStateException(context.error());
                    })
                    .build();
            processor.start();
            return new RebuildProcessor(group, processor, dsl, serializer);
        }

        /** A new instance of {@code group}'s projection class, writing through {@code batches}. */
        private Object handler(String group, ProjectionBatches batches) {
            for (Object bean : context.getBeansWithAnnotation(ProcessingGroup.class).values()) {
                Class<?> type = AopUtils.getTargetClass(bean);
                ProcessingGroup annotation = type.getAnnotation(ProcessingGroup.class);
                if (annotation != null && annotation.value().equals(group)) {
                    try {
                        return type.getConstructor(ProjectionBatches.class).newInstance(batches);
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(type.getSimpleName()
                                + " needs a public constructor taking only ProjectionBatches to be rebuilt", e);
                    }
                }
            }
            throw new IllegalStateException("No projection bean of processing group " + group);
        }

        private static ThreadFactory threads(String prefix) {
            AtomicInteger count = new AtomicInteger();
            return runnable -> {
                Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            };
        }
    }
}
