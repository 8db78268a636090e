package com.itvision.maintenance.command.web;

import com.itvision.maintenance.command.support.CommandReceipt;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Sends a command, waits until its transaction has committed and describes what it stored as a
 * {@link CommandResult}. A command that fails, or whose commit fails, throws: nothing is described
 * that is not stored. Commands on one aggregate wait for each other before they start, holding no database
 * connection ({@link AggregateQueue}), at most {@code maintenance.commands.queue-timeout}.
 */
@Component
public class CommandDispatcher {
    private static final CommandTargetResolver TARGET = AnnotationCommandTargetResolver.builder().build();

    private final CommandGateway gateway;
    private final AggregateQueue queue;

    public CommandDispatcher(CommandGateway gateway,
                             @Value("${maintenance.commands.queue-timeout:20s}") Duration queueTimeout) {
        this.gateway = gateway;
        this.queue = new AggregateQueue(queueTimeout);
    }

    /**
     * What the response to a command describes: the {@code id} it answers with, the aggregate whose version
     * it reports, and for a creation the new resource's location. It travels in the command's metadata
     * ({@link #METADATA}) so that the response can be rebuilt from what the transaction stored if the
     * process dies between the commit and the answer (Idempotency-Key, ADR 0009).
     */
    public record Answer(String id, String versionOf, String location) {
        public static Answer of(Object aggregateId) {
            return new Answer(String.valueOf(aggregateId), String.valueOf(aggregateId), null);
        }

        public static Answer created(Object aggregateId, String collectionPath) {
            return new Answer(String.valueOf(aggregateId), String.valueOf(aggregateId), collectionPath + "/" + aggregateId);
        }

        public URI locationUri() {
            return URI.create(location);
        }

        Map<String, String> metadata() {
            Map<String, String> metadata = new HashMap<>();
            metadata.put(METADATA + ".id", id);
            metadata.put(METADATA + ".versionOf", versionOf);
            if (location != null) {
                metadata.put(METADATA + ".location", location);
            }
            return metadata;
        }

        /** The answer a command carries, if it came through this dispatcher. */
        public static Optional<Answer> from(Map<String, ?> metadata) {
            Object id = metadata.get(METADATA + ".id");
            if (id == null) {
                return Optional.empty();
            }
            Object location = metadata.get(METADATA + ".location");
            return Optional.of(new Answer(id.toString(), String.valueOf(metadata.get(METADATA + ".versionOf")),
                    location == null ? null : location.toString()));
        }
    }

    /** Prefix of the command metadata that carries the {@link Answer}. */
    public static final String METADATA = "answer";

    /** Sends {@code command}, which targets {@code aggregateId}, and describes what it stored. */
    public CommandResult send(Object command, Object aggregateId, String number) {
        return describe(dispatch(command, Answer.of(aggregateId)), aggregateId, number, List.of());
    }

    /** Sends a command that creates the resource {@code answer} names: 201 with its location. */
    public ResponseEntity<CommandResult> create(Object command, Answer answer) {
        return ResponseEntity.created(answer.locationUri()).body(describe(dispatch(command, answer), answer, null,
                List.of()));
    }

    /** Sends {@code command} and waits for its commit; {@code answer} says what the response will describe. */
    public CommandReceipt dispatch(Object command, Answer answer) {
        CommandMessage<?> message = GenericCommandMessage.asCommandMessage(command).andMetaData(answer.metadata());
        Object reply = queue.run(target(message), () -> gateway.sendAndWait(message));
        if (reply instanceof CommandReceipt receipt) {
            return receipt;
        }
        throw new IllegalStateException("The command bus is not configured with CommandReceipt's interceptors");
    }

    /** The aggregate the command is routed to (its {@code @TargetAggregateIdentifier}), null if it names none. */
    private static String target(CommandMessage<?> message) {
        try {
            return TARGET.resolveTarget(message).getIdentifier();
        } catch (IllegalArgumentException noTarget) {
            return null;
        }
    }

    /**
     * The response body: {@code aggregateId}'s version after the command and the global position of the
     * command's last event (of any aggregate), so that waiting for it covers every change it made.
     */
    public CommandResult describe(CommandReceipt receipt, Object aggregateId, String number, List<String> warnings) {
        return describe(receipt, Answer.of(aggregateId), number, warnings);
    }

    public CommandResult describe(CommandReceipt receipt, Answer answer, String number, List<String> warnings) {
        return new CommandResult(answer.id(), number, receipt.version(answer.versionOf()).orElse(null),
                receipt.position(), receipt.eventTypes(), warnings);
    }
}
