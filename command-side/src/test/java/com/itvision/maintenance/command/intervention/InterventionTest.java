package com.itvision.maintenance.command.intervention;

import static com.itvision.maintenance.command.support.DomainExceptionMatchers.hasCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import com.itvision.maintenance.command.support.TestClock;
import com.itvision.maintenance.command.billet.Billet;
import com.itvision.maintenance.command.ticket.Ticket;
import com.itvision.maintenance.kernel.billet.BilletEvent.BilletIssued;
import com.itvision.maintenance.kernel.billet.InterventionType;
import com.itvision.maintenance.kernel.common.ProjectId;
import com.itvision.maintenance.kernel.contract.ContractCommands.ConsumeInterventionQuota;
import com.itvision.maintenance.kernel.contract.ContractCommands.QuotaDecision;
import com.itvision.maintenance.kernel.contract.SupportHours;
import com.itvision.maintenance.kernel.intervention.InterventionCommands.RecordIntervention;
import com.itvision.maintenance.kernel.ticket.Origin;
import com.itvision.maintenance.kernel.ticket.Severity;
import com.itvision.maintenance.kernel.ticket.TicketCommands.RecordResponse;
import com.itvision.maintenance.kernel.ticket.TicketCoverage;
import com.itvision.maintenance.kernel.ticket.TicketEvent.TicketAssigned;
import com.itvision.maintenance.kernel.ticket.TicketEvent.TicketOpened;
import java.time.ZoneId;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.ParameterResolver;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.modelling.command.Repository;
import com.itvision.maintenance.kernel.billet.BilletCommands.CompleteBillet;
import com.itvision.maintenance.kernel.common.Actor;
import com.itvision.maintenance.kernel.common.BilletId;
import com.itvision.maintenance.kernel.common.ClientId;
import com.itvision.maintenance.kernel.common.ContractId;
import com.itvision.maintenance.kernel.common.ErrorCode;
import com.itvision.maintenance.kernel.common.InterventionId;
import com.itvision.maintenance.kernel.common.Role;
import com.itvision.maintenance.kernel.common.TicketId;
import com.itvision.maintenance.kernel.common.UserId;
import com.itvision.maintenance.kernel.contract.ContractCommands.RefundInterventionQuota;
import com.itvision.maintenance.kernel.intervention.InterventionCommands.CancelIntervention;
import com.itvision.maintenance.kernel.intervention.InterventionCommands.CorrectIntervention;
import com.itvision.maintenance.kernel.intervention.InterventionCommands.RejectTechnicalReport;
import com.itvision.maintenance.kernel.intervention.InterventionCommands.ValidateTechnicalReport;
import com.itvision.maintenance.kernel.intervention.InterventionCommands.WriteTechnicalReport;
import com.itvision.maintenance.kernel.intervention.InterventionEvent.InterventionCancelled;
import com.itvision.maintenance.kernel.intervention.InterventionEvent.InterventionCorrected;
import com.itvision.maintenance.kernel.intervention.InterventionEvent.InterventionRecorded;
import com.itvision.maintenance.kernel.intervention.InterventionEvent.TechnicalReportRejected;
import com.itvision.maintenance.kernel.intervention.InterventionEvent.TechnicalReportValidated;
import com.itvision.maintenance.kernel.intervention.InterventionEvent.TechnicalReportWritten;
import com.itvision.maintenance.kernel.intervention.TechnicalReport;
import com.itvision.maintenance.kernel.ticket.TicketCommands.ResolveTicket;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Intervention aggregate and its technical report (seed 001 StatutTechnique). Recording, validating
 * and cancelling are decided by {@link InterventionWorkflow}: the fixture runs the real workflow on its
 * repository, the billet and the ticket it reads are real aggregates sourced from an in-memory event
 * store, the technicians' schedule is an in-memory lookup, and the commands the workflow sends to other
 * aggregates (consume or refund the quota, answer the SLA, complete the billet, resolve the ticket) are
 * answered by stubs that record them. "Now" is Tuesday 2026-03-10 09:00 UTC.
 */
class InterventionTest {
    static final InterventionId INTERVENTION = InterventionId.of("intervention-1");
    static final BilletId BILLET = BilletId.of("billet-1");
    static final TicketId TICKET = TicketId.of("ticket-1");
    static final ContractId CONTRACT = ContractId.of("contract-1");
    static final ClientId ACME = ClientId.of("client-acme");
    static final ClientId GLOBEX = ClientId.of("client-globex");
    static final UserId JEAN = UserId.of("tech-jean");
    static final Instant NOW = TestClock.DEFAULT_NOW;
    static final Instant STARTED = Instant.parse("2026-03-09T14:00:00Z");
    static final Instant ENDED = Instant.parse("2026-03-09T15:30:00Z");

    static final Actor ADMIN = Actor.of("admin-1", Role.ADMIN);
    static final Actor PROJECT_LEAD = Actor.of("lead-1", Role.PROJECT_LEAD);
    static final Actor OTHER_LEAD = Actor.of("lead-2", Role.PROJECT_LEAD);
    /** The technician who intervened. */
    static final Actor TECHNICIAN = new Actor(JEAN, Set.of(Role.TECHNICIAN), null);
    static final Actor OTHER_TECHNICIAN = Actor.of("tech-kouame", Role.TECHNICIAN);
    static final Actor ACME_USER = Actor.client("acme-user", ACME);
    static final Actor GLOBEX_USER = Actor.client("globex-user", GLOBEX);

