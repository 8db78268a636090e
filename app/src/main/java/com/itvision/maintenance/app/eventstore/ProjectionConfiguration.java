package com.itvision.maintenance.app.eventstore;

import com.itvision.maintenance.projections.support.BatchCheckedDeadLetterQueue;
import com.itvision.maintenance.projections.support.Projections;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every read-model processing group gets Axon's sequenced dead-letter queue on JDBC (table
 * {@code dead_letter_entry}): a failing event is parked with the later events of its aggregate, the
 * other aggregates keep flowing; it is asked once per batch, not once per event, whether the group has any
 * letter at all ({@link BatchCheckedDeadLetterQueue}, ADR 0020). Processor modes, threads, segments and batch sizes are in
 * application.yml ({@code axon.eventhandling.processors}).
 */
@Configuration(proxyBeanMethods = false)
public class ProjectionConfiguration {

    public static DeadLetterSchema deadLetterSchema() {
        return DeadLetterSchema.builder()
                .deadLetterTable("dead_letter_entry")
                .deadLetterIdentifierColumn("dead_letter_id")
                .processingGroupColumn("processing_group")
                .sequenceIdentifierColumn("sequence_identifier")
                .sequenceIndexColumn("sequence_index")
                .messageTypeColumn("message_type")
                .eventIdentifierColumn("event_identifier")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .aggregateTypeColumn("aggregate_type")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .tokenTypeColumn("token_type")
                .tokenColumn("token")
                .enqueuedAtColumn("enqueued_at")
                .lastTouchedColumn("last_touched")
                .processingStartedColumn("processing_started")
                .causeTypeColumn("cause_type")
                .causeMessageColumn("cause_message")
                .diagnosticsColumn("diagnostics")
                .build();
    }

    /**
     * A reset (replay) clears the group's queue in the reset's transaction: the replay processes every
     * event again, so an event that still fails is dead-lettered again, and the old letters would
     * otherwise be duplicated (the replay appends to any sequence still in the queue).
     */
    @Bean
    ConfigurerModule readModelDeadLetterQueues(ConnectionProvider connectionProvider,
                                               TransactionManager transactionManager, Serializer serializer) {
        return configurer -> configurer.eventProcessing(processing -> Projections.ALL.forEach(group -> processing
                .registerDeadLetterQueue(group, config -> BatchCheckedDeadLetterQueue.of(JdbcSequencedDeadLetterQueue.builder()
                        .processingGroup(group)
                        .connectionProvider(connectionProvider)
                        .transactionManager(transactionManager)
                        .schema(deadLetterSchema())
                        .genericSerializer(serializer)
                        .eventSerializer(serializer)
                        .build(), group))
                .registerDeadLetteringEventHandlerInvokerConfiguration(group,
                        (config, invoker) -> invoker.allowReset(true))));
    }
}
