package com.itvision.maintenance.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.app.support.Api.Response;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The SLA dashboard on a scenario of its own: one project, a PREVENTIVE contract with an 8 h SLA in
 * business hours (Mon-Fri 08:00-18:00 UTC), a DRAFT curative contract (so a ticket naming it is
 * billable), and seven tickets over two weeks. Every expected figure is computed by hand below.
 *
 * <pre>
 * M = a Monday (first Monday of the month two months ago); Q = "now" = Wednesday M+9 12:00.
 * T1 CRITICAL Mon M 09:00, intervention Mon 10:00-11:00 (1 h, est. 2 h), resolved Tue M+1 09:00 -> MET
 * T2 MAJOR    Mon M 16:00, intervention Tue M+1 15:00-17:00 (2 h, est. 0.5 h: overrun)  -> BREACHED
 *             (deadline Mon 16-18 = 2 h + Tue 08-14 = 6 h: Tue M+1 14:00, responded at 15:00)
 * T6 MINOR    Thu M+3 10:00 on the DRAFT contract: billable, billing approved, intervention 14:00-15:00
 * T7 MAJOR    Mon M+7 09:30, nothing happened: deadline Mon M+7 17:30 passed    -> BREACHED at query time
 * T3 MINOR    Tue M+8 15:36: at Q, Tue 15:36-18:00 = 2 h 24 + Wed 08-12 = 4 h = 6 h 24 = 80 % -> AT_RISK
 * T4 MAJOR    Wed M+9 08:00, on hold since 09:00: 1 h consumed                    -> PAUSED
 * T5 CRITICAL Wed M+9 11:30: 30 min consumed = 6.25 %                              -> ON_TRACK
 * </pre>
 */
class SlaDashboardTest extends DashboardTestSupport {
    private static final long HOUR = 3600;

    @Test
    void every_figure_of_a_known_scenario_matches_the_hand_computation() {
        LocalDate m = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1).minusMonths(2)
                .with(TemporalAdjusters.firstInMonth(DayOfWeek.MONDAY));
        String client = newClient(null);
        String project = newProject(client);
        String contract = draft(contract(client, project, "PREVENTIVE", m.minusDays(30), m.plusDays(300), 8, null,
                1_200_000, "XOF"));
        contractCommand("admin", contract, "activate", Map.of());
        String inactive = draft(contract(client, project, "CURATIVE", m.minusDays(30), m.plusDays(300), 8, null,
                600_000, "XOF"));

        clock.set(utc(m, 9, 0));
        String t1 = openTicket(project, contract, "CRITICAL");
        clock.set(utc(m, 9, 30));
        String b1 = billet(t1, 2);
        clock.set(utc(m, 11, 0));
        String i1 = intervention(b1, utc(m, 10, 0), utc(m, 11, 0), 1);
        clock.set(utc(m, 16, 0));
        String t2 = openTicket(project, contract, "MAJOR");
        clock.set(utc(m.plusDays(1), 9, 0));
        resolve(i1);
        clock.set(utc(m.plusDays(1), 14, 30));
        String b2 = billet(t2, 0.5);
        clock.set(utc(m.plusDays(1), 17, 0));
        intervention(b2, utc(m.plusDays(1), 15, 0), utc(m.plusDays(1), 17, 0), 2);
        clock.set(utc(m.plusDays(3), 10, 0));
        String t6 = openTicket(project, inactive, "MINOR");
        clock.set(utc(m.plusDays(3), 10, 30));
        ticketCommand("admin", t6, "approve-billing", Map.of("quoteReference", "DEVIS-DASH"));
        clock.set(utc(m.plusDays(3), 11, 0));
        String b6 = billet(t6, 4);
        clock.set(utc(m.plusDays(3), 15, 0));
        intervention(b6, utc(m.plusDays(3), 14, 0), utc(m.plusDays(3), 15, 0), 1);
        clock.set(utc(m.plusDays(7), 9, 30));
        String t7 = openTicket(project, contract, "MAJOR");
        clock.set(utc(m.plusDays(8), 15, 36));
        String t3 = openTicket(project, contract, "MINOR");
        clock.set(utc(m.plusDays(9), 8, 0));
        String t4 = openTicket(project, contract, "MAJOR");
        clock.set(utc(m.plusDays(9), 9, 0));
        ticketCommand("lead", t4, "hold", Map.of("reason", "En attente des accès du client"));
        clock.set(utc(m.plusDays(9), 11, 30));
        String t5 = openTicket(project, contract, "CRITICAL");
        Instant q = utc(m.plusDays(9), 12, 0);
        clock.set(q);

