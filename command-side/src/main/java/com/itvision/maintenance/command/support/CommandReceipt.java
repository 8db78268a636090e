package com.itvision.maintenance.command.support;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.commandhandling.CommandMessage;

/**
 * What a handled command stored: the aggregate, its version and the identifier of the last event,
 * plus the handler's own result. The REST layer turns it into the response body (id, version, global
 * position) so clients can wait for read models to catch up with their own writes.
 *
 * <p>{@link #handlerInterceptor()} puts a receipt in the command's unit of work and returns it in place
 * of the handler's result; {@link #eventInterceptor()} fills it as the unit of work publishes the
 * events, which happens before the command returns to its sender.
 */
public final class CommandReceipt {
    private static final String RESOURCE = CommandReceipt.class.getName();

    private Object result;
    private String aggregateId;
    private Long version;
    private String lastEventId;
    private final List<String> eventTypes = new ArrayList<>();
    private final List<Object> payloads = new ArrayList<>();

    public Object result() {
        return result;
    }

    public String aggregateId() {
        return aggregateId;
    }

    /** The aggregate's version (sequence number of its last event), or null if nothing was stored. */
    public Long version() {
        return version;
    }

    public String lastEventId() {
        return lastEventId;
    }

    public List<String> eventTypes() {
        return List.copyOf(eventTypes);
    }

    /** The first stored event of {@code type}, e.g. to read the number a creation allocated. */
    public <T> java.util.Optional<T> event(Class<T> type) {
        return payloads.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    public static MessageHandlerInterceptor<CommandMessage<?>> handlerInterceptor() {
        return (unitOfWork, chain) -> {
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
            if (aggregateId == null || aggregateId.equals(domainEvent.getAggregateIdentifier())) {
                aggregateId = domainEvent.getAggregateIdentifier();
                version = domainEvent.getSequenceNumber();
            }
            lastEventId = event.getIdentifier();
        }
    }
}
