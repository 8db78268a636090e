package com.itvision.maintenance.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.app.ops.ReadModelChecksum;
import com.itvision.maintenance.app.support.Api;
import com.itvision.maintenance.kernel.common.Actor;
import com.itvision.maintenance.kernel.common.Role;
import com.itvision.maintenance.projections.support.Projections;
import com.itvision.maintenance.query.dashboard.DashboardPeriod;
import com.itvision.maintenance.query.dashboard.SlaDashboard;
import com.itvision.maintenance.query.dashboard.SlaDashboardQueries;
import com.itvision.maintenance.query.support.ScopeResolver;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The SLA dashboard's own read model (ADR 0018) against the per-ticket computation it replaces for callers
 * who see everything: a scenario of many tickets in every state (holds, reopening, reclassification,
 * rejection, billable with approved billing, responses in and out of time, several months) gives the same
 * dashboard from the rollups as from {@code read_ticket}, the p90s within the histogram's 2 % (+1 s);
 * redelivered events change no row.
 */
// first of the shared context: the comparison covers the whole store, and other tests leave the ticket read model
// and this one legitimately different (DeadLetterTest discards a ticket's dead letter in ticket-projection only)
@Order(1)
class SlaDashboardReadModelTest extends DashboardTestSupport {
    private static final int TICKETS = 27;

    @Autowired
    SlaDashboardQueries queries;
    @Autowired
    ScopeResolver scopes;
    @Autowired
    ReadModelChecksum checksums;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    TokenStore tokenStore;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void the_rollups_give_the_per_ticket_dashboard_and_a_redelivered_batch_changes_nothing() {
        LocalDate base = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1).minusMonths(4)
                .with(TemporalAdjusters.firstInMonth(DayOfWeek.MONDAY));
        String client = newClient(null);
        String project = newProject(client);
        String other = newProject(client);
        String contract = draft(contract(client, project, "PREVENTIVE", base.minusDays(30), base.plusDays(300), 8,
                null, 1_200_000, "XOF"));
        contractCommand("admin", contract, "activate", Map.of());
        String otherContract = draft(contract(client, other, "FULL", base.minusDays(30), base.plusDays(300), 4,
                null, 900_000, "XOF"));
        contractCommand("admin", otherContract, "activate", Map.of());
        String inactive = draft(contract(client, project, "CURATIVE", base.minusDays(30), base.plusDays(300), 8, null,
                600_000, "XOF"));
        String[] severities = {"CRITICAL", "MAJOR", "MINOR"};
        Instant last = null;
        for (int i = 0; i < TICKETS; i++) {
            LocalDate day = base.plusDays(i * 4L);
            Instant opened = utc(day, 7 + i % 9, 10 * (i % 5));
            clock.set(opened);
            int kind = i % 9;
            boolean second = i % 4 == 3 && kind != 5;
            String ticket = openTicket(second ? other : project,
                    kind == 5 ? inactive : second ? otherContract : contract, severities[i % 3]);
            switch (kind) {
                case 0 -> { } // nothing: breached by time, or still running
                case 1 -> respondAndResolve(ticket, opened, 1, true);
                case 2 -> {
                    clock.set(opened.plusSeconds(1800));
                    ticketCommand("lead", ticket, "hold", Map.of("reason", "En attente du client"));
                    clock.set(opened.plusSeconds(4 * 3600));
                    ticketCommand("lead", ticket, "resume", Map.of("reason", "Accès reçus"));
                    respondAndResolve(ticket, opened.plusSeconds(4 * 3600), 2, true);
                }
                case 3 -> {
                    clock.set(opened.plusSeconds(600));
                    ticketCommand("lead", ticket, "reclassify", Map.of("severity", "MINOR", "reason", "Moins grave"));
                    respondAndResolve(ticket, opened.plusSeconds(2 * 86400), 3, i % 2 == 0);
                }
                case 4 -> {
                    clock.set(opened.plusSeconds(900));
                    ticketCommand("lead", ticket, "reject", Map.of("reason", "Hors périmètre"));
                }
                case 5 -> {
                    clock.set(opened.plusSeconds(900));
                    ticketCommand("admin", ticket, "approve-billing", Map.of("quoteReference", "DEVIS-" + i));
                    respondAndResolve(ticket, opened.plusSeconds(1800), 1, false);
                }
                case 6 -> {
                    Instant resolved = respondAndResolve(ticket, opened.plusSeconds(7200), 1, true);
                    clock.set(resolved.plusSeconds(3600));
                    ticketCommand("admin", ticket, "reopen", Map.of("reason", "Le problème est revenu"));
                }
                case 7 -> {
                    clock.set(opened.plusSeconds(1200));
                    ticketCommand("lead", ticket, "hold", Map.of("reason", "En attente du client"));
                }
                default -> {
                    clock.set(opened.plusSeconds(1200));
                    billet(ticket, 1);
                }
            }
            last = clock.instant();
        }
        Instant now = last.plusSeconds(86400);
        clock.set(now);
        dashboard("admin", "/api/v1/dashboards/sla"); // waits for every read model (X-Min-Position)

