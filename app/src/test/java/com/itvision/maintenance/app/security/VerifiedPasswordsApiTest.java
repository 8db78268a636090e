package com.itvision.maintenance.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.app.support.Api;
import com.itvision.maintenance.app.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * HTTP Basic with BCrypt run once per password (ADR 0017): what a signed-in caller is allowed still comes
 * from the directory at every request, so a revoked role takes effect at the next request, and a wrong
 * password is refused however often the right one was accepted.
 */
class VerifiedPasswordsApiTest extends IntegrationTest {

    @Test
    void a_revoked_role_takes_effect_at_the_next_request_and_a_wrong_password_stays_refused() {
        String username = "an-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Response created = api.as("admin").post("/api/v1/users", Map.of("username", username,
                "password", username, "roles", List.of("ANALYST", "TECHNICIAN")));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        String userId = created.json().path("id").asString();

        for (int i = 0; i < 20; i++) {
            assertThat(api.as(username).get("/api/v1/admin/projections").status()).isEqualTo(200);
        }
        assertThat(api.as(username).withPassword(username + "x").get("/api/v1/admin/projections").status())
                .isEqualTo(401);

        Api.Response revoked = api.as("admin").post("/api/v1/users/" + userId + "/roles/revoke",
                Map.of("role", "ANALYST", "reason", "left the analytics team"));
        assertThat(revoked.status()).as("%s", revoked).isEqualTo(200);

        Api.Response after = api.as(username).get("/api/v1/admin/projections");
        assertThat(after.status()).as("%s", after).isEqualTo(403);
        assertThat(after.json().path("code").asString()).isEqualTo("ROLE_NOT_ALLOWED");
    }
}
