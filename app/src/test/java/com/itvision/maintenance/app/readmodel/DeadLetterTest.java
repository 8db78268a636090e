package com.itvision.maintenance.app.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.app.support.Api.Response;
import com.itvision.maintenance.app.support.Fixtures;
import com.itvision.maintenance.projections.support.Projections;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * One event that only the ticket projection cannot apply (a CHECK constraint added by the test refuses
 * the title 'POISON') is parked in that group's dead-letter queue with the later events of its ticket;
 * everything else keeps flowing; once the cause is gone, the retry endpoint applies them in order.
 */
class DeadLetterTest extends ReadModelTestSupport {
    static final String GROUP = Projections.TICKETS;
    static final String POISON = "POISON";

    @AfterEach
    void removePoison() {
        jdbc.sql("ALTER TABLE read_ticket DROP CONSTRAINT IF EXISTS read_ticket_poison_test").update();
        jdbc.sql("ALTER TABLE read_contract DROP CONSTRAINT IF EXISTS read_contract_poison_test").update();
    }

    private void poison(String title) {
        jdbc.sql("ALTER TABLE read_ticket ADD CONSTRAINT read_ticket_poison_test CHECK (title <> '" + title
                + "') NOT VALID").update();
    }

    @Test
    void a_poison_event_is_dead_lettered_with_its_aggregate_only_and_applied_by_the_retry_once_fixed() {
        poison(POISON);
        String poisoned = ok(open("lead", ECOMMERCE, CORRECTIVE, POISON, "MINOR")).json().path("id").asString();
        String healthy = ok(open("lead", ECOMMERCE, CORRECTIVE, "Sain " + UUID.randomUUID(), "MINOR"))
                .json().path("id").asString();
        ok(ticketCommand("lead", poisoned, "hold", Map.of("reason", "Attente du client")));
        ok(ticketCommand("lead", healthy, "hold", Map.of("reason", "Attente du client")));
        awaitReadModelsAt(head());

        // parked: the poisoned ticket's two events, in the ticket projection only, the first with its cause
        List<Map<String, Object>> letters = letters();
        assertThat(letters).extracting(l -> l.get("processing_group")).containsOnly(GROUP);
        assertThat(letters).extracting(l -> l.get("sequence_identifier")).containsOnly(poisoned);
        assertThat(letters).extracting(l -> simpleName((String) l.get("payload_type")))
                .containsExactly("TicketOpened", "TicketPutOnHold");
        assertThat((String) letters.getFirst().get("cause_message")).contains("read_ticket_poison_test");

        // the rest flows: the other ticket is projected with its later event, the processor is healthy
        Response other = api.as("admin").get("/api/v1/tickets/" + healthy);
        assertThat(other.status()).as(other.toString()).isEqualTo(200);
        assertThat(other.header("X-Min-Position-Reached")).isEqualTo("true");
        assertThat(other.json().path("onHold").asBoolean()).isTrue();
        assertThat(api.as("admin").get("/api/v1/tickets/" + poisoned).status()).isEqualTo(404);
        assertThat(processor(GROUP).isError()).isFalse();
        // components are shown to ADMIN and ANALYST only (ADR 0012)
        JsonNode health = api.as("admin").get("/actuator/health").json();
        assertThat(health.path("status").asString()).isEqualTo("UP");
        assertThat(health.path("components").path("eventProcessors").path("details").path(GROUP).asString())
                .isEqualTo("RUNNING");

        // the operations endpoint shows them
        Response listed = api.as("analyst").get("/api/v1/admin/dead-letters?group=" + GROUP);
        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        assertThat(listed.json().path("total").asLong()).isEqualTo(2);
        JsonNode first = listed.json().path("letters").get(0);
        assertThat(first.path("group").asString()).isEqualTo(GROUP);
        assertThat(first.path("sequenceIdentifier").asString()).isEqualTo(poisoned);
        assertThat(first.path("aggregateId").asString()).isEqualTo(poisoned);
        assertThat(first.path("eventType").asString()).isEqualTo("TicketOpened");
        assertThat(first.path("eventId").asString()).isEqualTo(letters.getFirst().get("event_identifier"));
        assertThat(first.path("causeType").asString()).isNotBlank();
        assertThat(first.path("causeMessage").asString()).contains("read_ticket_poison_test");
        assertThat(first.path("enqueuedAt").asString()).isNotBlank();
        assertThat(listed.json().path("letters").get(1).path("eventType").asString()).isEqualTo("TicketPutOnHold");
        Response limited = api.as("admin").get("/api/v1/admin/dead-letters?limit=1");
        assertThat(limited.json().path("total").asLong()).isEqualTo(2);
        assertThat(limited.json().path("letters").size()).isEqualTo(1);

        // a retry while the cause is still there changes nothing: same letters, same order
        Response stillPoisoned = api.as("admin").post("/api/v1/admin/dead-letters/" + GROUP + "/retry");
        assertThat(stillPoisoned.status()).as(stillPoisoned.toString()).isEqualTo(200);
        assertThat(stillPoisoned.json().path("succeeded").asLong()).isZero();
        assertThat(stillPoisoned.json().path("remaining").asLong()).isEqualTo(2);
        assertThat(letters()).extracting(l -> l.get("dead_letter_id"))
                .containsExactlyElementsOf(letters.stream().map(l -> l.get("dead_letter_id")).toList());
        assertThat(api.as("admin").get("/api/v1/tickets/" + poisoned).status()).isEqualTo(404);

        // fixed: the retry applies both events in order, the queue is empty
        removePoison();
        Response retried = api.as("admin").post("/api/v1/admin/dead-letters/" + GROUP + "/retry");
        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        assertThat(retried.json().path("succeeded").asLong()).isEqualTo(2);
        assertThat(retried.json().path("remaining").asLong()).isZero();
        assertThat(letters()).isEmpty();
        Response applied = api.as("admin").get("/api/v1/tickets/" + poisoned);
        assertThat(applied.status()).as(applied.toString()).isEqualTo(200);
        assertThat(applied.json().path("title").asString()).isEqualTo(POISON);
        assertThat(applied.json().path("onHold").asBoolean()).isTrue();
    }

