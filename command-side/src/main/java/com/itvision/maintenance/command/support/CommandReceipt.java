package com.itvision.maintenance.command.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * What a handled command stored: the version each aggregate reached, the last event, and the
 * handler's own result. The REST layer turns it into the response body (id, version, global position)
 * so clients can wait for read models to catch up with their own writes.
 *
 * <p>{@link #handlerInterceptor()} puts a receipt in the outermost command's unit of work and returns it
 * in place of that handler's result (commands a handler sends itself get their plain results);
 * {@link #eventInterceptor()} fills it as the unit of work publishes the events, which happens before
 * the command returns to its sender.
 */
public final class CommandReceipt {
    private static final String RESOURCE = CommandReceipt.class.getName();

    private Object result;
    private final Map<String, Long> versions = new LinkedHashMap<>();
    private String lastEventId;
    private final List<String> eventTypes = new ArrayList<>();
    private final List<Object> payloads = new ArrayList<>();

    public Object result() {
        return result;
    }

    /** The version (sequence number of its last event) {@code aggregateId} reached, if the command changed it. */
    public Optional<Long> version(String aggregateId) {
        return Optional.ofNullable(versions.get(aggregateId));
    }

    public String lastEventId() {
        return lastEventId;
    }

    public List<String> eventTypes() {
        return List.copyOf(eventTypes);
    }

    /** The first stored event of {@code type}, e.g. to read the number a creation allocated. */
    public <T> Optional<T> event(Class<T> type) {
        return payloads.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    public static MessageHandlerInterceptor<CommandMessage<?>> handlerInterceptor() {
        return (unitOfWork, chain) -> {
            if (!unitOfWork.isRoot()) {
                return chain.proceed();
            }
            CommandReceipt receipt = new CommandReceipt();
            unitOfWork.resources().put(RESOURCE, receipt);
            receipt.result = chain.proceed();
            return receipt;
        };
    }

    public static MessageDispatchInterceptor<EventMessage<?>> eventInterceptor() {
        return messages -> {
            if (CurrentUnitOfWork.isStarted()) {
                CommandReceipt receipt = CurrentUnitOfWork.get().root().getResource(RESOURCE);
                if (receipt != null) {
                    messages.forEach(receipt::record);
                }
            }
            return (index, message) -> message;
        };
    }

    private void record(EventMessage<?> event) {
        eventTypes.add(event.getPayloadType().getSimpleName());
        payloads.add(event.getPayload());
        if (event instanceof DomainEventMessage<?> domainEvent) {
            versions.put(domainEvent.getAggregateIdentifier(), domainEvent.getSequenceNumber());
        }
        lastEventId = event.getIdentifier();
    }
}
