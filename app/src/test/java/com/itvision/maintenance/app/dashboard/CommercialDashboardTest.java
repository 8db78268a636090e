package com.itvision.maintenance.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.app.support.Api.Response;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The commercial dashboard, its CSV export and its role access, on the {@link CommercialScenario}. */
class CommercialDashboardTest extends CommercialScenario {

    @Test
    void a_sales_reps_portfolio_gives_every_kpi_computed_by_hand() {
        JsonNode d = dashboard(repA.username(), "/api/v1/dashboards/commercial" + period);

        assertThat(d.path("today").asString()).isEqualTo(t.toString());
        assertThat(d.path("from").asString()).isEqualTo(t.minusDays(60).toString());
        // in force today: A1, A2, A6 (renewed) in XOF, A3 in EUR; A7 ended, A8/A9 terminated, A4/A5 not active
        assertThat(d.path("activeContracts").asLong()).isEqualTo(4);
        // XOF: 1 200 000 + 3 500 000 + 400 000 = 5 100 000, / 12 = 425 000; EUR: 100 006 / 12 = 8 333.83 -> 8 334
        assertThat(d.path("revenue").toString()).isEqualTo("["
                + "{\"currency\":\"EUR\",\"activeContracts\":1,\"arr\":{\"amountMinor\":100006,\"currency\":\"EUR\"},"
                + "\"mrr\":{\"amountMinor\":8334,\"currency\":\"EUR\"}},"
                + "{\"currency\":\"XOF\",\"activeContracts\":3,\"arr\":{\"amountMinor\":5100000,\"currency\":\"XOF\"},"
                + "\"mrr\":{\"amountMinor\":425000,\"currency\":\"XOF\"}}]");
        // ends: A1 T+20 | A6 T+45 | A3 T+75 (A2 T+335 later)
        assertThat(d.path("expirations").toString())
                .isEqualTo("{\"within30Days\":1,\"within60Days\":2,\"within90Days\":3}");
        // periods ending in [T-60, T]: A6's first (renewed), A7's (not): 1 / 2
        assertThat(d.path("renewal").toString())
                .isEqualTo("{\"reachedEnd\":2,\"renewed\":1,\"rate\":0.5,\"target\":0.85}");
        // in force at T-60: A1, A6, A7, A8, A9 (A3, A2 activated later); terminated in the period: A8, A9
        assertThat(d.path("churn").toString()).isEqualTo("{\"activeAtStart\":5,\"terminated\":2,\"rate\":0.4,"
                + "\"reasons\":[{\"category\":\"PRICE\",\"count\":1},{\"category\":\"DISSATISFACTION\",\"count\":1},"
                + "{\"category\":\"COMPETITION\",\"count\":0},{\"category\":\"OTHER\",\"count\":0}]}");
        // proposed in the period: A3 (activated), A4 (declined), A2 (accepted by the client), A5 (pending)
        assertThat(d.path("conversion").toString()).isEqualTo("{\"proposed\":4,\"accepted\":2,\"acceptedByClient\":1,"
                + "\"declined\":1,\"pending\":1,\"rate\":0.5,\"target\":0.7}");
        // 3 clients, 2 with a contract in force (cA1, cA2)
        assertThat(d.path("contractualisation").toString())
                .isEqualTo("{\"clients\":3,\"withActiveContract\":2,\"rate\":0.6667,\"target\":0.7}");
        // active maintenance contracts: PREVENTIVE A1, FULL A2, BASIC A3 + A6 = 4; no warranty
        assertThat(d.path("mix").toString()).isEqualTo("["
                + "{\"kind\":\"WARRANTY\",\"type\":\"CORRECTIVE\",\"count\":0},"
                + "{\"kind\":\"WARRANTY\",\"type\":\"EVOLUTIVE\",\"count\":0},"
                + "{\"kind\":\"MAINTENANCE\",\"type\":\"PREVENTIVE\",\"count\":1,\"share\":0.25,\"targetShare\":0.4},"
                + "{\"kind\":\"MAINTENANCE\",\"type\":\"CURATIVE\",\"count\":0,\"share\":0.0,\"targetShare\":0.15},"
                + "{\"kind\":\"MAINTENANCE\",\"type\":\"FULL\",\"count\":1,\"share\":0.25,\"targetShare\":0.25},"
                + "{\"kind\":\"MAINTENANCE\",\"type\":\"BASIC\",\"count\":2,\"share\":0.5,\"targetShare\":0.2}]");
        JsonNode interventions = d.path("interventions");
        assertThat(interventions.path("total").asLong()).isEqualTo(2);
        Map<String, Long> expectedMonths = new LinkedHashMap<>();
        for (YearMonth m = YearMonth.from(t.minusDays(60)); !m.isAfter(YearMonth.from(t)); m = m.plusMonths(1)) {
            expectedMonths.put(m.toString(), 0L);
        }
        expectedMonths.merge(YearMonth.from(t.minusDays(3)).toString(), 1L, Long::sum);
        expectedMonths.merge(YearMonth.from(t.minusDays(2)).toString(), 1L, Long::sum);
        Map<String, Long> months = new LinkedHashMap<>();
        interventions.path("byMonth").forEach(m -> months.put(m.path("month").asString(), m.path("count").asLong()));
        assertThat(months).containsExactlyEntriesOf(expectedMonths);
        assertThat(interventions.path("monthlyAverage").asDouble())
                .isEqualTo(Math.round(200.0 / expectedMonths.size()) / 100.0);
        assertThat(d.path("satisfaction").toString()).isEqualTo("{\"ratings\":2,\"average\":4.5,\"scale\":5}");
        // A1 1 of 4 used, A2 1 of 2: (0.25 + 0.5) / 2
        assertThat(d.path("usage").toString()).isEqualTo("{\"contracts\":2,\"averageRate\":0.375}");
        assertThat(rows(d)).containsOnlyKeys(repA.id());
        assertThat(row(d, repA.id())).isEqualTo("9/4/1/[EUR 100006, XOF 5100000]");
        assertThat(d.path("salesReps").path("total").toString()).isEqualTo("{\"contracts\":9,\"active\":4,"
                + "\"proposals\":1,\"arr\":[{\"amountMinor\":100006,\"currency\":\"EUR\"},"
                + "{\"amountMinor\":5100000,\"currency\":\"XOF\"}]}");
    }