    /** Seed 001's example StatutTechnique. */
    static final TechnicalReport REPORT = new TechnicalReport("Erreur 500 lors du paiement par CB",
            "Clé API Stripe expirée (rotation automatique non configurée)",
            "Mise à jour manuelle de la clé API + configuration alerte",
            "Module paiement uniquement, pas d'impact sur autres modules",
            "Risque de récurrence si pas d'automatisation",
            "Automatiser la rotation des clés API");

    private final TestClock clock = new TestClock();
    private final InMemoryTechnicianSchedule schedule = new InMemoryTechnicianSchedule();
    /** The billet and ticket the recorded intervention works under, as events (see {@link #givenBilletAndTicket}). */
    private final EmbeddedEventStore chain = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();
    /** What the workflow sent to the billet, the ticket and the contract. */
    private final List<Object> sent = new ArrayList<>();
    private FixtureConfiguration<Intervention> fixture;

    /**
     * Only the sourcing handlers of billets and tickets run here (recording reads their state): the
     * resources their command handlers take are never asked for.
     */
    private static final ParameterResolverFactory NOT_USED_HERE = (executable, parameters, index) -> index == 0 ? null
            : new ParameterResolver<Object>() {
                @Override
                public Object resolveParameterValue(Message<?> message) {
                    throw new IllegalStateException("a command handler of " + executable + " ran");
                }

                @Override
                public boolean matches(Message<?> message) {
                    return true;
                }
            };

    private static <T> Repository<T> sourcedFrom(EmbeddedEventStore events, Class<T> type) {
        return EventSourcingRepository.builder(type).eventStore(events)
                .parameterResolverFactory(new MultiParameterResolverFactory(
                        ClasspathParameterResolverFactory.forClass(type), NOT_USED_HERE))
                .build();
    }

    @BeforeEach
    void newFixture() {
        AggregateTestFixture<Intervention> interventions = new AggregateTestFixture<>(Intervention.class);
        interventions.registerInjectableResource(clock).registerInjectableResource(schedule);
        CommandGateway gateway = DefaultCommandGateway.builder().commandBus(interventions.getCommandBus()).build();
        fixture = interventions
                .registerAnnotatedCommandHandler(new InterventionWorkflow(interventions.getRepository(),
                        sourcedFrom(chain, Billet.class), sourcedFrom(chain, Ticket.class), gateway, schedule, clock))
                .registerCommandHandler(CompleteBillet.class, message -> sent.add(message.getPayload()))
                .registerCommandHandler(ResolveTicket.class, message -> sent.add(message.getPayload()))
                .registerCommandHandler(RefundInterventionQuota.class, message -> sent.add(message.getPayload()))
                .registerCommandHandler(ConsumeInterventionQuota.class, message -> {
                    sent.add(message.getPayload());
                    return new QuotaDecision(true, null, 0, 1, 4, 1);
                })
                .registerCommandHandler(RecordResponse.class, message -> sent.add(message.getPayload()));
    }

    /** Jean's ACTIVE billet (2.5 h estimated) on ACME's covered ticket, opened on 2026-03-09 at 08:00. */
    private void givenBilletAndTicket() {
        Instant opened = Instant.parse("2026-03-09T08:00:00Z");
        chain.publish(List.of(
                new GenericDomainEventMessage<>("Ticket", TICKET.value(), 0, new TicketOpened(TICKET, "MAINT-00001",
                        ACME, ProjectId.of("project-acme-shop"), "Erreur paiement CB", "Erreur 500", Severity.MAJOR,
                        Origin.CLIENT, TicketCoverage.covered(CONTRACT, 1, 24, SupportHours.BUSINESS_HOURS,
                        ZoneId.of("Africa/Abidjan")), null, ACME_USER, opened)),
                new GenericDomainEventMessage<>("Ticket", TICKET.value(), 1, new TicketAssigned(TICKET, BILLET, JEAN,
                        PROJECT_LEAD, opened.plusSeconds(600))),
                new GenericDomainEventMessage<>("Billet", BILLET.value(), 0, new BilletIssued(BILLET, "BILLET-00001",
                        TICKET, ACME, JEAN, InterventionType.CORRECTION, new BigDecimal("2.50"), null, PROJECT_LEAD,
                        opened.plusSeconds(600)))));
    }

    // -- history --

    /** Covered by the contract, one unit of its quota consumed. */
    static InterventionRecorded recorded() {
        return recorded(true);
    }

    static InterventionRecorded recorded(boolean quotaConsumed) {
        return new InterventionRecorded(INTERVENTION, BILLET, TICKET, ACME, JEAN,
                "Analyse des logs Stripe, mise à jour de la clé", STARTED, ENDED, new BigDecimal("1.50"),
                "Mise à jour API_KEY", "config/payment.py", quotaConsumed, quotaConsumed ? null : "QUOTA_EXHAUSTED",
                CONTRACT, quotaConsumed, null, TECHNICIAN, ENDED.plusSeconds(600));
    }

