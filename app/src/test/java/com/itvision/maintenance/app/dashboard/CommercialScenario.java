package com.itvision.maintenance.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.app.support.Api.Response;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;

/**
 * The commercial dashboard's scenario, a portfolio of its own: two new SALES users (repA, repB) in the
 * team of a new MANAGER, their clients and contracts, each command at a known day (T = today, clock at
 * noon UTC), so that repA's, repB's and the manager's dashboards hold nothing else. Period [T-60, T].
 *
 * <pre>
 * repA  A1 PREVENTIVE pA1 [T-100, T+20]  1 200 000 XOF quota 4  drafted+activated T-100; K1 at T-3 (1 used)
 *       A6 BASIC      pA1 [T-400, T-31]    400 000 XOF           drafted+activated T-400; renewed [T-30, T+45]
 *       A7 PREVENTIVE pA2 [T-300, T-10]    800 000 XOF           drafted+activated T-300; not renewed
 *       A8 FULL       pA2 [T-200, T+165] 3 000 000 XOF           terminated PRICE effective T-20
 *       A9 CURATIVE   pA2 [T-200, T+165]   500 000 XOF           terminated DISSATISFACTION effective T-40
 *       A3 BASIC      pA2 [T-300, T+75]    100 006 EUR           drafted T-20, activated T-19
 *       A4 CURATIVE   pA3 [T, T+364]       500 000 XOF           drafted T-15, declined T-14
 *       A2 FULL       pA1 [T-30, T+335]  3 500 000 XOF quota 2  drafted T-10, accepted by the client T-9; K2 at T-2
 *       A5 CURATIVE   pA1 [T+30, T+395]    600 000 XOF           drafted T-5, pending
 * repB  B1 PREVENTIVE pB1 [T-10, T+355]    600 000 XOF           drafted+activated T-10
 *       B2 CURATIVE   pB1 [T+30, T+394]    300 000 XOF           drafted T-3, pending
 * K1, K2: tickets resolved, confirmed, closed and rated 4 and 5 by the client's user.
 * </pre>
 */
abstract class CommercialScenario extends DashboardTestSupport {
    /** The portfolio is built once for the class (the tests only read it, or add to other reps). */
    private static Portfolio built;

    private record Portfolio(LocalDate t, User repA, User repB, User manager) {
    }

    LocalDate t;
    User repA;
    User repB;
    User manager;
    /** The query string of the period [T-60, T]. */
    String period;

    @BeforeEach
    void portfolio() {
        if (built == null || !built.t().equals(LocalDate.now(ZoneOffset.UTC))) {
            t = LocalDate.now(ZoneOffset.UTC);
            clock.set(utc(t, 12, 0));
            build();
            built = new Portfolio(t, repA, repB, manager);
        }
        t = built.t();
        repA = built.repA();
        repB = built.repB();
        manager = built.manager();
        period = "?from=" + t.minusDays(60) + "&to=" + t;
        clock.set(utc(t, 12, 0));
    }

    private void build() {
        repA = newUser("SALES", null);
        repB = newUser("SALES", null);
        manager = newUser("MANAGER", null);
        for (User rep : List.of(repA, repB)) {
            Response added = api.as("admin").post("/api/v1/users/" + manager.id() + "/team",
                    Map.of("salesRepId", rep.id()));
            assertThat(added.status()).as("%s", added).isEqualTo(200);
        }
        String cA1 = newClient(repA.id());
        String cA2 = newClient(repA.id());
        newClient(repA.id()); // a client without any contract
        String cB1 = newClient(repB.id());
        String pA1 = newProject(cA1);
        String pA2 = newProject(cA2);
        String pA3 = newProject(cA2);
        String pB1 = newProject(cB1);
        String customer = newUser("CLIENT", cA1).username();

        String a1 = contractAt(-100, contract(cA1, pA1, "PREVENTIVE", t.minusDays(100), t.plusDays(20), 24, 4,
                1_200_000, "XOF"), true);
        String a6 = contractAt(-400, contract(cA1, pA1, "BASIC", t.minusDays(400), t.minusDays(31), 24, null,
                400_000, "XOF"), true);
        clock.set(utc(t.minusDays(35), 9, 0));
        contractCommand("admin", a6, "renew", Map.of("startDate", t.minusDays(30).toString(),
                "endDate", t.plusDays(45).toString()));
        contractAt(-300, contract(cA2, pA2, "PREVENTIVE", t.minusDays(300), t.minusDays(10), 24, null, 800_000,
                "XOF"), true);
        String a8 = contractAt(-200, contract(cA2, pA2, "FULL", t.minusDays(200), t.plusDays(165), 24, null,
                3_000_000, "XOF"), true);
        String a9 = contractAt(-200, contract(cA2, pA2, "CURATIVE", t.minusDays(200), t.plusDays(165), 24, null,
                500_000, "XOF"), true);
        clock.set(utc(t.minusDays(45), 9, 0));
        contractCommand("admin", a9, "terminate", Map.of("category", "DISSATISFACTION",
                "reason", "Délais d'intervention", "effectiveDate", t.minusDays(40).toString()));
        clock.set(utc(t.minusDays(25), 9, 0));
        contractCommand("admin", a8, "terminate", Map.of("category", "PRICE", "reason", "Trop cher",
                "effectiveDate", t.minusDays(20).toString()));
        String a3 = contractAt(-20, contract(cA2, pA2, "BASIC", t.minusDays(300), t.plusDays(75), 24, null, 100_006,
                "EUR"), false);
        clock.set(utc(t.minusDays(19), 9, 0));
        contractCommand("admin", a3, "activate", Map.of());
        String a4 = contractAt(-15, contract(cA2, pA3, "CURATIVE", t, t.plusDays(364), 24, null, 500_000, "XOF"),
                false);
        clock.set(utc(t.minusDays(14), 9, 0));
        contractCommand("admin", a4, "decline", Map.of("reason", "Budget"));
        String a2 = contractAt(-10, contract(cA1, pA1, "FULL", t.minusDays(30), t.plusDays(335), 4, 2, 3_500_000,
                "XOF"), false);
        clock.set(utc(t.minusDays(9), 9, 0));
        contractCommand(customer, a2, "accept", Map.of());
        contractAt(-5, contract(cA1, pA1, "CURATIVE", t.plusDays(30), t.plusDays(395), 24, null, 600_000, "XOF"),
                false);
        contractAt(-10, contract(cB1, pB1, "PREVENTIVE", t.minusDays(10), t.plusDays(355), 24, null, 600_000, "XOF"),
                true);
        contractAt(-3, contract(cB1, pB1, "CURATIVE", t.plusDays(30), t.plusDays(394), 24, null, 300_000, "XOF"),
                false);

        closedAndRated(pA1, a1, t.minusDays(3), customer, 4);
        closedAndRated(pA1, a2, t.minusDays(2), customer, 5);
    }

