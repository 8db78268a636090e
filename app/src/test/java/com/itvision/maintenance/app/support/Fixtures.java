package com.itvision.maintenance.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Creates the clients, projects and contracts a test needs over HTTP, each with a unique name, so
 * tests never share state with each other or with the demo world.
 */
public final class Fixtures {
    private final Api api;

    public Fixtures(Api api) {
        this.api = api;
    }

    public static String unique(String prefix) {
        return prefix + " " + UUID.randomUUID();
    }

    /** A new client (as admin); {@code salesRepId} may be null. */
    public String client(String salesRepId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", unique("Client"));
        body.put("email", "it@client.example");
        if (salesRepId != null) {
            body.put("salesRepId", salesRepId);
        }
        return created(api.as("admin").post("/api/v1/clients", body));
    }

    /** A new project of {@code clientId} (as admin). */
    public String project(String clientId) {
        return created(api.as("admin").post("/api/v1/projects",
                Map.of("clientId", clientId, "name", unique("Project"))));
    }

    /** A new project of a new client without a sales rep. */
    public Owner owner() {
        String client = client(null);
        return new Owner(client, project(client));
    }

    public record Owner(String clientId, String projectId) {
    }

    /** A valid MAINTENANCE (PREVENTIVE) creation body: 1 200 000 XOF, SLA 24h, quota 4. */
    public static Map<String, Object> maintenance(String clientId, String projectId, LocalDate start, LocalDate end) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("clientId", clientId);
        body.put("projectId", projectId);
        body.put("name", unique("Contract"));
        body.put("kind", "MAINTENANCE");
        body.put("type", "PREVENTIVE");
        body.put("startDate", start.toString());
        body.put("endDate", end.toString());
        body.put("slaHours", 24);
        body.put("supportHours", "BUSINESS_HOURS");
        body.put("timeZone", "Africa/Abidjan");
        body.put("interventionsIncluded", 4);
        body.put("annualPrice", price(1_200_000, "XOF"));
        body.put("paymentFrequency", "QUARTERLY");
        return body;
    }

    /** A valid WARRANTY (CORRECTIVE) creation body: free, SLA 24h, unlimited. */
    public static Map<String, Object> warranty(String clientId, String projectId, LocalDate start, LocalDate end) {
        Map<String, Object> body = maintenance(clientId, projectId, start, end);
        body.put("kind", "WARRANTY");
        body.put("type", "CORRECTIVE");
        body.remove("interventionsIncluded");
        body.put("annualPrice", price(0, "XOF"));
        body.put("paymentFrequency", "ANNUAL");
        return body;
    }

    public static Map<String, Object> price(long amountMinor, String currency) {
        return Map.of("amountMinor", amountMinor, "currency", currency);
    }

    /** Creates a contract as {@code user}, asserting 201, and returns its id. */
    public String contract(String user, Map<String, Object> body) {
        return created(api.as(user).post("/api/v1/contracts", body));
    }

    /** A DRAFT maintenance contract over {@code start..end} on a new client and project. */
    public String draft(LocalDate start, LocalDate end) {
        Owner owner = owner();
        return contract("admin", maintenance(owner.clientId(), owner.projectId(), start, end));
    }

    /** An ACTIVE maintenance contract covering {@code today} for a year, on a new client and project. */
    public String active(LocalDate today) {
        String id = draft(today.minusMonths(1), today.plusMonths(11));
        activate(id);
        return id;
    }

    public void activate(String id) {
        Api.Response activated = api.as("admin").post("/api/v1/contracts/" + id + "/activate");
        assertThat(activated.status()).as("%s", activated).isEqualTo(200);
    }

    /** The contract as its aggregate is now, from the event store (the audit's state read), with its ETag. */
    public Api.Response get(String id) {
        Api.Response response = api.as("admin").get("/api/v1/audit/contracts/" + id + "/state");
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        return new Api.Response(response.status(), response.headers(), response.json().path("contract").toString());
    }

    /**
     * Runs a request that must be refused with {@code status} and {@code code}, and asserts that it
     * stored nothing: the event count is unchanged.
     */
    public static Api.Response assertRefused(LongSupplier eventCount, int status, String code,
                                             Supplier<Api.Response> request) {
        long before = eventCount.getAsLong();
        Api.Response response = request.get();
        assertThat(response.status()).as("%s", response).isEqualTo(status);
        assertThat(response.code()).as("%s", response).isEqualTo(code);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(eventCount.getAsLong()).as("events stored by a refused request").isEqualTo(before);
        return response;
    }

    private static String created(Api.Response response) {
        assertThat(response.status()).as("%s", response).isEqualTo(201);
        return response.json().path("id").asString();
    }
}
