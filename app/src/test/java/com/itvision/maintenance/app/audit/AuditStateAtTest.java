package com.itvision.maintenance.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.app.chain.ChainTestSupport;
import com.itvision.maintenance.app.support.Api;
import com.itvision.maintenance.app.support.Api.Response;
import com.itvision.maintenance.kernel.contract.SupportHours;
import com.itvision.maintenance.kernel.sla.Hold;
import com.itvision.maintenance.kernel.sla.SlaClock;
import com.itvision.maintenance.kernel.sla.SlaStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Seed 001's "Exemple Concret" played through the API (the client opens "Erreur paiement CB" under the
 * corrective warranty, the lead issues a billet, the technician intervenes 2 h and writes the report, the
 * lead validates it, the client confirms, the lead closes, the client rates). Then, for EVERY stored event
 * of the chain, the state at that event's position and at its instant equals this test's own fold of the
 * stored events read by SQL, SLA included (computed by the kernel's SlaClock at that instant).
 */
class AuditStateAtTest extends ChainTestSupport {

    /** One stored event of the chain, as SQL reads it. */
    record Stored(long position, String aggregateId, String type, long sequence, Instant occurredAt, JsonNode payload) {
    }

    /** What the test's fold says the chain was. */
    record Expected(String status, String severity, String assignee, Instant respondedAt, Instant resolvedAt,
                    boolean confirmed, boolean rated, long version, Map<String, String> billets,
                    Map<String, String> reports, long lastPosition, Instant openedAt, JsonNode coverage,
                    List<Hold> holds) {
    }

    @Test
    void the_state_at_every_event_of_the_exemple_concret_is_the_fold_of_the_events_up_to_it() {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(4));
        clock.set(t0);
        Response opened = open("client", ECOMMERCE, CORRECTIVE, "Erreur paiement CB", "CRITICAL");
        assertThat(opened.status()).as("%s", opened).isEqualTo(201);
        String ticketId = opened.json().path("id").asString();
        clock.set(t0.plus(Duration.ofMinutes(10)));
        Response billet = billet("lead", ticketId, technician().userId(), 2.5);
        assertThat(billet.status()).as("%s", billet).isEqualTo(201);
        String billetId = billet.json().path("id").asString();
        clock.set(t0.plus(Duration.ofMinutes(150)));
        Response intervention = record(technician().username(), billetId, t0.plus(Duration.ofMinutes(15)),
                t0.plus(Duration.ofMinutes(135)), 2);
        assertThat(intervention.status()).as("%s", intervention).isEqualTo(201);
        String interventionId = intervention.json().path("id").asString();
        clock.set(t0.plus(Duration.ofMinutes(165)));
        assertThat(writeReport(technician().username(), interventionId, "Clé API Stripe expirée").status()).isEqualTo(200);
        clock.set(t0.plus(Duration.ofHours(3)));
        assertThat(validateReport("lead", interventionId).status()).isEqualTo(200);
        clock.set(t0.plus(Duration.ofMinutes(200)));
        assertThat(ticketCommand("client", ticketId, "confirm", Map.of("comment", "Paiements OK")).status()).isEqualTo(200);
        clock.set(t0.plus(Duration.ofMinutes(210)));
        assertThat(ticketCommand("lead", ticketId, "close").status()).isEqualTo(200);
        clock.set(t0.plus(Duration.ofMinutes(220)));
        assertThat(ticketCommand("client", ticketId, "rate", Map.of("score", 5, "comment", "Rapide")).status())
                .isEqualTo(200);
        clock.reset();

        List<Stored> chain = chain(ticketId, interventionId);
        assertThat(chain).extracting(Stored::type).contains("TicketOpened", "BilletIssued", "InterventionRecorded",
                "TechnicalReportWritten", "TechnicalReportValidated", "BilletCompleted", "TicketResolved",
                "ResolutionConfirmed", "TicketClosed", "TicketRated");

        for (Stored event : chain) {
            Instant at = event.occurredAt();
            if (chain.stream().filter(e -> e.position() <= event.position())
                    .noneMatch(e -> e.aggregateId().equals(ticketId))) {
                continue; // nothing precedes the ticket's opening in its chain
            }
            Expected byPosition = fold(chain, ticketId, e -> e.position() <= event.position());
            Instant lastInstant = chain.stream().filter(e -> e.position() == byPosition.lastPosition())
                    .findFirst().orElseThrow().occurredAt();
            compare(state(ticketId, String.valueOf(event.position())), byPosition, lastInstant, event.type());
            Expected byInstant = fold(chain, ticketId, e -> !e.occurredAt().isAfter(at));
            compare(state(ticketId, at.toString()), byInstant, at, event.type() + " at " + at);
        }
        // without a point: the current state, SLA now; and the whole chain is in it
        JsonNode now = state(ticketId, null);
        assertThat(now.path("position").asLong()).isEqualTo(chain.getLast().position());
        assertThat(now.path("ticket").path("status").asString()).isEqualTo("CLOSED");
    }

    private JsonNode state(String ticketId, String at) {
        Response response = api.as("auditor").get("/api/v1/audit/tickets/" + ticketId + "/state"
                + (at == null ? "" : "?at=" + at));
        assertThat(response.status()).as("%s at %s", response, at).isEqualTo(200);
        assertThat(response.header("ETag")).isEqualTo("\"" + response.json().path("ticket").path("version").asLong() + "\"");
        return response.json();
    }

    private List<Stored> chain(String ticketId, String interventionId) {
        return jdbc.sql("""
                        SELECT global_index, aggregate_identifier, payload_type, sequence_number,
                               convert_from(payload, 'UTF8') AS payload
                        FROM domain_event_entry
                        WHERE aggregate_identifier = :ticket
                           OR aggregate_identifier IN (
                                SELECT aggregate_identifier FROM domain_event_entry
                                WHERE payload_type ~ '\\$(BilletIssued|InterventionRecorded)$'
                                  AND convert_from(payload, 'UTF8')::jsonb ->> 'ticketId' = :ticket)
                           OR (payload_type LIKE '%$InterventionQuota%'
                               AND convert_from(payload, 'UTF8')::jsonb ->> 'interventionId' = :intervention)
                        ORDER BY global_index""")
                .param("ticket", ticketId)
                .param("intervention", interventionId)
                .query((rs, n) -> {
                    JsonNode payload = Api.JSON.readTree(rs.getString("payload"));
                    return new Stored(rs.getLong(1), rs.getString(2), simpleName(rs.getString(3)), rs.getLong(4),
                            Instant.parse(payload.path("occurredAt").asString()), payload);
                })
                .list();
    }

    /** The test's own fold: only what seed 001 says each event does, read from the stored JSON. */
    private static Expected fold(List<Stored> chain, String ticketId, Predicate<Stored> included) {
        String status = null;
        String severity = null;
        String assignee = null;
        Instant responded = null;
        Instant resolved = null;
        Instant openedAt = null;
        JsonNode coverage = null;
        boolean confirmed = false;
        boolean rated = false;
        long version = -1;
        long last = 0;
        List<Hold> holds = new ArrayList<>();
        Map<String, String> billets = new TreeMap<>();
        Map<String, String> reports = new TreeMap<>();
        for (Stored e : chain) {
            if (!included.test(e)) {
                continue;
            }
            last = e.position();
            JsonNode p = e.payload();
            if (e.aggregateId().equals(ticketId)) {
                version = e.sequence();
            }
            switch (e.type()) {
                case "TicketOpened" -> {
                    status = "OPEN";
                    severity = p.path("severity").asString();
                    openedAt = e.occurredAt();
                    coverage = p.path("coverage");
                }
                case "TicketAssigned" -> {
                    assignee = p.path("technicianId").asString();
                    status = "OPEN".equals(status) ? "IN_PROGRESS" : status;
                }
                case "TicketReassigned" -> assignee = p.path("to").asString();
                case "TicketResponded" -> responded = Instant.parse(p.path("respondedAt").asString());
                case "TicketResolved" -> {
                    status = "RESOLVED";
                    resolved = e.occurredAt();
                    confirmed = false;
                }
                case "ResolutionConfirmed" -> confirmed = true;
                case "TicketClosed" -> status = "CLOSED";
                case "TicketRejected" -> status = "REJECTED";
                case "TicketRated" -> rated = true;
                case "SeverityReclassified" -> severity = p.path("to").asString();
                case "TicketPutOnHold" -> holds.add(Hold.openSince(e.occurredAt()));
                case "TicketResumed" -> holds.set(holds.size() - 1, Hold.between(holds.getLast().start(), e.occurredAt()));
                case "BilletIssued" -> billets.put(e.aggregateId(), "ACTIVE");
                case "BilletCompleted" -> billets.put(e.aggregateId(), "COMPLETED");
                case "BilletRevoked" -> billets.put(e.aggregateId(), "REVOKED");
                case "InterventionRecorded" -> reports.put(e.aggregateId(), "v0");
                case "TechnicalReportWritten" -> reports.put(e.aggregateId(), "v" + p.path("version").asInt());
                case "TechnicalReportValidated" -> reports.put(e.aggregateId(), reports.get(e.aggregateId()) + " validated");
                default -> {
                }
            }
        }
        return new Expected(status, severity, assignee, responded, resolved, confirmed, rated, version, billets,
                reports, last, openedAt, coverage, holds);
    }

    private static void compare(JsonNode state, Expected expected, Instant at, String what) {
        JsonNode ticket = state.path("ticket");
        assertThat(state.path("position").asLong()).as(what).isEqualTo(expected.lastPosition());
        assertThat(Instant.parse(state.path("at").asString())).as(what).isEqualTo(at);
        assertThat(ticket.path("status").asString()).as(what).isEqualTo(expected.status());
        assertThat(ticket.path("severity").asString()).as(what).isEqualTo(expected.severity());
        assertThat(ticket.path("version").asLong()).as(what).isEqualTo(expected.version());
        assertThat(text(ticket.path("assignee"))).as(what).isEqualTo(expected.assignee());
        assertThat(instant(ticket.path("respondedAt"))).as(what).isEqualTo(expected.respondedAt());
        assertThat(instant(ticket.path("resolvedAt"))).as(what).isEqualTo(expected.resolvedAt());
        assertThat(ticket.path("clientConfirmed").asBoolean()).as(what).isEqualTo(expected.confirmed());
        assertThat(ticket.path("rated").asBoolean()).as(what).isEqualTo(expected.rated());
        assertThat(ticket.path("coverage")).as(what).isEqualTo(expected.coverage());

        Map<String, String> billets = new TreeMap<>();
        state.path("billets").properties().forEach(b -> billets.put(b.getKey(), b.getValue().path("status").asString()));
        assertThat(billets).as(what).isEqualTo(expected.billets());
        Map<String, String> reports = new TreeMap<>();
        state.path("interventions").properties().forEach(i -> reports.put(i.getKey(),
                "v" + i.getValue().path("reportVersion").asInt()
                        + (i.getValue().path("reportValidated").asBoolean() ? " validated" : "")));
        assertThat(reports).as(what).isEqualTo(expected.reports());

        JsonNode coverage = expected.coverage();
        SlaStatus sla = SlaClock.of(SupportHours.valueOf(coverage.path("supportHours").asString()),
                        ZoneId.of(coverage.path("timeZone").asString()))
                .status(expected.openedAt(), Duration.ofHours(coverage.path("slaHours").asInt()), expected.holds(),
                        expected.respondedAt(), at);
        assertThat(ticket.path("sla").path("state").asString()).as(what).isEqualTo(sla.state().name());
        assertThat(instant(ticket.path("sla").path("deadline"))).as(what).isEqualTo(sla.deadline());
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node.asString();
    }

    private static Instant instant(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : Instant.parse(node.asString());
    }
}
