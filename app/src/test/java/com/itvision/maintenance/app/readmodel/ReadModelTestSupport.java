package com.itvision.maintenance.app.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.itvision.maintenance.app.chain.ChainTestSupport;
import com.itvision.maintenance.app.support.Api.Response;
import com.itvision.maintenance.app.support.Fixtures;
import com.itvision.maintenance.projections.support.Projections;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Read models seen from the outside: the processors' progress, every {@code read_*} table as rows, and a
 * history that goes through (nearly) every event handler of the five projections, made over HTTP.
 */
abstract class ReadModelTestSupport extends ChainTestSupport {
    static final Duration CATCH_UP = Duration.ofSeconds(30);

    @Autowired
    EventProcessingConfiguration processing;

    long head() {
        return jdbc.sql("SELECT coalesce(max(global_index), 0) FROM domain_event_entry").query(Long.class).single();
    }

    StreamingEventProcessor processor(String group) {
        return processing.eventProcessor(group, StreamingEventProcessor.class).orElseThrow();
    }

    /** Every read-model processor runs, without error, and each of its segments processed {@code position}. */
    boolean reached(String group, long position) {
        StreamingEventProcessor processor = processor(group);
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        int segments = jdbc.sql("SELECT count(*) FROM token_entry WHERE processor_name = ?").param(group)
                .query(Integer.class).single();
        return processor.isRunning() && !processor.isError() && status.size() == segments
                && status.values().stream().allMatch(s -> !s.isErrorState() && position(s) >= position);
    }

    void awaitReadModelsAt(long position) {
        await().atMost(CATCH_UP).pollInterval(Duration.ofMillis(50))
                .until(() -> Projections.ALL.stream().allMatch(group -> reached(group, position)));
    }

    static long position(EventTrackerStatus status) {
        OptionalLong position = status.getCurrentPosition();
        return position.isPresent() ? position.getAsLong() : -1;
    }

    /**
     * Rebuilds {@code groups} blue/green as {@code user} (all at once) and waits until each is swapped in
     * (DONE); then until every read model processed {@code head()} again from the rebuild's tokens.
     */
    void rebuild(String user, List<String> groups) {
        for (String group : groups) {
            Response requested = api.as(user).post("/api/v1/admin/projections/" + group + "/rebuild");
            assertThat(requested.status()).as(requested.toString()).isEqualTo(202);
            assertThat(requested.header("Location")).endsWith("/api/v1/admin/projections/" + group + "/rebuild");
        }
        awaitRebuilt(groups);
    }

