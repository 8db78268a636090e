package com.itvision.maintenance.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.app.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class OperationsEndpointsTest extends IntegrationTest {

    @Test
    void health_is_up_with_the_database_and_the_event_processors() {
        assertThat(api.anonymous().get("/actuator/health").json().path("status").asString()).isEqualTo("UP");
        var health = api.as("admin").get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        JsonNode json = health.json();
        assertThat(json.path("status").asString()).isEqualTo("UP");
        assertThat(json.path("components").path("db").path("status").asString()).isEqualTo("UP");
        assertThat(json.path("components").path("eventProcessors").path("status").asString()).isEqualTo("UP");
        assertThat(json.path("components").path("eventProcessors").path("details").path("command-lookups").asString())
                .isEqualTo("RUNNING");
    }

    @Test
    void openapi_describes_every_command_endpoint_with_roles_and_error_codes() {
        var docs = api.anonymous().get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        JsonNode paths = docs.json().path("paths");
        List<String> expected = List.of("/api/v1/clients", "/api/v1/projects", "/api/v1/users", "/api/v1/contracts",
                "/api/v1/contracts/{id}", "/api/v1/contracts/{id}/activate", "/api/v1/contracts/{id}/accept",
                "/api/v1/contracts/{id}/decline", "/api/v1/contracts/{id}/suspend", "/api/v1/contracts/{id}/resume",
                "/api/v1/contracts/{id}/terminate", "/api/v1/contracts/{id}/renew", "/api/v1/contracts/{id}/amend");
        assertThat(paths.propertyNames()).containsAll(expected);
        List<JsonNode> operations = new ArrayList<>();
        List<JsonNode> commands = new ArrayList<>();
        for (String path : expected) {
            paths.path(path).forEach(operations::add);
            commands.add(paths.path(path).path("post"));
        }
        assertThat(operations).allSatisfy(op -> {
            assertThat(op.path("description").asString()).containsAnyOf("Role", "Any authenticated");
            assertThat(op.path("responses").has("403")).isTrue();
            assertThat(op.path("responses").has("404")).isTrue();
        });
        assertThat(commands.stream().filter(op -> !op.isMissingNode()).toList())
                .isNotEmpty()
                .allSatisfy(op -> assertThat(op.path("responses").has("409")).isTrue());
        assertThat(docs.body()).doesNotContain("\"actor\"").contains("CONTRACT_OVERLAP");
        assertThat(docs.json().path("components").path("securitySchemes").has("basic")).isTrue();
        assertThat(api.anonymous().get("/swagger-ui.html").status()).isIn(200, 302);
    }

    @Test
    void openapi_describes_the_read_model_operations_with_roles_and_error_codes() {
        JsonNode paths = api.anonymous().get("/v3/api-docs").json().path("paths");
        List<JsonNode> operations = List.of(paths.path("/api/v1/admin/projections").path("get"),
                paths.path("/api/v1/admin/projections/{group}/rebuild").path("post"),
                paths.path("/api/v1/admin/projections/{group}/rebuild").path("get"),
                paths.path("/api/v1/admin/projections/{group}/rebuild").path("delete"),
                paths.path("/api/v1/admin/projections/{group}/checksum").path("get"),
                paths.path("/api/v1/admin/dead-letters/{group}/discard").path("post"),
                paths.path("/api/v1/admin/dead-letters").path("get"),
                paths.path("/api/v1/admin/dead-letters/{group}/retry").path("post"));
        assertThat(operations).allSatisfy(op -> {
            assertThat(op.path("description").asString()).contains("ADMIN, ANALYST", "ROLE_NOT_ALLOWED");
            assertThat(op.path("responses").has("403")).isTrue();
            assertThat(op.path("responses").has("404")).isTrue();
        });
        assertThat(paths.has("/api/v1/admin/projections/{group}/replay")).as("the truncating replay is gone").isFalse();
    }
}
