package com.itvision.maintenance.app.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.itvision.maintenance.app.support.Api.Response;
import com.itvision.maintenance.projections.support.Projections;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 7, defect 4: a read model whose segment cannot move (here: an event it cannot apply, and its
 * dead-letter queue refusing the letter, as when storing the letter itself failed) is shown as it is:
 * lag above 0, stalled, its last failure, health DOWN; and recovers by itself once the cause is gone.
 */
class StalledReadModelTest extends ReadModelTestSupport {
    static final String GROUP = Projections.TICKETS;

    @AfterEach
    void removeCauses() {
        jdbc.sql("ALTER TABLE read_ticket DROP CONSTRAINT IF EXISTS read_ticket_stall_test").update();
        jdbc.sql("ALTER TABLE dead_letter_entry DROP CONSTRAINT IF EXISTS dead_letter_stall_test").update();
    }

    private JsonNode ticketProcessor() {
        Response overview = api.as("analyst").header("X-Min-Position", "0").get("/api/v1/admin/projections");
        assertThat(overview.status()).as("%s", overview).isEqualTo(200);
        for (JsonNode processor : overview.json().path("processors")) {
            if (processor.path("name").asString().equals(GROUP)) {
                return processor;
            }
        }
        throw new AssertionError("no " + GROUP + " in " + overview);
    }

    @Test
    void a_segment_that_cannot_move_shows_lag_stall_its_failure_and_health_down_until_it_recovers() {
        String title = "STALL " + UUID.randomUUID();
        jdbc.sql("ALTER TABLE read_ticket ADD CONSTRAINT read_ticket_stall_test CHECK (title <> '" + title + "') NOT VALID")
                .update();
        jdbc.sql("ALTER TABLE dead_letter_entry ADD CONSTRAINT dead_letter_stall_test CHECK (processing_group <> '"
                + GROUP + "') NOT VALID").update();
        ok(open("lead", ECOMMERCE, CORRECTIVE, title, "MINOR"));
        ok(open("lead", ECOMMERCE, CORRECTIVE, "After the stall " + UUID.randomUUID(), "MINOR"));
        long head = head();

        // behind, and not moving: the failure is known, the lag is counted from the stored tokens
        await().atMost(CATCH_UP).until(() -> ticketProcessor().path("lastFailure").path("message").asString()
                .contains("dead_letter_stall_test"));
        JsonNode behind = ticketProcessor();
        assertThat(behind.path("lag").asLong()).as("%s", behind).isPositive();
        assertThat(behind.path("caughtUp").asBoolean()).isFalse();

        // once it has not moved for the stall period, it is stalled and health says so
        clock.advance(Duration.ofSeconds(31));
        JsonNode stalled = ticketProcessor();
        assertThat(stalled.path("stalled").asBoolean()).as("%s", stalled).isTrue();
        assertThat(stalled.path("lag").asLong()).isPositive();
        assertThat(stalled.path("segments").findValues("stalled")).anyMatch(JsonNode::asBoolean);
        Response health = api.anonymous().get("/actuator/health");
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.json().path("status").asString()).isEqualTo("DOWN");
        Response details = api.as("admin").get("/actuator/health");
        assertThat(details.json().path("components").path("eventProcessors").path("details").path(GROUP).asString())
                .as("%s", details).startsWith("STALLED").contains("dead_letter_stall_test");
        assertThat(api.anonymous().get("/actuator/health/liveness").status()).as("restarting would not help").isEqualTo(200);

        // the cause goes: Axon's retry dead-letters the poison event, the segment moves on, health recovers
        clock.reset();
        jdbc.sql("ALTER TABLE dead_letter_entry DROP CONSTRAINT dead_letter_stall_test").update();
        awaitReadModelsAt(head);
        JsonNode recovered = ticketProcessor();
        assertThat(recovered.path("stalled").asBoolean()).as("%s", recovered).isFalse();
        assertThat(recovered.path("lag").asLong()).isZero();
        assertThat(recovered.path("deadLetters").asLong()).isPositive();
        assertThat(api.anonymous().get("/actuator/health").json().path("status").asString()).isEqualTo("UP");

        // and the parked event is applied once its own cause goes too
        jdbc.sql("ALTER TABLE read_ticket DROP CONSTRAINT read_ticket_stall_test").update();
        Response retried = api.as("admin").post("/api/v1/admin/dead-letters/" + GROUP + "/retry");
        assertThat(retried.json().path("remaining").asLong()).as("%s", retried).isZero();
    }
}
