package com.itvision.maintenance.app.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.app.support.Api.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Every query endpoint for every demo user: what each one sees of client A and client B (lists, totals,
 * direct access), technicians only the tickets assigned to them and no contracts, and the paging limits.
 */
class RoleScopeMatrixTest extends ReadModelTestSupport {
    static final List<String> A_CONTRACTS = List.of("contract-a-preventive", "contract-a-corrective",
            "contract-a-evolutive");
    static final List<String> B_CONTRACTS = List.of("contract-b-full", "contract-b-curative",
            "contract-b-basic-proposal");
    static final List<String> ENDPOINTS = List.of("/api/v1/contracts", "/api/v1/tickets", "/api/v1/portal/tickets");

    /** One ticket per demo client, assigned (by their billets) to tech and tech2; created once. */
    static String ticketA;
    static String ticketB;

    /** What {@code user} sees: contracts at all, client A's and client B's data, or only tickets assigned to it. */
    record Scope(String user, boolean commercial, boolean clientA, boolean clientB, String assignee) {
        boolean sees(String clientId) {
            return clientId.equals("client-a") ? clientA : clientB;
        }

        @Override
        public String toString() {
            return user;
        }
    }

    static Stream<Scope> users() {
        return Stream.of(
                new Scope("admin", true, true, true, null),
                new Scope("lead", true, true, true, null),
                new Scope("analyst", true, true, true, null),
                new Scope("auditor", true, true, true, null),
                new Scope("manager", true, true, true, null),
                new Scope("client", true, true, false, null),
                new Scope("client2", true, false, true, null),
                new Scope("sales", true, true, false, null),
                new Scope("sales2", true, false, true, null),
                new Scope("tech", false, true, false, "user-tech"),
                new Scope("tech2", false, false, true, "user-tech2"));
    }

