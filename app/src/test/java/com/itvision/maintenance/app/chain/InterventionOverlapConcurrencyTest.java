package com.itvision.maintenance.app.chain;

import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.app.support.Api.Response;
import com.itvision.maintenance.kernel.billet.InterventionType;
import com.itvision.maintenance.kernel.common.Actor;
import com.itvision.maintenance.kernel.common.BilletId;
import com.itvision.maintenance.kernel.common.ClientId;
import com.itvision.maintenance.kernel.common.ProjectId;
import com.itvision.maintenance.kernel.common.Role;
import com.itvision.maintenance.kernel.common.TicketId;
import com.itvision.maintenance.kernel.common.UserId;
import com.itvision.maintenance.kernel.ticket.Origin;
import com.itvision.maintenance.kernel.ticket.Severity;
import com.itvision.maintenance.kernel.directory.DirectoryCommands.CreateProject;
import com.itvision.maintenance.kernel.ticket.TicketCommands.ApproveBilling;
import com.itvision.maintenance.kernel.ticket.TicketCommands.IssueBillet;
import com.itvision.maintenance.kernel.ticket.TicketCommands.OpenTicket;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.RepeatedTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The one-place-at-a-time rule under real concurrency on PostgreSQL: one technician's recordings with
 * overlapping times, each under its own billet of its own billable ticket (so no aggregate lock, neither a
 * billet's, a ticket's nor a contract's, serialises them), released together over HTTP. The schedule's
 * advisory lock must let exactly one through.
 */
class InterventionOverlapConcurrencyTest extends ChainTestSupport {
    private static final int WRITERS = 8;
    private static final ExecutorService THREADS = Executors.newFixedThreadPool(WRITERS);
    private static final Actor LEAD = Actor.of("user-lead", Role.PROJECT_LEAD);
    private static final Actor ADMIN = Actor.of("user-admin", Role.ADMIN);

    @Autowired
    private CommandGateway commands;

    @AfterAll
    static void stopThreads() {
        THREADS.shutdownNow();
    }

    @RepeatedTest(5)
    void overlapping_recordings_of_one_technician_released_together_store_exactly_one() throws Exception {
        UserId technician = UserId.of(technician().userId());
        List<String> billets = new ArrayList<>();
        // prepared through the command gateway (an HTTP call costs a BCrypt check of the password): billable
        // tickets of a project without contract, so that no contract's quota serialises the recordings either
        ProjectId project = ProjectId.random();
        commands.sendAndWait(new CreateProject(project, ClientId.of("client-a"), "Projet " + project, null, LEAD));
        clock.set(Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(OPENED_AGO));
        try {
            for (int i = 0; i < WRITERS; i++) {
                TicketId ticketId = TicketId.random();
                commands.sendAndWait(new OpenTicket(ticketId, project, null, "Panne " + i, "Switch hors service",
                        Severity.MAJOR, Origin.INTERNAL, LEAD));
                commands.sendAndWait(new ApproveBilling(ticketId, "DEVIS-" + i, ADMIN, null));
                BilletId billetId = BilletId.random();
                commands.sendAndWait(new IssueBillet(ticketId, billetId, technician, InterventionType.CORRECTION,
                        BigDecimal.ONE, null, LEAD, null));
                billets.add(billetId.value());
            }
        } finally {
            clock.reset();
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        long eventsBefore = eventCount();

        // every interval overlaps every other: each starts a minute after the previous, all last an hour
        List<Future<Response>> futures = new ArrayList<>();
        CountDownLatch ready = new CountDownLatch(WRITERS);
        CountDownLatch go = new CountDownLatch(1);
        for (int i = 0; i < WRITERS; i++) {
            String billetId = billets.get(i);
            Instant start = now.minus(Duration.ofMinutes(90)).plus(Duration.ofMinutes(i));
            futures.add(THREADS.submit(() -> {
                ready.countDown();
                if (!go.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("never released");
                }
                return record("lead", billetId, start, start.plus(Duration.ofHours(1)), 1);
            }));
        }
        assertThat(ready.await(10, TimeUnit.SECONDS)).as("all writers ready").isTrue();
        go.countDown();
        List<Response> responses = new ArrayList<>();
        for (Future<Response> future : futures) {
            responses.add(future.get(60, TimeUnit.SECONDS));
        }

        assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
        assertThat(responses).filteredOn(r -> r.status() != 201).hasSize(WRITERS - 1).allSatisfy(r -> {
            assertThat(r.status()).as("%s", r).isEqualTo(400);
            assertThat(r.code()).isEqualTo("INTERVENTION_OVERLAP");
        });
        String stored = responses.stream().filter(r -> r.status() == 201).findFirst().orElseThrow()
                .json().path("id").asString();
        assertThat(jdbc.sql("SELECT intervention_id FROM technician_interval WHERE technician_id = ?")
                .param(technician.value()).query(String.class).list()).containsExactly(stored);
        // (the payloads are searched as text: other tests store events whose JSON PostgreSQL cannot parse)
        assertThat(jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%$InterventionRecorded' "
                        + "AND position(? in convert_from(payload, 'UTF8')) > 0")
                .param("\"technicianId\":\"" + technician.value() + "\"").query(Long.class).single()).isEqualTo(1);
        // the one recording stored its intervention and answered its ticket's SLA; the refusals nothing
        assertThat(eventCount()).isEqualTo(eventsBefore + 2);
    }
}
