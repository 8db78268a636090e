package com.itvision.maintenance.app.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.itvision.maintenance.app.support.Api.Response;
import com.itvision.maintenance.projections.support.Projections;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Rebuilding each read model from the event store (the replay endpoint: reset handler, then every event
 * again) gives back the same rows. Rows are corrupted before the rebuild, so equal rows afterwards can
 * only come from the events.
 */
class ProjectionReplayTest extends ReadModelTestSupport {

    @Test
    void every_read_model_rebuilt_from_the_events_is_identical_row_for_row() {
        History history = history();
        long head = head();
        awaitReadModelsAt(head);
        Map<String, List<String>> before = readModels();
        before.forEach((table, rows) -> assertThat(rows).as("%s has rows to compare", table).isNotEmpty());

        corrupt(history);
        assertThat(readModels()).isNotEqualTo(before);
        for (String group : Projections.ALL) {
            Response replay = api.as(group.equals(Projections.TICKETS) ? "analyst" : "admin")
                    .post("/api/v1/admin/projections/" + group + "/replay");
            assertThat(replay.status()).as(replay.toString()).isEqualTo(202);
            assertThat(replay.json().path("name").asString()).isEqualTo(group);
        }
        awaitReadModelsAt(head);

        assertThat(head()).as("a rebuild stores no event").isEqualTo(head);
        assertSameRows(readModels(), before);
        assertThat(jdbc.sql("SELECT count(*) FROM dead_letter_entry").query(Long.class).single()).isZero();

        // the operations view agrees: every segment at the head, caught up (Axon sets the flag a moment later)
        await().atMost(CATCH_UP).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            Response overview = api.as("analyst").get("/api/v1/admin/projections");
            assertThat(overview.status()).as(overview.toString()).isEqualTo(200);
            assertThat(overview.json().path("headPosition").asLong()).isEqualTo(head);
            List<JsonNode> processors = overview.json().path("processors").valueStream().toList();
            assertThat(processors).extracting(p -> p.path("name").asString())
                    .containsAll(Projections.ALL).contains("command-lookups");
            assertThat(processors).filteredOn(p -> Projections.ALL.contains(p.path("name").asString()))
                    .allSatisfy(p -> {
                        assertThat(p.path("running").asBoolean()).isTrue();
                        assertThat(p.path("error").asBoolean()).isFalse();
                        assertThat(p.path("lag").asLong()).isZero();
                        assertThat(p.path("caughtUp").asBoolean()).isTrue();
                        assertThat(p.path("deadLetters").asLong()).isZero();
                        assertThat(p.path("segments").valueStream().map(seg -> seg.path("position").asLong()))
                                .hasSize(2).allSatisfy(position -> assertThat(position).isEqualTo(head));
                    });
        });
    }

    @Test
    void only_admin_and_analyst_operate_and_only_on_read_models() {
        for (String user : List.of("lead", "tech", "client", "sales", "manager", "auditor")) {
            Response refused = api.as(user).post("/api/v1/admin/projections/" + Projections.BILLETS + "/replay");
            assertThat(refused.status()).as(user + " " + refused).isEqualTo(403);
            assertThat(refused.code()).isEqualTo("ROLE_NOT_ALLOWED");
            assertThat(api.as(user).get("/api/v1/admin/projections").code()).isEqualTo("ROLE_NOT_ALLOWED");
        }
        for (String group : List.of("nope", "command-lookups")) {
            Response unknown = api.as("admin").post("/api/v1/admin/projections/" + group + "/replay");
            assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);
            assertThat(unknown.code()).isEqualTo("NOT_FOUND");
        }
    }

    /** Values no event ever wrote, in a row of every projection. */
    private void corrupt(History h) {
        jdbc.sql("UPDATE read_client SET name = 'CORRUPT' WHERE client_id = ?").param(h.clientId()).update();
        jdbc.sql("UPDATE read_contract SET name = 'CORRUPT' WHERE contract_id = ?").param(h.contractId()).update();
        jdbc.sql("UPDATE read_ticket SET title = 'CORRUPT' WHERE ticket_id = ?").param(h.ticketId()).update();
        jdbc.sql("UPDATE read_billet SET status = 'CORRUPT' WHERE billet_id = ?").param(h.revokedBilletId()).update();
        jdbc.sql("UPDATE read_intervention SET description = 'CORRUPT' WHERE intervention_id = ?")
                .param(h.interventionId()).update();
    }
}
