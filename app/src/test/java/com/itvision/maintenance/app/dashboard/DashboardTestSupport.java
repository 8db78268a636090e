package com.itvision.maintenance.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.app.support.Api;
import com.itvision.maintenance.app.support.Api.Response;
import com.itvision.maintenance.app.support.IntegrationTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Builds a dashboard scenario of the test's own over HTTP (clients, projects, users, contracts,
 * tickets, billets, interventions, reports), each command at an instant set on the MutableClock, so
 * that every figure can be computed by hand.
 */
abstract class DashboardTestSupport extends IntegrationTest {
    private Technician technician;

    /** The technician of this test's billets and interventions, created on first use. */
    Technician technician() {
        if (technician == null) {
            technician = newTechnician();
        }
        return technician;
    }

    static Instant utc(LocalDate day, int hour, int minute) {
        return day.atTime(hour, minute).toInstant(ZoneOffset.UTC);
    }

    // -- directory --

    String newClient(String salesRepId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Client " + UUID.randomUUID());
        if (salesRepId != null) {
            body.put("salesRepId", salesRepId);
        }
        return created(api.as("admin").post("/api/v1/clients", body));
    }

    String newProject(String clientId) {
        return created(api.as("admin").post("/api/v1/projects",
                Map.of("clientId", clientId, "name", "Projet " + UUID.randomUUID())));
    }

    record User(String username, String id) {
    }

    /** A new user with {@code role} (bound to {@code clientId} for a CLIENT); its password is its user name. */
    User newUser(String role, String clientId) {
        String username = role.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", username);
        body.put("password", username);
        body.put("displayName", "Dash " + username);
        body.put("roles", List.of(role));
        if (clientId != null) {
            body.put("clientId", clientId);
        }
        return new User(username, created(api.as("admin").post("/api/v1/users", body)));
    }

    // -- contracts --

    /** A contract body; {@code quota} null = unlimited. Support hours 08:00-18:00 Mon-Fri in UTC. */
    static Map<String, Object> contract(String clientId, String projectId, String type, LocalDate start,
                                        LocalDate end, int slaHours, Integer quota, long priceMinor, String currency) {
        boolean warranty = type.equals("CORRECTIVE") || type.equals("EVOLUTIVE");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("clientId", clientId);
        body.put("projectId", projectId);
        body.put("name", type + " " + UUID.randomUUID());
        body.put("kind", warranty ? "WARRANTY" : "MAINTENANCE");
        body.put("type", type);
        body.put("startDate", start.toString());
        body.put("endDate", end.toString());
        body.put("slaHours", slaHours);
        body.put("supportHours", "BUSINESS_HOURS");
        body.put("timeZone", "UTC");
        if (quota != null) {
            body.put("interventionsIncluded", quota);
        }
        body.put("annualPrice", Map.of("amountMinor", priceMinor, "currency", currency));
        body.put("paymentFrequency", "ANNUAL");
        return body;
    }

    String draft(Map<String, Object> body) {
        return created(api.as("admin").post("/api/v1/contracts", body));
    }

    void contractCommand(String user, String contractId, String action, Map<String, ?> body) {
        Response response = api.as(user).post("/api/v1/contracts/" + contractId + "/" + action, body);
        assertThat(response.status()).as("%s %s", action, response).isEqualTo(200);
    }

    // -- the governed chain --

    String openTicket(String projectId, String contractId, String severity) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("projectId", projectId);
        if (contractId != null) {
            body.put("contractId", contractId);
        }
        body.put("title", "Incident " + UUID.randomUUID());
        body.put("description", "Les utilisateurs reçoivent une erreur 500");
        body.put("severity", severity);
        return created(api.as("lead").post("/api/v1/tickets", body));
    }

    void ticketCommand(String user, String ticketId, String action, Map<String, ?> body) {
        Response response = api.as(user).post("/api/v1/tickets/" + ticketId + "/" + action, body);
        assertThat(response.status()).as("%s %s", action, response).isEqualTo(200);
    }

    String billet(String ticketId, double estimatedHours) {
        return created(api.as("lead").post("/api/v1/tickets/" + ticketId + "/billets", Map.of("technicianId", technician().userId(),
                "type", "CORRECTION", "estimatedHours", estimatedHours, "instructions", "Diagnostiquer")));
    }

    String intervention(String billetId, Instant startedAt, Instant endedAt, double hoursSpent) {
        return created(api.as(technician().username()).post("/api/v1/billets/" + billetId + "/interventions", Map.of(
                "description", "Analyse et correction", "startedAt", startedAt.toString(),
                "endedAt", endedAt.toString(), "hoursSpent", hoursSpent)));
    }

    /** The technician writes the report, {@code lead} validates it: the ticket is RESOLVED now. */
    void resolve(String interventionId) {
        Response written = put(technician().username(), "/api/v1/interventions/" + interventionId + "/report", Map.of(
                "initialProblem", "Erreur 500", "rootCause", "Clé API expirée", "solution", "Nouvelle clé",
                "systemImpact", "Paiement uniquement"));
        assertThat(written.status()).as("%s", written).isEqualTo(200);
        Response validated = api.as("lead").post("/api/v1/interventions/" + interventionId + "/report/validate");
        assertThat(validated.status()).as("%s", validated).isEqualTo(200);
    }

    // -- reading --

    JsonNode dashboard(String user, String path) {
        Response response = api.as(user).get(path);
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        return response.json();
    }

    static String created(Response response) {
        assertThat(response.status()).as("%s", response).isEqualTo(201);
        return response.json().path("id").asString();
    }

    /** PUT, which the shared {@link Api} does not speak. */
    Response put(String user, String path, Object body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(body), StandardCharsets.UTF_8))
                .build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            Map<String, String> headers = new LinkedHashMap<>();
            response.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
            return new Response(response.statusCode(), headers, response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