        JsonNode d = dashboard("admin", "/api/v1/dashboards/sla?projectId=" + project);

        assertThat(Instant.parse(d.path("generatedAt").asString())).isEqualTo(q);
        assertThat(d.path("tickets").asLong()).isEqualTo(7);
        // status x severity: RESOLVED T1; IN_PROGRESS T2 (billet), T6; OPEN T3, T4, T5, T7
        assertThat(matrix(d)).containsExactly(
                "IN_PROGRESS/MAJOR=1", "IN_PROGRESS/MINOR=1", "OPEN/CRITICAL=1", "OPEN/MAJOR=2", "OPEN/MINOR=1",
                "RESOLVED/CRITICAL=1");
        // only T6 names a contract that is not active: billable, and its billing was approved
        assertThat(d.path("coverage").toString()).isEqualTo("{\"covered\":6,\"billable\":1,\"billingApproved\":1}");
        assertThat(states(d.path("slaStates"))).isEqualTo(Map.of("ON_TRACK", 1L, "AT_RISK", 1L, "PAUSED", 1L,
                "MET", 1L, "BREACHED", 2L));

        JsonNode open = d.path("openTickets");
        assertThat(open.path("total").asLong()).isEqualTo(6); // all but the resolved T1
        assertThat(states(open.path("byState"))).isEqualTo(Map.of("ON_TRACK", 1L, "AT_RISK", 1L, "PAUSED", 1L,
                "MET", 0L, "BREACHED", 2L));
        // most urgent first: by deadline (T2 Tue M+1 14:00, T7 Mon M+7 17:30, T3, T5), then the others by opening
        assertThat(ids(open.path("items"))).containsExactly(t2, t7, t3, t5, t6, t4);
        Map<String, JsonNode> item = byId(open.path("items"));
        assertOpen(item.get(t2), "BREACHED", utc(m.plusDays(1), 14, 0), 0, "IN_PROGRESS");
        assertOpen(item.get(t7), "BREACHED", utc(m.plusDays(7), 17, 30), 0, "OPEN");
        // T3: budget 8 h, 6 h 24 consumed, 1 h 36 left; deadline Wed 12:00 + 1 h 36 = 13:36; ratio 0.8
        assertOpen(item.get(t3), "AT_RISK", utc(m.plusDays(9), 13, 36), 96 * 60, "OPEN");
        assertThat(item.get(t3).path("consumedRatio").asDouble()).isEqualTo(0.8);
        // T5: 30 min consumed, 7 h 30 left: Wed 12:00-18:00 = 6 h, Thu 08:00 + 1 h 30 = 09:30
        assertOpen(item.get(t5), "ON_TRACK", utc(m.plusDays(10), 9, 30), 7 * HOUR + 1800, "OPEN");
        // T4: paused, 1 h consumed, 7 h left, no deadline while on hold
        assertOpen(item.get(t4), "PAUSED", null, 7 * HOUR, "OPEN");
        assertThat(item.get(t6).path("covered").asBoolean()).isFalse();
        assertThat(item.get(t6).has("slaState")).as("no SLA without an active contract").isFalse();
        assertThat(item.get(t6).has("remainingSeconds")).isFalse();
        assertThat(item.get(t3).path("ageSeconds").asLong()).isEqualTo(20 * HOUR + 24 * 60); // Tue 15:36 -> Wed 12:00

        // ages at Q: T3 20 h 24, T4 4 h, T5 30 min | T7 2 d 2 h 30 | T6 6 d 2 h | T2 9 d 20 h
        assertThat(d.path("aging").toString()).isEqualTo("["
                + "{\"bucket\":\"0-1d\",\"minDays\":0,\"maxDaysExclusive\":1,\"count\":3},"
                + "{\"bucket\":\"1-3d\",\"minDays\":1,\"maxDaysExclusive\":3,\"count\":1},"
                + "{\"bucket\":\"3-7d\",\"minDays\":3,\"maxDaysExclusive\":7,\"count\":1},"
                + "{\"bucket\":\"7-30d\",\"minDays\":7,\"maxDaysExclusive\":30,\"count\":1},"
                + "{\"bucket\":\"30d+\",\"minDays\":30,\"count\":0}]"); // no upper bound

