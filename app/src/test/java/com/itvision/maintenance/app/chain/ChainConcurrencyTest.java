package com.itvision.maintenance.app.chain;

import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.app.support.Api;
import com.itvision.maintenance.app.support.Api.Response;
import com.itvision.maintenance.command.support.CommandReceipt;
import com.itvision.maintenance.kernel.billet.InterventionType;
import com.itvision.maintenance.kernel.common.Actor;
import com.itvision.maintenance.kernel.common.BilletId;
import com.itvision.maintenance.kernel.common.ClientId;
import com.itvision.maintenance.kernel.common.ContractId;
import com.itvision.maintenance.kernel.common.Money;
import com.itvision.maintenance.kernel.common.ProjectId;
import com.itvision.maintenance.kernel.common.Role;
import com.itvision.maintenance.kernel.common.TicketId;
import com.itvision.maintenance.kernel.common.UserId;
import com.itvision.maintenance.kernel.contract.ContractCommands.ActivateContract;
import com.itvision.maintenance.kernel.contract.ContractCommands.ConsumeInterventionQuota;
import com.itvision.maintenance.kernel.contract.ContractCommands.DraftContract;
import com.itvision.maintenance.kernel.contract.ContractCommands.QuotaDecision;
import com.itvision.maintenance.kernel.contract.ContractKind;
import com.itvision.maintenance.kernel.contract.ContractTerms;
import com.itvision.maintenance.kernel.contract.ContractType;
import com.itvision.maintenance.kernel.contract.Coverage;
import com.itvision.maintenance.kernel.contract.InterventionQuota;
import com.itvision.maintenance.kernel.contract.PaymentFrequency;
import com.itvision.maintenance.kernel.contract.Period;
import com.itvision.maintenance.kernel.contract.SupportHours;
import com.itvision.maintenance.kernel.directory.DirectoryCommands.CreateProject;
import com.itvision.maintenance.kernel.directory.DirectoryCommands.RegisterClient;
import com.itvision.maintenance.kernel.ticket.Origin;
import com.itvision.maintenance.kernel.ticket.Severity;
import com.itvision.maintenance.kernel.ticket.TicketCommands.IssueBillet;
import com.itvision.maintenance.kernel.ticket.TicketCommands.OpenTicket;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.RepeatedTest;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Races on the real PostgreSQL event store, through the HTTP API: commands released together from
 * several threads must leave the chain's rules intact whatever the order the server picks.
 */
class ChainConcurrencyTest extends ChainTestSupport {
    private static final ExecutorService THREADS = Executors.newFixedThreadPool(10);
    private static final AtomicInteger BILLET_FIRST = new AtomicInteger();
    private static final AtomicInteger REJECTION_FIRST = new AtomicInteger();
    private static final Actor ADMIN = Actor.of("user-admin", Role.ADMIN);
    private static final Actor LEAD = Actor.of("user-lead", Role.PROJECT_LEAD);
    private static volatile ClientId raceClientId;

    @Autowired
    private CommandGateway commands;

    @AfterAll
    static void stopThreads() {
        THREADS.shutdownNow();
        System.out.printf("rejection vs billet: billet first %d times, rejection first %d times%n",
                BILLET_FIRST.get(), REJECTION_FIRST.get());
    }

    @RepeatedTest(20)
    void a_billet_never_follows_the_rejection_of_its_ticket() throws Exception {
        String ticketId = coveredTicket();

        List<Response> responses = race(List.of(
                () -> ticketCommand("lead", ticketId, "reject", Map.of("reason", "Hors garantie - Devis nécessaire")),
                () -> billet("lead", ticketId, TECH, 2)));
        Response rejection = responses.get(0);
        Response billet = responses.get(1);

        assertThat(rejection.status()).as(rejection.toString()).isEqualTo(200);
        assertThat(status(ticketId)).isEqualTo("REJECTED");
        if (billet.status() == 201) {
            BILLET_FIRST.incrementAndGet();
            assertThat(eventsOf(ticketId)).as("the ticket was IN_PROGRESS before it was rejected")
                    .containsExactly("TicketOpened", "TicketAssigned", "TicketRejected");
        } else {
            REJECTION_FIRST.incrementAndGet();
            assertThat(billet.status()).as(billet.toString()).isEqualTo(409);
            assertThat(billet.code()).isEqualTo("TICKET_NOT_TREATABLE");
            assertThat(eventsOf(ticketId)).containsExactly("TicketOpened", "TicketRejected");
        }
        long rejectedAt = jdbc.sql("SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ? "
                        + "AND payload_type LIKE '%$TicketRejected'")
                .param(ticketId).query(Long.class).single();
        List<Long> billetsIssuedAt = jdbc.sql("SELECT global_index FROM domain_event_entry "
                        + "WHERE payload_type LIKE '%$BilletIssued' "
                        + "AND convert_from(payload, 'UTF8')::jsonb ->> 'ticketId' = ?")
                .param(ticketId).query(Long.class).list();
        assertThat(billetsIssuedAt).hasSize(billet.status() == 201 ? 1 : 0);
        assertThat(billetsIssuedAt).as("no BilletIssued after the TicketRejected").allMatch(at -> at < rejectedAt);
    }

