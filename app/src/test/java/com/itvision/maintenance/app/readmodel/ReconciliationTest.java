package com.itvision.maintenance.app.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.itvision.maintenance.app.ops.ReadModelReconciliation;
import com.itvision.maintenance.app.support.Api.Response;
import com.itvision.maintenance.projections.support.Projections;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The reconciliation check (ADR 0002) on the real store: clean after a history, then a read model made
 * to look as if its processors had skipped an event (a ticket's row put back to before its last event,
 * a contract's row gone; a ticket's middle event missing behind a later one, which only the count of
 * applied events shows; the event store untouched) is reported exactly, health stays UP, and a rebuild
 * through a blue/green rebuild makes the check clean again.
 */
class ReconciliationTest extends ReadModelTestSupport {
    static final String CHECK = "/api/v1/admin/projections/reconciliation";

    @Test
    void a_skipped_event_and_a_missing_row_are_reported_until_a_rebuild_repairs_them() {
        String client = newClient();
        String project = newProject(client);
        String contract = activeContract(client, project, "PREVENTIVE", 4);
        recordIntervention(issueBillet(openTicket("lead", project, contract)));
        String ticket = openTicket("lead", project, contract);
        ok(ticketCommand("lead", ticket, "reject", Map.of("reason", "Hors périmètre")));
        long head = head();
        awaitReadModelsAt(head);

        JsonNode clean = checkAt(head, "analyst");
        assertThat(clean.path("clean").asBoolean()).as(clean.toString()).isTrue();
        assertThat(groups(clean)).extracting(g -> g.path("group").asString())
                .containsExactlyElementsOf(Projections.ALL);
        assertThat(groups(clean)).allSatisfy(g -> {
            assertThat(g.path("aggregatesChecked").asLong()).isPositive();
            assertThat(g.path("mismatchCount").asLong()).isZero();
            assertThat(g.path("mismatches").size()).isZero();
        });

        long ticketVersion = version("read_ticket", "ticket_id", ticket);
        long contractVersion = version("read_contract", "contract_id", contract);
        // what a skipped TicketRejected leaves: the row as the event before made it; and a contract never created
        withProcessorStopped(Projections.TICKETS, () -> jdbc.sql("UPDATE read_ticket SET version = version - 1, "
                + "status = 'OPEN', rejected_at = NULL, rejection_reason = NULL WHERE ticket_id = ?").param(ticket)
                .update());
        withProcessorStopped(Projections.CONTRACTS, () -> jdbc.sql("DELETE FROM read_contract WHERE contract_id = ?")
                .param(contract).update());
        assertThat(head()).as("the event store is untouched").isEqualTo(head);

        Logger logger = (Logger) LoggerFactory.getLogger(ReadModelReconciliation.class);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        JsonNode report;
        try {
            report = checkAt(head, "admin");
        } finally {
            logger.detachAppender(logs);
        }
        assertThat(report.path("clean").asBoolean()).isFalse();
        JsonNode tickets = group(report, Projections.TICKETS);
        assertThat(tickets.path("mismatchCount").asLong()).isEqualTo(1);
        assertThat(tickets.path("mismatches").size()).isEqualTo(1);
        JsonNode behind = tickets.path("mismatches").get(0);
        assertThat(behind.path("table").asString()).isEqualTo("read_ticket");
        assertThat(behind.path("aggregateId").asString()).isEqualTo(ticket);
        assertThat(behind.path("expectedVersion").asLong()).isEqualTo(ticketVersion);
        assertThat(behind.path("foundVersion").asLong()).isEqualTo(ticketVersion - 1);
        assertThat(behind.path("missing").asBoolean()).isFalse();
        JsonNode contracts = group(report, Projections.CONTRACTS);
        assertThat(contracts.path("mismatchCount").asLong()).isEqualTo(1);
        JsonNode missing = contracts.path("mismatches").get(0);
        assertThat(missing.path("table").asString()).isEqualTo("read_contract");
        assertThat(missing.path("aggregateId").asString()).isEqualTo(contract);
        assertThat(missing.path("expectedVersion").asLong()).isEqualTo(contractVersion);
        assertThat(missing.path("missing").asBoolean()).isTrue();
        assertThat(missing.has("foundVersion")).isFalse();
        assertThat(groups(report)).filteredOn(g -> !g.equals(tickets) && !g.equals(contracts))
                .allSatisfy(g -> assertThat(g.path("mismatchCount").asLong()).as(g.toString()).isZero());
        assertThat(logs.list).filteredOn(e -> e.getLevel() == Level.ERROR)
                .extracting(ILoggingEvent::getFormattedMessage)
                .hasSize(2).allSatisfy(m -> assertThat(m).contains("/rebuild"))
                .anySatisfy(m -> assertThat(m).contains(Projections.TICKETS, ticket))
                .anySatisfy(m -> assertThat(m).contains(Projections.CONTRACTS, contract));

        // shown with the processors, health-neutral
        JsonNode overview = ok(api.as("analyst").get("/api/v1/admin/projections")).json();
        assertThat(overview.path("lastReconciliation").path("clean").asBoolean()).isFalse();
        assertThat(group(overview.path("lastReconciliation"), Projections.TICKETS).path("mismatchCount").asLong())
                .isEqualTo(1);
        assertThat(api.anonymous().get("/actuator/health").json().path("status").asString()).isEqualTo("UP");

        rebuild("admin", List.of(Projections.TICKETS, Projections.CONTRACTS));
        JsonNode repaired = checkAt(head, "analyst");
        assertThat(repaired.path("clean").asBoolean()).as(repaired.toString()).isTrue();
        assertThat(version("read_ticket", "ticket_id", ticket)).isEqualTo(ticketVersion);
        assertThat(version("read_contract", "contract_id", contract)).isEqualTo(contractVersion);
        assertThat(jdbc.sql("SELECT status FROM read_ticket WHERE ticket_id = ?").param(ticket).query(String.class)
                .single()).isEqualTo("REJECTED");
    }