    static TechnicalReportWritten written(int version, Actor author) {
        return new TechnicalReportWritten(INTERVENTION, version, REPORT, author, NOW.minusSeconds(600));
    }

    static TechnicalReportRejected rejected(int version) {
        return new TechnicalReportRejected(INTERVENTION, version, "Cause racine trop vague", PROJECT_LEAD,
                NOW.minusSeconds(300));
    }

    static TechnicalReportValidated validated(int version) {
        return new TechnicalReportValidated(INTERVENTION, TICKET, BILLET, version, PROJECT_LEAD, NOW.minusSeconds(60));
    }

    static InterventionCancelled cancelled() {
        return new InterventionCancelled(INTERVENTION, TICKET, "Enregistrée deux fois", true, ADMIN,
                NOW.minusSeconds(60));
    }


    /** Seed 001: nobody intervenes without an ACTIVE billet, and a technician is in one place at a time. */
    @Nested
    class Recording {
        private static final Instant TWO_PM = Instant.parse("2026-03-09T14:00:00Z");
        private static final Instant FOUR_PM = Instant.parse("2026-03-09T16:00:00Z");

        @BeforeEach
        void billetAndTicket() {
            givenBilletAndTicket();
        }

        private RecordIntervention recording(Instant start, Instant end, String hours) {
            return new RecordIntervention(BILLET, INTERVENTION, "Analyse des logs Stripe ", start, end,
                    new BigDecimal(hours), "Mise à jour API_KEY", "config/payment.py", TECHNICIAN);
        }

        private InterventionRecorded recordedAs(Instant start, Instant end, String hours) {
            return new InterventionRecorded(INTERVENTION, BILLET, TICKET, ACME, JEAN, "Analyse des logs Stripe", start,
                    end, new BigDecimal(hours), "Mise à jour API_KEY", "config/payment.py", true, null, CONTRACT, true,
                    null, TECHNICIAN, NOW);
        }

        @Test
        void technician_records_the_two_hours_spent_between_two_and_four() {
            fixture.givenNoPriorActivity()
                    .when(recording(TWO_PM, FOUR_PM, "2"))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(recordedAs(TWO_PM, FOUR_PM, "2.00"));
            assertThat(sent).containsExactly(new ConsumeInterventionQuota(CONTRACT, INTERVENTION.value(), TECHNICIAN),
                    new RecordResponse(TICKET, INTERVENTION, TWO_PM, TECHNICIAN));
        }

        @Test
        void hours_spent_may_be_the_interval_rounded_up_to_the_hundredth() {
            Instant end = TWO_PM.plus(Duration.ofMinutes(89)); // 1 h 29 min = 1.4833 h

            fixture.givenNoPriorActivity()
                    .when(recording(TWO_PM, end, "1.49"))
                    .expectEvents(recordedAs(TWO_PM, end, "1.49"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"2.01", "3", "24"})
        void hours_spent_beyond_the_interval_they_were_spent_in_are_refused(String hours) {
            fixture.givenNoPriorActivity()
                    .when(recording(TWO_PM, FOUR_PM, hours))
                    .expectException(hasCode(ErrorCode.INVALID_HOURS))
                    .expectExceptionMessage(containsString("cannot exceed the 2.00 h between startedAt and endedAt"))
                    .expectNoEvents();
            assertThat(sent).as("no quota consumed for a refused recording").isEmpty();
        }

        @Test
        void hours_with_more_than_two_decimals_are_refused_rather_than_rounded() {
            fixture.givenNoPriorActivity()
                    .when(recording(TWO_PM, FOUR_PM, "0.001"))
                    .expectException(hasCode(ErrorCode.INVALID_HOURS))
                    .expectNoEvents();
        }

        static Stream<Instant[]> overlappingIntervals() {
            return Stream.of(
                    new Instant[] {Instant.parse("2026-03-09T13:00:00Z"), Instant.parse("2026-03-09T14:01:00Z")},
                    new Instant[] {Instant.parse("2026-03-09T15:59:00Z"), Instant.parse("2026-03-09T17:00:00Z")},
                    new Instant[] {Instant.parse("2026-03-09T14:30:00Z"), Instant.parse("2026-03-09T15:00:00Z")},
                    new Instant[] {Instant.parse("2026-03-09T12:00:00Z"), Instant.parse("2026-03-09T18:00:00Z")},
                    new Instant[] {TWO_PM, FOUR_PM});
        }

        @ParameterizedTest
        @MethodSource("overlappingIntervals")
        void interval_overlapping_another_intervention_of_the_technician_is_refused(Instant start, Instant end) {
            schedule.with(JEAN, InterventionId.of("intervention-0"), TWO_PM, FOUR_PM);

            fixture.givenNoPriorActivity()
                    .when(recording(start, end, "0.5"))
                    .expectException(hasCode(ErrorCode.INTERVENTION_OVERLAP))
                    .expectExceptionMessage(containsString("intervention-0"))
                    .expectNoEvents();
        }

        @Test
        void interval_touching_the_technicians_other_interventions_is_accepted() {
            Instant sixPm = Instant.parse("2026-03-09T18:00:00Z");
            schedule.with(JEAN, InterventionId.of("before"), TWO_PM.minus(Duration.ofHours(2)), TWO_PM)
                    .with(JEAN, InterventionId.of("after"), FOUR_PM, sixPm);

            fixture.givenNoPriorActivity()
                    .when(recording(TWO_PM, FOUR_PM, "2"))
                    .expectEvents(recordedAs(TWO_PM, FOUR_PM, "2.00"));
        }

        @Test
        void another_technician_intervening_at_the_same_time_is_no_overlap() {
            schedule.with(UserId.of("tech-kouame"), InterventionId.of("intervention-0"), TWO_PM, FOUR_PM);

            fixture.givenNoPriorActivity()
                    .when(recording(TWO_PM, FOUR_PM, "2"))
                    .expectEvents(recordedAs(TWO_PM, FOUR_PM, "2.00"));
        }
    }

