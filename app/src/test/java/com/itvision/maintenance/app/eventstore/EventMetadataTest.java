package com.itvision.maintenance.app.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.app.support.Api;
import com.itvision.maintenance.app.support.Fixtures;
import com.itvision.maintenance.app.support.IntegrationTest;
import com.itvision.maintenance.kernel.common.Actor;
import com.itvision.maintenance.kernel.common.ContractId;
import com.itvision.maintenance.kernel.common.Role;
import com.itvision.maintenance.kernel.contract.ContractCommands.ConsumeInterventionQuota;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The audit trail in the event store: who, in which request, caused by which command, and why. */
class EventMetadataTest extends IntegrationTest {
    private static final String CONTRACTS = "/api/v1/contracts";

    @Autowired
    private CommandGateway commands;

    private Fixtures fx;
    private LocalDate today;

    @BeforeEach
    void fixtures() {
        fx = new Fixtures(api);
        today = LocalDate.now(clock);
    }

    record StoredEvent(String eventId, String aggregateId, long sequence, String payloadType, JsonNode metaData) {
        String meta(String key) {
            return metaData.path(key).asString("");
        }
    }

    private List<StoredEvent> stored(String where, Object... params) {
        return jdbc.sql("SELECT event_identifier, aggregate_identifier, sequence_number, payload_type, meta_data "
                        + "FROM domain_event_entry " + where + " ORDER BY global_index")
                .params(params)
                .query((rs, n) -> new StoredEvent(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                        rs.getBytes(5) == null ? Api.JSON.missingNode() : Api.JSON.readTree(rs.getBytes(5))))
                .list();
    }

    private Api.Request admin(String correlationId) {
        return api.as("admin").header("X-Correlation-Id", correlationId);
    }

    @Test
    void every_stored_event_carries_actor_role_correlation_and_causation() {
        String id = fx.active(today);
        assertThat(api.as("lead").post(CONTRACTS + "/" + id + "/suspend", Map.of("reason", "audit")).status())
                .isEqualTo(200);

        List<StoredEvent> all = stored("");

        assertThat(all).hasSizeGreaterThan(10);
        assertThat(all).allSatisfy(event -> {
            assertThat(event.metaData().isObject()).as("metadata of %s", event).isTrue();
            assertThat(event.meta("actorId")).as("actorId of %s", event).isNotBlank();
            assertThat(event.meta("actorRole")).as("actorRole of %s", event).isNotBlank();
            assertThat(event.meta("correlationId")).as("correlationId of %s", event).isNotBlank();
            assertThat(event.meta("causationId")).as("causationId of %s", event).isNotBlank()
                    .isNotEqualTo(event.eventId());
        });
    }

    @Test
    void events_of_a_request_carry_its_correlation_id_its_actor_and_their_command_as_cause() {
        String draftCorrelation = "test-corr-" + UUID.randomUUID();
        String activateCorrelation = "test-corr-" + UUID.randomUUID();
        String suspendCorrelation = "test-corr-" + UUID.randomUUID();
        String amendCorrelation = "test-corr-" + UUID.randomUUID();
        Fixtures.Owner owner = fx.owner();
        Api.Response created = admin(draftCorrelation).post(CONTRACTS,
                Fixtures.maintenance(owner.clientId(), owner.projectId(), today.minusDays(1), today.plusYears(1)));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        String id = created.json().path("id").asString();
        assertThat(admin(activateCorrelation).post(CONTRACTS + "/" + id + "/activate").status()).isEqualTo(200);
        assertThat(admin(suspendCorrelation).post(CONTRACTS + "/" + id + "/suspend",
                Map.of("reason", "unpaid invoice")).status()).isEqualTo(200);
        assertThat(api.as("lead").header("X-Correlation-Id", amendCorrelation)
                .post(CONTRACTS + "/" + id + "/amend", Map.of("slaHours", 8, "reason", "new SLA")).status())
                .isEqualTo(200);

        List<StoredEvent> events = stored("WHERE aggregate_identifier = ?", id);

        assertThat(events).extracting(StoredEvent::payloadType).map(t -> t.substring(t.lastIndexOf('$') + 1))
                .containsExactly("ContractDrafted", "ContractActivated", "ContractSuspended", "ContractAmended");
        assertThat(events).extracting(e -> e.meta("correlationId"))
                .containsExactly(draftCorrelation, activateCorrelation, suspendCorrelation, amendCorrelation);
        assertThat(events).extracting(e -> e.meta("actorId"))
                .containsExactly("user-admin", "user-admin", "user-admin", "user-lead");
        assertThat(events).extracting(e -> e.meta("actorRole"))
                .containsExactly("ADMIN", "ADMIN", "ADMIN", "PROJECT_LEAD");
        assertThat(events).allSatisfy(e -> assertThat(e.meta("causationId")).isNotBlank()
                .isNotEqualTo(e.eventId()).isNotEqualTo(e.meta("correlationId")));
        assertThat(events).extracting(e -> e.meta("causationId")).as("one command per event here").doesNotHaveDuplicates();
        assertThat(events.get(0).meta("reason")).isEmpty();
        assertThat(events.get(1).meta("reason")).isEmpty();
        assertThat(events.get(2).meta("reason")).isEqualTo("unpaid invoice");
        assertThat(events.get(3).meta("reason")).isEqualTo("new SLA");
    }

    @Test
    void the_causation_id_of_an_event_is_the_identifier_of_its_command_message() {
        String id = fx.active(today);
        String commandId = "command-" + UUID.randomUUID();
        ConsumeInterventionQuota payload = new ConsumeInterventionQuota(ContractId.of(id), "intervention-" + UUID.randomUUID(),
                Actor.of("user-tech", Role.TECHNICIAN));

        commands.sendAndWait(new GenericCommandMessage<>(new GenericMessage<>(commandId, payload, MetaData.emptyInstance()),
                ConsumeInterventionQuota.class.getName()));

        List<StoredEvent> consumed = stored("WHERE aggregate_identifier = ? AND payload_type LIKE ?", id,
                "%InterventionQuotaConsumed");
        assertThat(consumed).singleElement().satisfies(event -> {
            assertThat(event.meta("causationId")).isEqualTo(commandId);
            assertThat(event.meta("actorId")).isEqualTo("user-tech");
            assertThat(event.meta("actorRole")).isEqualTo("TECHNICIAN");
            assertThat(event.meta("correlationId")).isNotBlank();
        });
    }
}