    @Test
    void each_role_sees_its_own_sales_rep_rows_and_totals_are_the_sum_of_the_visible_rows() {
        JsonNode a = dashboard(repA.username(), "/api/v1/dashboards/commercial" + period);
        JsonNode b = dashboard(repB.username(), "/api/v1/dashboards/commercial" + period);
        assertThat(rows(b)).containsOnlyKeys(repB.id());
        assertThat(row(b, repB.id())).isEqualTo("2/1/1/[XOF 600000]");

        JsonNode team = dashboard(manager.username(), "/api/v1/dashboards/commercial" + period);
        assertThat(rows(team)).containsOnlyKeys(repA.id(), repB.id());
        assertThat(row(team, repA.id())).isEqualTo(row(a, repA.id()));
        assertThat(row(team, repB.id())).isEqualTo(row(b, repB.id()));
        assertThat(team.path("salesReps").path("total").toString()).isEqualTo("{\"contracts\":11,\"active\":5,"
                + "\"proposals\":2,\"arr\":[{\"amountMinor\":100006,\"currency\":\"EUR\"},"
                + "{\"amountMinor\":5700000,\"currency\":\"XOF\"}]}");
        assertThat(team.path("activeContracts").asLong()).isEqualTo(5);
        assertThat(team.path("conversion").path("proposed").asLong()).isEqualTo(6); // + B1 (T-10), B2 (T-3)

        for (String everything : List.of("admin", "analyst", "lead", "auditor")) {
            JsonNode all = dashboard(everything, "/api/v1/dashboards/commercial" + period);
            assertThat(rows(all)).as(everything).containsKeys(repA.id(), repB.id(), "user-sales", "user-sales2");
            assertThat(row(all, repA.id())).isEqualTo(row(a, repA.id()));
            assertThat(row(all, repB.id())).isEqualTo(row(b, repB.id()));
            assertTotalIsTheSumOfTheRows(all);
        }

        JsonNode sales = dashboard("sales", "/api/v1/dashboards/commercial");
        JsonNode sales2 = dashboard("sales2", "/api/v1/dashboards/commercial");
        JsonNode demoManager = dashboard("manager", "/api/v1/dashboards/commercial");
        assertThat(rows(sales)).containsOnlyKeys("user-sales");
        assertThat(rows(sales2)).containsOnlyKeys("user-sales2");
        assertThat(rows(demoManager)).containsOnlyKeys("user-sales", "user-sales2");
        assertThat(row(demoManager, "user-sales")).isEqualTo(row(sales, "user-sales"));
        assertThat(row(demoManager, "user-sales2")).isEqualTo(row(sales2, "user-sales2"));
        for (JsonNode d : List.of(a, b, team, sales, sales2, demoManager)) {
            assertTotalIsTheSumOfTheRows(d);
        }

        // a new client of "sales" with a contract in force: its row, and only its row, grows by it
        String client = newClient("user-sales");
        contractAt(0, contract(client, newProject(client), "CURATIVE", t.minusDays(1), t.plusDays(363), 24, null,
                240_000, "XOF"), true);
        clock.set(utc(t, 12, 0));
        JsonNode after = dashboard("sales", "/api/v1/dashboards/commercial");
        assertThat(rows(after)).containsOnlyKeys("user-sales");
        JsonNode before = rows(sales).get("user-sales");
        JsonNode now = rows(after).get("user-sales");
        assertThat(now.path("contracts").asLong()).isEqualTo(before.path("contracts").asLong() + 1);
        assertThat(now.path("active").asLong()).isEqualTo(before.path("active").asLong() + 1);
        assertThat(xof(now)).isEqualTo(xof(before) + 240_000);
        assertThat(row(dashboard("sales2", "/api/v1/dashboards/commercial"), "user-sales2"))
                .isEqualTo(row(sales2, "user-sales2"));
    }

