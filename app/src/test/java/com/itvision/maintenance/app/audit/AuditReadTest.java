package com.itvision.maintenance.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.app.chain.ChainTestSupport;
import com.itvision.maintenance.app.support.Api;
import com.itvision.maintenance.app.support.Api.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The auditors' reads over HTTP, checked against {@code domain_event_entry} by SQL: a ticket's history is
 * exactly its events, its billets' and interventions', and the quota decisions its contract made for it
 * (not another ticket's), in position order, paged without gaps; the contract's history; the diff; the
 * log's filters and its CSV; who may read; and the refusals.
 */
class AuditReadTest extends ChainTestSupport {
    private String contractId;
    private String ticketId;
    private String billetId;
    private String interventionId;
    private String otherTicketId;
    private String otherInterventionId;
    private String correlationId;

    /** A contract with a quota of 1: this ticket's intervention consumes it, the other ticket's is refused. */
    @BeforeEach
    void chain() {
        String clientId = newClient();
        String projectId = newProject(clientId);
        contractId = activeContract(clientId, projectId, "PREVENTIVE", 1);
        ticketId = openTicket("lead", projectId, contractId);
        correlationId = "audit-" + UUID.randomUUID();
        Response issued = api.as("lead").header("X-Correlation-Id", correlationId).post(
                "/api/v1/tickets/" + ticketId + "/billets", Map.of("technicianId", technician().userId(),
                        "type", "ANALYSIS", "estimatedHours", 2, "instructions", "Analyser les journaux"));
        assertThat(issued.status()).as("%s", issued).isEqualTo(201);
        billetId = issued.json().path("id").asString();
        interventionId = recordIntervention(billetId);
        assertThat(writeReport(technician().username(), interventionId, "Clé expirée").status()).isEqualTo(200);
        assertThat(validateReport("lead", interventionId).status()).isEqualTo(200);

        otherTicketId = openTicket("lead", projectId, contractId);
        otherInterventionId = recordIntervention(issueBillet(otherTicketId));
    }

    private List<Long> positionsBySql(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).list();
    }

    private List<Long> expectedTicketChain(String ticket, String intervention) {
        return positionsBySql("""
                SELECT global_index FROM domain_event_entry
                WHERE aggregate_identifier = ?
                   OR aggregate_identifier IN (
                        SELECT aggregate_identifier FROM domain_event_entry
                        WHERE payload_type LIKE '%$BilletIssued' AND convert_from(payload, 'UTF8')::jsonb ->> 'ticketId' = ?
                        UNION SELECT aggregate_identifier FROM domain_event_entry
                        WHERE payload_type LIKE '%$InterventionRecorded' AND convert_from(payload, 'UTF8')::jsonb ->> 'ticketId' = ?)
                   OR (payload_type LIKE '%$InterventionQuota%' AND convert_from(payload, 'UTF8')::jsonb ->> 'interventionId' = ?)
                ORDER BY global_index""", ticket, ticket, ticket, intervention);
    }

    private List<JsonNode> all(String path) {
        List<JsonNode> entries = new ArrayList<>();
        String after = "0";
        for (int page = 0; page < 100; page++) {
            Response response = api.as("auditor").get(path + (path.contains("?") ? "&" : "?") + "limit=3&after=" + after);
            assertThat(response.status()).as("%s", response).isEqualTo(200);
            response.json().path("entries").forEach(entries::add);
            assertThat(response.json().path("entries").size()).isLessThanOrEqualTo(3);
            JsonNode next = response.json().path("next");
            if (next.isMissingNode() || next.isNull()) {
                return entries;
            }
            after = next.asString();
        }
        throw new AssertionError("more than 100 pages");
    }

    private static List<Long> positions(List<JsonNode> entries) {
        return entries.stream().map(e -> e.path("position").asLong()).toList();
    }

    @Test
    void a_tickets_history_is_its_chain_merged_in_position_order_and_paged_without_gaps() {
        List<JsonNode> history = all("/api/v1/audit/tickets/" + ticketId + "/history");

        assertThat(positions(history)).isEqualTo(expectedTicketChain(ticketId, interventionId));
        assertThat(history).extracting(e -> e.path("eventType").asString()).contains("TicketOpened", "BilletIssued",
                "InterventionQuotaConsumed", "InterventionRecorded", "TechnicalReportWritten",
                "TechnicalReportValidated", "BilletCompleted", "TicketResolved");
        assertThat(history).extracting(e -> e.path("eventType").asString())
                .doesNotContain("InterventionQuotaConsumptionRefused");
        assertThat(positions(all("/api/v1/audit/tickets/" + otherTicketId + "/history")))
                .isEqualTo(expectedTicketChain(otherTicketId, otherInterventionId));

        for (JsonNode entry : history) {
            Map<String, Object> row = jdbc.sql("""
                    SELECT aggregate_identifier, sequence_number, type, payload_revision, event_identifier,
                           convert_from(meta_data, 'UTF8')::jsonb ->> 'actorId' AS actor,
                           convert_from(meta_data, 'UTF8')::jsonb ->> 'actorRole' AS role,
                           convert_from(meta_data, 'UTF8')::jsonb ->> 'correlationId' AS correlation,
                           convert_from(meta_data, 'UTF8')::jsonb ->> 'causationId' AS causation,
                           convert_from(payload, 'UTF8')::jsonb AS payload
                    FROM domain_event_entry WHERE global_index = ?""")
                    .param(entry.path("position").asLong()).query().singleRow();
            assertThat(entry.path("aggregateId").asString()).isEqualTo(row.get("aggregate_identifier"));
            assertThat(entry.path("sequence").asLong()).isEqualTo(row.get("sequence_number"));
            assertThat(entry.path("aggregateType").asString()).isEqualTo(row.get("type"));
            assertThat(entry.path("revision").asString()).isEqualTo(row.get("payload_revision"));
            assertThat(entry.path("eventId").asString()).isEqualTo(row.get("event_identifier"));
            assertThat(entry.path("actorId").asString()).isEqualTo(row.get("actor"));
            assertThat(entry.path("actorRole").asString()).isEqualTo(row.get("role"));
            assertThat(entry.path("correlationId").asString()).isEqualTo(row.get("correlation"));
            assertThat(entry.path("causationId").asString()).isEqualTo(row.get("causation"));
            assertThat(entry.path("payload")).isEqualTo(Api.JSON.readTree(row.get("payload").toString()));
            assertThat(entry.path("occurredAt").asString()).isEqualTo(entry.path("payload").path("occurredAt").asString());
            assertThat(entry.path("summary").asString()).isNotBlank();
        }
        JsonNode issued = history.stream().filter(e -> e.path("eventType").asString().equals("BilletIssued"))
                .findFirst().orElseThrow();
        assertThat(issued.path("summary").asString())
                .matches("BILLET-\\d{5} issued to " + technician().username() + " by lead, 2\\.0 h ANALYSIS");
        assertThat(issued.path("correlationId").asString()).isEqualTo(correlationId);
        assertThat(issued.path("actorRole").asString()).isEqualTo("PROJECT_LEAD");
    }

    @Test
    void a_contracts_history_is_its_events_with_the_quota_consumption_and_the_refusal() {
        List<JsonNode> history = all("/api/v1/audit/contracts/" + contractId + "/history");

        assertThat(positions(history)).isEqualTo(positionsBySql(
                "SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY 1", contractId));
        assertThat(history).extracting(e -> e.path("eventType").asString()).containsExactly("ContractDrafted",
                "ContractActivated", "InterventionQuotaConsumed", "InterventionQuotaConsumptionRefused");
        assertThat(history.get(2).path("summary").asString()).matches("MC-\\d{6}-\\d{4} quota unit consumed .*1 of 1 used");
        assertThat(history.get(3).path("summary").asString()).endsWith("refused for an intervention: QUOTA_EXHAUSTED");

        // the contract as it was after each of its events, folded by its own handlers
        List<String> statuses = new ArrayList<>();
        List<Integer> used = new ArrayList<>();
        for (JsonNode entry : history) {
            Response state = api.as("auditor").get("/api/v1/audit/contracts/" + contractId + "/state?at="
                    + entry.path("position").asLong());
            assertThat(state.status()).as("%s", state).isEqualTo(200);
            assertThat(state.header("ETag")).isEqualTo("\"" + entry.path("sequence").asLong() + "\"");
            statuses.add(state.json().path("contract").path("status").asString());
            used.add(state.json().path("contract").path("periods").path(0).path("used").asInt());
        }
        assertThat(statuses).containsExactly("DRAFT", "ACTIVE", "ACTIVE", "ACTIVE");
        assertThat(used).containsExactly(0, 0, 1, 1);
    }

    @Test
    void the_diff_says_field_by_field_what_changed_with_who_why_and_when() {
        List<Long> chain = expectedTicketChain(ticketId, interventionId);
        long opened = chain.getFirst();
        Response diff = api.as("auditor").get("/api/v1/audit/tickets/" + ticketId + "/diff?fromPosition=" + opened);
        assertThat(diff.status()).as("%s", diff).isEqualTo(200);
        JsonNode changes = diff.json().path("changes");
        assertThat(diff.json().path("fromPosition").asLong()).isEqualTo(opened);
        assertThat(diff.json().path("toPosition").asLong()).isEqualTo(chain.getLast());

        List<JsonNode> status = new ArrayList<>();
        changes.forEach(c -> {
            if (c.path("field").asString().equals("ticket.status")) {
                status.add(c);
            }
        });
        assertThat(status).extracting(c -> c.path("before").asString() + "→" + c.path("after").asString())
                .containsExactly("OPEN→IN_PROGRESS", "IN_PROGRESS→RESOLVED");
        assertThat(status.getFirst().path("eventType").asString()).isEqualTo("TicketAssigned");
        assertThat(status.getFirst().path("actorId").asString()).isEqualTo("user-lead");
        assertThat(status.getLast().path("eventType").asString()).isEqualTo("TicketResolved");
        JsonNode billetStatus = find(changes, "billets." + billetId + ".status", "COMPLETED");
        assertThat(billetStatus.path("eventType").asString()).isEqualTo("BilletCompleted");
        assertThat(billetStatus.path("before").asString()).isEqualTo("ACTIVE");
        JsonNode validated = find(changes, "interventions." + interventionId + ".reportValidated", "true");
        assertThat(validated.path("actorRole").asString()).isEqualTo("PROJECT_LEAD");
        assertThat(validated.path("position").asLong()).isEqualTo(positionsBySql(
                "SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type LIKE ?",
                interventionId, "%$TechnicalReportValidated").getFirst());
        // every change is attributed to an event of the chain
        changes.forEach(c -> assertThat(chain).contains(c.path("position").asLong()));

        Response none = api.as("auditor").get("/api/v1/audit/tickets/" + ticketId + "/diff?fromPosition="
                + chain.getLast() + "&toPosition=" + chain.getLast());
        assertThat(none.json().path("changes").size()).isZero();
        // the same range by instants: from the opening's instant (included) to now
        String openedAt = jdbc.sql("SELECT convert_from(payload, 'UTF8')::jsonb ->> 'occurredAt' FROM domain_event_entry "
                + "WHERE global_index = ?").param(opened).query(String.class).single();
        Response byInstant = api.as("auditor").get("/api/v1/audit/tickets/" + ticketId + "/diff?from=" + openedAt
                + "&to=" + clock.instant());
        assertThat(byInstant.status()).as("%s", byInstant).isEqualTo(200);
        assertThat(byInstant.json().path("changes")).isEqualTo(changes);
    }

    private static JsonNode find(JsonNode changes, String field, String after) {
        for (JsonNode change : changes) {
            if (change.path("field").asString().equals(field) && change.path("after").asString().equals(after)) {
                return change;
            }
        }
        throw new AssertionError(field + " → " + after + " not in " + changes);
    }

    @Test
    void the_log_filters_by_actor_role_aggregate_event_type_correlation_and_time() {
        List<Long> byCorrelation = positions(all("/api/v1/audit/log?correlationId=" + correlationId));
        assertThat(byCorrelation).isNotEmpty().isEqualTo(positionsBySql("SELECT global_index FROM domain_event_entry "
                + "WHERE convert_from(meta_data, 'UTF8')::jsonb ->> 'correlationId' = ? ORDER BY 1", correlationId));

        String tech = technician().userId();
        assertThat(positions(all("/api/v1/audit/log?actorId=" + tech))).isEqualTo(positionsBySql(
                "SELECT global_index FROM domain_event_entry WHERE convert_from(meta_data, 'UTF8')::jsonb ->> 'actorId' = ? "
                        + "ORDER BY 1", tech));

        assertThat(positions(all("/api/v1/audit/log?aggregateType=Intervention&aggregateId=" + interventionId
                + "&eventType=TechnicalReportWritten&actorId=" + tech + "&role=TECHNICIAN")))
                .isEqualTo(positionsBySql("SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ? "
                        + "AND payload_type LIKE '%$TechnicalReportWritten' ORDER BY 1", interventionId));
        assertThat(all("/api/v1/audit/log?aggregateId=" + interventionId + "&role=CLIENT")).isEmpty();

        JsonNode opened = all("/api/v1/audit/log?aggregateId=" + ticketId).getFirst();
        String at = opened.path("occurredAt").asString();
        assertThat(positions(all("/api/v1/audit/log?aggregateId=" + ticketId + "&from=" + at + "&to="
                + java.time.Instant.parse(at).plusMillis(1)))).containsExactly(opened.path("position").asLong());
    }

    @Test
    void the_log_exports_the_same_rows_as_csv_with_formulas_defused() {
        assertThat(ticketCommand("lead", otherTicketId, "hold", Map.of("reason", "=HYPERLINK(\"http://x\",\"a, b\")"))
                .status()).isEqualTo(200);
        String path = "/api/v1/audit/log?aggregateId=" + otherTicketId;
        List<JsonNode> rows = all(path);

        Response csv = api.as("auditor").get(path + "&format=csv");
        Response negotiated = api.as("auditor").header("Accept", "text/csv").get(path);

        assertThat(csv.status()).as("%s", csv).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(negotiated.header("Content-Type")).startsWith("text/csv");
        assertThat(negotiated.body()).isEqualTo(csv.body());
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).startsWith("position,occurredAt,aggregateType,aggregateId,sequence,eventType");
        assertThat(lines).hasSize(rows.size() + 1);
        for (int i = 0; i < rows.size(); i++) {
            assertThat(lines[i + 1]).startsWith(rows.get(i).path("position").asLong() + ",");
        }
        assertThat(csv.body()).contains(",\"'=HYPERLINK(\"\"http://x\"\",\"\"a, b\"\")\",")
                .doesNotContain(",=HYPERLINK");
    }

    @Test
    void only_auditors_and_admins_read_the_audit_trail() {
        List<String> paths = List.of("/api/v1/audit/tickets/" + ticketId + "/history",
                "/api/v1/audit/tickets/" + ticketId + "/state", "/api/v1/audit/tickets/" + ticketId + "/diff",
                "/api/v1/audit/contracts/" + contractId + "/history", "/api/v1/audit/contracts/" + contractId + "/state",
                "/api/v1/audit/log?limit=1");
        for (String path : paths) {
            assertThat(api.as("auditor").get(path).status()).as("auditor %s", path).isEqualTo(200);
            assertThat(api.as("admin").get(path).status()).as("admin %s", path).isEqualTo(200);
            for (String user : List.of("lead", "tech", "client", "sales", "manager", "analyst")) {
                Response refused = api.as(user).get(path);
                assertThat(refused.status()).as("%s %s", user, path).isEqualTo(403);
                assertThat(refused.code()).isEqualTo("ROLE_NOT_ALLOWED");
            }
            assertThat(api.anonymous().get(path).status()).isEqualTo(401);
        }
    }

    @Test
    void bad_points_unknown_ids_and_bad_cursors_are_refused_with_a_problem() {
        String state = "/api/v1/audit/tickets/" + ticketId + "/state?at=";
        for (String at : List.of("yesterday", "2026-13-01T00:00:00Z", "-1", "1.5", "2026-03-10", "%20",
                "99999999999999999999", "+1000000000-12-31T23:59:59Z", clock.instant().plus(java.time.Duration.ofDays(2)).toString())) {
            Response refused = api.as("auditor").get(state + at);
            assertThat(refused.status()).as(at).isEqualTo(400);
            assertThat(refused.code()).as(at).isEqualTo("INVALID_AUDIT_POINT");
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        }
        for (String query : List.of("from=nope", "from=20260101", "to=1767225600000", "fromPosition=2026-01-01T00:00:00Z",
                "from=2026-01-01T00:00:00Z&fromPosition=1", "to=-1000000000-01-01T00:00:00Z")) {
            assertThat(api.as("auditor").get("/api/v1/audit/tickets/" + ticketId + "/diff?" + query).code()).as(query)
                    .isEqualTo("INVALID_AUDIT_POINT");
        }
        for (String query : List.of("from=%2B1000000000-12-31T23:59:59Z", "to=-1000000000-01-01T00:00:00Z", "to=20260101")) {
            assertThat(api.as("auditor").get("/api/v1/audit/log?" + query).code()).as(query)
                    .isEqualTo("INVALID_AUDIT_POINT");
        }
        assertThat(api.as("auditor").get("/api/v1/audit/log?from=12").code()).isEqualTo("INVALID_AUDIT_POINT");
        assertThat(api.as("auditor").get(state + "1").code()).as("before the ticket existed").isEqualTo("TICKET_NOT_FOUND");

        for (String path : List.of("/api/v1/audit/tickets/" + UUID.randomUUID() + "/history",
                "/api/v1/audit/tickets/" + contractId + "/state", "/api/v1/audit/tickets/" + UUID.randomUUID() + "/diff")) {
            Response unknown = api.as("auditor").get(path);
            assertThat(unknown.status()).as(path).isEqualTo(404);
            assertThat(unknown.code()).as(path).isEqualTo("TICKET_NOT_FOUND");
        }
        assertThat(api.as("auditor").get("/api/v1/audit/contracts/" + ticketId + "/history").code())
                .isEqualTo("CONTRACT_NOT_FOUND");

        for (String query : List.of("after=-1", "after=abc", "after=1.5", "limit=0", "limit=1001", "limit=x",
                "after=99999999999999999999")) {
            Response refused = api.as("auditor").get("/api/v1/audit/tickets/" + ticketId + "/history?" + query);
            assertThat(refused.status()).as(query).isEqualTo(400);
            assertThat(refused.code()).as(query).isEqualTo("INVALID_CURSOR");
        }
        assertThat(api.as("auditor").get("/api/v1/audit/log?role=WIZARD").code()).isEqualTo("VALIDATION_FAILED");
        assertThat(api.as("auditor").get("/api/v1/audit/log?aggregateType=Nope").code()).isEqualTo("VALIDATION_FAILED");
        assertThat(api.as("auditor").get("/api/v1/audit/log?format=xml").code()).isEqualTo("VALIDATION_FAILED");
    }
}