    /** A rebuild has dead letters of its own, which replace the group's at the swap: a still failing event is parked again, once. */
    @Test
    void a_rebuild_parks_a_still_failing_event_again_without_duplicating_it() {
        String title = "POISON " + UUID.randomUUID();
        poison(title);
        String poisoned = ok(open("lead", ECOMMERCE, CORRECTIVE, title, "MINOR")).json().path("id").asString();
        long head = head();
        awaitReadModelsAt(head);
        assertThat(letters()).extracting(l -> l.get("sequence_identifier")).containsExactly(poisoned);

        rebuild("admin", List.of(GROUP));
        assertThat(letters()).extracting(l -> l.get("sequence_identifier")).containsExactly(poisoned);

        removePoison();
        assertThat(api.as("admin").post("/api/v1/admin/dead-letters/" + GROUP + "/retry").json()
                .path("remaining").asLong()).isZero();
        assertThat(api.as("admin").get("/api/v1/tickets/" + poisoned).json().path("title").asString())
                .isEqualTo(title);
    }

    /** The SQL of a contract (31 columns) makes an error message longer than the queue's cause column. */
    @Test
    void a_failure_with_a_long_message_is_dead_lettered_too_not_retried_forever() {
        jdbc.sql("ALTER TABLE read_contract ADD CONSTRAINT read_contract_poison_test CHECK (name <> '" + POISON
                + "') NOT VALID").update();
        String client = newClient();
        LocalDate today = LocalDate.now(clock);
        Map<String, Object> body = Fixtures.maintenance(client, newProject(client), today, today.plusDays(300));
        body.put("name", POISON);
        String contract = ok(api.as("admin").post("/api/v1/contracts", body)).json().path("id").asString();
        awaitReadModelsAt(head());

        List<Map<String, Object>> letters = letters();
        assertThat(letters).extracting(l -> l.get("processing_group")).containsExactly(Projections.CONTRACTS);
        assertThat(letters).extracting(l -> l.get("sequence_identifier")).containsExactly(contract);
        assertThat((String) letters.getFirst().get("cause_message")).hasSizeLessThanOrEqualTo(1023)
                .contains("read_contract");
        assertThat(processor(Projections.CONTRACTS).isError()).isFalse();

        removePoison();
        Response retried = api.as("admin").post("/api/v1/admin/dead-letters/" + Projections.CONTRACTS + "/retry");
        assertThat(retried.json().path("succeeded").asLong()).as(retried.toString()).isEqualTo(1);
        assertThat(api.as("admin").get("/api/v1/contracts/" + contract).json().path("name").asString())
                .isEqualTo(POISON);
        assertThat(letters()).isEmpty();
    }