        // decided: T1 MET, T2 and T7 BREACHED -> 1 / 3; all on one contract, one project, one month
        JsonNode compliance = d.path("compliance");
        assertThat(compliance.path("overall").toString())
                .isEqualTo("{\"key\":\"ALL\",\"met\":1,\"breached\":2,\"rate\":0.3333}");
        assertThat(compliance.path("byContract").toString())
                .isEqualTo("[{\"key\":\"" + contract + "\",\"met\":1,\"breached\":2,\"rate\":0.3333}]");
        assertThat(compliance.path("byProject").toString())
                .isEqualTo("[{\"key\":\"" + project + "\",\"met\":1,\"breached\":2,\"rate\":0.3333}]");
        assertThat(compliance.path("byMonth").toString())
                .isEqualTo("[{\"key\":\"" + YearMonth.from(m) + "\",\"met\":1,\"breached\":2,\"rate\":0.3333}]");

        // response, wall clock (every responded ticket): T1 1 h, T6 4 h, T2 23 h
        //   mean (3600 + 14400 + 82800) / 3 = 33600; p90 rank 0.9 x 2 = 1.8: 14400 + 0.8 x 68400 = 69120
        // response, business (covered): T1 1 h, T2 2 h (Mon) + 7 h (Tue 08-15) = 9 h
        //   mean 18000; p90 rank 0.9: 3600 + 0.9 x 28800 = 29520
        assertThat(d.path("responseTime").toString()).isEqualTo(
                "{\"wallClock\":{\"count\":3,\"meanSeconds\":33600,\"p90Seconds\":69120},"
                        + "\"business\":{\"count\":2,\"meanSeconds\":18000,\"p90Seconds\":29520}}");
        // resolution: T1 only, Mon 09:00 -> Tue 09:00 = 24 h wall, Mon 09-18 + Tue 08-09 = 10 h business
        assertThat(d.path("resolutionTime").toString()).isEqualTo(
                "{\"wallClock\":{\"count\":1,\"meanSeconds\":86400,\"p90Seconds\":86400},"
                        + "\"business\":{\"count\":1,\"meanSeconds\":36000,\"p90Seconds\":36000}}");

        // T1 1 h, T2 2 h (> 2 x 0.5 h: overrun), T6 1 h billable
        JsonNode interventions = d.path("interventions");
        assertThat(interventions.path("count").asLong()).isEqualTo(3);
        assertThat(interventions.path("overruns").asLong()).isEqualTo(1);
        assertThat(interventions.path("overrunRate").asDouble()).isEqualTo(0.3333);
        assertThat(interventions.path("hoursSpent").decimalValue()).isEqualByComparingTo("4");
        assertThat(interventions.path("covered").asLong()).isEqualTo(2);
        assertThat(interventions.path("billable").asLong()).isEqualTo(1);

        JsonNode p = d.path("projects");
        assertThat(p.size()).isEqualTo(1);
        assertThat(p.get(0).path("projectId").asString()).isEqualTo(project);
        assertThat(p.get(0).path("name").asString()).startsWith("Projet ");
        assertThat(counts(p.get(0), "tickets", "open", "inProgress", "resolved", "closed", "rejected", "critical",
                "major", "minor", "slaBreached", "meanResolutionSeconds"))
                .containsExactly(7L, 4L, 2L, 1L, 0L, 0L, 2L, 3L, 2L, 2L, 86400L);

        Map<String, JsonNode> contracts = new HashMap<>();
        d.path("contracts").forEach(c -> contracts.put(c.path("contractId").asString(), c));
        assertThat(contracts).containsOnlyKeys(contract, inactive);
        assertThat(counts(contracts.get(contract), "free", "billable")).containsExactly(6L, 0L);
        assertThat(counts(contracts.get(inactive), "free", "billable")).containsExactly(0L, 1L);
        assertThat(contracts.get(contract).path("number").asString()).isNotBlank();

