package com.itvision.maintenance.app.web;

import static com.itvision.maintenance.app.support.Fixtures.maintenance;
import static com.itvision.maintenance.app.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.app.support.Api;
import com.itvision.maintenance.app.support.Fixtures;
import com.itvision.maintenance.app.support.IntegrationTest;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code Idempotency-Key}: a retried POST gets the first answer back and never stores twice. */
class IdempotencyKeyTest extends IntegrationTest {
    private static final String CONTRACTS = "/api/v1/contracts";

    private Fixtures fx;
    private LocalDate today;
    private String key;

    @BeforeEach
    void fixtures() {
        fx = new Fixtures(api);
        today = LocalDate.now(clock);
        key = "key-" + UUID.randomUUID();
    }

    private Api.Request admin() {
        return api.as("admin").header("Idempotency-Key", key);
    }

    @Test
    void the_same_key_and_body_replays_the_first_response_and_stores_nothing() {
        Fixtures.Owner owner = fx.owner();
        String body = Api.JSON.writeValueAsString(maintenance(owner.clientId(), owner.projectId(), today, today.plusYears(1)));
        Api.Response first = admin().post(CONTRACTS, body);
        assertThat(first.status()).as("%s", first).isEqualTo(201);
        assertThat(first.header("Idempotency-Replayed")).isNull();
        long eventsBefore = eventCount();

        Api.Response retry = admin().post(CONTRACTS, body);

        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotency-Replayed")).isEqualTo("true");
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.json().path("id").asString()).isEqualTo(first.json().path("id").asString());
        assertThat(retry.json().path("number").asString()).isEqualTo(first.json().path("number").asString());
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(retry.header("Content-Type")).startsWith("application/json");
        assertThat(eventCount()).isEqualTo(eventsBefore);
        assertThat(jdbc.sql("SELECT count(*) FROM contract_registry WHERE project_id = ?")
                .param(owner.projectId()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void a_retried_command_is_not_executed_twice() {
        String id = fx.active(today);
        Map<String, Object> body = Map.of("reason", "unpaid invoice");
        Api.Response first = admin().post(CONTRACTS + "/" + id + "/suspend", body);
        assertThat(first.status()).as("%s", first).isEqualTo(200);
        long eventsBefore = eventCount();

        // executed again, it would be refused: a SUSPENDED contract cannot be suspended
        Api.Response retry = admin().post(CONTRACTS + "/" + id + "/suspend", body);

        assertThat(retry.status()).as("%s", retry).isEqualTo(200);
        assertThat(retry.header("Idempotency-Replayed")).isEqualTo("true");
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(eventCount()).isEqualTo(eventsBefore);
        assertThat(fx.get(id).json().path("version").asLong()).isEqualTo(first.json().path("version").asLong());
    }

    @Test
    void the_same_key_with_another_body_or_path_is_refused_and_stores_nothing() {
        Fixtures.Owner owner = fx.owner();
        Map<String, Object> original = maintenance(owner.clientId(), owner.projectId(), today, today.plusYears(1));
        assertThat(admin().post(CONTRACTS, original).status()).isEqualTo(201);
        Map<String, Object> changed = maintenance(owner.clientId(), owner.projectId(), today.plusYears(2),
                today.plusYears(3));

        Fixtures.assertRefused(this::eventCount, 409, "IDEMPOTENCY_KEY_REUSED", () -> admin().post(CONTRACTS, changed));
        Fixtures.assertRefused(this::eventCount, 409, "IDEMPOTENCY_KEY_REUSED",
                () -> admin().post("/api/v1/clients", Map.of("name", unique("Client"))));

        assertThat(jdbc.sql("SELECT count(*) FROM contract_registry WHERE project_id = ?")
                .param(owner.projectId()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void the_same_key_used_by_another_user_is_independent() {
        String body = Api.JSON.writeValueAsString(Map.of("name", unique("Client")));
        Api.Response byAdmin = admin().post("/api/v1/clients", body);
        assertThat(byAdmin.status()).as("%s", byAdmin).isEqualTo(201);
        long eventsBefore = eventCount();

        Api.Response byLead = api.as("lead").header("Idempotency-Key", key).post("/api/v1/clients", body);

        assertThat(byLead.status()).as("%s", byLead).isEqualTo(201);
        assertThat(byLead.header("Idempotency-Replayed")).isNull();
        assertThat(byLead.json().path("id").asString()).isNotEqualTo(byAdmin.json().path("id").asString());
        assertThat(eventCount()).isEqualTo(eventsBefore + 1);
        Api.Response adminRetry = admin().post("/api/v1/clients", body);
        assertThat(adminRetry.header("Idempotency-Replayed")).isEqualTo("true");
        assertThat(adminRetry.json().path("id").asString()).isEqualTo(byAdmin.json().path("id").asString());
    }

    @Test
    void a_refused_first_request_is_replayed_as_the_same_refusal() {
        Fixtures.Owner owner = fx.owner();
        LocalDate start = today.plusMonths(1);
        String existing = fx.contract("admin", maintenance(owner.clientId(), owner.projectId(), start, start.plusYears(1)));
        String clash = Api.JSON.writeValueAsString(
                maintenance(owner.clientId(), owner.projectId(), start.plusMonths(6), start.plusYears(2)));
        Api.Response first = Fixtures.assertRefused(this::eventCount, 409, "CONTRACT_OVERLAP",
                () -> admin().post(CONTRACTS, clash));
        assertThat(first.header("Idempotency-Replayed")).isNull();
        // the conflict goes away: executed again, the request would now succeed
        assertThat(api.as("admin").post(CONTRACTS + "/" + existing + "/decline").status()).isEqualTo(200);

        Api.Response retry = Fixtures.assertRefused(this::eventCount, 409, "CONTRACT_OVERLAP",
                () -> admin().post(CONTRACTS, clash));

        assertThat(retry.header("Idempotency-Replayed")).isEqualTo("true");
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(api.as("admin").header("Idempotency-Key", "key-" + UUID.randomUUID()).post(CONTRACTS, clash)
                .status()).isEqualTo(201);
    }
}
