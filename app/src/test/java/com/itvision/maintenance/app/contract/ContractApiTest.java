package com.itvision.maintenance.app.contract;

import static com.itvision.maintenance.app.support.Fixtures.maintenance;
import static com.itvision.maintenance.app.support.Fixtures.price;
import static com.itvision.maintenance.app.support.Fixtures.unique;
import static com.itvision.maintenance.app.support.Fixtures.warranty;
import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.app.support.Api;
import com.itvision.maintenance.app.support.Fixtures;
import com.itvision.maintenance.app.support.IntegrationTest;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The contract API over HTTP, as {@code curl -u admin:admin} would use it: every command endpoint with
 * its success and its main refusals, and for every refusal the proof that nothing was stored.
 */
class ContractApiTest extends IntegrationTest {
    private static final String CONTRACTS = "/api/v1/contracts";
    private static final String NUMBER = "MC-\\d{6}-\\d{4}";

    private Fixtures fx;
    private LocalDate today;

    @BeforeEach
    void fixtures() {
        fx = new Fixtures(api);
        today = LocalDate.now(clock);
    }

    private Api.Response refused(int status, String code, Supplier<Api.Response> request) {
        return Fixtures.assertRefused(this::eventCount, status, code, request);
    }

    private static String path(String id, String command) {
        return CONTRACTS + "/" + id + "/" + command;
    }

    private JsonNode state(String id) {
        return fx.get(id).json();
    }

    // -- creation --

    @Test
    void admin_creates_client_project_and_contract_each_with_201_location_id_version_and_position() {
        Api.Request admin = api.as("admin");

        Api.Response client = admin.post("/api/v1/clients", Map.of("name", unique("Client"), "email", "it@c.example"));
        assertThat(client.status()).as("%s", client).isEqualTo(201);
        String clientId = client.json().path("id").asString();
        assertThat(clientId).isNotBlank();
        assertThat(client.header("Location")).endsWith("/api/v1/clients/" + clientId);
        assertThat(client.json().has("version")).isTrue();
        assertThat(client.json().path("version").asLong()).isZero();
        long clientPosition = client.json().path("position").asLong();
        assertThat(clientPosition).isPositive();

        Api.Response project = admin.post("/api/v1/projects", Map.of("clientId", clientId, "name", unique("Project")));
        assertThat(project.status()).as("%s", project).isEqualTo(201);
        String projectId = project.json().path("id").asString();
        assertThat(project.header("Location")).endsWith("/api/v1/projects/" + projectId);
        assertThat(project.json().path("position").asLong()).isGreaterThan(clientPosition);

        Map<String, Object> body = maintenance(clientId, projectId, today, today.plusYears(1).minusDays(1));
        Api.Response contract = admin.post(CONTRACTS, body);
        assertThat(contract.status()).as("%s", contract).isEqualTo(201);
        JsonNode created = contract.json();
        String id = created.path("id").asString();
        assertThat(id).isNotBlank();
        assertThat(contract.header("Location")).endsWith(CONTRACTS + "/" + id);
        assertThat(created.path("number").asString()).matches(NUMBER);
        assertThat(created.has("version")).isTrue();
        assertThat(created.path("version").asLong()).isZero();
        assertThat(created.path("position").asLong()).isGreaterThan(project.json().path("position").asLong());
        assertThat(created.path("events").valueStream().map(JsonNode::asString)).containsExactly("ContractDrafted");

        Api.Response read = fx.get(id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("ETag")).isEqualTo("\"0\"");
        JsonNode view = read.json();
        assertThat(view.path("id").asString()).isEqualTo(id);
        assertThat(view.path("number").asString()).isEqualTo(created.path("number").asString());
        assertThat(view.path("status").asString()).isEqualTo("DRAFT");
        assertThat(view.path("active").asBoolean()).isFalse();
        assertThat(view.path("clientId").asString()).isEqualTo(clientId);
        assertThat(view.path("projectId").asString()).isEqualTo(projectId);
        assertThat(view.path("name").asString()).isEqualTo(body.get("name"));
        assertThat(view.path("kind").asString()).isEqualTo("MAINTENANCE");
        assertThat(view.path("type").asString()).isEqualTo("PREVENTIVE");
        assertThat(view.path("revision").asInt()).isEqualTo(1);
        assertThat(view.path("currentPeriod").path("start").asString()).isEqualTo(today.toString());
        assertThat(view.path("currentPeriod").path("end").asString()).isEqualTo(today.plusYears(1).minusDays(1).toString());
        assertThat(view.path("terms").path("slaHours").asInt()).isEqualTo(24);
        assertThat(view.path("terms").path("annualPrice").path("amountMinor").asLong()).isEqualTo(1_200_000);
        assertThat(view.path("terms").path("annualPrice").path("currency").asString()).isEqualTo("XOF");
        assertThat(view.path("terms").path("quota").path("included").asInt()).isEqualTo(4);
        assertThat(view.path("periods")).hasSize(1);
        assertThat(view.path("periods").path(0).path("used").asInt()).isZero();
    }