    void awaitRebuilt(List<String> groups) {
        await().atMost(CATCH_UP).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            for (String group : groups) {
                Response rebuild = api.as("analyst").get("/api/v1/admin/projections/" + group + "/rebuild");
                assertThat(rebuild.json().path("status").asString()).as(rebuild.toString()).isEqualTo("DONE");
            }
        });
        awaitReadModelsAt(head());
    }

    /** Each read model's checksum (of its live tables), by group. */
    Map<String, String> checksums() {
        Map<String, String> checksums = new LinkedHashMap<>();
        for (String group : Projections.ALL) {
            Response checksum = api.as("analyst").get("/api/v1/admin/projections/" + group + "/checksum");
            assertThat(checksum.status()).as(checksum.toString()).isEqualTo(200);
            checksums.put(group, checksum.json().path("digest").asString());
        }
        return checksums;
    }

    /** Every row of every read-model table, as text, sorted: business keys only, so comparable across rebuilds. */
    Map<String, List<String>> readModels() {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        for (String table : readTables()) {
            tables.put(table, jdbc.sql("SELECT r::text FROM " + table + " r ORDER BY 1").query(String.class).list());
        }
        return tables;
    }

    List<String> readTables() {
        return jdbc.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
                + "AND table_name LIKE 'read\\_%' ORDER BY table_name").query(String.class).list();
    }

    static void assertSameRows(Map<String, List<String>> actual, Map<String, List<String>> expected) {
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        expected.forEach((table, rows) -> assertThat(actual.get(table)).as(table).containsExactlyElementsOf(rows));
    }

    static Response ok(Response response) {
        assertThat(response.status()).as(response.toString()).isBetween(200, 299);
        return response;
    }

    /** The ids a {@link #history()} created. */
    record History(String clientId, String projectId, String clientUser, String contractId, String terminatedId,
                   String declinedId, String ticketId, String rejectedTicketId, String revokedBilletId,
                   String interventionId, String cancelledInterventionId) {
    }

    /**
     * A client with its CLIENT user, contracts amended, suspended, resumed, renewed, terminated and
     * declined, a ticket taken through hold, reclassification, billet, intervention, report, validation,
     * confirmation, closing and rating, another with a revoked billet, a cancelled intervention (quota
     * refunded) and a rejection, and a quote request.
     */
    History history() {
        String client = newClient();
        String project = newProject(client);
        String user = newClientUser(client);
        String contract = activeContract(client, project, "PREVENTIVE", 4);
        String contracts = "/api/v1/contracts/";
        ok(api.as("admin").post(contracts + contract + "/amend", Map.of("slaHours", 8, "reason", "Avenant 1")));
        ok(api.as("lead").post(contracts + contract + "/suspend", Map.of("reason", "Impayé")));
        ok(api.as("lead").post(contracts + contract + "/resume", Map.of("reason", "Réglé")));

        String ticket = openTicket("lead", project, contract);
        ok(ticketCommand("lead", ticket, "hold", Map.of("reason", "Attente du client")));
        ok(ticketCommand("lead", ticket, "resume", Map.of("reason", "Le client a répondu")));
        ok(ticketCommand("lead", ticket, "reclassify", Map.of("severity", "CRITICAL",
                "reason", "Production arrêtée")));
        String intervention = recordIntervention(issueBillet(ticket));
        ok(writeReport(technician().username(), intervention, "Clé API expirée"));
        ok(validateReport("lead", intervention));
        ok(ticketCommand(user, ticket, "confirm", Map.of("comment", "Merci")));
        ok(ticketCommand("lead", ticket, "close"));
        ok(ticketCommand(user, ticket, "rate", Map.of("score", 4, "comment", "Rapide")));

        String rejected = openTicket(user, project, contract);
        String revoked = issueBillet(rejected);
        ok(api.as("lead").post("/api/v1/billets/" + revoked + "/revoke", Map.of("reason", "Mauvais technicien")));
        String cancelled = recordIntervention(issueBillet(rejected));
        ok(api.as("admin").post("/api/v1/interventions/" + cancelled + "/cancel",
                Map.of("reason", "Saisie en double")));
        ok(ticketCommand("lead", rejected, "reject", Map.of("reason", "Hors périmètre")));

        ok(api.as("admin").post(contracts + contract + "/renew", Map.of("reason", "Reconduction")));
        LocalDate today = LocalDate.now(clock);
        String terminated = activeContract(client, project, "CURATIVE", null);
        ok(api.as("admin").post(contracts + terminated + "/terminate", Map.of("category", "PRICE",
                "reason", "Trop cher", "effectiveDate", today.plusDays(10).toString())));
        Map<String, Object> proposal = Fixtures.maintenance(client, project, today.plusDays(400), today.plusDays(700));
        proposal.put("type", "BASIC");
        String declined = ok(api.as("admin").post("/api/v1/contracts", proposal)).json().path("id").asString();
        ok(api.as(user).post(contracts + declined + "/decline", Map.of("reason", "Pas maintenant")));
        ok(api.as(user).post("/api/v1/portal/maintenance-quote-requests", Map.of("message", "Devis caméras")));
        return new History(client, project, user, contract, terminated, declined, ticket, rejected, revoked,
                intervention, cancelled);
    }
}
