package com.itvision.maintenance.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.app.support.Api.Response;
import com.itvision.maintenance.app.support.Fixtures;
import com.itvision.maintenance.app.support.IntegrationTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Found by the malformed-request corpus: a command whose answer the caller would not accept ran, committed,
 * and was then answered 406, so the caller was told "refused" about a stored change; a Content-Type with a
 * wildcard failed with 500. Both are settled before the command runs ({@link MediaTypeFilter}).
 */
class MediaTypesTest extends IntegrationTest {

    private static Map<String, String> client() {
        return Map.of("name", "Client " + UUID.randomUUID());
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/xml", "text/html", "text/csv", "application/json;q=0", "*/*;q=0", "json"})
    void a_command_whose_answer_the_caller_cannot_take_is_refused_before_it_runs(String accept) {
        Response refused = Fixtures.assertRefused(this::eventCount, 406, "MALFORMED_REQUEST",
                () -> api.as("admin").header("Accept", accept).post("/api/v1/clients", client()));

        assertThat(refused.json().path("title").asString()).isEqualTo("Not Acceptable");
        assertThat(refused.json().path("status").asInt()).isEqualTo(406);
    }

    @ParameterizedTest
    @ValueSource(strings = {"*/*", "application/*", "application/json, text/plain;q=0.5", "application/problem+json"})
    void an_accept_header_that_takes_json_gets_the_answer(String accept) {
        Response created = api.as("admin").header("Accept", accept).post("/api/v1/clients", client());

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
    }

    @ParameterizedTest
    @ValueSource(strings = {"*/*", "application/*", "*/json"})
    void a_content_type_that_is_not_one_media_type_is_415_not_500(String contentType) {
        Fixtures.assertRefused(this::eventCount, 415, "UNSUPPORTED_MEDIA_TYPE",
                () -> api.as("admin").header("Content-Type", contentType).post("/api/v1/clients", client()));
    }

    @Test
    void an_anonymous_caller_is_still_told_to_sign_in_first() {
        Response response = api.anonymous().header("Accept", "application/xml").post("/api/v1/clients", client());

        assertThat(response.status()).as(response.toString()).isEqualTo(401);
    }

    @Test
    void reads_keep_their_own_negotiation() {
        assertThat(api.as("admin").header("Accept", "text/csv").get("/api/v1/dashboards/commercial.csv").status())
                .isEqualTo(200);
        assertThat(api.as("admin").header("Accept", "application/xml").get("/api/v1/contracts").status())
                .isEqualTo(406);
    }
}
