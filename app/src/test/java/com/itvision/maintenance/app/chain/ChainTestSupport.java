package com.itvision.maintenance.app.chain;

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
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * The governed chain spoken over HTTP: ticket → billet → intervention → technical report, with the
 * demo users of {@code DemoData} (password = user name) and, where a test needs contracts of its own,
 * a client, project and contracts created through the API with random ids.
 *
 * <p>Time: tickets are opened {@link #OPENED_AGO} in the past (the {@link com.itvision.maintenance.app.support.MutableClock}
 * is moved back for the opening only), so that interventions fit between the opening and now.
 */
public abstract class ChainTestSupport extends IntegrationTest {
    protected static final String ECOMMERCE = "project-a-ecommerce";
    protected static final String CCTV = "project-a-cctv";
    protected static final String B_NETWORK = "project-b-network";
    protected static final String CORRECTIVE = "contract-a-corrective";
    protected static final String EVOLUTIVE_EXPIRED = "contract-a-evolutive";
    protected static final String TECH = "user-tech";
    protected static final Duration OPENED_AGO = Duration.ofHours(4);

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Technician technician;
    /** Where the next interval {@link #record(String, String, double)} picks ends: before the ones it stored. */
    private Instant nextEnd;

    /** The technician the billets of this test authorise ({@link #issueBillet}), created on first use. */
    protected Technician technician() {
        if (technician == null) {
            technician = newTechnician();
        }
        return technician;
    }

    // -- tickets --