        var admin = scopes.of(Actor.of("admin-test", Role.ADMIN));
        YearMonth first = YearMonth.from(base);
        for (DashboardPeriod period : List.of(new DashboardPeriod(null, null),
                new DashboardPeriod(first.plusMonths(1).atDay(1), first.plusMonths(2).atEndOfMonth()),
                new DashboardPeriod(first.atDay(1), null))) {
            SlaDashboard fromRollups = queries.dashboard(admin, period, null, null, null);
            SlaDashboard perTicket = queries.perTicket(admin, period, null, null, null, now,
                    SlaDashboardQueries.DEFAULT_CONTRACT_LIMIT);
            assertSame(period, queries.dashboard(admin, period, null, null, null, 1),
                    queries.perTicket(admin, period, null, null, null, now, 1));
            assertSame(period, fromRollups, perTicket);
        }
        assertThat(queries.dashboard(admin, new DashboardPeriod(null, null), null, null, null).tickets())
                .isGreaterThanOrEqualTo(TICKETS);

        // redelivery: the processor goes back 200 positions and applies those events again
        ReadModelChecksum.Checksum before = checksums.of(Projections.SLA_DASHBOARD, "live");
        StreamingEventProcessor processor = processing
                .eventProcessor(Projections.SLA_DASHBOARD, StreamingEventProcessor.class).orElseThrow();
        long head = jdbc.sql("SELECT max(global_index) FROM domain_event_entry").query(Long.class).single();
        processor.shutDown();
        new TransactionTemplate(transactions).executeWithoutResult(tx -> tokenStore.storeToken(
                GapAwareTrackingToken.newInstance(Math.max(0, head - 200), java.util.Set.of()), Projections.SLA_DASHBOARD, 0));
        processor.start();
        clock.set(now.plusSeconds(60));
        ticketCommand("lead", openTicket(project, contract, "MINOR"), "reject", Map.of("reason", "Doublon"));
        dashboard("admin", "/api/v1/dashboards/sla");
        ReadModelChecksum.Checksum after = checksums.of(Projections.SLA_DASHBOARD, "live");
        // the new ticket (opened and rejected) adds one row and moves rollups; everything else is unchanged
        assertThat(after.tables().getFirst().rows()).isEqualTo(before.tables().getFirst().rows() + 1);
        assertThat(jdbc.sql("SELECT sum(tickets) FROM read_sla_rollup").query(Long.class).single())
                .isEqualTo(jdbc.sql("SELECT count(*) FROM read_sla_ticket").query(Long.class).single());
        assertThat(jdbc.sql("SELECT count(*) FROM read_sla_ticket s JOIN read_ticket t USING (ticket_id) "
                        + "WHERE s.status <> t.status OR s.severity <> t.severity OR s.covered <> t.covered")
                .query(Long.class).single()).isZero();
        SlaDashboard again = queries.dashboard(admin, new DashboardPeriod(null, null), null, null, null);
        assertSame(new DashboardPeriod(null, null), again,
                queries.perTicket(admin, new DashboardPeriod(null, null), null, null, null, clock.instant(),
                        SlaDashboardQueries.DEFAULT_CONTRACT_LIMIT));
    }

    /** Billet, intervention {@code hours} after {@code from} (the response), report validated: resolved. */
    private Instant respondAndResolve(String ticket, Instant from, int hours, boolean covered) {
        clock.set(from.plusSeconds(300));
        String billet = billet(ticket, covered ? 0.5 : 2);
        Instant start = from.plusSeconds(hours * 3600L);
        Instant end = start.plusSeconds(3600);
        clock.set(end);
        String intervention = intervention(billet, start, end, 1);
        Instant resolved = end.plusSeconds(1800);
        clock.set(resolved);
        resolve(intervention);
        return resolved;
    }

    private static void assertSame(DashboardPeriod period, SlaDashboard rollups, SlaDashboard perTicket) {
        ObjectNode a = (ObjectNode) Api.JSON.valueToTree(rollups);
        ObjectNode b = (ObjectNode) Api.JSON.valueToTree(perTicket);
        List<String> p90 = new ArrayList<>();
        for (String stat : List.of("responseTime", "resolutionTime")) {
            for (String clock : List.of("wallClock", "business")) {
                JsonNode x = a.path(stat).path(clock).path("p90Seconds");
                JsonNode y = b.path(stat).path(clock).path("p90Seconds");
                assertThat(x.isMissingNode() || x.isNull()).as("%s %s.%s", period, stat, clock)
                        .isEqualTo(y.isMissingNode() || y.isNull());
                if (!y.isMissingNode() && !y.isNull()) {
                    assertThat((double) x.asLong()).as("%s p90 %s.%s", period, stat, clock)
                            .isCloseTo(y.asLong(), org.assertj.core.data.Offset.offset(y.asLong() * 0.02 + 1));
                    p90.add(stat + "." + clock + " " + x.asLong() + " vs " + y.asLong());
                }
                ((ObjectNode) a.path(stat).path(clock)).remove("p90Seconds");
                ((ObjectNode) b.path(stat).path(clock)).remove("p90Seconds");
            }
        }
        assertThat(a.toPrettyString()).as("%s", period).isEqualTo(b.toPrettyString());
        System.out.println("SlaDashboardReadModelTest " + period + ": p90 (histogram vs exact) " + p90);
    }
}
