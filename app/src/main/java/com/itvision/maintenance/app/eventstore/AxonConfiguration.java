package com.itvision.maintenance.app.eventstore;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.itvision.maintenance.app.MaintenanceProperties;
import com.itvision.maintenance.app.web.IdempotencyClaims;
import com.itvision.maintenance.command.contract.Contract;
import com.itvision.maintenance.command.support.CommandReceipt;
import com.itvision.maintenance.projections.support.ReadModelProgress;
import javax.sql.DataSource;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.snapshotting.RevisionSnapshotFilter;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.serialization.Revision;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Axon on PostgreSQL. Axon 4.13's JDBC and transaction auto-configuration backs off under Spring Boot 4,
 * so the event store, token store and saga store are declared here, on the Flyway-owned snake_case
 * schema (V1__event_store.sql). See ADR 0002.
 */
@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {
    /** Contracts live for years; rebuilding one from a snapshot plus at most this many events. */
    static final int CONTRACT_SNAPSHOT_THRESHOLD = 50;

    /** The Jackson 2 mapper of the event store: ISO dates, tolerant of fields added by later revisions. */
    public static ObjectMapper eventObjectMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .build();
    }

    @Bean
    TransactionManager axonTransactionManager(PlatformTransactionManager transactionManager) {
        return new SpringTransactionManager(transactionManager);
    }

    @Bean
    ConnectionProvider axonConnectionProvider(DataSource dataSource) {
        return new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource));
    }

    @Bean
    @Primary
    Serializer serializer() {
        return JacksonSerializer.builder().objectMapper(eventObjectMapper()).build();
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer(Serializer serializer) {
        return serializer;
    }

    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer(Serializer serializer) {
        return serializer;
    }

    /** Snapshots store the aggregate's private fields (aggregates expose no getters). */
    static Serializer snapshotSerializer() {
        ObjectMapper mapper = eventObjectMapper();
        mapper.setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE);
        mapper.setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
        mapper.setVisibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.ANY);
        return JacksonSerializer.builder().objectMapper(mapper).build();
    }

    static EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    @Bean
    EventStorageEngine eventStorageEngine(ConnectionProvider connectionProvider, TransactionManager transactionManager,
                                          Serializer serializer, MaintenanceProperties properties) {
        return JdbcEventStorageEngine.builder()
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema())
                .dataType(byte[].class)
                .eventSerializer(serializer)
                .snapshotSerializer(snapshotSerializer())
                // PostgreSQL reports a duplicate (aggregate, sequence) by SQL state 23505
                .persistenceExceptionResolver(new SQLStateResolver())
                .batchSize(500)
                // an aggregate's events come in one query when they fit in a batch: Axon's default (stop at an
                // empty batch) sent a second, empty query for every aggregate load (ADR 0019)
                .finalAggregateBatchPredicate(batch -> batch.size() < 500)
                // Axon derives this filter from @Revision only for the engines it builds itself: a Contract
                // snapshot of another revision (the ledger that listed every intervention) is not read
                .snapshotFilter(contractSnapshots())
                .gapTimeout((int) properties.database().gapTimeout().toMillis())
                .build();
    }

    /** Contract snapshots of the aggregate's current {@code @Revision} only; other aggregates' pass. */
    static SnapshotFilter contractSnapshots() {
        return RevisionSnapshotFilter.builder()
                .type(Contract.class.getSimpleName())
                .revision(Contract.class.getAnnotation(Revision.class).value())
                .build();
    }

    @Bean
    TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .serializer(serializer)
                .schema(TokenSchema.builder()
                        .setTokenTable("token_entry")
                        .setProcessorNameColumn("processor_name")
                        .setSegmentColumn("segment")
                        .setTokenColumn("token")
                        .setTokenTypeColumn("token_type")
                        .setTimestampColumn("timestamp")
                        .setOwnerColumn("owner")
                        .build())
                .contentType(byte[].class)
                // Axon's default, named once: ReadModelProgress recognises this node's claims by it
                .nodeId(com.itvision.maintenance.projections.support.ReadModelProgress.NODE_ID)
                .build();
    }

    @Bean
    SagaStore<Object> sagaStore(ConnectionProvider connectionProvider, Serializer serializer) {
        SagaSchema schema = SagaSchema.builder()
                .sagaEntryTable("saga_entry")
                .associationValueEntryTable("association_value_entry")
                .sagaIdColumn("saga_id")
                .revisionColumn("revision")
                .sagaTypeColumn("saga_type")
                .serializedSagaColumn("serialized_saga")
                .associationKeyColumn("association_key")
                .associationValueColumn("association_value")
                .build();
        return JdbcSagaStore.builder()
                .connectionProvider(connectionProvider)
                .sqlSchema(new PostgresSagaSqlSchema(schema))
                .serializer(serializer)
                .build();
    }

    @Bean
    SnapshotTriggerDefinition contractSnapshotTrigger(Snapshotter snapshotter) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, CONTRACT_SNAPSHOT_THRESHOLD);
    }

    /**
     * Every command returns a {@link CommandReceipt}: aggregate, version and last event of what it stored;
     * a command sent under an Idempotency-Key settles its claim in its own transaction.
     */
    @Bean
    SmartInitializingSingleton commandInterceptors(CommandBus commandBus, EventStore eventStore, JdbcClient jdbc,
                                                   IdempotencyClaims idempotency) {
        return () -> {
            commandBus.registerHandlerInterceptor(new com.itvision.maintenance.command.support.CommandTextGuard());
            commandBus.registerDispatchInterceptor(AuditMetadata.commandInterceptor());
            commandBus.registerDispatchInterceptor(idempotency.dispatchInterceptor());
            // before CommandReceipt's: its commit step runs once the receipt has located the events
            commandBus.registerHandlerInterceptor(idempotency.handlerInterceptor());
            commandBus.registerHandlerInterceptor(CommandReceipt.handlerInterceptor(eventId -> jdbc
                    .sql("SELECT global_index FROM domain_event_entry WHERE event_identifier = ?")
                    .param(eventId).query(Long.class).optional().orElse(null)));
            eventStore.registerDispatchInterceptor(CommandReceipt.eventInterceptor());
        };
    }

    /**
     * A failing event handler fails its unit of work. Axon's default (LoggingErrorHandler) logs and goes on
     * with the next listener; for the subscribing group {@code command-lookups}, which runs inside the
     * command's transaction, that turned an aborted PostgreSQL transaction into a silent ROLLBACK at COMMIT
     * and a 201 for events that were never stored. The read models' dead-letter invokers already propagate
     * (Axon forces it), so this is the rule for every processing group, present and future (ADR 0009).
     */
    @Bean
    ConfigurerModule handlerFailuresFailTheirUnitOfWork(ReadModelProgress progress) {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerDefaultListenerInvocationErrorHandler(config -> PropagatingErrorHandler.instance())
                // propagates too, after noting the failure for GET /admin/projections and health
                .registerDefaultErrorHandler(config -> progress.errorHandler()));
    }

    /** Replaces Axon's MessageOriginProvider: events carry the request's correlation id, see {@link AuditMetadata}. */
    @Bean
    CorrelationDataProvider auditCorrelationDataProvider() {
        return AuditMetadata.correlationDataProvider();
    }
}
