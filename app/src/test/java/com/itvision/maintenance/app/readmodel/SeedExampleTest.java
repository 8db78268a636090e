package com.itvision.maintenance.app.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.app.support.Api.Response;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Seed 000's client portal ("Vue Avec Contrats" / "Vue Sans Contrat"): a preventive contract with a quota
 * of 4 and one intervention shows 3 remaining and 25 % used, warns 45 days before its end, and a client
 * without an active contract is offered a maintenance quote request.
 */
class SeedExampleTest extends ReadModelTestSupport {

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void preventive_quota_4_with_1_used_shows_3_remaining_25_percent_and_warns_45_days_before_the_end() {
        String client = newClient();
        String project = newProject(client);
        String user = newClientUser(client);
        String contract = activeContract(client, project, "PREVENTIVE", 4);
        recordIntervention(issueBillet(openTicket(user, project, contract)));

        JsonNode shown = portalContract(user, contract);
        assertThat(shown.path("type").asString()).isEqualTo("PREVENTIVE");
        assertThat(shown.path("active").asBoolean()).isTrue();
        JsonNode quota = shown.path("quota");
        assertThat(quota.path("unlimited").asBoolean()).isFalse();
        assertThat(quota.path("included").asInt()).isEqualTo(4);
        assertThat(quota.path("used").asInt()).isEqualTo(1);
        assertThat(quota.path("remaining").asInt()).isEqualTo(3);
        assertThat(quota.path("usageRate").asInt()).isEqualTo(25);
        assertThat(shown.path("recentInterventions").size()).isEqualTo(1);
        assertThat(shown.path("nearExpiration").asBoolean()).isFalse();
        assertThat(shown.path("alerts").valueStream().map(JsonNode::asString)).isEmpty();

        LocalDate end = LocalDate.parse(shown.path("endDate").asString());
        clock.set(end.minusDays(45).atTime(12, 0).toInstant(ZoneOffset.UTC));
        JsonNode expiring = portalContract(user, contract);
        assertThat(expiring.path("daysUntilExpiration").asLong()).isEqualTo(45);
        assertThat(expiring.path("nearExpiration").asBoolean()).isTrue();
        assertThat(expiring.path("alerts").valueStream().map(JsonNode::asString)).containsExactly("EXPIRING");
        assertThat(expiring.path("quota").path("remaining").asInt()).isEqualTo(3);
    }

    @Test
    void the_demo_client_sees_its_preventive_contract_expiring_in_45_days() {
        JsonNode preventive = portalContract("client", "contract-a-preventive");
        assertThat(preventive.path("quota").path("included").asInt()).isEqualTo(4);
        assertThat(preventive.path("daysUntilExpiration").asLong()).isBetween(44L, 45L);
        assertThat(preventive.path("nearExpiration").asBoolean()).isTrue();
        assertThat(preventive.path("alerts").valueStream().map(JsonNode::asString)).contains("EXPIRING");
    }

    @Test
    void without_an_active_contract_the_portal_offers_a_maintenance_quote_request() {
        String client = newClient();
        newProject(client);
        String user = newClientUser(client);

        Response portal = api.as(user).get("/api/v1/portal/contracts");
        assertThat(portal.status()).as(portal.toString()).isEqualTo(200);
        assertThat(portal.json().path("hasActiveContract").asBoolean()).isFalse();
        assertThat(portal.json().path("contracts").size()).isZero();
        assertThat(portal.json().path("message").asString()).startsWith("Aucun contrat actif");
        assertThat(portal.json().path("quoteRequest").asString())
                .isEqualTo("POST /api/v1/portal/maintenance-quote-requests");

        Response requested = api.as(user).post("/api/v1/portal/maintenance-quote-requests",
                Map.of("message", "16 caméras à couvrir"));
        assertThat(requested.status()).as(requested.toString()).isEqualTo(201);
        String requestId = requested.json().path("id").asString();
        awaitReadModelsAt(head());
        assertThat(jdbc.sql("SELECT client_id FROM read_quote_request WHERE request_id = ?").param(requestId)
                .query(String.class).single()).isEqualTo(client);
    }

    private JsonNode portalContract(String user, String contractId) {
        Response portal = api.as(user).get("/api/v1/portal/contracts");
        assertThat(portal.status()).as(portal.toString()).isEqualTo(200);
        assertThat(portal.json().path("hasActiveContract").asBoolean()).isTrue();
        return portal.json().path("contracts").valueStream()
                .filter(c -> c.path("id").asString().equals(contractId))
                .findFirst().orElseThrow(() -> new AssertionError(contractId + " not in " + portal));
    }
}
