package com.itvision.maintenance.app.web;

import static com.itvision.maintenance.app.support.Fixtures.maintenance;
import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.app.support.Api;
import com.itvision.maintenance.app.support.Fixtures;
import com.itvision.maintenance.app.support.IntegrationTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every failure is an RFC 9457 problem ({@code application/problem+json}) with a stable {@code code}
 * and the request's correlation id, which is also the {@code X-Correlation-Id} response header.
 */
class ProblemDetailsTest extends IntegrationTest {
    private static final String CONTRACTS = "/api/v1/contracts";
    private static final int OVER_LIMIT = 300 * 1024;
    private static final HttpClient RAW = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Fixtures fx;
    private LocalDate today;

    @BeforeEach
    void fixtures() {
        fx = new Fixtures(api);
        today = LocalDate.now(clock);
    }

    /** Asserts the problem's shape and returns its body; nothing may have been stored. */
    private JsonNode problem(int status, String code, Supplier<Api.Response> request) {
        Api.Response response = Fixtures.assertRefused(this::eventCount, status, code, request);
        JsonNode body = response.json();
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("type").asString()).endsWith("/" + code.toLowerCase().replace('_', '-'));
        assertThat(body.path("title").asString()).isNotBlank();
        assertThat(response.header("X-Correlation-Id")).isNotBlank()
                .isEqualTo(body.path("correlationId").asString());
        return body;
    }

    // -- 401 --

    @Test
    void missing_or_wrong_credentials_are_401_problems() {
        for (Api.Request caller : new Api.Request[] {api.anonymous(), api.as("admin").withPassword("wrong"),
                api.as("nobody-" + UUID.randomUUID())}) {
            Api.Response response = caller.get(CONTRACTS + "/contract-a-preventive");
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.code()).isEqualTo("UNAUTHENTICATED");
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            assertThat(response.header("WWW-Authenticate")).startsWith("Basic");
            assertThat(response.header("X-Correlation-Id")).isEqualTo(response.json().path("correlationId").asString());
        }
        Fixtures.Owner owner = fx.owner();
        problem(401, "UNAUTHENTICATED", () -> api.anonymous().post(CONTRACTS,
                maintenance(owner.clientId(), owner.projectId(), today, today.plusYears(1))));
    }

    // -- 400 --

    @Test
    void an_unknown_field_is_refused_instead_of_being_ignored() {
        String id = fx.active(today);

        JsonNode status = problem(400, "UNKNOWN_FIELD", () -> api.as("admin").post(CONTRACTS + "/" + id + "/suspend",
                Map.of("reason", "unpaid", "status", "ACTIVE")));
        assertThat(status.path("errors").path(0).path("field").asString()).isEqualTo("status");
        JsonNode clientId = problem(400, "UNKNOWN_FIELD", () -> api.as("admin").post(CONTRACTS + "/" + id + "/amend",
                Map.of("slaHours", 8, "reason", "r", "clientId", "client-b")));
        assertThat(clientId.path("errors").path(0).path("field").asString()).isEqualTo("clientId");

        Fixtures.Owner owner = fx.owner();
        Map<String, Object> massAssignment = maintenance(owner.clientId(), owner.projectId(), today, today.plusYears(1));
        massAssignment.put("status", "ACTIVE");
        problem(400, "UNKNOWN_FIELD", () -> api.as("admin").post(CONTRACTS, massAssignment));
        assertThat(fx.get(id).json().path("status").asString()).isEqualTo("ACTIVE");
    }

    @Test
    void a_body_that_is_not_json_is_a_malformed_request() {
        String id = fx.active(today);

        problem(400, "MALFORMED_REQUEST", () -> api.as("admin").post(CONTRACTS + "/" + id + "/suspend", "{\"reason\": "));
        problem(400, "MALFORMED_REQUEST", () -> api.as("admin").post(CONTRACTS + "/" + id + "/suspend", "reason=unpaid"));
        problem(400, "MALFORMED_REQUEST", () -> api.as("admin").post(CONTRACTS + "/" + id + "/suspend", ""));
        problem(400, "MALFORMED_REQUEST", () -> api.as("admin").post(CONTRACTS, "{\"clientId\": \"x\", \"name\": }"));
    }

    @Test
    void missing_required_fields_are_a_validation_failure_naming_each_field() {
        JsonNode empty = problem(400, "VALIDATION_FAILED", () -> api.as("admin").post(CONTRACTS, "{}"));

        assertThat(empty.path("errors").valueStream().map(e -> e.path("field").asString()))
                .contains("clientId", "name", "kind", "type", "startDate", "endDate", "slaHours", "supportHours",
                        "annualPrice", "paymentFrequency");
        assertThat(empty.path("errors").valueStream().map(e -> e.path("message").asString())).allMatch(m -> !m.isBlank());

        Fixtures.Owner owner = fx.owner();
        Map<String, Object> badEnum = maintenance(owner.clientId(), owner.projectId(), today, today.plusYears(1));
        badEnum.put("kind", "LEASING");
        JsonNode kind = problem(400, "VALIDATION_FAILED", () -> api.as("admin").post(CONTRACTS, badEnum));
        assertThat(kind.path("errors").path(0).path("field").asString()).isEqualTo("kind");
        Map<String, Object> badDate = maintenance(owner.clientId(), owner.projectId(), today, today.plusYears(1));
        badDate.put("startDate", "31/12/2026");
        JsonNode date = problem(400, "VALIDATION_FAILED", () -> api.as("admin").post(CONTRACTS, badDate));
        assertThat(date.path("errors").path(0).path("field").asString()).isEqualTo("startDate");
    }

    // -- 413, 415, 405, 404 --

    @Test
    void a_body_that_is_not_json_content_is_415() {
        Fixtures.Owner owner = fx.owner();
        String body = Api.JSON.writeValueAsString(maintenance(owner.clientId(), owner.projectId(), today, today.plusYears(1)));

        problem(415, "UNSUPPORTED_MEDIA_TYPE",
                () -> api.as("admin").header("Content-Type", "text/plain").post(CONTRACTS, body));
        problem(415, "UNSUPPORTED_MEDIA_TYPE",
                () -> api.as("admin").header("Content-Type", "application/xml").post(CONTRACTS, body));
    }

    @Test
    void a_declared_body_over_the_limit_is_413_before_it_is_read() {
        String id = fx.active(today);
        String huge = "{\"reason\":\"" + "x".repeat(OVER_LIMIT) + "\"}";

        problem(413, "PAYLOAD_TOO_LARGE", () -> api.as("admin").post(CONTRACTS + "/" + id + "/suspend", huge));
        problem(413, "PAYLOAD_TOO_LARGE", () -> api.anonymous().post(CONTRACTS + "/" + id + "/suspend", huge));
        assertThat(fx.get(id).json().path("status").asString()).isEqualTo("ACTIVE");
    }

    @Test
    void a_chunked_valid_json_body_growing_over_the_limit_is_413() {
        Fixtures.Owner owner = fx.owner();
        Map<String, Object> body = new LinkedHashMap<>(maintenance(owner.clientId(), owner.projectId(), today,
                today.plusYears(1)));
        body.put("name", "n".repeat(OVER_LIMIT));
        byte[] json = Api.JSON.writeValueAsBytes(body);

        problem(413, "PAYLOAD_TOO_LARGE", () -> chunkedPost(CONTRACTS, json, null));
        problem(413, "PAYLOAD_TOO_LARGE", () -> chunkedPost(CONTRACTS, json, "key-" + UUID.randomUUID()));
    }

    @Test
    void an_unsupported_method_is_405() {
        problem(405, "METHOD_NOT_ALLOWED", () -> raw("DELETE", CONTRACTS + "/contract-a-preventive"));
        problem(405, "METHOD_NOT_ALLOWED", () -> raw("PUT", CONTRACTS + "/contract-a-preventive"));
        problem(405, "METHOD_NOT_ALLOWED", () -> api.as("admin").get("/api/v1/clients"));
    }

    @Test
    void an_unknown_path_is_a_404_problem() {
        problem(404, "NOT_FOUND", () -> api.as("admin").get("/api/v1/no-such-resource"));
    }

    // -- correlation id --

    @Test
    void the_callers_correlation_id_is_echoed_in_header_and_problem() {
        String correlationId = "test-corr-" + UUID.randomUUID();

        Api.Response refused = api.as("admin").header("X-Correlation-Id", correlationId)
                .get(CONTRACTS + "/contract-unknown");
        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.header("X-Correlation-Id")).isEqualTo(correlationId);
        assertThat(refused.json().path("correlationId").asString()).isEqualTo(correlationId);

        Api.Response unauthenticated = api.anonymous().header("X-Correlation-Id", correlationId)
                .get(CONTRACTS + "/contract-a-preventive");
        assertThat(unauthenticated.header("X-Correlation-Id")).isEqualTo(correlationId);
        assertThat(unauthenticated.json().path("correlationId").asString()).isEqualTo(correlationId);

        Api.Response ok = api.as("admin").header("X-Correlation-Id", correlationId).get(CONTRACTS + "/contract-a-preventive");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.header("X-Correlation-Id")).isEqualTo(correlationId);
    }

    @Test
    void an_unusable_correlation_id_is_replaced_by_a_fresh_one() {
        for (String given : new String[] {"short", "has spaces in it", "x".repeat(101)}) {
            Api.Response response = api.as("admin").header("X-Correlation-Id", given).get(CONTRACTS + "/contract-unknown");
            assertThat(response.header("X-Correlation-Id")).isNotEqualTo(given).isNotBlank()
                    .isEqualTo(response.json().path("correlationId").asString());
        }
        Api.Response first = api.as("admin").get(CONTRACTS + "/contract-unknown");
        Api.Response second = api.as("admin").get(CONTRACTS + "/contract-unknown");
        assertThat(first.header("X-Correlation-Id")).isNotEqualTo(second.header("X-Correlation-Id"));
    }

    // -- raw HTTP for what the Api helper does not send --

    private Api.Response chunkedPost(String path, byte[] body, String idempotencyKey) {
        HttpRequest.Builder request = authenticated(path)
                .header("Content-Type", "application/json")
                // no length: the client streams the body with Transfer-Encoding: chunked
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request);
    }

    private Api.Response raw(String method, String path) {
        return send(authenticated(path).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString("{}")));
    }

    private HttpRequest.Builder authenticated(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8)));
    }

    private static Api.Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = RAW.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Map<String, String> headers = new LinkedHashMap<>();
            response.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
            return new Api.Response(response.statusCode(), headers, response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