        // the period filter is on the opening: Monday M holds T1 and T2 only
        JsonNode monday = dashboard("admin", "/api/v1/dashboards/sla?projectId=" + project + "&from=" + m + "&to=" + m);
        assertThat(monday.path("tickets").asLong()).isEqualTo(2);
        assertThat(monday.path("compliance").path("overall").path("rate").asDouble()).isEqualTo(0.5);
        assertThat(dashboard("admin", "/api/v1/dashboards/sla?contractId=" + inactive).path("tickets").asLong())
                .isEqualTo(1);
        assertThat(dashboard("admin", "/api/v1/dashboards/sla?clientId=" + client).path("tickets").asLong())
                .isEqualTo(7);

        // scope: the technician sees the tickets assigned to it (billets T1, T2, T6); others' clients see nothing
        JsonNode tech = dashboard(technician().username(), "/api/v1/dashboards/sla?projectId=" + project);
        assertThat(tech.path("tickets").asLong()).isEqualTo(3);
        assertThat(states(tech.path("slaStates"))).containsEntry("MET", 1L).containsEntry("BREACHED", 1L);
        assertThat(dashboard("client", "/api/v1/dashboards/sla?projectId=" + project).path("tickets").asLong())
                .isZero();
        assertThat(dashboard("sales", "/api/v1/dashboards/sla?clientId=" + client).path("tickets").asLong()).isZero();
        assertThat(dashboard("auditor", "/api/v1/dashboards/sla?projectId=" + project).path("tickets").asLong())
                .isEqualTo(7);
    }

    @Test
    void a_client_sees_only_its_own_tickets_even_without_filters() {
        JsonNode mine = dashboard("client", "/api/v1/dashboards/sla");
        Long clientA = jdbc.sql("SELECT count(*) FROM read_ticket WHERE client_id = 'client-a'").query(Long.class)
                .single();
        assertThat(mine.path("tickets").asLong()).isEqualTo(clientA);
        mine.path("projects").forEach(p -> assertThat(jdbc.sql("SELECT client_id FROM read_project WHERE project_id = ?")
                .param(p.path("projectId").asString()).query(String.class).single()).isEqualTo("client-a"));
    }

    @Test
    void bad_filters_are_400_validation_failed() {
        for (String query : List.of("from=2026-13-01", "to=yesterday", "from=2026-05-02&to=2026-05-01",
                "from=2000-01-01&to=2030-01-01", "projectId=../etc", "clientId=a%20b", "contractLimit=0",
                "contractLimit=10001", "contractLimit=ten")) {
            Response response = api.as("admin").get("/api/v1/dashboards/sla?" + query);
            assertThat(response.status()).as(query + ": " + response).isEqualTo(400);
            assertThat(response.code()).as(query).isEqualTo("VALIDATION_FAILED");
        }
        assertThat(api.anonymous().get("/api/v1/dashboards/sla").status()).isEqualTo(401);
    }

    private static void assertOpen(JsonNode item, String state, Instant deadline, long remaining, String status) {
        assertThat(item.path("slaState").asString()).isEqualTo(state);
        assertThat(item.path("status").asString()).isEqualTo(status);
        assertThat(item.path("covered").asBoolean()).isTrue();
        if (deadline == null) {
            assertThat(item.has("deadline")).as("deadline of %s", item).isFalse();
        } else {
            assertThat(Instant.parse(item.path("deadline").asString())).isEqualTo(deadline);
        }
        assertThat(item.path("remainingSeconds").asLong()).isEqualTo(remaining);
    }

    private static List<String> matrix(JsonNode d) {
        List<String> cells = new ArrayList<>();
        d.path("byStatusAndSeverity").forEach(c -> cells.add(c.path("status").asString() + "/"
                + c.path("severity").asString() + "=" + c.path("count").asLong()));
        return cells;
    }

    private static Map<String, Long> states(JsonNode node) {
        Map<String, Long> states = new HashMap<>();
        node.properties().forEach(e -> states.put(e.getKey(), e.getValue().asLong()));
        return states;
    }

    private static List<String> ids(JsonNode items) {
        List<String> ids = new ArrayList<>();
        items.forEach(i -> ids.add(i.path("id").asString()));
        return ids;
    }

    private static Map<String, JsonNode> byId(JsonNode items) {
        Map<String, JsonNode> byId = new HashMap<>();
        items.forEach(i -> byId.put(i.path("id").asString(), i));
        return byId;
    }

    private static List<Long> counts(JsonNode node, String... fields) {
        List<Long> values = new ArrayList<>();
        for (String field : fields) {
            values.add(node.path(field).asLong());
        }
        return values;
    }
}