    @Nested
    class Correcting {

        private CorrectIntervention correction(Instant start, Instant end, String hours, Actor actor) {
            return new CorrectIntervention(INTERVENTION, start, end, hours == null ? null : new BigDecimal(hours),
                    "Heure de fin mal saisie", actor, null);
        }

        @Test
        void admin_corrects_times_and_hours_with_a_reason() {
            Instant end = Instant.parse("2026-03-09T16:00:00Z");

            fixture.given(recorded())
                    .when(new CorrectIntervention(INTERVENTION, STARTED, end, new BigDecimal("2"),
                            "  Heure de fin mal saisie ", ADMIN, null))
                    .expectEvents(new InterventionCorrected(INTERVENTION, STARTED, end, new BigDecimal("2.00"),
                            "Heure de fin mal saisie", ADMIN, NOW));
        }

        @Test
        void correction_may_end_up_to_five_minutes_ahead_of_the_clock() {
            fixture.given(recorded())
                    .when(correction(STARTED, NOW.plusSeconds(300), "3", ADMIN))
                    .expectSuccessfulHandlerExecution();
        }

        @ParameterizedTest
        @EnumSource(value = Role.class, names = {"PROJECT_LEAD", "TECHNICIAN", "SALES"})
        void only_an_admin_corrects(Role role) {
            fixture.given(recorded())
                    .when(correction(STARTED, ENDED, "1.5", Actor.of("someone", role)))
                    .expectException(hasCode(ErrorCode.ROLE_NOT_ALLOWED))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = " ")
        void correcting_needs_a_reason(String reason) {
            fixture.given(recorded())
                    .when(new CorrectIntervention(INTERVENTION, STARTED, ENDED, BigDecimal.ONE, reason, ADMIN, null))
                    .expectException(hasCode(ErrorCode.REASON_REQUIRED))
                    .expectNoEvents();
        }

        @Test
        void end_equal_to_the_start_is_refused() {
            fixture.given(recorded())
                    .when(correction(STARTED, STARTED, "1", ADMIN))
                    .expectException(hasCode(ErrorCode.INVALID_TIMES))
                    .expectNoEvents();
        }

        @Test
        void end_before_the_start_is_refused() {
            fixture.given(recorded())
                    .when(correction(ENDED, STARTED, "1", ADMIN))
                    .expectException(hasCode(ErrorCode.INVALID_TIMES))
                    .expectNoEvents();
        }

        @Test
        void missing_times_are_refused() {
            fixture.given(recorded())
                    .when(correction(null, ENDED, "1", ADMIN))
                    .expectException(hasCode(ErrorCode.INVALID_TIMES))
                    .expectNoEvents();
        }

        @Test
        void intervention_cannot_end_in_the_future() {
            fixture.given(recorded())
                    .when(correction(STARTED, NOW.plusSeconds(301), "1", ADMIN))
                    .expectException(hasCode(ErrorCode.INVALID_TIMES))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "-1", "1000.5"})
        void hours_spent_must_be_positive_and_at_most_1000(String hours) {
            fixture.given(recorded())
                    .when(correction(STARTED, ENDED, hours, ADMIN))
                    .expectException(hasCode(ErrorCode.INVALID_HOURS))
                    .expectNoEvents();
        }

        @Test
        void hours_spent_are_required() {
            fixture.given(recorded())
                    .when(correction(STARTED, ENDED, null, ADMIN))
                    .expectException(hasCode(ErrorCode.INVALID_HOURS))
                    .expectNoEvents();
        }

        /**
         * Found by the malformed-request corpus: the milliseconds between startedAt
         * -1000000000-01-01T00:00:00Z and now overflowed a long (500); the rounding up to the hundredth stays.
         */
        @Test
        void the_interval_of_far_apart_instants_is_computed_without_overflow() {
            // two billion years, about 1.75E13 hours
            assertThat(Intervention.hoursBetween(Instant.MIN, Instant.MAX)).isBetween(new BigDecimal("1.7E13"),
                    new BigDecimal("1.8E13"));
            assertThat(Intervention.hoursBetween(STARTED, STARTED.plusSeconds(89 * 60 + 1))).isEqualByComparingTo("1.49");
            assertThat(Intervention.hoursBetween(STARTED, STARTED.plusSeconds(3600))).isEqualByComparingTo("1.00");
        }

