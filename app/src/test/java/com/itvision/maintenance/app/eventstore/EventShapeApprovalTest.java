package com.itvision.maintenance.app.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.itvision.maintenance.app.eventstore.AxonConfiguration;
import com.itvision.maintenance.kernel.billet.BilletEvent;
import com.itvision.maintenance.kernel.contract.ContractEvent;
import com.itvision.maintenance.kernel.directory.ClientEvent;
import com.itvision.maintenance.kernel.directory.ProjectEvent;
import com.itvision.maintenance.kernel.directory.UserEvent;
import com.itvision.maintenance.kernel.intervention.InterventionEvent;
import com.itvision.maintenance.kernel.ticket.TicketEvent;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Approval test of the stored shape of every event: a sample of each event type is serialized with
 * the event store's own mapper and compared with {@code src/test/resources/approved-events/<Event>.json}.
 * An accidental change of a stored shape fails here; an intended one needs a new {@code @Revision}
 * and an upcaster, then the approved file is updated (delete it and run the test once to re-create it).
 */
class EventShapeApprovalTest {
    private static final Path APPROVED = Path.of("src/test/resources/approved-events");
    private static final ObjectMapper MAPPER = AxonConfiguration.eventObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT);

    @TestFactory
    Stream<DynamicTest> every_event_keeps_its_approved_json_shape_and_round_trips() {
        return Stream.of(ContractEvent.class, UserEvent.class, ClientEvent.class, ProjectEvent.class, TicketEvent.class, BilletEvent.class,
                        InterventionEvent.class)
                .flatMap(sealed -> Arrays.stream(sealed.getPermittedSubclasses()))
                .map(type -> DynamicTest.dynamicTest(type.getSimpleName(), () -> approve(type)));
    }

    private static void approve(Class<?> type) throws Exception {
        assertThat(type.getAnnotation(Revision.class)).as("@Revision on " + type.getSimpleName()).isNotNull();
        Object sample = sample(type, type);
        String json = MAPPER.writeValueAsString(sample).replace("\r\n", "\n") + "\n";
        assertThat(MAPPER.readValue(json, type)).as("round trip of " + type.getSimpleName()).isEqualTo(sample);
        Path file = APPROVED.resolve(type.getSimpleName() + ".json");
        if (!Files.exists(file)) {
            Files.createDirectories(APPROVED);
            Files.writeString(file, json);
            throw new AssertionError("No approved shape for " + type.getSimpleName() + ": written to " + file
                    + "; review it, commit it and run again");
        }
        assertThat(json).as("stored shape of " + type.getSimpleName() + " (see " + file + ")")
                .isEqualTo(Files.readString(file));
    }

    /** A deterministic sample value of any type used in events. */
    private static Object sample(Type generic, Class<?> raw) throws Exception {
        if (raw == String.class) {
            return "text";
        } else if (raw == int.class || raw == Integer.class) {
            return 3;
        } else if (raw == long.class || raw == Long.class) {
            return 7L;
        } else if (raw == boolean.class || raw == Boolean.class) {
            return true;
        } else if (raw == double.class || raw == Double.class) {
            return 0.5;
        } else if (raw == BigDecimal.class) {
            return new BigDecimal("2.50");
        } else if (raw == Instant.class) {
            return Instant.parse("2026-03-10T09:00:00Z");
        } else if (raw == LocalDate.class) {
            return LocalDate.parse("2026-12-31");
        } else if (ZoneId.class.isAssignableFrom(raw)) {
            return ZoneId.of("Africa/Abidjan");
        } else if (raw.isEnum()) {
            return raw.getEnumConstants()[0];
        } else if (raw == List.class || raw == Set.class) {
            Type element = ((ParameterizedType) generic).getActualTypeArguments()[0];
            Object one = sample(element, erase(element));
            return raw == List.class ? List.of(one) : Set.of(one);
        } else if (raw == Map.class) {
            Type[] args = ((ParameterizedType) generic).getActualTypeArguments();
            return Map.of(sample(args[0], erase(args[0])), sample(args[1], erase(args[1])));
        } else if (raw.isRecord()) {
            RecordComponent[] components = raw.getRecordComponents();
            List<Object> values = new ArrayList<>();
            for (RecordComponent component : components) {
                values.add(component.getType() == String.class && components.length == 1
                        ? raw.getSimpleName().toLowerCase() + "-1"
                        : component.getType() == String.class && component.getName().equals("currency") ? "XOF"
                        : sample(component.getGenericType(), component.getType()));
            }
            Constructor<?> constructor = raw.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class[]::new));
            return constructor.newInstance(values.toArray());
        }
        throw new IllegalArgumentException("No sample for " + generic);
    }

    private static Class<?> erase(Type type) {
        return type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
    }
}
