package com.itvision.maintenance.app.eventstore;

import com.itvision.maintenance.kernel.common.Command;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.slf4j.MDC;

/**
 * The audit metadata every stored event carries:
 * <ul>
 *   <li>{@code actorId}, {@code actorRole}: who asked, from the command's {@link Command#actor()};</li>
 *   <li>{@code correlationId}: one per HTTP request (the {@code X-Correlation-Id} header), or per
 *       background job;</li>
 *   <li>{@code causationId}: the identifier of the message that caused this one (the command for its
 *       events; the HTTP request's correlation id for a command sent by the API);</li>
 *   <li>{@code reason}: where the command carries one.</li>
 * </ul>
 */
public final class AuditMetadata {
    public static final String MDC_CORRELATION_ID = "correlationId";
    public static final String CORRELATION_ID = "correlationId";
    public static final String CAUSATION_ID = "causationId";
    public static final String ACTOR_ID = "actorId";
    public static final String ACTOR_ROLE = "actorRole";
    public static final String REASON = "reason";

    private AuditMetadata() {
    }

    static MessageDispatchInterceptor<CommandMessage<?>> commandInterceptor() {
        return messages -> (index, command) -> {
            Map<String, Object> audit = new HashMap<>();
            String correlationId = command.getMetaData().containsKey(CORRELATION_ID)
                    ? String.valueOf(command.getMetaData().get(CORRELATION_ID)) : currentCorrelationId();
            audit.put(CORRELATION_ID, correlationId);
            audit.putIfAbsent(CAUSATION_ID, command.getMetaData().getOrDefault(CAUSATION_ID, correlationId));
            if (command.getPayload() instanceof Command payload) {
                audit.put(ACTOR_ID, payload.actor().userId().value());
                audit.put(ACTOR_ROLE, payload.actor().rolesLabel());
                if (payload.reason() != null && !payload.reason().isBlank()) {
                    audit.put(REASON, payload.reason());
                }
            }
            return command.andMetaData(audit);
        };
    }

    static CorrelationDataProvider correlationDataProvider() {
        return message -> {
            Map<String, Object> data = new HashMap<>();
            for (String key : new String[] {CORRELATION_ID, ACTOR_ID, ACTOR_ROLE, REASON}) {
                Object value = message.getMetaData().get(key);
                if (value != null) {
                    data.put(key, value);
                }
            }
            data.put(CAUSATION_ID, message.getIdentifier());
            return data;
        };
    }

    private static String currentCorrelationId() {
        String fromRequest = MDC.get(MDC_CORRELATION_ID);
        return fromRequest != null ? fromRequest : UUID.randomUUID().toString();
    }
}
