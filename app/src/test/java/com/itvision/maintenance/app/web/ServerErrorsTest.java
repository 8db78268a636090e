package com.itvision.maintenance.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.app.support.Api;
import com.itvision.maintenance.app.support.IntegrationTest;
import com.itvision.maintenance.app.support.RawHttp;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 7, item 5: requests refused before Spring MVC runs (by Tomcat, by Spring Security's firewall) and
 * the container's own error path answer RFC 9457 problems with a stable code, never Tomcat's HTML page
 * or Boot's default JSON.
 */
class ServerErrorsTest extends IntegrationTest {

    private RawHttp raw() {
        return new RawHttp(port);
    }

    private static void assertProblem(Api.Response response, int status, String code) {
        assertThat(response.status()).as("%s", response).isEqualTo(status);
        assertThat(response.header("Content-Type")).as("%s", response).startsWith("application/problem+json");
        assertThat(response.code()).as("%s", response).isEqualTo(code);
        assertThat(response.body()).doesNotContain("<html", "Tomcat", "timestamp");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "/api/v1/tickets/%2Fx",
            "/api/v1/tickets/%00",
            "/api/v1/tickets/%C3%28",
            "/api/v1/tickets/%5Cx",
            "/api/v1/tickets/..%2Fx",
            "/api/v1/%2e%2e/actuator/health",
            "/api/v1/tickets/a;b",
            "/api/v1/tickets//x",
            "/api/v1/tickets/%25",
            "/api/v1/tickets?status=%C3%28",
            "/api/v1/tickets/\\x"})
    void a_malformed_path_or_query_is_a_400_problem(String target) throws IOException {
        long before = eventCount();
        assertProblem(raw().get(target, "admin"), 400, "MALFORMED_REQUEST");
        Api.Response post = raw().send("POST", target, "admin", Map.of("Content-Type", "application/json"),
                "{}".getBytes());
        assertThat(post.status()).as("%s", post).isEqualTo(400);
        assertThat(post.header("Content-Type")).startsWith("application/problem+json");
        // a query parameter the endpoint does not read is not decoded: the empty body is what is refused
        assertThat(post.code()).isIn("MALFORMED_REQUEST", "VALIDATION_FAILED");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void a_url_over_8_kb_is_a_414_problem_and_headers_over_16_kb_a_431_problem() throws IOException {
        assertProblem(raw().get("/api/v1/tickets?q=" + "a".repeat(9000), "admin"), 414, "URI_TOO_LONG");
        assertProblem(raw().get("/api/v1/tickets?q=" + "a".repeat(20_000), "admin"), 431, "HEADERS_TOO_LARGE");
        assertProblem(raw().send("GET", "/api/v1/tickets", "admin", Map.of("X-Big", "b".repeat(17_000)), null),
                431, "HEADERS_TOO_LARGE");
    }

    @Test
    void a_page_beyond_the_offset_limit_is_a_400_problem_not_an_overflow() throws IOException {
        assertProblem(raw().get("/api/v1/tickets?page=2147483647&size=200", "admin"), 400, "VALIDATION_FAILED");
        assertProblem(raw().get("/api/v1/contracts?page=5001&size=200", "admin"), 400, "VALIDATION_FAILED");
        assertThat(raw().get("/api/v1/contracts?page=5000&size=200", "admin").status()).isEqualTo(200);
    }

    /** Found by the malformed-request corpus: Tomcat's refusals and the error dispatch dropped the caller's id. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"GET, /api/v1/tickets/%2Fx, 400, MALFORMED_REQUEST", "GET, /api/v1/tickets/%C3%28, 400, MALFORMED_REQUEST",
            "TRACE, /api/v1/tickets, 405, METHOD_NOT_ALLOWED"})
    void a_refusal_outside_spring_mvc_carries_the_callers_correlation_id(String method, String target, int status,
                                                                         String code) throws IOException {
        Api.Response response = raw().send(method, target, "admin", Map.of("X-Correlation-Id", "refused-0001"), null);

        assertProblem(response, status, code);
        assertThat(response.json().path("correlationId").asString()).isEqualTo("refused-0001");
        assertThat(response.header("X-Correlation-Id")).isEqualTo("refused-0001");
    }

    /** Tomcat answers CONNECT with 501, which said INTERNAL_ERROR ("a defect"): it is the caller's method. */
    @Test
    void a_method_the_server_does_not_implement_is_a_405_problem_not_a_5xx() throws IOException {
        long before = eventCount();
        assertProblem(raw().send("CONNECT", "/api/v1/clients", "admin", Map.of(), null), 405, "METHOD_NOT_ALLOWED");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void an_expiry_horizon_beyond_ten_years_is_refused_by_name_not_by_the_database() throws IOException {
        Api.Response refused = raw().get("/api/v1/contracts?expiringWithinDays=2147483647", "admin");
        assertProblem(refused, 400, "VALIDATION_FAILED");
        assertThat(refused.json().path("errors").get(0).path("field").asString()).isEqualTo("expiringWithinDays");
        assertThat(raw().get("/api/v1/contracts?expiringWithinDays=3660", "admin").status()).isEqualTo(200);
    }

    @Test
    void the_container_error_path_is_not_a_resource() throws IOException {
        assertProblem(raw().get("/error", "admin"), 404, "NOT_FOUND");
        assertProblem(raw().get("/error", null), 404, "NOT_FOUND");
    }
}