        @Test
        void correction_with_more_hours_than_its_interval_is_refused() {
            fixture.given(recorded())
                    .when(correction(STARTED, ENDED, "1.51", ADMIN))
                    .expectException(hasCode(ErrorCode.INVALID_HOURS))
                    .expectExceptionMessage(containsString("cannot exceed the 1.50 h between startedAt and endedAt"))
                    .expectNoEvents();
        }

        @Test
        void correction_keeping_its_own_interval_does_not_overlap_itself() {
            schedule.with(JEAN, INTERVENTION, STARTED, ENDED);

            fixture.given(recorded())
                    .when(correction(STARTED, ENDED, "1", ADMIN))
                    .expectEvents(new InterventionCorrected(INTERVENTION, STARTED, ENDED, new BigDecimal("1.00"),
                            "Heure de fin mal saisie", ADMIN, NOW));
        }

        @Test
        void correction_moving_into_another_intervention_of_the_technician_is_refused() {
            schedule.with(JEAN, INTERVENTION, STARTED, ENDED)
                    .with(JEAN, InterventionId.of("intervention-2"), ENDED, ENDED.plus(Duration.ofHours(1)));

            fixture.given(recorded())
                    .when(correction(STARTED, ENDED.plus(Duration.ofMinutes(30)), "2", ADMIN))
                    .expectException(hasCode(ErrorCode.INTERVENTION_OVERLAP))
                    .expectExceptionMessage(containsString("intervention-2"))
                    .expectNoEvents();
        }

        @Test
        void correction_ending_when_the_next_intervention_starts_is_accepted() {
            schedule.with(JEAN, InterventionId.of("intervention-2"), ENDED.plus(Duration.ofMinutes(30)),
                    ENDED.plus(Duration.ofHours(2)));

            fixture.given(recorded())
                    .when(correction(STARTED, ENDED.plus(Duration.ofMinutes(30)), "2", ADMIN))
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void cancelled_intervention_is_not_corrected() {
            fixture.given(recorded(), cancelled())
                    .when(correction(STARTED, ENDED, "1", ADMIN))
                    .expectException(hasCode(ErrorCode.INTERVENTION_CANCELLED))
                    .expectNoEvents();
        }
    }

    @Nested
    class WritingTheReport {

        @Test
        void technician_who_intervened_writes_version_1() {
            fixture.given(recorded())
                    .when(new WriteTechnicalReport(INTERVENTION, REPORT, TECHNICIAN, null))
                    .expectEvents(new TechnicalReportWritten(INTERVENTION, 1, REPORT, TECHNICIAN, NOW));
        }

        @Test
        void report_is_stored_trimmed_and_blank_optional_parts_are_dropped() {
            TechnicalReport untidy = new TechnicalReport(" Erreur 500 ", "\tClé expirée ", " Nouvelle clé",
                    "Paiement ", "  ", null);

            fixture.given(recorded())
                    .when(new WriteTechnicalReport(INTERVENTION, untidy, TECHNICIAN, null))
                    .expectEvents(new TechnicalReportWritten(INTERVENTION, 1,
                            new TechnicalReport("Erreur 500", "Clé expirée", "Nouvelle clé", "Paiement", null, null),
                            TECHNICIAN, NOW));
        }

        @Test
        void project_lead_writes_the_report() {
            fixture.given(recorded())
                    .when(new WriteTechnicalReport(INTERVENTION, REPORT, PROJECT_LEAD, null))
                    .expectEvents(new TechnicalReportWritten(INTERVENTION, 1, REPORT, PROJECT_LEAD, NOW));
        }

        @Test
        void admin_revises_the_report_as_version_2() {
            fixture.given(recorded(), written(1, TECHNICIAN))
                    .when(new WriteTechnicalReport(INTERVENTION, REPORT, ADMIN, null))
                    .expectEvents(new TechnicalReportWritten(INTERVENTION, 2, REPORT, ADMIN, NOW));
        }

        @Test
        void rejected_report_is_revised_as_the_next_version() {
            fixture.given(recorded(), written(1, TECHNICIAN), written(2, TECHNICIAN), rejected(2))
                    .when(new WriteTechnicalReport(INTERVENTION, REPORT, TECHNICIAN, null))
                    .expectEvents(new TechnicalReportWritten(INTERVENTION, 3, REPORT, TECHNICIAN, NOW));
        }