    @Test
    void the_csv_export_has_a_header_and_the_same_figures() {
        Response csv = api.as(repA.username()).get("/api/v1/dashboards/commercial.csv" + period);
        assertThat(csv.status()).as("%s", csv).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).contains("attachment").contains(".csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).isEqualTo("section,metric,key,currency,value");
        Map<String, String> cells = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int last = lines[i].lastIndexOf(',');
            cells.put(lines[i].substring(0, last), lines[i].substring(last + 1));
        }
        JsonNode d = dashboard(repA.username(), "/api/v1/dashboards/commercial" + period);
        assertThat(cells).containsEntry("contracts,active,,", d.path("activeContracts").asString())
                .containsEntry("contracts,active,,", "4")
                .containsEntry("revenue,arr,,EUR", "100006")
                .containsEntry("revenue,mrr,,EUR", "8334")
                .containsEntry("revenue,arr,,XOF", "5100000")
                .containsEntry("revenue,mrr,,XOF", "425000")
                .containsEntry("expirations,within60Days,,", "2")
                .containsEntry("renewal,rate,,", "0.5")
                .containsEntry("churn,rate,,", "0.4")
                .containsEntry("churn,reason,PRICE,", "1")
                .containsEntry("conversion,rate,,", "0.5")
                .containsEntry("conversion,target,,", "0.7")
                .containsEntry("contractualisation,rate,,", "0.6667")
                .containsEntry("mix,count,BASIC,", "2")
                .containsEntry("interventions,total,,", "2")
                .containsEntry("satisfaction,average,,", "4.5")
                .containsEntry("usage,averageRate,,", "0.375")
                .containsEntry("salesRep,contracts," + repA.id() + ",", "9")
                .containsEntry("salesRep,arr," + repA.id() + ",XOF", "5100000")
                .containsEntry("salesRepTotal,active,,", "4")
                .containsEntry("period,from,,", t.minusDays(60).toString());
        assertThat(cells.get("interventions,monthlyAverage,,"))
                .isEqualTo(d.path("interventions").path("monthlyAverage").asString());
    }

    @Test
    void clients_and_technicians_are_refused_and_bad_periods_are_400() {
        for (String user : List.of("client", "tech")) {
            for (String path : List.of("/api/v1/dashboards/commercial", "/api/v1/dashboards/commercial.csv")) {
                Response refused = api.as(user).get(path);
                assertThat(refused.status()).as(user + " " + path).isEqualTo(403);
                assertThat(refused.code()).isEqualTo("ROLE_NOT_ALLOWED");
            }
        }
        for (String query : List.of("from=2026-02-30", "to=tomorrow", "from=2026-05-02&to=2026-05-01",
                "from=1990-01-01&to=2026-01-01")) {
            Response response = api.as("admin").get("/api/v1/dashboards/commercial?" + query);
            assertThat(response.status()).as(query + ": " + response).isEqualTo(400);
            assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
        }
        JsonNode paths = api.anonymous().get("/v3/api-docs").json().path("paths");
        for (String path : List.of("/api/v1/dashboards/sla", "/api/v1/dashboards/commercial",
                "/api/v1/dashboards/commercial.csv")) {
            JsonNode get = paths.path(path).path("get");
            assertThat(get.path("description").asString()).as(path).contains("Roles:").contains("VALIDATION_FAILED");
            assertThat(get.path("responses").has("400")).isTrue();
            assertThat(get.path("responses").has("403")).isTrue();
        }
        JsonNode byDefault = dashboard(repA.username(), "/api/v1/dashboards/commercial");
        assertThat(byDefault.path("to").asString()).isEqualTo(t.toString());
        assertThat(byDefault.path("from").asString()).isEqualTo(t.withDayOfMonth(1).minusMonths(11).toString());
        assertThat(byDefault.path("interventions").path("byMonth").size()).isEqualTo(12);
    }
}
