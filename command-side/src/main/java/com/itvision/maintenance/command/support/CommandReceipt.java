package com.itvision.maintenance.command.support;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
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
 * <p>{@link #handlerInterceptor(Function)} puts a receipt in the outermost command's unit of work and
 * returns it in place of that handler's result (commands a handler sends itself get their plain results);
 * {@link #eventInterceptor()} fills it as the unit of work publishes the events, which happens before
 * the command returns to its sender. The global position of the last event is read inside the command's
 * transaction, after its events are appended: once the commit succeeds the receipt is complete, and the
 * answer to the client needs nothing more from the database.
 */
public final class CommandReceipt {
    private static final String RESOURCE = CommandReceipt.class.getName();

    private Object result;
    private final Map<String, Long> versions = new LinkedHashMap<>();
    private String lastEventId;
    private Long position;
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

    /** Global event-store position of the last stored event; null when the command stored none. */
    public Long position() {
        return position;
    }

    /** Every aggregate the command changed, with the version it reached, in the order they were changed. */
    public Map<String, Long> versions() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(versions));
    }

    public List<String> eventTypes() {
        return List.copyOf(eventTypes);
    }

    /** The first stored event of {@code type}, e.g. to read the number a creation allocated. */
    public <T> Optional<T> event(Class<T> type) {
        return payloads.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    /**
     * @param positionOf the global position of a stored event, by event identifier, read in the current
     *                   transaction
     */
    public static MessageHandlerInterceptor<CommandMessage<?>> handlerInterceptor(Function<String, Long> positionOf) {
        return (unitOfWork, chain) -> {
            if (!unitOfWork.isRoot()) {
                return chain.proceed();
            }
            CommandReceipt receipt = new CommandReceipt();
            unitOfWork.resources().put(RESOURCE, receipt);
            receipt.result = chain.proceed();
            // registered after the handler ran, so after the event bus's own step that appends the events
            unitOfWork.onPrepareCommit(u -> receipt.locate(positionOf));
            return receipt;
        };
    }

    /** The receipt of the command being handled in the current unit of work, if any. */
    public static Optional<CommandReceipt> current() {
        return CurrentUnitOfWork.isStarted()
                ? Optional.ofNullable(CurrentUnitOfWork.get().root().getResource(RESOURCE)) : Optional.empty();
    }

    private void locate(Function<String, Long> positionOf) {
        if (lastEventId != null) {
            position = positionOf.apply(lastEventId);
            if (position == null) {
                throw new IllegalStateException("Event " + lastEventId + " is not in the event store inside its own "
                        + "transaction: refusing to commit");
            }
        }
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
