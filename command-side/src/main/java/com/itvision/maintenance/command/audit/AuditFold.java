package com.itvision.maintenance.command.audit;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Folds stored events into a fresh aggregate with the aggregate's OWN {@code @EventSourcingHandler}s, through
 * Axon's model of the aggregate: the state it had after those events, exactly as a command would have found
 * it. Nothing is published, nothing is stored, no read model is touched. The payloads are deserialized by
 * the event store's serializer.
 */
@Component
class AuditFold {
    private final Serializer serializer;
    private final Map<Class<?>, AggregateModel<?>> models = new ConcurrentHashMap<>();

    AuditFold(@Qualifier("eventSerializer") Serializer serializer) {
        this.serializer = serializer;
    }

    /** A new instance of {@code type}, every event (of one aggregate, in sequence order) applied to it. */
    <T> T fold(Class<T> type, List<StoredEvent> events) {
        T aggregate = instantiate(type);
        for (StoredEvent event : events) {
            apply(aggregate, event);
        }
        return aggregate;
    }

    /** One more event applied to {@code aggregate} by its event sourcing handler. */
    <T> void apply(T aggregate, StoredEvent event) {
        @SuppressWarnings("unchecked")
        AggregateModel<T> model = (AggregateModel<T>) models.computeIfAbsent(aggregate.getClass(),
                AnnotatedAggregateMetaModelFactory::inspectAggregate);
        model.publish(message(event), aggregate);
    }

    /** The aggregate's fields by name, as its snapshot would hold them (aggregates expose no getters). */
    static Map<String, Object> fields(Object aggregate) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Field field : aggregate.getClass().getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) || field.isSynthetic()) {
                continue;
            }
            try {
                field.setAccessible(true);
                fields.put(field.getName(), field.get(aggregate));
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new IllegalStateException("Cannot read " + field, e);
            }
        }
        return fields;
    }

    private GenericDomainEventMessage<?> message(StoredEvent event) {
        Object payload = serializer.deserialize(new SimpleSerializedObject<>(event.payload(), byte[].class,
                event.payloadType(), event.revision()));
        return new GenericDomainEventMessage<>(event.aggregateType(), event.aggregateId(), event.sequence(), payload,
                MetaData.emptyInstance(), event.eventId(), event.storedAt());
    }

    static <T> T instantiate(Class<T> type) {
        try {
            Constructor<T> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type + " has no no-argument constructor for event sourcing", e);
        }
    }
}