    @RepeatedTest(20)
    void ten_interventions_racing_for_the_last_three_units_of_a_quota_never_exceed_it() throws Exception {
        int quota = 5;
        // prepared through the command gateway: an HTTP call costs a BCrypt check of the password
        ProjectId projectId = ProjectId.random();
        send(new CreateProject(projectId, raceClient(), "Projet " + projectId, null, LEAD));
        ContractId contractId = ContractId.random();
        LocalDate today = LocalDate.now(clock);
        send(new DraftContract(contractId, raceClient(), projectId, "Curatif " + contractId, ContractKind.MAINTENANCE,
                ContractType.CURATIVE, Period.of(today.minusDays(30), today.plusDays(300)),
                new ContractTerms(24, SupportHours.ALWAYS, ZoneOffset.UTC, Coverage.describedAs("Pannes"),
                        InterventionQuota.of(quota), List.of(), Money.of(600_000, "XOF"), PaymentFrequency.ANNUAL,
                        false), null, ADMIN));
        send(new ActivateContract(contractId, ADMIN, null));
        for (int i = 0; i < quota - 3; i++) {
            CommandReceipt receipt = send(new ConsumeInterventionQuota(contractId, "earlier-" + UUID.randomUUID(),
                    ADMIN));
            assertThat(receipt.result()).isInstanceOfSatisfying(QuotaDecision.class,
                    decision -> assertThat(decision.consumed()).isTrue());
        }
        // one technician, in one place at a time: ten consecutive 20-minute interventions under ten billets
        UserId technician = UserId.of(newTechnician().userId());
        List<String> billets = new ArrayList<>();
        clock.set(Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(OPENED_AGO));
        try {
            for (int i = 0; i < 10; i++) {
                TicketId ticketId = TicketId.random();
                send(new OpenTicket(ticketId, projectId, contractId, "Panne " + i, "Switch hors service",
                        Severity.MAJOR, Origin.INTERNAL, LEAD));
                BilletId billetId = BilletId.random();
                send(new IssueBillet(ticketId, billetId, technician, InterventionType.CORRECTION,
                        BigDecimal.ONE, null, LEAD, null));
                billets.add(billetId.value());
            }
        } finally {
            clock.reset();
        }
        assertThat(quotaUsed(contractId.value())).isEqualTo(quota - 3);

        Instant firstStart = clock.instant().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(210));
        List<Supplier<Response>> interventions = new ArrayList<>();
        for (int i = 0; i < billets.size(); i++) {
            String billetId = billets.get(i);
            Instant start = firstStart.plus(Duration.ofMinutes(20L * i));
            interventions.add(() -> record("lead", billetId, start, start.plus(Duration.ofMinutes(20)), 0.25));
        }
        List<Response> responses = race(interventions);

        assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(201));
        List<Response> covered = responses.stream().filter(r -> r.json().path("warnings").isMissingNode()).toList();
        List<Response> billable = responses.stream().filter(r -> !r.json().path("warnings").isMissingNode()).toList();
        assertThat(covered).hasSize(3);
        assertThat(billable).hasSize(7).allSatisfy(r ->
                assertThat(r.json().path("warnings").get(0).asString()).isEqualTo("BILLABLE: QUOTA_EXHAUSTED"));

        List<JsonNode> recorded = responses.stream()
                .map(r -> lastPayload(r.json().path("id").asString(), "InterventionRecorded"))
                .toList();
        assertThat(recorded).filteredOn(e -> e.path("covered").asBoolean()).hasSize(3)
                .allSatisfy(e -> assertThat(e.path("quotaConsumed").asBoolean()).isTrue());
        assertThat(recorded).filteredOn(e -> !e.path("covered").asBoolean()).hasSize(7).allSatisfy(e -> {
            assertThat(e.path("billingReason").asString()).isEqualTo("QUOTA_EXHAUSTED");
            assertThat(e.path("quotaConsumed").asBoolean()).isFalse();
        });

        assertThat(quotaUsed(contractId.value())).isEqualTo(quota);
        List<String> contractEvents = eventsOf(contractId.value());
        assertThat(contractEvents).filteredOn("InterventionQuotaConsumed"::equals).hasSize(quota);
        assertThat(contractEvents).filteredOn("InterventionQuotaConsumptionRefused"::equals).hasSize(7);
        List<Integer> usedAfter = jdbc.sql("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry "
                        + "WHERE aggregate_identifier = ? AND payload_type LIKE '%$InterventionQuotaConsumed' "
                        + "ORDER BY sequence_number")
                .param(contractId.value()).query(String.class).list().stream()
                .map(json -> Api.JSON.readTree(json).path("used").asInt())
                .toList();
        assertThat(usedAfter).as("each unit counted once, never above the quota").containsExactly(1, 2, 3, 4, 5);
    }

    /** Runs the calls on as many threads, released together; their responses in the calls' order. */
    private static List<Response> race(List<Supplier<Response>> calls) throws Exception {
        CountDownLatch ready = new CountDownLatch(calls.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Response>> futures = new ArrayList<>();
        for (Supplier<Response> call : calls) {
            futures.add(THREADS.submit(() -> {
                ready.countDown();
                if (!go.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("never released");
                }
                return call.get();
            }));
        }
        assertThat(ready.await(10, TimeUnit.SECONDS)).as("all threads ready").isTrue();
        go.countDown();
        List<Response> responses = new ArrayList<>();
        for (Future<Response> future : futures) {
            responses.add(future.get(30, TimeUnit.SECONDS));
        }
        return responses;
    }

    private CommandReceipt send(Object command) {
        return commands.sendAndWait(command);
    }

    /** One client for every repetition: each one creates its own project and contract. */
    private ClientId raceClient() {
        if (raceClientId == null) {
            raceClientId = ClientId.random();
            send(new RegisterClient(raceClientId, "Client des courses", null, null, ADMIN));
        }
        return raceClientId;
    }
}
