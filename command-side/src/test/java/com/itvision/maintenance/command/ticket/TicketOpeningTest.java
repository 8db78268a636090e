package com.itvision.maintenance.command.ticket;

import static com.itvision.maintenance.command.support.DomainExceptionMatchers.hasCode;
import static com.itvision.maintenance.command.ticket.TicketSamples.ABIDJAN;
import static com.itvision.maintenance.command.ticket.TicketSamples.ACME;
import static com.itvision.maintenance.command.ticket.TicketSamples.ACME_SHOP;
import static com.itvision.maintenance.command.ticket.TicketSamples.ACME_USER;
import static com.itvision.maintenance.command.ticket.TicketSamples.CONTRACT;
import static com.itvision.maintenance.command.ticket.TicketSamples.DEADLINE;
import static com.itvision.maintenance.command.ticket.TicketSamples.GLOBEX;
import static com.itvision.maintenance.command.ticket.TicketSamples.GLOBEX_ERP;
import static com.itvision.maintenance.command.ticket.TicketSamples.GLOBEX_USER;
import static com.itvision.maintenance.command.ticket.TicketSamples.OPENED_AT;
import static com.itvision.maintenance.command.ticket.TicketSamples.PROJECT_LEAD;
import static com.itvision.maintenance.command.ticket.TicketSamples.TICKET;
import static com.itvision.maintenance.command.ticket.TicketSamples.covered;
import static com.itvision.maintenance.command.ticket.TicketSamples.directory;
import static com.itvision.maintenance.command.ticket.TicketSamples.opened;
import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.command.contract.Contract;
import com.itvision.maintenance.command.contract.ContractCoverage;
import com.itvision.maintenance.command.contract.ContractRegistry;
import com.itvision.maintenance.command.contract.EventStoreQuotaConsumptions;
import com.itvision.maintenance.command.contract.CoverageTerms;
import com.itvision.maintenance.command.directory.InMemoryDirectory;
import com.itvision.maintenance.command.support.AggregateRegistry;
import com.itvision.maintenance.command.support.FixedNumbers;
import com.itvision.maintenance.command.support.TestClock;
import com.itvision.maintenance.kernel.common.Actor;
import com.itvision.maintenance.kernel.common.ClientId;
import com.itvision.maintenance.kernel.common.ContractId;
import com.itvision.maintenance.kernel.common.ErrorCode;
import com.itvision.maintenance.kernel.common.Money;
import com.itvision.maintenance.kernel.common.ProjectId;
import com.itvision.maintenance.kernel.contract.ContractEvent.ContractActivated;
import com.itvision.maintenance.kernel.contract.ContractEvent.ContractDrafted;
import com.itvision.maintenance.kernel.contract.ContractKind;
import com.itvision.maintenance.kernel.contract.ContractTerms;
import com.itvision.maintenance.kernel.contract.ContractType;
import com.itvision.maintenance.kernel.contract.Coverage;
import com.itvision.maintenance.kernel.contract.InterventionQuota;
import com.itvision.maintenance.kernel.contract.PaymentFrequency;
import com.itvision.maintenance.kernel.contract.Period;
import com.itvision.maintenance.kernel.contract.SupportHours;
import com.itvision.maintenance.kernel.ticket.Origin;
import com.itvision.maintenance.kernel.ticket.Severity;
import com.itvision.maintenance.kernel.ticket.TicketCommands.OpenTicket;
import com.itvision.maintenance.kernel.ticket.TicketCoverage;
import com.itvision.maintenance.kernel.ticket.TicketEvent.TicketOpened;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.SimpleResourceParameterResolverFactory;
import org.axonframework.modelling.command.Repository;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Opening a ticket and deciding its coverage once (seed 001 {@code _verifier_garantie}): no contract →
 * billable; contract not active → billable, "Contrat de garantie expiré"; active contract → covered,
 * with its SLA. {@link TicketOpening} runs on the fixture's ticket repository; the contracts are real
 * {@link Contract} aggregates sourced from an in-memory event store; the two JDBC lookups are replaced
 * by subclasses answering from maps (their JdbcClient is never touched).
 */
