package com.itvision.maintenance.app.chain;

import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.app.support.Api.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Times an intervention cannot have (issue 7 item 7): more hours than the interval they were spent in, and
 * a technician intervening in two places at once, over HTTP on the real schedule lookup. Refusals are 400
 * problems naming the field, and store nothing.
 */
class InterventionTimesTest extends ChainTestSupport {
    private Instant now;

    @BeforeEach
    void now() {
        now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private Instant ago(int minutes) {
        return now.minus(Duration.ofMinutes(minutes));
    }

    private JsonNode refusal(String code, String field, java.util.function.Supplier<Response> call) {
        Response response = assertRefused(call, 400, code);
        JsonNode error = response.json().path("errors").get(0);
        assertThat(error.path("field").asString()).isEqualTo(field);
        assertThat(response.body()).doesNotContain("com.itvision", "Exception", "java.");
        return error;
    }

    private Map<String, Object> correction(Instant start, Instant end, double hours) {
        return Map.of("startedAt", start.toString(), "endedAt", end.toString(), "hoursSpent", hours,
                "reason", "Heures mal saisies");
    }

    @Test
    void hours_spent_beyond_the_interval_are_refused_when_recording_and_correcting() {
        String billetId = issueBillet(coveredTicket());
        String tech = technician().username();

        JsonNode error = refusal("INVALID_HOURS", "hoursSpent", () -> record(tech, billetId, ago(120), ago(60), 1.5));
        assertThat(error.path("message").asString())
                .isEqualTo("hoursSpent (1.50 h) cannot exceed the 1.00 h between startedAt and endedAt");

        Response recorded = record(tech, billetId, ago(120), ago(60), 1);
        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);
        String path = "/api/v1/interventions/" + recorded.json().path("id").asString() + "/correct";
        refusal("INVALID_HOURS", "hoursSpent", () -> api.as("admin").post(path, correction(ago(120), ago(90), 1)));
        Response corrected = api.as("admin").post(path, correction(ago(120), ago(90), 0.5));
        assertThat(corrected.status()).as(corrected.toString()).isEqualTo(200);
    }

    @Test
    void a_technician_intervening_elsewhere_at_that_time_is_refused_touching_intervals_are_not() {
        String tech = technician().username();
        Response first = record(tech, issueBillet(coveredTicket()), ago(180), ago(120), 1);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        String firstId = first.json().path("id").asString();
        String otherBillet = issueBillet(coveredTicket());

        JsonNode overlap = refusal("INTERVENTION_OVERLAP", "startedAt",
                () -> record(tech, otherBillet, ago(150), ago(90), 0.5));
        assertThat(overlap.path("message").asString()).contains("already intervening", firstId);
        refusal("INTERVENTION_OVERLAP", "startedAt", () -> record("lead", otherBillet, ago(200), ago(100), 1));
        refusal("INTERVENTION_OVERLAP", "startedAt", () -> record(tech, otherBillet, ago(170), ago(130), 0.5));

        Response touching = record(tech, otherBillet, ago(120), ago(60), 1);
        assertThat(touching.status()).as("ends when the next starts: %s", touching).isEqualTo(201);
        Response before = record(tech, issueBillet(coveredTicket()), ago(230), ago(180), 0.5);
        assertThat(before.status()).as("starts when the previous ended: %s", before).isEqualTo(201);
        assertThat(jdbc.sql("SELECT count(*) FROM technician_interval WHERE technician_id = ?")
                .param(technician().userId()).query(Long.class).single()).isEqualTo(3);
    }

    @Test
    void another_technician_at_the_same_time_is_no_overlap() {
        String ticketId = coveredTicket();
        Response mine = record(technician().username(), issueBillet(ticketId), ago(180), ago(60), 2);
        assertThat(mine.status()).as(mine.toString()).isEqualTo(201);
        Technician colleague = newTechnician();
        Response billet = billet("lead", coveredTicket(), colleague.userId(), 2);
        Response theirs = record(colleague.username(), billet.json().path("id").asString(), ago(180), ago(60), 2);
        assertThat(theirs.status()).as(theirs.toString()).isEqualTo(201);
    }

    @Test
    void a_correction_may_not_move_into_another_intervention_and_a_cancellation_frees_the_time() {
        String tech = technician().username();
        String early = record(tech, issueBillet(coveredTicket()), ago(200), ago(140), 1).json().path("id").asString();
        Response late = record(tech, issueBillet(coveredTicket()), ago(120), ago(60), 1);
        assertThat(late.status()).as(late.toString()).isEqualTo(201);
        String lateId = late.json().path("id").asString();

        refusal("INTERVENTION_OVERLAP", "startedAt", () -> api.as("admin").post("/api/v1/interventions/" + early
                + "/correct", correction(ago(200), ago(100), 1.5)));
        Response ownTime = api.as("admin").post("/api/v1/interventions/" + lateId + "/correct",
                correction(ago(130), ago(60), 1));
        assertThat(ownTime.status()).as("its own interval is no overlap: %s", ownTime).isEqualTo(200);

        assertThat(api.as("admin").post("/api/v1/interventions/" + lateId + "/cancel",
                Map.of("reason", "Saisie en double")).status()).isEqualTo(200);
        Response freed = api.as("admin").post("/api/v1/interventions/" + early + "/correct",
                correction(ago(200), ago(100), 1.5));
        assertThat(freed.status()).as("the cancelled intervention no longer takes the time: %s", freed).isEqualTo(200);
        assertThat(jdbc.sql("SELECT ended_at FROM technician_interval WHERE intervention_id = ?").param(early)
                .query(java.time.OffsetDateTime.class).single().toInstant()).isEqualTo(ago(100));
    }
}