    /** Drafts (and activates) a contract with the clock at {@code T + days} 09:00. */
    String contractAt(int days, Map<String, Object> body, boolean activate) {
        clock.set(utc(t.plusDays(days), 9, 0));
        String id = draft(body);
        if (activate) {
            contractCommand("admin", id, "activate", Map.of());
        }
        return id;
    }

    /** A covered ticket on {@code day}: intervention 10:00-11:00, resolved, confirmed, closed and rated. */
    private void closedAndRated(String project, String contract, LocalDate day, String customer, int score) {
        clock.set(utc(day, 9, 0));
        String ticket = openTicket(project, contract, "MAJOR");
        clock.set(utc(day, 9, 10));
        String billet = billet(ticket, 2);
        clock.set(utc(day, 12, 0));
        String intervention = intervention(billet, utc(day, 10, 0), utc(day, 11, 0), 1);
        clock.set(utc(day, 12, 30));
        resolve(intervention);
        clock.set(utc(day, 13, 0));
        ticketCommand(customer, ticket, "confirm", Map.of("comment", "OK"));
        clock.set(utc(day, 13, 10));
        ticketCommand("lead", ticket, "close", Map.of());
        clock.set(utc(day, 13, 20));
        ticketCommand(customer, ticket, "rate", Map.of("score", score));
    }

    static Map<String, JsonNode> rows(JsonNode d) {
        Map<String, JsonNode> rows = new LinkedHashMap<>();
        d.path("salesReps").path("rows").forEach(r -> rows.put(r.path("salesRepId").asString(null), r));
        return rows;
    }

    /** A row as "contracts/active/proposals/[CUR arr, ...]". */
    static String row(JsonNode d, String salesRepId) {
        JsonNode r = rows(d).get(salesRepId);
        assertThat(r).as("row of %s", salesRepId).isNotNull();
        List<String> arr = new ArrayList<>();
        r.path("arr").forEach(m -> arr.add(m.path("currency").asString() + " " + m.path("amountMinor").asLong()));
        return r.path("contracts").asLong() + "/" + r.path("active").asLong() + "/" + r.path("proposals").asLong()
                + "/" + arr;
    }

    static long xof(JsonNode row) {
        long total = 0;
        for (JsonNode m : row.path("arr")) {
            total += m.path("currency").asString().equals("XOF") ? m.path("amountMinor").asLong() : 0;
        }
        return total;
    }

    static void assertTotalIsTheSumOfTheRows(JsonNode d) {
        long contracts = 0;
        long active = 0;
        long proposals = 0;
        Map<String, Long> arr = new HashMap<>();
        for (JsonNode r : d.path("salesReps").path("rows")) {
            contracts += r.path("contracts").asLong();
            active += r.path("active").asLong();
            proposals += r.path("proposals").asLong();
            r.path("arr").forEach(m -> arr.merge(m.path("currency").asString(), m.path("amountMinor").asLong(),
                    Long::sum));
        }
        JsonNode total = d.path("salesReps").path("total");
        assertThat(total.path("contracts").asLong()).isEqualTo(contracts);
        assertThat(total.path("active").asLong()).isEqualTo(active);
        assertThat(total.path("proposals").asLong()).isEqualTo(proposals);
        Map<String, Long> totalArr = new HashMap<>();
        total.path("arr").forEach(m -> totalArr.put(m.path("currency").asString(), m.path("amountMinor").asLong()));
        assertThat(totalArr).isEqualTo(arr);
    }
}