        @Test
        void another_technician_may_not_write_the_report() {
            fixture.given(recorded())
                    .when(new WriteTechnicalReport(INTERVENTION, REPORT, OTHER_TECHNICIAN, null))
                    .expectException(hasCode(ErrorCode.ROLE_NOT_ALLOWED))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @EnumSource(value = Role.class, names = {"SALES", "MANAGER", "AUDITOR"})
        void other_staff_may_not_write_the_report(Role role) {
            fixture.given(recorded())
                    .when(new WriteTechnicalReport(INTERVENTION, REPORT, Actor.of("someone", role), null))
                    .expectException(hasCode(ErrorCode.ROLE_NOT_ALLOWED))
                    .expectNoEvents();
        }

        @Test
        void clients_own_user_may_not_write_the_report() {
            fixture.given(recorded())
                    .when(new WriteTechnicalReport(INTERVENTION, REPORT, ACME_USER, null))
                    .expectException(hasCode(ErrorCode.ROLE_NOT_ALLOWED))
                    .expectNoEvents();
        }

        @Test
        void another_clients_user_is_told_the_intervention_does_not_exist() {
            fixture.given(recorded())
                    .when(new WriteTechnicalReport(INTERVENTION, REPORT, GLOBEX_USER, null))
                    .expectException(hasCode(ErrorCode.INTERVENTION_NOT_FOUND))
                    .expectNoEvents();
        }

        static Stream<TechnicalReport> incompleteReports() {
            TechnicalReport r = REPORT;
            return Stream.of(
                    new TechnicalReport(null, r.rootCause(), r.solution(), r.systemImpact(), null, null),
                    new TechnicalReport(" ", r.rootCause(), r.solution(), r.systemImpact(), null, null),
                    new TechnicalReport(r.initialProblem(), null, r.solution(), r.systemImpact(), null, null),
                    new TechnicalReport(r.initialProblem(), "", r.solution(), r.systemImpact(), null, null),
                    new TechnicalReport(r.initialProblem(), r.rootCause(), null, r.systemImpact(), null, null),
                    new TechnicalReport(r.initialProblem(), r.rootCause(), "\n", r.systemImpact(), null, null),
                    new TechnicalReport(r.initialProblem(), r.rootCause(), r.solution(), null, null, null),
                    new TechnicalReport(r.initialProblem(), r.rootCause(), r.solution(), "  ", null, null),
                    null);
        }

        @ParameterizedTest
        @MethodSource("incompleteReports")
        void report_needs_problem_root_cause_solution_and_impact(TechnicalReport report) {
            fixture.given(recorded())
                    .when(new WriteTechnicalReport(INTERVENTION, report, TECHNICIAN, null))
                    .expectException(hasCode(ErrorCode.REPORT_INCOMPLETE))
                    .expectNoEvents();
        }

        @Test
        void validated_report_can_no_longer_be_revised() {
            fixture.given(recorded(), written(1, TECHNICIAN), validated(1))
                    .when(new WriteTechnicalReport(INTERVENTION, REPORT, ADMIN, null))
                    .expectException(hasCode(ErrorCode.REPORT_ALREADY_VALIDATED))
                    .expectNoEvents();
        }

        @Test
        void report_of_a_cancelled_intervention_is_not_written() {
            fixture.given(recorded(), cancelled())
                    .when(new WriteTechnicalReport(INTERVENTION, REPORT, TECHNICIAN, null))
                    .expectException(hasCode(ErrorCode.INTERVENTION_CANCELLED))
                    .expectNoEvents();
        }
    }

    @Nested
    class RejectingTheReport {

        @Test
        void project_lead_rejects_the_current_version_with_a_reason() {
            fixture.given(recorded(), written(1, TECHNICIAN), written(2, TECHNICIAN))
                    .when(new RejectTechnicalReport(INTERVENTION, " Cause racine trop vague ", PROJECT_LEAD, null))
                    .expectEvents(new TechnicalReportRejected(INTERVENTION, 2, "Cause racine trop vague",
                            PROJECT_LEAD, NOW));
        }

        @Test
        void admin_rejects_the_report() {
            fixture.given(recorded(), written(1, TECHNICIAN))
                    .when(new RejectTechnicalReport(INTERVENTION, "Impact non décrit", ADMIN, null))
                    .expectEvents(new TechnicalReportRejected(INTERVENTION, 1, "Impact non décrit", ADMIN, NOW));
        }

        @ParameterizedTest
        @EnumSource(value = Role.class, names = {"TECHNICIAN", "SALES", "MANAGER"})
        void only_project_lead_or_admin_rejects(Role role) {
            fixture.given(recorded(), written(1, TECHNICIAN))
                    .when(new RejectTechnicalReport(INTERVENTION, "Non", Actor.of("someone", role), null))
                    .expectException(hasCode(ErrorCode.ROLE_NOT_ALLOWED))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = "   ")
        void rejecting_needs_a_reason(String reason) {
            fixture.given(recorded(), written(1, TECHNICIAN))
                    .when(new RejectTechnicalReport(INTERVENTION, reason, PROJECT_LEAD, null))
                    .expectException(hasCode(ErrorCode.REASON_REQUIRED))
                    .expectNoEvents();
        }

        @Test
        void there_is_nothing_to_reject_before_a_report_is_written() {
            fixture.given(recorded())
                    .when(new RejectTechnicalReport(INTERVENTION, "Où est le rapport ?", PROJECT_LEAD, null))
                    .expectException(hasCode(ErrorCode.REPORT_MISSING))
                    .expectNoEvents();
        }

        @Test
        void rejected_version_is_not_rejected_twice() {
            fixture.given(recorded(), written(1, TECHNICIAN), rejected(1))
                    .when(new RejectTechnicalReport(INTERVENTION, "Toujours pas", ADMIN, null))
                    .expectException(hasCode(ErrorCode.REPORT_REVISION_REQUIRED))
                    .expectNoEvents();
        }

        @Test
        void validated_report_is_not_rejected() {
            fixture.given(recorded(), written(1, TECHNICIAN), validated(1))
                    .when(new RejectTechnicalReport(INTERVENTION, "Après coup", ADMIN, null))
                    .expectException(hasCode(ErrorCode.REPORT_ALREADY_VALIDATED))
                    .expectNoEvents();
        }