    /**
     * What the version alone cannot show: a ticket whose middle event (the reclassification) was skipped
     * while its last one (the rejection) was applied has the right version, but one applied event too few.
     */
    @Test
    void a_skipped_event_hidden_by_a_later_one_is_reported_by_the_applied_count_until_a_rebuild() {
        String client = newClient();
        String project = newProject(client);
        String contract = activeContract(client, project, "PREVENTIVE", 4);
        String ticket = openTicket("lead", project, contract);
        ok(ticketCommand("lead", ticket, "reclassify", Map.of("severity", "CRITICAL", "reason", "Production arrêtée")));
        ok(ticketCommand("lead", ticket, "reject", Map.of("reason", "Hors périmètre")));
        long head = head();
        awaitReadModelsAt(head);
        assertThat(checkAt(head, "analyst").path("clean").asBoolean()).isTrue();
        long version = version("read_ticket", "ticket_id", ticket);
        long applied = applied(ticket);
        assertThat(applied).as("opened, reclassified, rejected").isEqualTo(3);

        // what a skipped SeverityReclassified leaves once TicketRejected is applied: the right version, the
        // severity it was opened with, one event fewer
        withProcessorStopped(Projections.TICKETS, () -> jdbc.sql("UPDATE read_ticket SET applied = applied - 1, "
                + "severity = 'MAJOR' WHERE ticket_id = ?").param(ticket).update());
        assertThat(version("read_ticket", "ticket_id", ticket)).isEqualTo(version);

        JsonNode report = checkAt(head, "admin");
        assertThat(report.path("clean").asBoolean()).isFalse();
        JsonNode tickets = group(report, Projections.TICKETS);
        assertThat(tickets.path("mismatchCount").asLong()).isEqualTo(1);
        JsonNode skipped = tickets.path("mismatches").get(0);
        assertThat(skipped.path("table").asString()).isEqualTo("read_ticket");
        assertThat(skipped.path("aggregateId").asString()).isEqualTo(ticket);
        assertThat(skipped.path("expectedVersion").asLong()).isEqualTo(version);
        assertThat(skipped.path("foundVersion").asLong()).as("the version check alone sees nothing").isEqualTo(version);
        assertThat(skipped.path("expectedApplied").asLong()).isEqualTo(applied);
        assertThat(skipped.path("foundApplied").asLong()).isEqualTo(applied - 1);
        assertThat(skipped.path("missing").asBoolean()).isFalse();
        assertThat(groups(report)).filteredOn(g -> !g.equals(tickets))
                .allSatisfy(g -> assertThat(g.path("mismatchCount").asLong()).as(g.toString()).isZero());

        rebuild("admin", List.of(Projections.TICKETS));
        JsonNode repaired = checkAt(head, "analyst");
        assertThat(repaired.path("clean").asBoolean()).as(repaired.toString()).isTrue();
        assertThat(applied(ticket)).isEqualTo(applied);
        assertThat(version("read_ticket", "ticket_id", ticket)).isEqualTo(version);
        assertThat(jdbc.sql("SELECT severity FROM read_ticket WHERE ticket_id = ?").param(ticket).query(String.class)
                .single()).isEqualTo("CRITICAL");
    }

    @Test
    void only_admin_and_analyst_run_it() {
        for (String user : List.of("tech", "lead", "client", "auditor")) {
            Response refused = api.as(user).get(CHECK);
            assertThat(refused.status()).as(user + " " + refused).isEqualTo(403);
            assertThat(refused.code()).isEqualTo("ROLE_NOT_ALLOWED");
        }
    }

    /**
     * Runs the check until it covers {@code head}: it reads the stored tokens, which a segment with nothing
     * to apply stores every few seconds only.
     */
    private JsonNode checkAt(long head, String user) {
        AtomicReference<JsonNode> report = new AtomicReference<>();
        await().atMost(CATCH_UP).pollInterval(Duration.ofMillis(200)).until(() -> {
            report.set(check(user));
            return groups(report.get()).stream().allMatch(g -> g.path("checkedPosition").asLong() >= head);
        });
        return report.get();
    }

    private JsonNode check(String user) {
        Response response = api.as(user).get(CHECK);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static List<JsonNode> groups(JsonNode report) {
        return report.path("groups").valueStream().toList();
    }

    private static JsonNode group(JsonNode report, String name) {
        return groups(report).stream().filter(g -> g.path("group").asString().equals(name)).findFirst().orElseThrow();
    }

    private long version(String table, String key, String id) {
        return jdbc.sql("SELECT version FROM " + table + " WHERE " + key + " = ?").param(id).query(Long.class).single();
    }

    private long applied(String ticket) {
        return jdbc.sql("SELECT applied FROM read_ticket WHERE ticket_id = ?").param(ticket).query(Long.class).single();
    }

    private void withProcessorStopped(String group, Runnable change) {
        StreamingEventProcessor processor = processor(group);
        processor.shutDown();
        try {
            change.run();
        } finally {
            processor.start();
        }
    }
}