    @Test
    void dead_letters_are_for_admin_and_analyst_and_known_groups_only() {
        for (String user : List.of("lead", "tech", "client", "sales", "manager", "auditor")) {
            Response refused = api.as(user).get("/api/v1/admin/dead-letters");
            assertThat(refused.status()).as(user + " " + refused).isEqualTo(403);
            assertThat(refused.code()).isEqualTo("ROLE_NOT_ALLOWED");
            assertThat(api.as(user).post("/api/v1/admin/dead-letters/" + GROUP + "/retry").code())
                    .isEqualTo("ROLE_NOT_ALLOWED");
        }
        Response all = api.as("admin").get("/api/v1/admin/dead-letters");
        assertThat(all.status()).as(all.toString()).isEqualTo(200);
        assertThat(all.json().path("total").asLong()).isZero();
        assertThat(api.as("admin").get("/api/v1/admin/dead-letters?group=nope").code()).isEqualTo("NOT_FOUND");
        assertThat(api.as("admin").post("/api/v1/admin/dead-letters/nope/retry").status()).isEqualTo(404);
        assertThat(api.as("admin").get("/api/v1/admin/dead-letters?limit=0").code()).isEqualTo("VALIDATION_FAILED");
        Response nothing = api.as("analyst").post("/api/v1/admin/dead-letters/" + GROUP + "/retry");
        assertThat(nothing.json().path("succeeded").asLong()).isZero();
        assertThat(nothing.json().path("remaining").asLong()).isZero();
    }

    @Test
    void discarding_letters_needs_a_reason_and_records_who_when_why_and_what() {
        String title = "POISON " + UUID.randomUUID();
        poison(title);
        String poisoned = ok(open("lead", ECOMMERCE, CORRECTIVE, title, "MINOR")).json().path("id").asString();
        ok(ticketCommand("lead", poisoned, "hold", Map.of("reason", "Attente du client")));
        awaitReadModelsAt(head());
        assertThat(letters()).hasSize(2);
        String discard = "/api/v1/admin/dead-letters/" + GROUP + "/discard";

        for (Map<String, String> body : List.<Map<String, String>>of(Map.of(), Map.of("reason", " "))) {
            Response refused = api.as("analyst").post(discard, body);
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.code()).isEqualTo("REASON_REQUIRED");
        }
        Response forbidden = api.as("lead").post(discard, Map.of("reason", "Nettoyage"));
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(api.as("analyst").post("/api/v1/admin/dead-letters/nope/discard", Map.of("reason", "x")).status())
                .isEqualTo(404);
        assertThat(letters()).hasSize(2);

        Response discarded = api.as("analyst").header("X-Correlation-Id", "discard-" + poisoned)
                .post(discard, Map.of("reason", "Ticket de test, titre invalide", "sequenceIdentifier", poisoned));
        assertThat(discarded.status()).as(discarded.toString()).isEqualTo(200);
        assertThat(discarded.json().path("discarded").asLong()).isEqualTo(2);
        assertThat(discarded.json().path("remaining").asLong()).isZero();
        assertThat(letters()).isEmpty();
        List<Map<String, Object>> audit = jdbc.sql("SELECT * FROM dead_letter_discard WHERE sequence_identifier = ? "
                + "ORDER BY sequence_number").param(poisoned).query().listOfRows();
        assertThat(audit).hasSize(2).allSatisfy(row -> {
            assertThat(row.get("processing_group")).isEqualTo(GROUP);
            assertThat(row.get("discarded_by")).isEqualTo("user-analyst");
            assertThat(row.get("discarded_roles")).isEqualTo("ANALYST");
            assertThat(row.get("reason")).isEqualTo("Ticket de test, titre invalide");
            assertThat(row.get("correlation_id")).isEqualTo("discard-" + poisoned);
            assertThat(row.get("aggregate_identifier")).isEqualTo(poisoned);
            assertThat(row.get("discarded_at")).isNotNull();
        });
        assertThat(audit).extracting(row -> row.get("payload_type").toString())
                .containsExactly("com.itvision.maintenance.kernel.ticket.TicketEvent$TicketOpened",
                        "com.itvision.maintenance.kernel.ticket.TicketEvent$TicketPutOnHold");
        assertThat(api.as("admin").get("/api/v1/tickets/" + poisoned).status()).as("never applied").isEqualTo(404);
    }

    private List<Map<String, Object>> letters() {
        return jdbc.sql("SELECT * FROM dead_letter_entry ORDER BY processing_group, sequence_identifier, "
                + "sequence_index").query().listOfRows();
    }
}