        @Test
        void report_of_a_cancelled_intervention_is_not_rejected() {
            fixture.given(recorded(), written(1, TECHNICIAN), cancelled())
                    .when(new RejectTechnicalReport(INTERVENTION, "Annulée", ADMIN, null))
                    .expectException(hasCode(ErrorCode.INTERVENTION_CANCELLED))
                    .expectNoEvents();
        }

        @Test
        void another_clients_user_is_told_the_intervention_does_not_exist() {
            fixture.given(recorded(), written(1, TECHNICIAN))
                    .when(new RejectTechnicalReport(INTERVENTION, "Non", GLOBEX_USER, null))
                    .expectException(hasCode(ErrorCode.INTERVENTION_NOT_FOUND))
                    .expectNoEvents();
        }
    }

    /** Seed 001 {@code valider}: four eyes, then the billet is completed and the ticket resolved. */
    @Nested
    class ValidatingTheReport {

        private ValidateTechnicalReport validation(Actor actor) {
            return new ValidateTechnicalReport(INTERVENTION, actor, null);
        }

        @Test
        void project_lead_who_wrote_nothing_validates_and_the_billet_completes_and_the_ticket_resolves() {
            fixture.given(recorded(), written(1, TECHNICIAN))
                    .when(validation(PROJECT_LEAD))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new TechnicalReportValidated(INTERVENTION, TICKET, BILLET, 1, PROJECT_LEAD, NOW));
            assertThat(sent).containsExactly(new CompleteBillet(BILLET, INTERVENTION, PROJECT_LEAD),
                    new ResolveTicket(TICKET, INTERVENTION, BILLET, PROJECT_LEAD));
        }

        @Test
        void admin_validates_the_revision_of_a_rejected_report() {
            fixture.given(recorded(), written(1, TECHNICIAN), rejected(1), written(2, TECHNICIAN))
                    .when(validation(ADMIN))
                    .expectEvents(new TechnicalReportValidated(INTERVENTION, TICKET, BILLET, 2, ADMIN, NOW));
            assertThat(sent).hasSize(2);
        }

        @Test
        void author_of_the_current_version_may_not_validate_it() {
            fixture.given(recorded(), written(1, PROJECT_LEAD))
                    .when(validation(PROJECT_LEAD))
                    .expectException(hasCode(ErrorCode.FOUR_EYES_REQUIRED))
                    .expectNoEvents();
            assertThat(sent).isEmpty();
        }

        @Test
        void author_of_an_earlier_version_may_not_validate_a_later_one() {
            fixture.given(recorded(), written(1, PROJECT_LEAD), written(2, TECHNICIAN))
                    .when(validation(PROJECT_LEAD))
                    .expectException(hasCode(ErrorCode.FOUR_EYES_REQUIRED))
                    .expectNoEvents();
            assertThat(sent).isEmpty();
        }

        @Test
        void admin_who_revised_the_report_may_not_validate_it() {
            fixture.given(recorded(), written(1, TECHNICIAN), written(2, ADMIN), written(3, TECHNICIAN))
                    .when(validation(ADMIN))
                    .expectException(hasCode(ErrorCode.FOUR_EYES_REQUIRED))
                    .expectNoEvents();
        }

        @Test
        void another_project_lead_validates_what_a_project_lead_wrote() {
            fixture.given(recorded(), written(1, PROJECT_LEAD))
                    .when(validation(OTHER_LEAD))
                    .expectEvents(new TechnicalReportValidated(INTERVENTION, TICKET, BILLET, 1, OTHER_LEAD, NOW));
        }

        @Test
        void technician_may_not_validate_even_a_report_written_by_someone_else() {
            fixture.given(recorded(), written(1, PROJECT_LEAD))
                    .when(validation(TECHNICIAN))
                    .expectException(hasCode(ErrorCode.ROLE_NOT_ALLOWED))
                    .expectNoEvents();
            assertThat(sent).isEmpty();
        }

        @Test
        void clients_own_user_may_not_validate() {
            fixture.given(recorded(), written(1, TECHNICIAN))
                    .when(validation(ACME_USER))
                    .expectException(hasCode(ErrorCode.ROLE_NOT_ALLOWED))
                    .expectNoEvents();
        }

        @Test
        void there_is_nothing_to_validate_before_a_report_is_written() {
            fixture.given(recorded())
                    .when(validation(PROJECT_LEAD))
                    .expectException(hasCode(ErrorCode.REPORT_MISSING))
                    .expectNoEvents();
            assertThat(sent).isEmpty();
        }

        @Test
        void rejected_version_must_be_revised_before_validation() {
            fixture.given(recorded(), written(1, TECHNICIAN), rejected(1))
                    .when(validation(ADMIN))
                    .expectException(hasCode(ErrorCode.REPORT_REVISION_REQUIRED))
                    .expectNoEvents();
            assertThat(sent).isEmpty();
        }

        @Test
        void report_is_validated_once() {
            fixture.given(recorded(), written(1, TECHNICIAN), validated(1))
                    .when(validation(ADMIN))
                    .expectException(hasCode(ErrorCode.REPORT_ALREADY_VALIDATED))
                    .expectNoEvents();
            assertThat(sent).isEmpty();
        }