    @Test
    void get_returns_the_current_state_with_an_etag_equal_to_the_version() {
        String id = fx.active(today);
        Api.Response amended = api.as("admin").post(path(id, "amend"), Map.of("slaHours", 8, "reason", "faster SLA"));
        assertThat(amended.status()).as("%s", amended).isEqualTo(200);
        assertThat(amended.json().path("version").asLong()).isEqualTo(2);

        // the read model's detail, once it has applied the amendment (Api's GETs send X-Min-Position)
        Api.Response read = api.as("admin").get(CONTRACTS + "/" + id);

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("version").asLong()).isEqualTo(2);
        assertThat(read.header("ETag")).isEqualTo("\"2\"");
        assertThat(read.json().path("status").asString()).isEqualTo("ACTIVE");
        assertThat(read.json().path("active").asBoolean()).isTrue();
        assertThat(read.json().path("revision").asInt()).isEqualTo(2);
        assertThat(read.json().path("slaHours").asInt()).isEqualTo(8);
    }

    @Test
    void creation_refuses_invalid_terms_with_the_rule_code_and_stores_nothing() {
        Fixtures.Owner owner = fx.owner();
        LocalDate end = today.plusYears(1);
        Api.Request admin = api.as("admin");

        Map<String, Object> endBeforeStart = maintenance(owner.clientId(), owner.projectId(), today, today.minusDays(1));
        refused(400, "INVALID_PERIOD", () -> admin.post(CONTRACTS, endBeforeStart));
        Map<String, Object> emptyPeriod = maintenance(owner.clientId(), owner.projectId(), today, today);
        refused(400, "INVALID_PERIOD", () -> admin.post(CONTRACTS, emptyPeriod));

        Map<String, Object> freeMaintenance = maintenance(owner.clientId(), owner.projectId(), today, end);
        freeMaintenance.put("annualPrice", price(0, "XOF"));
        refused(400, "INVALID_PRICE", () -> admin.post(CONTRACTS, freeMaintenance));
        Map<String, Object> paidWarranty = warranty(owner.clientId(), owner.projectId(), today, end);
        paidWarranty.put("annualPrice", price(100_000, "XOF"));
        refused(400, "INVALID_PRICE", () -> admin.post(CONTRACTS, paidWarranty));

        Map<String, Object> noSla = maintenance(owner.clientId(), owner.projectId(), today, end);
        noSla.put("slaHours", 0);
        refused(400, "INVALID_SLA", () -> admin.post(CONTRACTS, noSla));

        Map<String, Object> wrongKind = maintenance(owner.clientId(), owner.projectId(), today, end);
        wrongKind.put("kind", "WARRANTY");
        wrongKind.put("annualPrice", price(0, "XOF"));
        refused(400, "TYPE_NOT_IN_KIND", () -> admin.post(CONTRACTS, wrongKind));

        Map<String, Object> warrantyWithoutProject = warranty(owner.clientId(), null, today, end);
        warrantyWithoutProject.remove("projectId");
        refused(400, "PROJECT_REQUIRED_FOR_WARRANTY", () -> admin.post(CONTRACTS, warrantyWithoutProject));
    }

    @Test
    void creation_refuses_unknown_or_mismatched_references() {
        Fixtures.Owner owner = fx.owner();
        Fixtures.Owner other = fx.owner();
        LocalDate end = today.plusYears(1);
        Api.Request admin = api.as("admin");

        refused(404, "CLIENT_NOT_FOUND",
                () -> admin.post(CONTRACTS, maintenance("client-unknown-" + System.nanoTime(), null, today, end)));
        refused(404, "PROJECT_NOT_FOUND",
                () -> admin.post(CONTRACTS, maintenance(owner.clientId(), "project-unknown-" + System.nanoTime(), today, end)));
        refused(409, "PROJECT_NOT_OF_CLIENT",
                () -> admin.post(CONTRACTS, maintenance(owner.clientId(), other.projectId(), today, end)));
        Map<String, Object> unknownRep = maintenance(owner.clientId(), owner.projectId(), today, end);
        unknownRep.put("salesRepId", "user-tech");
        refused(409, "SALES_REP_NOT_ELIGIBLE", () -> admin.post(CONTRACTS, unknownRep));
    }

    @Test
    void roles_without_contract_rights_cannot_create_contracts() {
        Fixtures.Owner owner = fx.owner();
        Map<String, Object> body = maintenance(owner.clientId(), owner.projectId(), today, today.plusYears(1));

        for (String user : List.of("tech", "tech2", "auditor", "analyst", "manager")) {
            refused(403, "ROLE_NOT_ALLOWED", () -> api.as(user).post(CONTRACTS, body));
        }
    }

    @Test
    void sales_proposes_only_for_the_clients_it_follows() {
        String followed = fx.client("user-sales");
        String project = fx.project(followed);
        Map<String, Object> body = maintenance(followed, project, today, today.plusYears(1));

        refused(403, "ROLE_NOT_ALLOWED", () -> api.as("sales2").post(CONTRACTS, body));
        refused(403, "ROLE_NOT_ALLOWED", () -> api.as("sales").post(CONTRACTS,
                maintenance("client-b", "project-b-network", today.plusYears(5), today.plusYears(6))));

        String id = fx.contract("sales", body);
        JsonNode view = state(id);
        assertThat(view.path("status").asString()).isEqualTo("DRAFT");
        assertThat(view.path("salesRepId").asString()).isEqualTo("user-sales");
    }

    @Test
    void client_users_cannot_create_contracts_and_never_see_another_client() {
        String project = fx.project("client-a");
        Map<String, Object> body = maintenance("client-a", project, today, today.plusYears(1));

        refused(403, "ROLE_NOT_ALLOWED", () -> api.as("client").post(CONTRACTS, body));
        refused(404, "CLIENT_NOT_FOUND", () -> api.as("client2").post(CONTRACTS, body));
    }

    @Test
    void overlapping_contract_of_the_same_type_on_the_same_project_is_refused() {
        Fixtures.Owner owner = fx.owner();
        LocalDate start = today.plusMonths(1);
        LocalDate end = start.plusYears(1).minusDays(1);
        fx.contract("admin", maintenance(owner.clientId(), owner.projectId(), start, end));

        Map<String, Object> overlapping = maintenance(owner.clientId(), owner.projectId(), end, end.plusMonths(6));
        Api.Response clash = refused(409, "CONTRACT_OVERLAP", () -> api.as("admin").post(CONTRACTS, overlapping));
        assertThat(clash.json().path("detail").asString()).contains("PREVENTIVE");

        Map<String, Object> otherType = maintenance(owner.clientId(), owner.projectId(), start, end);
        otherType.put("type", "CURATIVE");
        fx.contract("admin", otherType);
        fx.contract("admin", maintenance(owner.clientId(), owner.projectId(), end.plusDays(1), end.plusYears(1)));
    }

    // -- lifecycle commands --

    @Test
    void activate_moves_a_draft_to_active_and_refuses_a_second_activation() {
        String id = fx.draft(today.minusDays(10), today.plusYears(1));

        Api.Response activated = api.as("lead").post(path(id, "activate"));

        assertThat(activated.status()).as("%s", activated).isEqualTo(200);
        assertThat(activated.json().path("id").asString()).isEqualTo(id);
        assertThat(activated.json().path("number").asString()).matches(NUMBER);
        assertThat(activated.json().path("version").asLong()).isEqualTo(1);
        assertThat(activated.json().path("events").valueStream().map(JsonNode::asString))
                .containsExactly("ContractActivated");
        assertThat(state(id).path("status").asString()).isEqualTo("ACTIVE");
        assertThat(state(id).path("active").asBoolean()).isTrue();

        refused(409, "INVALID_STATUS_TRANSITION", () -> api.as("admin").post(path(id, "activate")));
    }

    @Test
    void roles_without_contract_rights_cannot_change_contracts() {
        String draft = fx.draft(today, today.plusYears(1));
        String active = fx.active(today);

        for (String user : List.of("tech", "auditor", "analyst", "manager", "sales")) {
            refused(403, "ROLE_NOT_ALLOWED", () -> api.as(user).post(path(draft, "activate")));
            refused(403, "ROLE_NOT_ALLOWED", () -> api.as(user).post(path(active, "suspend"), Map.of("reason", "no")));
            refused(403, "ROLE_NOT_ALLOWED", () -> api.as(user).post(path(active, "terminate"),
                    Map.of("category", "PRICE", "reason", "no")));
            refused(403, "ROLE_NOT_ALLOWED", () -> api.as(user).post(path(active, "renew"), Map.of()));
            refused(403, "ROLE_NOT_ALLOWED", () -> api.as(user).post(path(active, "amend"),
                    Map.of("slaHours", 2, "reason", "no")));
        }
        assertThat(state(draft).path("status").asString()).isEqualTo("DRAFT");
        assertThat(state(active).path("version").asLong()).isEqualTo(1);
    }

    @Test
    void the_clients_user_accepts_a_proposal_of_its_sales_rep_and_another_client_gets_404() {
        String project = fx.project("client-b");
        Map<String, Object> body = maintenance("client-b", project, today.plusDays(30), today.plusDays(30).plusYears(1));
        body.put("type", "BASIC");
        body.put("annualPrice", price(400_000, "XOF"));
        body.put("interventionsIncluded", 2);
        String id = fx.contract("sales2", body);
        assertThat(state(id).path("salesRepId").asString()).isEqualTo("user-sales2");

        refused(404, "CONTRACT_NOT_FOUND", () -> api.as("client").get(CONTRACTS + "/" + id));
        refused(404, "CONTRACT_NOT_FOUND", () -> api.as("client").post(path(id, "accept")));
        refused(403, "ROLE_NOT_ALLOWED", () -> api.as("admin").post(path(id, "accept")));
        refused(403, "ROLE_NOT_ALLOWED", () -> api.as("sales2").post(path(id, "accept")));
        assertThat(api.as("client2").get(CONTRACTS + "/" + id).status()).isEqualTo(200);

        Api.Response accepted = api.as("client2").post(path(id, "accept"));

        assertThat(accepted.status()).as("%s", accepted).isEqualTo(200);
        assertThat(accepted.json().path("events").valueStream().map(JsonNode::asString))
                .containsExactly("ContractAccepted");
        assertThat(state(id).path("status").asString()).isEqualTo("ACTIVE");
        refused(409, "INVALID_STATUS_TRANSITION", () -> api.as("client2").post(path(id, "accept")));
    }

    @Test
    void the_clients_user_declines_a_proposal_which_then_frees_its_period() {
        String project = fx.project("client-b");
        LocalDate start = today.plusDays(30);
        Map<String, Object> body = maintenance("client-b", project, start, start.plusYears(1));
        String id = fx.contract("sales2", body);

        refused(404, "CONTRACT_NOT_FOUND", () -> api.as("client").post(path(id, "decline"), Map.of("reason", "no")));
        refused(403, "ROLE_NOT_ALLOWED", () -> api.as("tech").post(path(id, "decline"), Map.of("reason", "no")));

        Api.Response declined = api.as("client2").post(path(id, "decline"), Map.of("reason", "too expensive"));

        assertThat(declined.status()).as("%s", declined).isEqualTo(200);
        assertThat(state(id).path("status").asString()).isEqualTo("DECLINED");
        refused(409, "INVALID_STATUS_TRANSITION", () -> api.as("client2").post(path(id, "decline")));
        refused(409, "INVALID_STATUS_TRANSITION", () -> api.as("admin").post(path(id, "activate")));
        fx.contract("admin", maintenance("client-b", project, start, start.plusYears(1)));
    }

    @Test
    void staff_may_decline_a_draft_without_a_reason() {
        String id = fx.draft(today, today.plusYears(1));

        Api.Response declined = api.as("lead").post(path(id, "decline"));

        assertThat(declined.status()).as("%s", declined).isEqualTo(200);
        assertThat(state(id).path("status").asString()).isEqualTo("DECLINED");
    }

    @Test
    void suspend_needs_a_reason_and_an_active_contract() {
        String id = fx.active(today);

        refused(400, "REASON_REQUIRED", () -> api.as("admin").post(path(id, "suspend"), Map.of()));
        refused(400, "REASON_REQUIRED", () -> api.as("admin").post(path(id, "suspend"), Map.of("reason", "   ")));

        Api.Response suspended = api.as("lead").post(path(id, "suspend"), Map.of("reason", "unpaid invoice"));

        assertThat(suspended.status()).as("%s", suspended).isEqualTo(200);
        assertThat(suspended.json().path("version").asLong()).isEqualTo(2);
        JsonNode view = state(id);
        assertThat(view.path("status").asString()).isEqualTo("SUSPENDED");
        assertThat(view.path("active").asBoolean()).isFalse();
        refused(409, "INVALID_STATUS_TRANSITION",
                () -> api.as("admin").post(path(id, "suspend"), Map.of("reason", "again")));
        String draft = fx.draft(today, today.plusYears(1));
        refused(409, "INVALID_STATUS_TRANSITION",
                () -> api.as("admin").post(path(draft, "suspend"), Map.of("reason", "not started")));
    }

    @Test
    void resume_needs_a_reason_and_a_suspended_contract() {
        String id = fx.active(today);
        refused(409, "INVALID_STATUS_TRANSITION",
                () -> api.as("admin").post(path(id, "resume"), Map.of("reason", "not suspended")));
        assertThat(api.as("admin").post(path(id, "suspend"), Map.of("reason", "unpaid")).status()).isEqualTo(200);

        refused(400, "REASON_REQUIRED", () -> api.as("admin").post(path(id, "resume"), Map.of()));

        Api.Response resumed = api.as("admin").post(path(id, "resume"), Map.of("reason", "paid"));

        assertThat(resumed.status()).as("%s", resumed).isEqualTo(200);
        assertThat(state(id).path("status").asString()).isEqualTo("ACTIVE");
        assertThat(state(id).path("active").asBoolean()).isTrue();
    }

    @Test
    void terminate_needs_a_running_contract_and_an_effective_date_within_its_periods() {
        String id = fx.active(today);
        String draft = fx.draft(today, today.plusYears(1));

        refused(409, "INVALID_STATUS_TRANSITION", () -> api.as("admin").post(path(draft, "terminate"),
                Map.of("category", "PRICE", "reason", "never started")));
        refused(409, "TERMINATION_DATE_INVALID", () -> api.as("admin").post(path(id, "terminate"),
                Map.of("category", "PRICE", "reason", "too late", "effectiveDate", today.plusYears(3).toString())));
        refused(400, "VALIDATION_FAILED", () -> api.as("admin").post(path(id, "terminate"), Map.of("reason", "no category")));

        Api.Response terminated = api.as("admin").post(path(id, "terminate"),
                Map.of("category", "COMPETITION", "reason", "moved to a competitor"));

        assertThat(terminated.status()).as("%s", terminated).isEqualTo(200);
        assertThat(terminated.json().path("events").valueStream().map(JsonNode::asString))
                .containsExactly("ContractTerminated");
        assertThat(state(id).path("status").asString()).isEqualTo("TERMINATED");
        refused(409, "INVALID_STATUS_TRANSITION", () -> api.as("admin").post(path(id, "terminate"),
                Map.of("category", "PRICE", "reason", "twice")));
    }

    @Test
    void renew_opens_a_new_period_keeping_the_number() {
        String id = fx.active(today);
        JsonNode before = state(id);
        LocalDate end = LocalDate.parse(before.path("currentPeriod").path("end").asString());

        Api.Response renewed = api.as("admin").post(path(id, "renew"), Map.of("reason", "another year"));

        assertThat(renewed.status()).as("%s", renewed).isEqualTo(200);
        assertThat(renewed.json().path("number").asString()).isEqualTo(before.path("number").asString());
        assertThat(renewed.json().path("events").valueStream().map(JsonNode::asString)).containsExactly("ContractRenewed");
        JsonNode after = state(id);
        assertThat(after.path("periods")).hasSize(2);
        assertThat(after.path("periods").path(1).path("period").path("start").asString())
                .isEqualTo(end.plusDays(1).toString());
        assertThat(after.path("periods").path(1).path("used").asInt()).isZero();
        assertThat(after.path("number").asString()).isEqualTo(before.path("number").asString());
    }

    @Test
    void renew_refuses_a_period_not_after_the_current_one_another_currency_and_a_draft() {
        String id = fx.active(today);
        JsonNode current = state(id).path("currentPeriod");
        LocalDate start = LocalDate.parse(current.path("start").asString());
        LocalDate end = LocalDate.parse(current.path("end").asString());

        refused(409, "RENEWAL_PERIOD_INVALID", () -> api.as("admin").post(path(id, "renew"),
                Map.of("startDate", start.toString(), "endDate", end.plusMonths(6).toString())));
        refused(409, "RENEWAL_PERIOD_INVALID", () -> api.as("admin").post(path(id, "renew"),
                Map.of("startDate", end.toString(), "endDate", end.plusYears(1).toString())));
        refused(400, "INVALID_PERIOD", () -> api.as("admin").post(path(id, "renew"),
                Map.of("startDate", end.plusDays(1).toString())));
        refused(409, "CURRENCY_MISMATCH", () -> api.as("admin").post(path(id, "renew"),
                Map.of("annualPrice", price(100_000, "EUR"))));
        String draft = fx.draft(today, today.plusYears(1));
        refused(409, "INVALID_STATUS_TRANSITION", () -> api.as("admin").post(path(draft, "renew"), Map.of()));
    }

    @Test
    void renew_into_the_period_of_another_contract_of_the_same_type_is_an_overlap() {
        Fixtures.Owner owner = fx.owner();
        LocalDate start = today.minusMonths(1);
        LocalDate end = start.plusYears(1).minusDays(1);
        String id = fx.contract("admin", maintenance(owner.clientId(), owner.projectId(), start, end));
        fx.activate(id);
        fx.contract("admin", maintenance(owner.clientId(), owner.projectId(), end.plusMonths(3), end.plusYears(1)));

        refused(409, "CONTRACT_OVERLAP", () -> api.as("admin").post(path(id, "renew"), Map.of()));

        Api.Response shortRenewal = api.as("admin").post(path(id, "renew"),
                Map.of("startDate", end.plusDays(1).toString(), "endDate", end.plusMonths(3).minusDays(1).toString()));
        assertThat(shortRenewal.status()).as("%s", shortRenewal).isEqualTo(200);
    }

    @Test
    void amend_changes_only_the_given_terms_and_raises_the_revision() {
        String id = fx.active(today);

        Api.Response amended = api.as("lead").post(path(id, "amend"),
                Map.of("slaHours", 4, "supportHours", "ALWAYS", "unlimitedInterventions", true, "reason", "upgrade"));

        assertThat(amended.status()).as("%s", amended).isEqualTo(200);
        assertThat(amended.json().path("events").valueStream().map(JsonNode::asString)).containsExactly("ContractAmended");
        JsonNode view = state(id);
        assertThat(view.path("revision").asInt()).isEqualTo(2);
        assertThat(view.path("terms").path("slaHours").asInt()).isEqualTo(4);
        assertThat(view.path("terms").path("supportHours").asString()).isEqualTo("ALWAYS");
        assertThat(view.path("terms").path("quota").path("included").isMissingNode()
                || view.path("terms").path("quota").path("included").isNull()).isTrue();
        assertThat(view.path("terms").path("annualPrice").path("amountMinor").asLong()).isEqualTo(1_200_000);
    }

    @Test
    void amend_refuses_no_change_a_missing_reason_another_currency_and_a_closed_contract() {
        String id = fx.active(today);

        refused(400, "NOTHING_TO_AMEND", () -> api.as("admin").post(path(id, "amend"),
                Map.of("slaHours", 24, "reason", "same SLA")));
        refused(400, "NOTHING_TO_AMEND", () -> api.as("admin").post(path(id, "amend"), Map.of("reason", "nothing")));
        refused(400, "REASON_REQUIRED", () -> api.as("admin").post(path(id, "amend"), Map.of("slaHours", 8)));
        refused(409, "CURRENCY_MISMATCH", () -> api.as("admin").post(path(id, "amend"),
                Map.of("annualPrice", price(2_000_00, "EUR"), "reason", "euro")));
        refused(400, "INVALID_PRICE", () -> api.as("admin").post(path(id, "amend"),
                Map.of("annualPrice", price(0, "XOF"), "reason", "free")));

        assertThat(api.as("admin").post(path(id, "terminate"), Map.of("category", "OTHER", "reason", "closed"))
                .status()).isEqualTo(200);
        refused(409, "INVALID_STATUS_TRANSITION", () -> api.as("admin").post(path(id, "amend"),
                Map.of("slaHours", 8, "reason", "too late")));
    }

    // -- visibility --

    @Test
    void another_clients_contract_and_unknown_ids_are_not_found_for_every_endpoint() {
        String project = fx.project("client-a");
        String id = fx.contract("admin", maintenance("client-a", project, today.minusDays(1), today.plusYears(1)));
        fx.activate(id);
        assertThat(api.as("client").get(CONTRACTS + "/" + id).status()).isEqualTo(200);

        for (String target : List.of(id, "contract-unknown-" + System.nanoTime())) {
            refused(404, "CONTRACT_NOT_FOUND", () -> api.as("client2").get(CONTRACTS + "/" + target));
            Map<String, Map<String, Object>> commands = new LinkedHashMap<>();
            commands.put("activate", Map.of());
            commands.put("accept", Map.of());
            commands.put("decline", Map.of("reason", "no"));
            commands.put("suspend", Map.of("reason", "no"));
            commands.put("resume", Map.of("reason", "no"));
            commands.put("terminate", Map.of("category", "PRICE", "reason", "no"));
            commands.put("renew", Map.of());
            commands.put("amend", Map.of("slaHours", 2, "reason", "no"));
            commands.forEach((command, body) -> refused(404, "CONTRACT_NOT_FOUND",
                    () -> api.as("client2").post(path(target, command), body)));
        }
        refused(404, "CONTRACT_NOT_FOUND", () -> api.as("admin").get(CONTRACTS + "/contract-unknown-" + System.nanoTime()));
        refused(404, "CONTRACT_NOT_FOUND", () -> api.as("admin").post(path("no-such-contract", "activate")));
        refused(404, "CONTRACT_NOT_FOUND", () -> api.as("admin").get(CONTRACTS + "/bad%20id"));
        // the id of another aggregate type is not a contract either
        refused(404, "CONTRACT_NOT_FOUND", () -> api.as("admin").get(CONTRACTS + "/" + project));
    }
}