    protected Response open(String user, String projectId, String contractId, String title, String severity) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("projectId", projectId);
        if (contractId != null) {
            body.put("contractId", contractId);
        }
        body.put("title", title);
        body.put("description", "Les utilisateurs reçoivent une erreur 500");
        body.put("severity", severity);
        return api.as(user).post("/api/v1/tickets", body);
    }

    /** Opens a ticket {@link #OPENED_AGO} ago (then puts the clock back on real time); returns its id. */
    protected String openTicket(String user, String projectId, String contractId) {
        clock.set(Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(OPENED_AGO));
        try {
            Response opened = open(user, projectId, contractId, "Incident " + UUID.randomUUID(), "MAJOR");
            assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
            return opened.json().path("id").asString();
        } finally {
            clock.reset();
        }
    }

    /** A covered ticket of client A (contract-a-corrective), opened by {@code lead}. */
    protected String coveredTicket() {
        return openTicket("lead", ECOMMERCE, CORRECTIVE);
    }

    /** The ticket as its aggregate is now, from the event store (the audit's state read). */
    protected JsonNode ticket(String ticketId) {
        Response response = api.as("admin").get("/api/v1/audit/tickets/" + ticketId + "/state");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().path("ticket");
    }

    protected String status(String ticketId) {
        return ticket(ticketId).path("status").asString();
    }

    protected Response ticketCommand(String user, String ticketId, String action, Map<String, ?> body) {
        return api.as(user).post("/api/v1/tickets/" + ticketId + "/" + action, body);
    }

    protected Response ticketCommand(String user, String ticketId, String action) {
        return api.as(user).post("/api/v1/tickets/" + ticketId + "/" + action);
    }

    // -- billets --

    protected Response billet(String user, String ticketId, String technicianId, double estimatedHours) {
        return api.as(user).post("/api/v1/tickets/" + ticketId + "/billets", Map.of("technicianId", technicianId,
                "type", "CORRECTION", "estimatedHours", estimatedHours,
                "instructions", "Vérifier la configuration du gateway de paiement"));
    }

    /** {@code lead} authorises this test's {@link #technician()} for 2.5 h; returns the billet id. */
    protected String issueBillet(String ticketId) {
        Response issued = billet("lead", ticketId, technician().userId(), 2.5);
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        return issued.json().path("id").asString();
    }

    // -- interventions --

    protected Response record(String user, String billetId, Instant startedAt, Instant endedAt, double hoursSpent) {
        return api.as(user).post("/api/v1/billets/" + billetId + "/interventions", Map.of(
                "description", "1. Analyse des logs Stripe\n2. Mise à jour de la clé dans config",
                "startedAt", startedAt.toString(), "endedAt", endedAt.toString(), "hoursSpent", hoursSpent,
                "fixApplied", "Mise à jour API_KEY dans config/payment.py", "filesChanged", "config/payment.py"));
    }

    /**
     * {@code user} records {@code hoursSpent} in an interval exactly that long (at least a minute): the first
     * one of a test ends 10 minutes ago, each next one ends 10 minutes before the previous stored one
     * started, since a technician is in one place at a time. Tickets opened {@link #OPENED_AGO} leave room
     * for about 3 h 50 min of them.
     */
    protected Response record(String user, String billetId, double hoursSpent) {
        Instant latest = clock.instant().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(10));
        Instant end = nextEnd == null || nextEnd.isAfter(latest) ? latest : nextEnd;
        Instant start = end.minus(Duration.ofMinutes(Math.max(1, Math.round(hoursSpent * 60))));
        Response response = record(user, billetId, start, end, hoursSpent);
        if (response.status() == 201) {
            nextEnd = start.minus(Duration.ofMinutes(10));
        }
        return response;
    }

    /** This test's {@link #technician()} records 1 h under {@code billetId}; returns the intervention id. */
    protected String recordIntervention(String billetId) {
        Response recorded = record(technician().username(), billetId, 1);
        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);
        return recorded.json().path("id").asString();
    }

    protected Response writeReport(String user, String interventionId, String rootCause) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("initialProblem", "Erreur 500 lors du paiement par CB");
        report.put("rootCause", rootCause);
        report.put("solution", "Mise à jour de la clé API avec la nouvelle clé fournie par Stripe");
        report.put("systemImpact", "Module de paiement uniquement");
        report.put("futureRisks", "Risque de récurrence si rotation des clés non automatisée");
        report.put("recommendations", "Mettre en place une alerte d'expiration des clés API");
        return put(user, "/api/v1/interventions/" + interventionId + "/report", report);
    }

    protected Response validateReport(String user, String interventionId) {
        return api.as(user).post("/api/v1/interventions/" + interventionId + "/report/validate");
    }

    /** A ticket taken through the whole chain up to RESOLVED (tech intervened, lead validated). */
    protected String resolvedTicket() {
        String ticketId = coveredTicket();
        String interventionId = recordIntervention(issueBillet(ticketId));
        assertThat(writeReport(technician().username(), interventionId, "Clé API Stripe expirée").status())
                .isEqualTo(200);
        assertThat(validateReport("lead", interventionId).status()).isEqualTo(200);
        assertThat(status(ticketId)).isEqualTo("RESOLVED");
        return ticketId;
    }

    /** A RESOLVED ticket confirmed by client A and closed by {@code lead}. */
    protected String closedTicket() {
        String ticketId = resolvedTicket();
        assertThat(ticketCommand("client", ticketId, "confirm").status()).isEqualTo(200);
        assertThat(ticketCommand("lead", ticketId, "close").status()).isEqualTo(200);
        return ticketId;
    }

    // -- directory and contracts of the test's own --

    protected String newClient() {
        Response created = api.as("admin").post("/api/v1/clients", Map.of("name", "Client " + UUID.randomUUID()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    protected String newProject(String clientId) {
        Response created = api.as("admin").post("/api/v1/projects", Map.of("clientId", clientId,
                "name", "Projet " + UUID.randomUUID()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    /** A CLIENT user bound to {@code clientId}; its password is its user name (at least 8 characters). */
    protected String newClientUser(String clientId) {
        String username = "cli-" + UUID.randomUUID().toString().substring(0, 8);
        Response created = api.as("admin").post("/api/v1/users", Map.of("username", username,
                "password", username, "roles", List.of("CLIENT"), "clientId", clientId));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return username;
    }

    /**
     * An ACTIVE contract on {@code projectId} covering today (30 days back, 300 ahead), SLA 24 h around
     * the clock; {@code quota} null means unlimited. WARRANTY types are free, MAINTENANCE ones paid.
     */
    protected String activeContract(String clientId, String projectId, String type, Integer quota) {
        boolean warranty = type.equals("CORRECTIVE") || type.equals("EVOLUTIVE");
        LocalDate today = LocalDate.now(clock);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("clientId", clientId);
        body.put("projectId", projectId);
        body.put("name", type + " " + UUID.randomUUID());
        body.put("kind", warranty ? "WARRANTY" : "MAINTENANCE");
        body.put("type", type);
        body.put("startDate", today.minusDays(30).toString());
        body.put("endDate", today.plusDays(300).toString());
        body.put("slaHours", 24);
        body.put("supportHours", "ALWAYS");
        body.put("timeZone", "UTC");
        if (quota != null) {
            body.put("interventionsIncluded", quota);
        }
        body.put("annualPrice", Map.of("amountMinor", warranty ? 0 : 1_200_000, "currency", "XOF"));
        body.put("paymentFrequency", "ANNUAL");
        Response drafted = api.as("admin").post("/api/v1/contracts", body);
        assertThat(drafted.status()).as(drafted.toString()).isEqualTo(201);
        String contractId = drafted.json().path("id").asString();
        Response activated = api.as("admin").post("/api/v1/contracts/" + contractId + "/activate");
        assertThat(activated.status()).as(activated.toString()).isEqualTo(200);
        return contractId;
    }

    /** Units of the contract's quota used in its (only) period. */
    protected int quotaUsed(String contractId) {
        Response contract = api.as("admin").get("/api/v1/audit/contracts/" + contractId + "/state");
        assertThat(contract.status()).as(contract.toString()).isEqualTo(200);
        JsonNode periods = contract.json().path("contract").path("periods");
        assertThat(periods.size()).isEqualTo(1);
        return periods.get(0).path("used").asInt();
    }

    // -- refusals and the event store --

    /** The call is refused with {@code status} and {@code code}, and the event store is left unchanged. */
    protected Response assertRefused(Supplier<Response> call, int status, String code) {
        long before = eventCount();
        Response response = call.get();
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.code()).as(response.toString()).isEqualTo(code);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(eventCount()).as("a refusal stores nothing: " + response).isEqualTo(before);
        return response;
    }

    /** The simple names of an aggregate's events, in its sequence order. */
    protected List<String> eventsOf(String aggregateId) {
        return jdbc.sql("SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ? "
                        + "ORDER BY sequence_number")
                .param(aggregateId)
                .query(String.class).list().stream()
                .map(ChainTestSupport::simpleName)
                .toList();
    }

    /** The JSON payload of the aggregate's last event of that simple name. */
    protected JsonNode lastPayload(String aggregateId, String eventName) {
        List<String> payloads = jdbc.sql("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry "
                        + "WHERE aggregate_identifier = ? AND payload_type LIKE ? ORDER BY sequence_number DESC")
                .params(aggregateId, "%$" + eventName)
                .query(String.class).list();
        assertThat(payloads).as(eventName + " of " + aggregateId).isNotEmpty();
        return Api.JSON.readTree(payloads.getFirst());
    }

    protected static String simpleName(String payloadType) {
        return payloadType.substring(Math.max(payloadType.lastIndexOf('.'), payloadType.lastIndexOf('$')) + 1);
    }

    /** PUT, which the shared {@link Api} does not speak. */
    protected Response put(String user, String path, Object body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(body), StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
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