        @Test
        void report_of_a_cancelled_intervention_is_not_validated() {
            fixture.given(recorded(), written(1, TECHNICIAN), cancelled())
                    .when(validation(ADMIN))
                    .expectException(hasCode(ErrorCode.INTERVENTION_CANCELLED))
                    .expectNoEvents();
        }

        @Test
        void another_clients_user_is_told_the_intervention_does_not_exist() {
            fixture.given(recorded(), written(1, TECHNICIAN))
                    .when(validation(GLOBEX_USER))
                    .expectException(hasCode(ErrorCode.INTERVENTION_NOT_FOUND))
                    .expectNoEvents();
        }
    }

    @Nested
    class Cancelling {

        private CancelIntervention cancellation(String reason, Actor actor) {
            return new CancelIntervention(INTERVENTION, reason, actor, null);
        }

        @Test
        void admin_cancels_with_a_reason_and_the_event_says_the_consumed_quota_unit_is_refunded() {
            fixture.given(recorded(true))
                    .when(cancellation(" Enregistrée deux fois ", ADMIN))
                    .expectEvents(new InterventionCancelled(INTERVENTION, TICKET, "Enregistrée deux fois", true, ADMIN,
                            NOW));
        }

        /**
         * {@code cancel} applies InterventionCancelled, whose sourcing handler at once sets {@code quotaConsumed}
         * to false, and only then builds its result from {@code quotaConsumed}: {@code refundFrom} is always
         * null, so the workflow never sends the refund although the event claims {@code quotaRefunded=true}.
         */
        @Test
        void cancelling_a_covered_intervention_gives_its_quota_unit_back_to_the_contract() {
            fixture.given(recorded(true))
                    .when(cancellation("Enregistrée deux fois", ADMIN))
                    .expectSuccessfulHandlerExecution();
            assertThat(sent).containsExactly(new RefundInterventionQuota(CONTRACT, INTERVENTION.value(),
                    "Enregistrée deux fois", ADMIN));
        }

        @Test
        void cancelling_a_billable_intervention_refunds_nothing() {
            fixture.given(recorded(false))
                    .when(cancellation("N'a pas eu lieu", ADMIN))
                    .expectEvents(new InterventionCancelled(INTERVENTION, TICKET, "N'a pas eu lieu", false, ADMIN,
                            NOW));
            assertThat(sent).isEmpty();
        }

        @Test
        void intervention_with_a_report_not_yet_validated_may_be_cancelled() {
            fixture.given(recorded(), written(1, TECHNICIAN), rejected(1))
                    .when(cancellation("N'a pas eu lieu", ADMIN))
                    .expectEvents(new InterventionCancelled(INTERVENTION, TICKET, "N'a pas eu lieu", true, ADMIN,
                            NOW));
        }

        @ParameterizedTest
        @EnumSource(value = Role.class, names = {"PROJECT_LEAD", "TECHNICIAN", "SALES"})
        void only_an_admin_cancels(Role role) {
            fixture.given(recorded())
                    .when(cancellation("N'a pas eu lieu", Actor.of("someone", role)))
                    .expectException(hasCode(ErrorCode.ROLE_NOT_ALLOWED))
                    .expectNoEvents();
            assertThat(sent).isEmpty();
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = " ")
        void cancelling_needs_a_reason(String reason) {
            fixture.given(recorded())
                    .when(cancellation(reason, ADMIN))
                    .expectException(hasCode(ErrorCode.REASON_REQUIRED))
                    .expectNoEvents();
            assertThat(sent).isEmpty();
        }

        @Test
        void cancelled_intervention_is_not_cancelled_twice_nor_refunded_twice() {
            fixture.given(recorded(), cancelled())
                    .when(cancellation("Encore", ADMIN))
                    .expectException(hasCode(ErrorCode.INTERVENTION_CANCELLED))
                    .expectNoEvents();
            assertThat(sent).isEmpty();
        }

        @Test
        void intervention_whose_report_resolved_the_ticket_is_not_cancelled() {
            fixture.given(recorded(), written(1, TECHNICIAN), validated(1))
                    .when(cancellation("Erreur", ADMIN))
                    .expectException(hasCode(ErrorCode.REPORT_ALREADY_VALIDATED))
                    .expectNoEvents();
            assertThat(sent).isEmpty();
        }
    }

    /** Admin-only corrections must not tell another client's user that the intervention exists either. */
    @Nested
    class Visibility {

        @Test
        void another_clients_user_is_told_the_intervention_to_correct_does_not_exist() {
            fixture.given(recorded())
                    .when(new CorrectIntervention(INTERVENTION, STARTED, ENDED, BigDecimal.ONE, "Erreur", GLOBEX_USER,
                            null))
                    .expectException(hasCode(ErrorCode.INTERVENTION_NOT_FOUND))
                    .expectNoEvents();
        }

        @Test
        void another_clients_user_is_told_the_intervention_to_cancel_does_not_exist() {
            fixture.given(recorded())
                    .when(new CancelIntervention(INTERVENTION, "Erreur", GLOBEX_USER, null))
                    .expectException(hasCode(ErrorCode.INTERVENTION_NOT_FOUND))
                    .expectNoEvents();
        }
    }
}