class TicketOpeningTest {
    static final ContractId OTHER_CONTRACT = ContractId.of("contract-2");
    static final ContractId GLOBEX_CONTRACT = ContractId.of("contract-globex");
    static final Period YEAR_2026 = Period.of(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31));

    private final TestClock clock = new TestClock();
    private final InMemoryDirectory directory = directory();
    private final FixedNumbers numbers = new FixedNumbers();
    private final KnownAggregates aggregates = new KnownAggregates();
    private final CandidateContracts candidates = new CandidateContracts(aggregates);
    private final EmbeddedEventStore contractEvents = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine())
            .build();
    private FixtureConfiguration<Ticket> fixture;

    /** The {@code aggregate_registry} lookup: the ids a test says exist. */
    static final class KnownAggregates extends AggregateRegistry {
        private final Map<String, Kind> known = new HashMap<>();

        KnownAggregates() {
            super(null);
        }

        void add(Object id, Kind kind) {
            known.put(String.valueOf(id), kind);
        }

        @Override
        public Optional<Entry> find(String id) {
            return Optional.ofNullable(known.get(id)).map(kind -> new Entry(id, kind, null));
        }
    }

    /**
     * The coverage lookup ({@code contract_registry} and {@code contract_period}): what the real Contract
     * aggregates of the in-memory store answer, for the ids the test registered as contracts; the candidates
     * are the ACTIVE or TERMINATED contracts a test says cover the project.
     */
    static final class CandidateContracts implements ContractCoverage {
        private final List<ContractId> ids = new ArrayList<>();
        private final KnownAggregates aggregates;
        private Repository<Contract> contracts;

        CandidateContracts(KnownAggregates aggregates) {
            this.aggregates = aggregates;
        }

        void add(ContractId id) {
            ids.add(id);
        }

        @Override
        public Optional<CoverageTerms> coverageOn(ContractId contractId, LocalDate day) {
            return aggregates.find(contractId.value()).filter(e -> e.kind() == AggregateRegistry.Kind.CONTRACT)
                    .map(e -> contracts.load(contractId.value()).invoke(contract -> contract.coverageOn(day)));
        }

        @Override
        public List<CoverageTerms> candidatesOn(ProjectId project, ClientId client, LocalDate day) {
            return ids.stream().map(id -> coverageOn(id, day).orElseThrow()).toList();
        }
    }

    @BeforeEach
    void newFixture() {
        Repository<Contract> contracts = EventSourcingRepository.builder(Contract.class)
                .eventStore(contractEvents)
                .parameterResolverFactory(MultiParameterResolverFactory.ordered(
                        new SimpleResourceParameterResolverFactory(List.of(clock, directory, numbers,
                                (ContractRegistry) (project, type, period, excluding) -> List.of(),
                                new EventStoreQuotaConsumptions(() -> contractEvents))),
                        ClasspathParameterResolverFactory.forClass(Contract.class)))
                .build();
        candidates.contracts = contracts;
        AggregateTestFixture<Ticket> tickets = new AggregateTestFixture<>(Ticket.class);
        tickets.registerInjectableResource(clock)
                .registerInjectableResource(directory)
                .registerInjectableResource(numbers)
                .registerInjectableResource(ClosingPolicy.DEFAULT);
        fixture = tickets.registerAnnotatedCommandHandler(new TicketOpening(tickets.getRepository(), candidates,
                directory, numbers, clock));
    }

    // -- the contracts that exist --

    private static ContractTerms terms(int slaHours, SupportHours hours) {
        return new ContractTerms(slaHours, hours, ABIDJAN, Coverage.describedAs("Correction des bugs bloquants"),
                InterventionQuota.UNLIMITED, List.of(), Money.zero("XOF"), PaymentFrequency.ANNUAL, false);
    }

    /** A corrective warranty of {@code project} over 2026: 24 business hours in Abidjan. */
    private void warranty(ContractId id, ClientId client, ProjectId project, boolean activated) {
        contract(new ContractDrafted(id, "MC-202601-" + id.value(), client, project, "Garantie corrective",
                ContractKind.WARRANTY, ContractType.CORRECTIVE, YEAR_2026,
                terms(24, SupportHours.BUSINESS_HOURS), null, PROJECT_LEAD, Instant.parse("2026-01-01T08:00:00Z")),
                activated);
    }

    private void contract(ContractDrafted drafted, boolean activated) {
        List<GenericDomainEventMessage<?>> events = new ArrayList<>();
        events.add(new GenericDomainEventMessage<>("Contract", drafted.contractId().value(), 0, drafted));
        if (activated) {
            events.add(new GenericDomainEventMessage<>("Contract", drafted.contractId().value(), 1,
                    new ContractActivated(drafted.contractId(), PROJECT_LEAD, drafted.occurredAt())));
        }
        contractEvents.publish(events);
        aggregates.add(drafted.contractId(), AggregateRegistry.Kind.CONTRACT);
    }

    private static OpenTicket open(ContractId contract, Actor actor) {
        return new OpenTicket(TICKET, ACME_SHOP, contract, "  Erreur paiement CB ",
                "Les utilisateurs reçoivent une erreur 500 \n", Severity.MAJOR, Origin.CLIENT, actor);
    }

    @Nested
    class DecidingCoverage {

        @Test
        void named_active_contract_covers_the_ticket_and_sets_its_sla_deadline() {
            warranty(CONTRACT, ACME, ACME_SHOP, true);

            fixture.givenNoPriorActivity()
                    .when(open(CONTRACT, ACME_USER))
                    .expectSuccessfulHandlerExecution()
                    .expectResultMessagePayload("MAINT-00001")
                    .expectEvents(opened())
                    .expectState(ticket -> {
                        assertThat(ticket.coverage().covered()).isTrue();
                        assertThat(ticket.slaDeadline()).isEqualTo(DEADLINE);
                    });
            assertThat(numbers.requestedScopes()).containsExactly("ticket");
        }

        @Test
        void only_active_contract_of_the_project_covers_a_ticket_that_names_none() {
            warranty(CONTRACT, ACME, ACME_SHOP, true);
            candidates.add(CONTRACT);

            fixture.givenNoPriorActivity()
                    .when(open(null, ACME_USER))
                    .expectEvents(opened());
        }

        @Test
        void project_without_any_contract_gives_a_billable_ticket_without_sla() {
            fixture.givenNoPriorActivity()
                    .when(open(null, ACME_USER))
                    .expectEvents(opened(TicketCoverage.noContract(), null, OPENED_AT))
                    .expectState(ticket -> assertThat(ticket.treatable()).isFalse());
        }

        @Test
        void named_contract_whose_period_is_over_gives_a_billable_ticket_contrat_expire() {
            warranty(CONTRACT, ACME, ACME_SHOP, true);
            clock.on(LocalDate.of(2027, 1, 4));

            fixture.givenNoPriorActivity()
                    .when(open(CONTRACT, ACME_USER))
                    .expectEvents(opened(TicketCoverage.contractNotActive(CONTRACT), null, clock.instant()));
        }

        @Test
        void named_contract_never_activated_gives_a_billable_ticket() {
            warranty(CONTRACT, ACME, ACME_SHOP, false);

            fixture.givenNoPriorActivity()
                    .when(open(CONTRACT, PROJECT_LEAD))
                    .expectSuccessfulHandlerExecution()
                    .expectState(ticket -> {
                        assertThat(ticket.coverage()).isEqualTo(TicketCoverage.contractNotActive(CONTRACT));
                        assertThat(ticket.coverage().reason()).isEqualTo("Contrat de garantie expiré");
                        assertThat(ticket.slaDeadline()).isNull();
                    });
        }

        @Test
        void candidate_contract_that_is_not_active_today_is_ignored() {
            warranty(CONTRACT, ACME, ACME_SHOP, true);
            candidates.add(CONTRACT);
            clock.on(LocalDate.of(2027, 1, 4));

            fixture.givenNoPriorActivity()
                    .when(open(null, ACME_USER))
                    .expectEvents(opened(TicketCoverage.noContract(), null, clock.instant()));
        }

        @Test
        void the_one_active_candidate_is_chosen_among_inactive_ones() {
            warranty(OTHER_CONTRACT, ACME, ACME_SHOP, false);
            warranty(CONTRACT, ACME, ACME_SHOP, true);
            candidates.add(OTHER_CONTRACT);
            candidates.add(CONTRACT);

            fixture.givenNoPriorActivity()
                    .when(open(null, ACME_USER))
                    .expectEvents(opened());
        }

        @Test
        void several_active_contracts_must_be_named() {
            warranty(CONTRACT, ACME, ACME_SHOP, true);
            warranty(OTHER_CONTRACT, ACME, ACME_SHOP, true);
            candidates.add(CONTRACT);
            candidates.add(OTHER_CONTRACT);

            fixture.givenNoPriorActivity()
                    .when(open(null, ACME_USER))
                    .expectException(hasCode(ErrorCode.AMBIGUOUS_CONTRACT))
                    .expectNoEvents();
            assertThat(numbers.requestedScopes()).isEmpty();
        }

        @Test
        void naming_one_of_several_active_contracts_settles_it() {
            warranty(CONTRACT, ACME, ACME_SHOP, true);
            warranty(OTHER_CONTRACT, ACME, ACME_SHOP, true);
            candidates.add(CONTRACT);
            candidates.add(OTHER_CONTRACT);

            fixture.givenNoPriorActivity()
                    .when(open(CONTRACT, ACME_USER))
                    .expectEvents(opened());
        }

        @Test
        void clients_maintenance_contract_naming_no_project_covers_its_projects() {
            contract(new ContractDrafted(CONTRACT, "MC-202601-0001", ACME, null, "Maintenance curative",
                    ContractKind.MAINTENANCE, ContractType.CURATIVE, YEAR_2026,
                    terms(4, SupportHours.ALWAYS), null, PROJECT_LEAD, Instant.parse("2026-01-01T08:00:00Z")),
                    true);

            fixture.givenNoPriorActivity()
                    .when(open(CONTRACT, ACME_USER))
                    .expectEvents(opened(TicketCoverage.covered(CONTRACT, 1, 4, SupportHours.ALWAYS, ABIDJAN),
                            OPENED_AT.plusSeconds(4 * 3600), OPENED_AT));
        }

        /** Friday 19:00 + 24 business hours = Monday (10), Tuesday (10), Wednesday 08-12 (4). */
        @Test
        void ticket_opened_after_hours_starts_its_sla_at_the_next_opening() {
            Instant fridayEvening = Instant.parse("2026-03-13T19:00:00Z");
            clock.at(fridayEvening);
            warranty(CONTRACT, ACME, ACME_SHOP, true);

            fixture.givenNoPriorActivity()
                    .when(open(CONTRACT, ACME_USER))
                    .expectEvents(opened(covered(), Instant.parse("2026-03-18T12:00:00Z"), fridayEvening));
        }
    }

    @Nested
    class Refusals {

        @Test
        void unknown_contract_is_not_found() {
            fixture.givenNoPriorActivity()
                    .when(open(ContractId.of("contract-unknown"), PROJECT_LEAD))
                    .expectException(hasCode(ErrorCode.CONTRACT_NOT_FOUND))
                    .expectNoEvents();
        }

        @Test
        void id_of_another_kind_of_aggregate_is_not_a_contract() {
            aggregates.add("ticket-9", AggregateRegistry.Kind.TICKET);

            fixture.givenNoPriorActivity()
                    .when(open(ContractId.of("ticket-9"), PROJECT_LEAD))
                    .expectException(hasCode(ErrorCode.CONTRACT_NOT_FOUND))
                    .expectNoEvents();
        }

        @Test
        void client_user_naming_another_clients_contract_is_told_it_does_not_exist() {
            warranty(GLOBEX_CONTRACT, GLOBEX, GLOBEX_ERP, true);

            fixture.givenNoPriorActivity()
                    .when(open(GLOBEX_CONTRACT, ACME_USER))
                    .expectException(hasCode(ErrorCode.CONTRACT_NOT_FOUND))
                    .expectNoEvents();
        }

        @Test
        void contract_of_another_project_does_not_cover_the_ticket() {
            warranty(GLOBEX_CONTRACT, GLOBEX, GLOBEX_ERP, true);

            fixture.givenNoPriorActivity()
                    .when(open(GLOBEX_CONTRACT, PROJECT_LEAD))
                    .expectException(hasCode(ErrorCode.CONTRACT_NOT_OF_PROJECT))
                    .expectNoEvents();
        }

        @Test
        void client_user_of_another_client_is_told_the_project_does_not_exist() {
            fixture.givenNoPriorActivity()
                    .when(open(null, GLOBEX_USER))
                    .expectException(hasCode(ErrorCode.PROJECT_NOT_FOUND))
                    .expectNoEvents();
        }

        @Test
        void unknown_project_is_not_found() {
            fixture.givenNoPriorActivity()
                    .when(new OpenTicket(TICKET, ProjectId.of("project-unknown"), null, "Panne", "Tout est cassé",
                            Severity.CRITICAL, Origin.INTERNAL, PROJECT_LEAD))
                    .expectException(hasCode(ErrorCode.PROJECT_NOT_FOUND))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = " ")
        void ticket_needs_a_title(String title) {
            fixture.givenNoPriorActivity()
                    .when(new OpenTicket(TICKET, ACME_SHOP, null, title, "Erreur 500", Severity.MAJOR, Origin.CLIENT,
                            ACME_USER))
                    .expectException(hasCode(ErrorCode.VALIDATION_FAILED))
                    .expectNoEvents();
            assertThat(numbers.requestedScopes()).isEmpty();
        }

        @Test
        void title_is_at_most_200_characters() {
            fixture.givenNoPriorActivity()
                    .when(new OpenTicket(TICKET, ACME_SHOP, null, "x".repeat(201), "Erreur 500", Severity.MAJOR,
                            Origin.CLIENT, ACME_USER))
                    .expectException(hasCode(ErrorCode.VALIDATION_FAILED))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @NullAndEmptySource
        void ticket_needs_a_description(String description) {
            fixture.givenNoPriorActivity()
                    .when(new OpenTicket(TICKET, ACME_SHOP, null, "Erreur paiement", description, Severity.MAJOR,
                            Origin.CLIENT, ACME_USER))
                    .expectException(hasCode(ErrorCode.VALIDATION_FAILED))
                    .expectNoEvents();
        }

        @Test
        void ticket_needs_a_severity() {
            fixture.givenNoPriorActivity()
                    .when(new OpenTicket(TICKET, ACME_SHOP, null, "Erreur paiement", "Erreur 500", null,
                            Origin.CLIENT, ACME_USER))
                    .expectException(hasCode(ErrorCode.VALIDATION_FAILED))
                    .expectNoEvents();
        }

        @Test
        void ticket_needs_an_origin() {
            fixture.givenNoPriorActivity()
                    .when(new OpenTicket(TICKET, ACME_SHOP, null, "Erreur paiement", "Erreur 500", Severity.MAJOR,
                            null, ACME_USER))
                    .expectException(hasCode(ErrorCode.VALIDATION_FAILED))
                    .expectNoEvents();
        }
    }

    @Test
    void ticket_number_is_the_next_value_of_the_ticket_counter() {
        numbers.continuingAt("ticket", 7);

        fixture.givenNoPriorActivity()
                .when(open(null, ACME_USER))
                .expectResultMessagePayload("MAINT-00007")
                .expectEvents(new TicketOpened(TICKET, "MAINT-00007", ACME, ACME_SHOP, "Erreur paiement CB",
                        "Les utilisateurs reçoivent une erreur 500", Severity.MAJOR, Origin.CLIENT,
                        TicketCoverage.noContract(), null, ACME_USER, OPENED_AT));
    }
}
