package com.itvision.maintenance.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.app.support.Api;
import com.itvision.maintenance.app.support.IntegrationTest;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The demo world a new user meets after {@code ./run.sh}: seed contracts and working logins. */
class DemoDataTest extends IntegrationTest {
    private static final List<String> STAFF = List.of("admin", "lead", "tech", "tech2", "sales", "sales2", "manager",
            "auditor", "analyst");

    private JsonNode contract(String id) {
        Api.Response response = api.as("admin").get("/api/v1/audit/contracts/" + id + "/state");
        assertThat(response.status()).as("%s: %s", id, response).isEqualTo(200);
        JsonNode view = response.json().path("contract");
        assertThat(view.path("number").asString()).matches("MC-\\d{6}-\\d{4}");
        return view;
    }

    private static long price(JsonNode view) {
        assertThat(view.path("terms").path("annualPrice").path("currency").asString()).isEqualTo("XOF");
        return view.path("terms").path("annualPrice").path("amountMinor").asLong();
    }

    private static boolean unlimited(JsonNode view) {
        JsonNode included = view.path("terms").path("quota").path("included");
        return included.isMissingNode() || included.isNull();
    }

    @Test
    void preventive_contract_of_client_a_is_the_seed_example() {
        JsonNode preventive = contract("contract-a-preventive");

        assertThat(preventive.path("type").asString()).isEqualTo("PREVENTIVE");
        assertThat(preventive.path("kind").asString()).isEqualTo("MAINTENANCE");
        assertThat(preventive.path("clientId").asString()).isEqualTo("client-a");
        assertThat(preventive.path("projectId").asString()).isEqualTo("project-a-cctv");
        assertThat(price(preventive)).isEqualTo(1_200_000);
        assertThat(preventive.path("terms").path("quota").path("included").asInt()).isEqualTo(4);
        assertThat(preventive.path("terms").path("slaHours").asInt()).isEqualTo(24);
        assertThat(preventive.path("status").asString()).isEqualTo("ACTIVE");
        // seed 000: it expires in 45 days from the day the demo was created
        LocalDate end = LocalDate.parse(preventive.path("currentPeriod").path("end").asString());
        assertThat(end).isBetween(LocalDate.now(clock).plusDays(44), LocalDate.now(clock).plusDays(45));
    }

    @Test
    void maintenance_contracts_of_client_b_have_their_seed_terms() {
        JsonNode curative = contract("contract-b-curative");
        assertThat(curative.path("type").asString()).isEqualTo("CURATIVE");
        assertThat(price(curative)).isEqualTo(600_000);
        assertThat(unlimited(curative)).isTrue();
        assertThat(curative.path("status").asString()).isEqualTo("ACTIVE");

        JsonNode full = contract("contract-b-full");
        assertThat(full.path("type").asString()).isEqualTo("FULL");
        assertThat(price(full)).isEqualTo(3_500_000);
        assertThat(full.path("terms").path("supportHours").asString()).isEqualTo("ALWAYS");
        assertThat(full.path("terms").path("slaHours").asInt()).isEqualTo(4);
        assertThat(unlimited(full)).isTrue();
        assertThat(full.path("status").asString()).isEqualTo("ACTIVE");

        JsonNode basic = contract("contract-b-basic-proposal");
        assertThat(basic.path("type").asString()).isEqualTo("BASIC");
        assertThat(price(basic)).isEqualTo(400_000);
        assertThat(basic.path("terms").path("quota").path("included").asInt()).isEqualTo(2);
        assertThat(basic.path("status").asString()).isEqualTo("DRAFT");
        assertThat(basic.path("clientId").asString()).isEqualTo("client-b");
        assertThat(basic.path("salesRepId").asString()).isEqualTo("user-sales2");
    }

    @Test
    void warranties_of_the_e_commerce_project_follow_seed_001() {
        LocalDate today = LocalDate.now(clock);
        JsonNode corrective = contract("contract-a-corrective");
        assertThat(corrective.path("kind").asString()).isEqualTo("WARRANTY");
        assertThat(corrective.path("type").asString()).isEqualTo("CORRECTIVE");
        assertThat(corrective.path("projectId").asString()).isEqualTo("project-a-ecommerce");
        assertThat(corrective.path("currentPeriod").path("start").asString()).isEqualTo("2026-01-01");
        assertThat(corrective.path("currentPeriod").path("end").asString()).isEqualTo("2026-12-31");
        assertThat(corrective.path("terms").path("slaHours").asInt()).isEqualTo(24);
        assertThat(price(corrective)).isZero();
        assertThat(corrective.path("status").asString())
                .isEqualTo(today.isAfter(LocalDate.of(2026, 12, 31)) ? "EXPIRED" : "ACTIVE");

        JsonNode evolutive = contract("contract-a-evolutive");
        assertThat(evolutive.path("type").asString()).isEqualTo("EVOLUTIVE");
        assertThat(evolutive.path("currentPeriod").path("end").asString()).isEqualTo("2026-06-30");
        assertThat(evolutive.path("status").asString())
                .as("expired at startup once its period has ended")
                .isEqualTo(today.isAfter(LocalDate.of(2026, 6, 30)) ? "EXPIRED" : "ACTIVE");
        assertThat(evolutive.path("active").asBoolean()).isEqualTo(!today.isAfter(LocalDate.of(2026, 6, 30)));
    }

    @Test
    void the_list_of_demo_users_the_start_up_guard_checks_is_every_user_the_demo_creates() {
        assertThat(jdbc.sql("SELECT username FROM directory_user WHERE user_id = 'user-' || username")
                .query(String.class).list()).containsExactlyInAnyOrderElementsOf(DemoData.USERNAMES);
    }

    @Test
    void every_demo_user_logs_in_with_its_name_as_password_and_clients_see_only_their_own() {
        for (String user : STAFF) {
            assertThat(api.as(user).get("/api/v1/tickets?size=1").status()).as(user).isEqualTo(200);
        }
        assertThat(api.as("client").get("/api/v1/contracts/contract-a-preventive").status()).isEqualTo(200);
        Api.Response hidden = api.as("client2").get("/api/v1/contracts/contract-a-preventive");
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.code()).isEqualTo("CONTRACT_NOT_FOUND");
        assertThat(api.as("client2").get("/api/v1/contracts/contract-b-basic-proposal").status()).isEqualTo(200);
        assertThat(api.as("client").get("/api/v1/contracts/contract-b-basic-proposal").status()).isEqualTo(404);
        assertThat(api.as("client").withPassword("admin").get("/api/v1/contracts/contract-a-preventive").status())
                .isEqualTo(401);
    }
}