    @BeforeEach
    void ticketsOfBothClients() {
        if (ticketA == null) {
            String a = openTicket("lead", ECOMMERCE, CORRECTIVE);
            ok(billet("lead", a, TECH, 2.5));
            String b = openTicket("lead", B_NETWORK, "contract-b-full");
            ok(billet("lead", b, "user-tech2", 1.5));
            ticketA = a;
            ticketB = b;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("users")
    void contracts_within_the_callers_scope(Scope scope) {
        if (!scope.commercial()) {
            for (String path : List.of("/api/v1/contracts", "/api/v1/contracts/contract-a-preventive",
                    "/api/v1/portal/contracts")) {
                Response refused = api.as(scope.user()).get(path);
                assertThat(refused.status()).as(path + " " + refused).isEqualTo(403);
                assertThat(refused.code()).isEqualTo("ROLE_NOT_ALLOWED");
            }
            return;
        }
        for (String id : A_CONTRACTS) {
            direct(scope, "/api/v1/contracts/" + id, scope.clientA(), "CONTRACT_NOT_FOUND");
        }
        for (String id : B_CONTRACTS) {
            direct(scope, "/api/v1/contracts/" + id, scope.clientB(), "CONTRACT_NOT_FOUND");
        }
        for (String client : List.of("client-a", "client-b")) {
            filteredByClient(scope, "/api/v1/contracts", client, scope.sees(client));
        }
        List<JsonNode> all = allPages(scope.user(), "/api/v1/contracts");
        assertThat(all).extracting(c -> c.path("clientId").asString())
                .allSatisfy(client -> assertInvisibleClientAbsent(scope, client));

        Response portal = api.as(scope.user()).get("/api/v1/portal/contracts");
        assertThat(portal.status()).as(portal.toString()).isEqualTo(200);
        List<JsonNode> mine = portal.json().path("contracts").valueStream().toList();
        assertThat(mine).extracting(c -> c.path("clientId").asString())
                .allSatisfy(client -> assertInvisibleClientAbsent(scope, client));
        assertThat(mine).extracting(c -> c.path("status").asString()).doesNotContain("DECLINED");
        List<String> ids = mine.stream().map(c -> c.path("id").asString()).toList();
        if (scope.clientA()) {
            assertThat(ids).contains("contract-a-preventive", "contract-a-corrective");
        }
        if (scope.clientB()) {
            assertThat(ids).contains("contract-b-full", "contract-b-curative");
        }
        if (scope.user().startsWith("client")) {
            assertThat(portal.json().path("hasActiveContract").asBoolean()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("users")
    void tickets_within_the_callers_scope(Scope scope) {
        for (String base : List.of("/api/v1/tickets/", "/api/v1/portal/tickets/")) {
            direct(scope, base + ticketA, scope.clientA(), "TICKET_NOT_FOUND");
            direct(scope, base + ticketB, scope.clientB(), "TICKET_NOT_FOUND");
        }
        List<JsonNode> listed = allPages(scope.user(), "/api/v1/tickets");
        List<JsonNode> portal = allPages(scope.user(), "/api/v1/portal/tickets");
        assertThat(portal).extracting(t -> t.path("id").asString())
                .containsExactlyInAnyOrderElementsOf(listed.stream().map(t -> t.path("id").asString()).toList());
        List<String> ids = listed.stream().map(t -> t.path("id").asString()).toList();
        assertThat(ids.contains(ticketA)).as("%s lists client A's ticket", scope.user()).isEqualTo(scope.clientA());
        assertThat(ids.contains(ticketB)).as("%s lists client B's ticket", scope.user()).isEqualTo(scope.clientB());
        if (scope.assignee() != null) {
            assertThat(listed).extracting(t -> t.path("assigneeId").asString()).containsOnly(scope.assignee());
            assertThat((long) listed.size()).isEqualTo(adminTotal("/api/v1/tickets?technicianId=" + scope.assignee()));
            return;
        }
        assertThat(listed).extracting(t -> t.path("clientId").asString())
                .allSatisfy(client -> assertInvisibleClientAbsent(scope, client));
        for (String client : List.of("client-a", "client-b")) {
            filteredByClient(scope, "/api/v1/tickets", client, scope.sees(client));
        }
    }

    /**
     * One read path (ADR 0016): the read model's detail answers every role within its scope, with the ETag
     * of the version it reflects for If-Match; the aggregates' former {@code GET .../{id}/state} is gone.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("users")
    void the_read_models_detail_has_its_scope_and_an_etag(Scope scope) {
        for (String id : A_CONTRACTS) {
            sameAnswer(scope, "/api/v1/contracts/" + id, !scope.commercial() ? 403 : scope.clientA() ? 200 : 404);
        }
        for (String id : B_CONTRACTS) {
            sameAnswer(scope, "/api/v1/contracts/" + id, !scope.commercial() ? 403 : scope.clientB() ? 200 : 404);
        }
        sameAnswer(scope, "/api/v1/tickets/" + ticketA, scope.clientA() ? 200 : 404);
        sameAnswer(scope, "/api/v1/tickets/" + ticketB, scope.clientB() ? 200 : 404);
    }

    private void sameAnswer(Scope scope, String path, int expected) {
        Response read = api.as(scope.user()).get(path);
        assertThat(read.status()).as("%s %s %s", scope.user(), path, read).isEqualTo(expected);
        if (expected == 200) {
            assertThat(read.header("ETag")).as("%s %s", scope.user(), path)
                    .isEqualTo("\"" + read.json().path("version").asLong() + "\"");
        }
        Response state = api.as(scope.user()).get(path + "/state");
        assertThat(state.status()).as("%s %s/state is gone", scope.user(), path).isIn(403, 404, 405);
    }

    @Test
    void paging_is_bounded_and_every_endpoint_needs_a_login() {
        for (String path : ENDPOINTS) {
            for (String query : List.of("?size=201", "?size=0", "?page=-1")) {
                Response refused = api.as("admin").get(path + query);
                assertThat(refused.status()).as(path + query + " " + refused).isEqualTo(400);
                assertThat(refused.code()).isEqualTo("VALIDATION_FAILED");
            }
            assertThat(api.as("admin").get(path + "?size=200&page=0").status()).isEqualTo(200);
            assertThat(api.anonymous().get(path).status()).isEqualTo(401);
        }
    }

    /** A client the caller may not see never shows up (only the two demo clients' visibility is fixed). */
    private static void assertInvisibleClientAbsent(Scope scope, String clientId) {
        if (clientId.equals("client-a") || clientId.equals("client-b")) {
            assertThat(scope.sees(clientId)).as("%s sees a row of %s", scope.user(), clientId).isTrue();
        } else if (scope.user().startsWith("client")) {
            assertThat(clientId).as("%s sees another client's row", scope.user()).isIn("client-a", "client-b");
        }
    }

    private void direct(Scope scope, String path, boolean visible, String code) {
        Response response = api.as(scope.user()).get(path);
        if (visible) {
            assertThat(response.status()).as(scope.user() + " " + path + " " + response).isEqualTo(200);
        } else {
            assertThat(response.status()).as(scope.user() + " " + path + " " + response).isEqualTo(404);
            assertThat(response.code()).isEqualTo(code);
        }
    }

    /** With a clientId filter: all of that client's rows (same total as the admin's) or none at all. */
    private void filteredByClient(Scope scope, String path, String client, boolean visible) {
        Response response = api.as(scope.user()).get(path + "?size=200&clientId=" + client);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        long total = response.json().path("total").asLong();
        List<String> clients = response.json().path("items").valueStream().map(i -> i.path("clientId").asString())
                .toList();
        if (visible) {
            assertThat(total).as("%s total of %s %s", scope.user(), client, path)
                    .isEqualTo(adminTotal(path + "?clientId=" + client)).isPositive();
            assertThat(clients).containsOnly(client);
        } else {
            assertThat(total).as("%s total of %s %s", scope.user(), client, path).isZero();
            assertThat(clients).isEmpty();
        }
        if (scope.user().startsWith("client") && visible) {
            assertThat(pageTotal(scope.user(), path)).as("a client's total counts its own rows only").isEqualTo(total);
        }
    }

    private long adminTotal(String path) {
        return pageTotal("admin", path);
    }

    private long pageTotal(String user, String path) {
        Response response = api.as(user).get(path + (path.contains("?") ? "&" : "?") + "size=1");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().path("total").asLong();
    }

    /** Every item of every page, checking that the pages add up to the total. */
    private List<JsonNode> allPages(String user, String path) {
        List<JsonNode> items = new ArrayList<>();
        long total;
        int page = 0;
        do {
            Response response = api.as(user).get(path + "?size=200&page=" + page++);
            assertThat(response.status()).as(user + " " + path + " " + response).isEqualTo(200);
            total = response.json().path("total").asLong();
            List<JsonNode> found = response.json().path("items").valueStream().toList();
            items.addAll(found);
            if (found.isEmpty()) {
                break;
            }
        } while (items.size() < total);
        assertThat((long) items.size()).as("%s %s pages add up to the total", user, path).isEqualTo(total);
        return items;
    }
}
