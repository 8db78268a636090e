package com.itvision.maintenance.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.app.support.Api;
import com.itvision.maintenance.app.support.IntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 7 item 9: anonymous callers (load balancers, orchestrators) get the status and the probes, never
 * the components and their details (disk path, database, processors); an ADMIN or ANALYST gets them.
 */
class HealthExposureTest extends IntegrationTest {

    @Test
    void anonymous_callers_and_other_roles_get_the_status_only() {
        for (Api.Request caller : List.of(api.anonymous(), api.as("lead"), api.as("client"), api.as("tech"))) {
            Api.Response health = caller.get("/actuator/health");
            assertThat(health.status()).as("%s", health).isEqualTo(200);
            JsonNode body = health.json();
            assertThat(body.path("status").asString()).isEqualTo("UP");
            assertThat(body.propertyNames()).as("%s", health).containsExactlyInAnyOrder("status", "groups");
            assertThat(body.path("groups").valueStream().map(JsonNode::asString))
                    .as("the names of the probes, nothing more").containsExactlyInAnyOrder("liveness", "readiness");
            assertThat(health.body()).doesNotContain("diskSpace", "path", "db");

            Api.Response disk = caller.get("/actuator/health/diskSpace");
            assertThat(disk.status()).as("a component by its path: %s", disk).isEqualTo(404);
        }
    }

    @Test
    void the_liveness_and_readiness_probes_answer_anonymous_callers() {
        for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
            Api.Response response = api.anonymous().get(probe);
            assertThat(response.status()).as("%s %s", probe, response).isEqualTo(200);
            assertThat(response.json().path("status").asString()).isEqualTo("UP");
            assertThat(response.json().propertyNames()).containsExactly("status");
        }
    }

    @Test
    void an_admin_or_analyst_sees_components_and_details() {
        for (String user : List.of("admin", "analyst")) {
            Api.Response health = api.as(user).get("/actuator/health");
            assertThat(health.status()).as("%s", health).isEqualTo(200);
            JsonNode disk = health.json().path("components").path("diskSpace");
            assertThat(disk.path("status").asString()).as("%s: %s", user, health).isEqualTo("UP");
            assertThat(disk.path("details").path("path").asString()).isNotEmpty();
            assertThat(health.json().path("components").path("db").path("details").path("database").asString())
                    .isEqualTo("PostgreSQL");
            assertThat(api.as(user).get("/actuator/health/diskSpace").status()).isEqualTo(200);
        }
    }
}
