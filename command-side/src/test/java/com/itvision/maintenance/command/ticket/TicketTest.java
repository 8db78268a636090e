package com.itvision.maintenance.command.ticket;

import static com.itvision.maintenance.command.support.DomainExceptionMatchers.hasCode;
import static com.itvision.maintenance.command.ticket.TicketSamples.ACME;
import static com.itvision.maintenance.command.ticket.TicketSamples.ACME_USER;
import static com.itvision.maintenance.command.ticket.TicketSamples.ADMIN;
import static com.itvision.maintenance.command.ticket.TicketSamples.AWA;
import static com.itvision.maintenance.command.ticket.TicketSamples.BILLET;
import static com.itvision.maintenance.command.ticket.TicketSamples.DEADLINE;
import static com.itvision.maintenance.command.ticket.TicketSamples.GLOBEX_USER;
import static com.itvision.maintenance.command.ticket.TicketSamples.INTERVENTION;
import static com.itvision.maintenance.command.ticket.TicketSamples.JEAN;
import static com.itvision.maintenance.command.ticket.TicketSamples.KOUAME;
import static com.itvision.maintenance.command.ticket.TicketSamples.LEAD;
import static com.itvision.maintenance.command.ticket.TicketSamples.OPENED_AT;
import static com.itvision.maintenance.command.ticket.TicketSamples.PROJECT_LEAD;
import static com.itvision.maintenance.command.ticket.TicketSamples.SALES;
import static com.itvision.maintenance.command.ticket.TicketSamples.SECOND_BILLET;
import static com.itvision.maintenance.command.ticket.TicketSamples.TECHNICIAN;
import static com.itvision.maintenance.command.ticket.TicketSamples.TICKET;
import static com.itvision.maintenance.command.ticket.TicketSamples.billingApproved;
import static com.itvision.maintenance.command.ticket.TicketSamples.confirmed;
import static com.itvision.maintenance.command.ticket.TicketSamples.directory;
import static com.itvision.maintenance.command.ticket.TicketSamples.opened;
import static com.itvision.maintenance.command.ticket.TicketSamples.openedBillable;
import static com.itvision.maintenance.command.ticket.TicketSamples.resolved;
import static com.itvision.maintenance.command.ticket.TicketSamples.ticket;
import static com.itvision.maintenance.command.ticket.TicketSamples.with;
import static com.itvision.maintenance.kernel.ticket.TicketStatus.CLOSED;
import static com.itvision.maintenance.kernel.ticket.TicketStatus.IN_PROGRESS;
import static com.itvision.maintenance.kernel.ticket.TicketStatus.OPEN;
import static com.itvision.maintenance.kernel.ticket.TicketStatus.REJECTED;
import static com.itvision.maintenance.kernel.ticket.TicketStatus.RESOLVED;
import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.command.directory.InMemoryDirectory;
import com.itvision.maintenance.command.support.FixedNumbers;
import com.itvision.maintenance.command.support.TestClock;
import com.itvision.maintenance.kernel.billet.BilletEvent.BilletIssued;
import com.itvision.maintenance.kernel.billet.InterventionType;
import com.itvision.maintenance.kernel.common.Actor;
import com.itvision.maintenance.kernel.common.ErrorCode;
import com.itvision.maintenance.kernel.common.Role;
import com.itvision.maintenance.kernel.common.UserId;
import com.itvision.maintenance.kernel.sla.Hold;
import com.itvision.maintenance.kernel.ticket.Severity;
import com.itvision.maintenance.kernel.ticket.TicketCommands.ApproveBilling;
import com.itvision.maintenance.kernel.ticket.TicketCommands.CloseTicket;
import com.itvision.maintenance.kernel.ticket.TicketCommands.ConfirmResolution;
import com.itvision.maintenance.kernel.ticket.TicketCommands.IssueBillet;
import com.itvision.maintenance.kernel.ticket.TicketCommands.PutTicketOnHold;
import com.itvision.maintenance.kernel.ticket.TicketCommands.RateTicket;
import com.itvision.maintenance.kernel.ticket.TicketCommands.ReassignTicket;
import com.itvision.maintenance.kernel.ticket.TicketCommands.ReclassifySeverity;
import com.itvision.maintenance.kernel.ticket.TicketCommands.RecordResponse;
import com.itvision.maintenance.kernel.ticket.TicketCommands.RejectTicket;
import com.itvision.maintenance.kernel.ticket.TicketCommands.ReopenTicket;
import com.itvision.maintenance.kernel.ticket.TicketCommands.ResolveTicket;
import com.itvision.maintenance.kernel.ticket.TicketCommands.ResumeTicket;
import com.itvision.maintenance.kernel.ticket.TicketCoverage;
import com.itvision.maintenance.kernel.ticket.TicketEvent.BillingApproved;
import com.itvision.maintenance.kernel.ticket.TicketEvent.ResolutionConfirmed;
import com.itvision.maintenance.kernel.ticket.TicketEvent.SeverityReclassified;
import com.itvision.maintenance.kernel.ticket.TicketEvent.TicketAssigned;
import com.itvision.maintenance.kernel.ticket.TicketEvent.TicketClosed;
import com.itvision.maintenance.kernel.ticket.TicketEvent.TicketPutOnHold;
import com.itvision.maintenance.kernel.ticket.TicketEvent.TicketRated;
import com.itvision.maintenance.kernel.ticket.TicketEvent.TicketReassigned;
import com.itvision.maintenance.kernel.ticket.TicketEvent.TicketRejected;
import com.itvision.maintenance.kernel.ticket.TicketEvent.TicketReopened;
import com.itvision.maintenance.kernel.ticket.TicketEvent.TicketResolved;
import com.itvision.maintenance.kernel.ticket.TicketEvent.TicketResponded;
import com.itvision.maintenance.kernel.ticket.TicketEvent.TicketResumed;
import com.itvision.maintenance.kernel.ticket.TicketStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Ticket aggregate, command by command: every rule of seed 001 once as a success and once as a
 * refusal. The ticket is opened by a {@code TicketOpened} event (its creation belongs to
 * {@link TicketOpening}, see {@code TicketOpeningTest}); "now" is the opening instant, Tuesday
 * 2026-03-10 09:00 in Abidjan, unless a test moves the clock before its {@code when}.
 */
class TicketTest {
    private final TestClock clock = new TestClock();
    private final InMemoryDirectory directory = directory();
    private final FixedNumbers numbers = new FixedNumbers();
    private FixtureConfiguration<Ticket> fixture;

    @BeforeEach
    void newFixture() {
        fixture = new AggregateTestFixture<>(Ticket.class)
                .registerInjectableResource(clock)
                .registerInjectableResource(directory)
                .registerInjectableResource(numbers)
                .registerInjectableResource(ClosingPolicy.DEFAULT);
    }

    private static Instant at(String iso) {
        return Instant.parse(iso);
    }

    private static IssueBillet issue(UserId technician, String hours, Actor actor) {
        return new IssueBillet(TICKET, BILLET, technician, InterventionType.CORRECTION,
                hours == null ? null : new BigDecimal(hours), "  Vérifier la configuration du gateway de paiement ",
                actor, null);
    }

    private static IssueBillet issue(Actor actor) {
        return issue(JEAN, "2.5", actor);
    }

    private static TicketPutOnHold onHold(Instant at) {
        return new TicketPutOnHold(TICKET, "En attente des accès VPN du client", PROJECT_LEAD, at);
    }

    private static TicketResumed resumed(Instant at, Instant deadline) {
        return new TicketResumed(TICKET, null, deadline, PROJECT_LEAD, at);
    }

    private static RecordResponse response(Instant startedAt) {
        return new RecordResponse(TICKET, INTERVENTION, startedAt, TECHNICIAN);
    }

    private static TicketResponded responded(Instant startedAt, Instant deadline, boolean met, Instant at) {
        return new TicketResponded(TICKET, INTERVENTION, startedAt, deadline, met, TECHNICIAN, at);
    }

    @Nested
    class Rejecting {

        @Test
        void project_lead_rejects_an_open_ticket_with_a_reason() {
            fixture.given(ticket(OPEN))
                    .when(new RejectTicket(TICKET, "  Hors garantie - Devis nécessaire ", PROJECT_LEAD, null))
                    .expectEvents(new TicketRejected(TICKET, "Hors garantie - Devis nécessaire", PROJECT_LEAD,
                            OPENED_AT))
                    .expectState(ticket -> assertThat(ticket.status()).isEqualTo(REJECTED));
        }

        @Test
        void admin_rejects_a_ticket_in_progress() {
            fixture.given(ticket(IN_PROGRESS))
                    .when(new RejectTicket(TICKET, "Doublon de MAINT-00002", ADMIN, null))
                    .expectEvents(new TicketRejected(TICKET, "Doublon de MAINT-00002", ADMIN, OPENED_AT));
        }

        @ParameterizedTest
        @EnumSource(value = Role.class, names = {"TECHNICIAN", "SALES", "MANAGER", "AUDITOR", "ANALYST"})
        void only_project_lead_or_admin_rejects(Role role) {
            fixture.given(ticket(OPEN))
                    .when(new RejectTicket(TICKET, "Hors garantie", Actor.of("someone", role), null))
                    .expectException(hasCode(ErrorCode.ROLE_NOT_ALLOWED))
                    .expectNoEvents();
        }

        @Test
        void clients_own_user_cannot_reject_its_ticket() {
            fixture.given(ticket(OPEN))
                    .when(new RejectTicket(TICKET, "Plus nécessaire", ACME_USER, null))
                    .expectException(hasCode(ErrorCode.ROLE_NOT_ALLOWED))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = "  \n ")
        void rejecting_needs_a_reason(String reason) {
            fixture.given(ticket(OPEN))
                    .when(new RejectTicket(TICKET, reason, PROJECT_LEAD, null))
                    .expectException(hasCode(ErrorCode.REASON_REQUIRED))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @EnumSource(value = TicketStatus.class, names = {"RESOLVED", "CLOSED", "REJECTED"})
        void only_open_or_in_progress_tickets_are_rejected(TicketStatus status) {
            fixture.given(ticket(status))
                    .when(new RejectTicket(TICKET, "Hors garantie", ADMIN, null))
                    .expectException(hasCode(ErrorCode.INVALID_STATUS_TRANSITION))
                    .expectNoEvents();
        }
    }

    @Nested
    class ApprovingBilling {

        @Test
        void clients_own_user_approves_billing_of_a_billable_ticket_against_a_quote() {
            fixture.given(openedBillable())
                    .when(new ApproveBilling(TICKET, " DEVIS-2026-007 ", ACME_USER, null))
                    .expectEvents(new BillingApproved(TICKET, "DEVIS-2026-007", ACME_USER, OPENED_AT))
                    .expectState(ticket -> {
                        assertThat(ticket.billingApproved()).isTrue();
                        assertThat(ticket.treatable()).isTrue();
                    });
        }

        @Test
        void admin_approves_billing_without_a_quote() {
            fixture.given(openedBillable())
                    .when(new ApproveBilling(TICKET, null, ADMIN, null))
                    .expectEvents(new BillingApproved(TICKET, null, ADMIN, OPENED_AT));
        }

        @ParameterizedTest
        @EnumSource(value = Role.class, names = {"PROJECT_LEAD", "TECHNICIAN", "SALES", "MANAGER"})
        void only_the_clients_user_or_an_admin_approves_billing(Role role) {
            fixture.given(openedBillable())
                    .when(new ApproveBilling(TICKET, null, Actor.of("someone", role), null))
                    .expectException(hasCode(ErrorCode.ROLE_NOT_ALLOWED))
                    .expectNoEvents();
        }

        @Test
        void covered_ticket_needs_no_billing_approval() {
            fixture.given(ticket(OPEN))
                    .when(new ApproveBilling(TICKET, null, ACME_USER, null))
                    .expectException(hasCode(ErrorCode.BILLING_NOT_REQUIRED))
                    .expectNoEvents();
        }

        @Test
        void billing_is_approved_once() {
            fixture.given(openedBillable(), billingApproved())
                    .when(new ApproveBilling(TICKET, "DEVIS-2026-008", ACME_USER, null))
                    .expectException(hasCode(ErrorCode.INVALID_STATUS_TRANSITION))
                    .expectNoEvents();
        }

        @Test
        void billing_of_a_rejected_ticket_cannot_be_approved() {
            fixture.given(openedBillable(), TicketSamples.rejected())
                    .when(new ApproveBilling(TICKET, null, ACME_USER, null))
                    .expectException(hasCode(ErrorCode.INVALID_STATUS_TRANSITION))
                    .expectNoEvents();
        }
    }

    @Nested
    class HoldingAndResuming {

        @Test
        void project_lead_puts_a_ticket_on_hold_with_a_reason() {
            fixture.given(ticket(IN_PROGRESS))
                    .when(new PutTicketOnHold(TICKET, "  En attente des accès VPN du client ", PROJECT_LEAD, null))
                    .expectEvents(onHold(OPENED_AT))
                    .expectState(ticket -> assertThat(ticket.holds()).containsExactly(Hold.openSince(OPENED_AT)));
        }

        @Test
        void admin_puts_an_open_ticket_on_hold() {
            fixture.given(ticket(OPEN))
                    .when(new PutTicketOnHold(TICKET, "Client injoignable", ADMIN, null))
                    .expectEvents(new TicketPutOnHold(TICKET, "Client injoignable", ADMIN, OPENED_AT));
        }

        @Test
        void technician_cannot_put_a_ticket_on_hold() {
            fixture.given(ticket(IN_PROGRESS))
                    .when(new PutTicketOnHold(TICKET, "J'attends le client", TECHNICIAN, null))
                    .expectException(hasCode(ErrorCode.ROLE_NOT_ALLOWED))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = "   ")
        void putting_on_hold_needs_a_reason(String reason) {
            fixture.given(ticket(IN_PROGRESS))
                    .when(new PutTicketOnHold(TICKET, reason, PROJECT_LEAD, null))
                    .expectException(hasCode(ErrorCode.REASON_REQUIRED))
                    .expectNoEvents();
        }

        @Test
        void ticket_already_on_hold_cannot_be_put_on_hold_again() {
            fixture.given(with(ticket(IN_PROGRESS), onHold(OPENED_AT)))
                    .when(new PutTicketOnHold(TICKET, "Encore", PROJECT_LEAD, null))
                    .expectException(hasCode(ErrorCode.INVALID_STATUS_TRANSITION))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @EnumSource(value = TicketStatus.class, names = {"RESOLVED", "CLOSED", "REJECTED"})
        void only_open_or_in_progress_tickets_go_on_hold(TicketStatus status) {
            fixture.given(ticket(status))
                    .when(new PutTicketOnHold(TICKET, "En attente", PROJECT_LEAD, null))
                    .expectException(hasCode(ErrorCode.INVALID_STATUS_TRANSITION))
                    .expectNoEvents();
        }

        @Test
        void ticket_not_on_hold_cannot_be_resumed() {
            fixture.given(ticket(IN_PROGRESS))
                    .when(new ResumeTicket(TICKET, null, PROJECT_LEAD, null))
                    .expectException(hasCode(ErrorCode.INVALID_STATUS_TRANSITION))
                    .expectNoEvents();
        }

        @Test
        void ticket_already_resumed_cannot_be_resumed_again() {
            Instant holdStart = at("2026-03-10T17:00:00Z");
            Instant holdEnd = at("2026-03-11T10:00:00Z");
            clock.at(at("2026-03-11T11:00:00Z"));

            fixture.given(with(ticket(IN_PROGRESS), onHold(holdStart),
                            resumed(holdEnd, at("2026-03-12T16:00:00Z"))))
                    .when(new ResumeTicket(TICKET, null, PROJECT_LEAD, null))
                    .expectException(hasCode(ErrorCode.INVALID_STATUS_TRANSITION))
                    .expectNoEvents();
        }

        @Test
        void technician_cannot_resume_a_ticket() {
            clock.at(at("2026-03-10T12:00:00Z"));

            fixture.given(with(ticket(IN_PROGRESS), onHold(OPENED_AT)))
                    .when(new ResumeTicket(TICKET, null, TECHNICIAN, null))
                    .expectException(hasCode(ErrorCode.ROLE_NOT_ALLOWED))
                    .expectNoEvents();
        }

        /**
         * On hold Tuesday 17:00 → Wednesday 10:00: 3 business hours (Tuesday 17-18, Wednesday 08-10), so
         * the deadline moves from Thursday 13:00 to Thursday 16:00. Checked the other way: 8 h consumed
         * before the hold (Tuesday 09-17), 16 h left from Wednesday 10:00 = Wednesday 10-18 (8 h) and
         * Thursday 08-16 (8 h).
         */
        @Test
        void resuming_moves_the_deadline_by_the_business_time_spent_on_hold() {
            Instant holdStart = at("2026-03-10T17:00:00Z");
            Instant resumedAt = at("2026-03-11T10:00:00Z");
            Instant expectedDeadline = at("2026-03-12T16:00:00Z");
            clock.at(resumedAt);

            fixture.given(with(ticket(IN_PROGRESS), onHold(holdStart)))
                    .when(new ResumeTicket(TICKET, "  Accès VPN reçus ", PROJECT_LEAD, null))
                    .expectEvents(new TicketResumed(TICKET, "Accès VPN reçus", expectedDeadline, PROJECT_LEAD,
                            resumedAt))
                    .expectState(ticket -> {
                        assertThat(ticket.slaDeadline()).isEqualTo(expectedDeadline);
                        assertThat(ticket.holds()).containsExactly(Hold.between(holdStart, resumedAt));
                    });
        }

        @Test
        void hold_outside_business_hours_leaves_the_deadline_where_it_was() {
            Instant resumedAt = at("2026-03-11T07:30:00Z");
            clock.at(resumedAt);

            fixture.given(with(ticket(IN_PROGRESS), onHold(at("2026-03-10T18:30:00Z"))))
                    .when(new ResumeTicket(TICKET, null, ADMIN, null))
                    .expectEvents(new TicketResumed(TICKET, null, DEADLINE, ADMIN, resumedAt));
        }

        /**
         * On hold Wednesday 17:00 → Monday 09:00: 22 business hours (Wednesday 1, Thursday 10, Friday 10,
         * Monday 1), the weekend not counted: Thursday 13:00 + 22 h = Thursday 13-18 (5), Friday (10),
         * Monday 08-15 (7). The other way: 18 h consumed before (Tuesday 9, Wednesday 08-17 9), 6 h left
         * from Monday 09:00.
         */
        @Test
        void hold_over_a_weekend_moves_the_deadline_by_business_hours_only() {
            Instant resumedAt = at("2026-03-16T09:00:00Z");
            clock.at(resumedAt);

            fixture.given(with(ticket(IN_PROGRESS), onHold(at("2026-03-11T17:00:00Z"))))
                    .when(new ResumeTicket(TICKET, null, PROJECT_LEAD, null))
                    .expectEvents(new TicketResumed(TICKET, null, at("2026-03-16T15:00:00Z"), PROJECT_LEAD,
                            resumedAt));
        }

        /**
         * After the first hold (deadline Thursday 16:00), a second one Thursday 09:00 → 11:00 adds 2 h:
         * Thursday 18:00, the close of the business day, not Friday 08:00.
         */
        @Test
        void every_hold_counts_and_a_deadline_may_fall_on_the_close_of_business() {
            Instant resumedAt = at("2026-03-12T11:00:00Z");
            clock.at(resumedAt);

            fixture.given(with(ticket(IN_PROGRESS),
                            onHold(at("2026-03-10T17:00:00Z")),
                            resumed(at("2026-03-11T10:00:00Z"), at("2026-03-12T16:00:00Z")),
                            onHold(at("2026-03-12T09:00:00Z"))))
                    .when(new ResumeTicket(TICKET, null, PROJECT_LEAD, null))
                    .expectEvents(new TicketResumed(TICKET, null, at("2026-03-12T18:00:00Z"), PROJECT_LEAD,
                            resumedAt));
        }

        @Test
        void billable_ticket_has_no_deadline_to_move() {
            Instant resumedAt = at("2026-03-11T10:00:00Z");
            clock.at(resumedAt);

            fixture.given(openedBillable(), billingApproved(), onHold(OPENED_AT))
                    .when(new ResumeTicket(TICKET, null, PROJECT_LEAD, null))
                    .expectEvents(new TicketResumed(TICKET, null, null, PROJECT_LEAD, resumedAt));
        }
    }

    @Nested
    class Reclassifying {

        @Test
        void project_lead_reclassifies_the_severity_with_a_reason() {
            fixture.given(ticket(IN_PROGRESS))
                    .when(new ReclassifySeverity(TICKET, Severity.CRITICAL, "Tous les paiements échouent",
                            PROJECT_LEAD, null))
                    .expectEvents(new SeverityReclassified(TICKET, Severity.MAJOR, Severity.CRITICAL,
                            "Tous les paiements échouent", PROJECT_LEAD, OPENED_AT))
                    .expectState(ticket -> assertThat(ticket.severity()).isEqualTo(Severity.CRITICAL));
        }

        @Test
        void resolved_ticket_may_still_be_reclassified() {
            fixture.given(ticket(RESOLVED))
                    .when(new ReclassifySeverity(TICKET, Severity.MINOR, "Un seul utilisateur touché", ADMIN, null))
                    .expectEvents(new SeverityReclassified(TICKET, Severity.MAJOR, Severity.MINOR,
                            "Un seul utilisateur touché", ADMIN, OPENED_AT));
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = " ")
        void reclassifying_needs_a_reason(String reason) {
            fixture.given(ticket(OPEN))
                    .when(new ReclassifySeverity(TICKET, Severity.CRITICAL, reason, PROJECT_LEAD, null))
                    .expectException(hasCode(ErrorCode.REASON_REQUIRED))
                    .expectNoEvents();
        }

        @Test
        void reclassifying_needs_a_different_severity() {
            fixture.given(ticket(OPEN))
                    .when(new ReclassifySeverity(TICKET, Severity.MAJOR, "Confirmé", PROJECT_LEAD, null))
                    .expectException(hasCode(ErrorCode.VALIDATION_FAILED))
                    .expectNoEvents();
        }

        @Test
        void reclassifying_needs_a_severity() {
            fixture.given(ticket(OPEN))
                    .when(new ReclassifySeverity(TICKET, null, "Confirmé", PROJECT_LEAD, null))
                    .expectException(hasCode(ErrorCode.VALIDATION_FAILED))
                    .expectNoEvents();
        }

        @Test
        void technician_cannot_reclassify() {
            fixture.given(ticket(IN_PROGRESS))
                    .when(new ReclassifySeverity(TICKET, Severity.CRITICAL, "C'est grave", TECHNICIAN, null))
                    .expectException(hasCode(ErrorCode.ROLE_NOT_ALLOWED))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @EnumSource(value = TicketStatus.class, names = {"CLOSED", "REJECTED"})
        void closed_or_rejected_ticket_is_not_reclassified(TicketStatus status) {
            fixture.given(ticket(status))
                    .when(new ReclassifySeverity(TICKET, Severity.CRITICAL, "Après coup", ADMIN, null))
                    .expectException(hasCode(ErrorCode.INVALID_STATUS_TRANSITION))
                    .expectNoEvents();
        }
    }

    /**
     * The billet is created with {@code AggregateLifecycle.createNew}: Axon 4.13's fixture creates it
     * through its default repository provider and records its {@code BilletIssued} among the published
     * events, after the ticket's own {@code TicketAssigned}.
     */
    @Nested
    class IssuingBillets {

        private BilletIssued billetIssued(String number, UserId technician, Actor actor) {
            return new BilletIssued(BILLET, number, TICKET, ACME, technician, InterventionType.CORRECTION,
                    new BigDecimal("2.50"), "Vérifier la configuration du gateway de paiement", actor, OPENED_AT);
        }

        @Test
        void project_lead_issues_the_first_billet_which_moves_the_ticket_in_progress() {
            fixture.given(ticket(OPEN))
                    .when(issue(PROJECT_LEAD))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new TicketAssigned(TICKET, BILLET, JEAN, PROJECT_LEAD, OPENED_AT),
                            billetIssued("BILLET-00001", JEAN, PROJECT_LEAD))
                    .expectState(ticket -> {
                        assertThat(ticket.status()).isEqualTo(IN_PROGRESS);
                        assertThat(ticket.assignee()).isEqualTo(JEAN);
                    });
            assertThat(numbers.requestedScopes()).containsExactly("billet");
        }

        @Test
        void admin_issues_a_further_billet_numbered_by_the_allocator_and_the_ticket_stays_in_progress() {
            numbers.continuingAt("billet", 42);

            fixture.given(ticket(IN_PROGRESS))
                    .when(new IssueBillet(TICKET, SECOND_BILLET, KOUAME, InterventionType.CORRECTIVE_DEPLOYMENT,
                            new BigDecimal("1"), null, ADMIN, null))
                    .expectEvents(new TicketAssigned(TICKET, SECOND_BILLET, KOUAME, ADMIN, OPENED_AT),
                            new BilletIssued(SECOND_BILLET, "BILLET-00042", TICKET, ACME, KOUAME,
                                    InterventionType.CORRECTIVE_DEPLOYMENT, new BigDecimal("1.00"), null, ADMIN,
                                    OPENED_AT))
                    .expectState(ticket -> {
                        assertThat(ticket.status()).isEqualTo(IN_PROGRESS);
                        assertThat(ticket.assignee()).isEqualTo(KOUAME);
                    });
        }

        @Test
        void project_lead_user_may_be_authorised_to_intervene() {
            fixture.given(ticket(OPEN))
                    .when(issue(LEAD, "2.5", ADMIN))
                    .expectEvents(new TicketAssigned(TICKET, BILLET, LEAD, ADMIN, OPENED_AT),
                            billetIssued("BILLET-00001", LEAD, ADMIN));
        }

        @Test
        void billable_ticket_whose_billing_is_approved_is_treatable() {
            fixture.given(openedBillable(), billingApproved())
                    .when(issue(PROJECT_LEAD))
                    .expectEvents(new TicketAssigned(TICKET, BILLET, JEAN, PROJECT_LEAD, OPENED_AT),
                            billetIssued("BILLET-00001", JEAN, PROJECT_LEAD));
        }

        @ParameterizedTest
        @EnumSource(value = Role.class, names = {"TECHNICIAN", "SALES", "MANAGER", "AUDITOR", "ANALYST"})
        void only_project_lead_or_admin_issues_billets(Role role) {
            fixture.given(ticket(OPEN))
                    .when(issue(Actor.of("someone", role)))
                    .expectException(hasCode(ErrorCode.ROLE_NOT_ALLOWED))
                    .expectNoEvents();
            assertThat(numbers.requestedScopes()).isEmpty();
        }

        @Test
        void clients_own_user_cannot_issue_a_billet() {
            fixture.given(ticket(OPEN))
                    .when(issue(ACME_USER))
                    .expectException(hasCode(ErrorCode.ROLE_NOT_ALLOWED))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @EnumSource(value = TicketStatus.class, names = {"REJECTED", "RESOLVED", "CLOSED"})
        void cannot_issue_billet_for_a_ticket_no_longer_treatable(TicketStatus status) {
            fixture.given(ticket(status))
                    .when(issue(PROJECT_LEAD))
                    .expectException(hasCode(ErrorCode.TICKET_NOT_TREATABLE))
                    .expectNoEvents();
            assertThat(numbers.requestedScopes()).isEmpty();
        }

        @Test
        void cannot_issue_billet_for_a_billable_ticket_without_billing_approval() {
            fixture.given(openedBillable())
                    .when(issue(PROJECT_LEAD))
                    .expectException(hasCode(ErrorCode.TICKET_NOT_TREATABLE))
                    .expectNoEvents();
        }

        @Test
        void cannot_issue_billet_for_an_expired_contract_ticket_without_billing_approval() {
            fixture.given(opened(TicketCoverage.contractNotActive(TicketSamples.CONTRACT), null, OPENED_AT))
                    .when(issue(ADMIN))
                    .expectException(hasCode(ErrorCode.TICKET_NOT_TREATABLE))
                    .expectNoEvents();
        }

        static Stream<UserId> ineligibleTechnicians() {
            return Stream.of(AWA, ACME_USER.userId(), TicketSamples.ADMIN.userId(), UserId.of("ghost"));
        }

        @ParameterizedTest
        @MethodSource("ineligibleTechnicians")
        void only_a_technician_or_project_lead_user_may_be_authorised(UserId technician) {
            fixture.given(ticket(OPEN))
                    .when(issue(technician, "2", PROJECT_LEAD))
                    .expectException(hasCode(ErrorCode.TECHNICIAN_NOT_ELIGIBLE))
                    .expectNoEvents();
        }

        @Test
        void billet_must_name_a_technician() {
            fixture.given(ticket(OPEN))
                    .when(issue(null, "2", PROJECT_LEAD))
                    .expectException(hasCode(ErrorCode.TECHNICIAN_NOT_ELIGIBLE))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "0.00", "-1", "-0.5", "1000.01"})
        void estimated_hours_must_be_positive_and_at_most_1000(String hours) {
            fixture.given(ticket(OPEN))
                    .when(issue(JEAN, hours, PROJECT_LEAD))
                    .expectException(hasCode(ErrorCode.INVALID_HOURS))
                    .expectNoEvents();
            assertThat(numbers.requestedScopes()).isEmpty();
        }

        @Test
        void estimated_hours_are_required() {
            fixture.given(ticket(OPEN))
                    .when(issue(JEAN, null, PROJECT_LEAD))
                    .expectException(hasCode(ErrorCode.INVALID_HOURS))
                    .expectNoEvents();
        }
    }

    @Nested
    class RecordingTheResponse {

        @Test
        void first_intervention_started_before_the_deadline_meets_the_sla() {
            Instant startedAt = at("2026-03-11T10:00:00Z");
            clock.at(at("2026-03-11T12:00:00Z"));

            fixture.given(ticket(IN_PROGRESS))
                    .when(response(startedAt))
                    .expectEvents(responded(startedAt, DEADLINE, true, clock.instant()))
                    .expectState(ticket -> assertThat(ticket.respondedAt()).isEqualTo(startedAt));
        }

        @Test
        void intervention_started_at_the_deadline_itself_meets_the_sla() {
            clock.at(at("2026-03-12T15:00:00Z"));

            fixture.given(ticket(IN_PROGRESS))
                    .when(response(DEADLINE))
                    .expectEvents(responded(DEADLINE, DEADLINE, true, clock.instant()));
        }

        @Test
        void first_intervention_started_after_the_deadline_breaches_the_sla() {
            Instant startedAt = DEADLINE.plusSeconds(60);
            clock.at(at("2026-03-12T15:00:00Z"));

            fixture.given(ticket(IN_PROGRESS))
                    .when(response(startedAt))
                    .expectEvents(responded(startedAt, DEADLINE, false, clock.instant()));
        }

        @Test
        void only_the_first_intervention_answers_the_sla() {
            Instant first = at("2026-03-11T10:00:00Z");
            clock.at(at("2026-03-13T10:00:00Z"));

            fixture.given(with(ticket(IN_PROGRESS), responded(first, DEADLINE, true, first)))
                    .when(response(at("2026-03-13T09:00:00Z")))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectState(ticket -> assertThat(ticket.respondedAt()).isEqualTo(first));
        }

        /**
         * On hold Tuesday 10:00 → Wednesday 18:00: 1 h consumed before, 23 h left from Thursday 08:00 =
         * Thursday (10), Friday (10), Monday 08-11 (3): Monday 2026-03-16 11:00. An intervention on
         * Thursday 15:00, after the original deadline, meets the SLA.
         */
        @Test
        void time_on_hold_does_not_count_against_the_response() {
            Instant movedDeadline = at("2026-03-16T11:00:00Z");
            Instant startedAt = at("2026-03-12T15:00:00Z");
            clock.at(at("2026-03-12T16:00:00Z"));

            fixture.given(with(ticket(IN_PROGRESS), onHold(at("2026-03-10T10:00:00Z")),
                            resumed(at("2026-03-11T18:00:00Z"), movedDeadline)))
                    .when(response(startedAt))
                    .expectEvents(responded(startedAt, movedDeadline, true, clock.instant()));
        }

        @Test
        void response_after_the_moved_deadline_breaches_the_sla() {
            Instant movedDeadline = at("2026-03-16T11:00:00Z");
            Instant startedAt = at("2026-03-16T11:30:00Z");
            clock.at(at("2026-03-16T12:00:00Z"));

            fixture.given(with(ticket(IN_PROGRESS), onHold(at("2026-03-10T10:00:00Z")),
                            resumed(at("2026-03-11T18:00:00Z"), movedDeadline)))
                    .when(response(startedAt))
                    .expectEvents(responded(startedAt, movedDeadline, false, clock.instant()));
        }

        /**
         * The clock stopped on Tuesday 10:00 and has not run since: one hour consumed of 24. The event
         * keeps the last deadline known before the hold (SlaClock would call it unknown while on hold).
         */
        @Test
        void response_while_still_on_hold_meets_the_sla() {
            Instant startedAt = at("2026-03-13T10:00:00Z");
            clock.at(startedAt);

            fixture.given(with(ticket(IN_PROGRESS), onHold(at("2026-03-10T10:00:00Z"))))
                    .when(response(startedAt))
                    .expectEvents(responded(startedAt, DEADLINE, true, startedAt));
        }

        @Test
        void billable_ticket_has_no_sla_to_breach() {
            Instant startedAt = at("2026-03-20T10:00:00Z");
            clock.at(startedAt);

            fixture.given(openedBillable(), billingApproved(), new TicketAssigned(TICKET, BILLET, JEAN,
                            PROJECT_LEAD, OPENED_AT))
                    .when(response(startedAt))
                    .expectEvents(responded(startedAt, null, true, startedAt));
        }

        /**
         * Opened Tuesday 14:00: Tuesday 14-18 (4 h), Wednesday (10 h), Thursday (10 h): the budget runs out
         * at Thursday 18:00, the close of business. An intervention starting Friday 07:00 starts after that
         * deadline, yet no business time passed in between, so "elapsed <= budget" calls it met, while
         * TicketResponded's own contract ("met if at or before the deadline") and SlaClock.status (the
         * read side) call it breached.
         */
        @Test
        void response_after_a_deadline_at_the_close_of_business_breaches_the_sla() {
            Instant openedAt = at("2026-03-10T14:00:00Z");
            Instant deadline = at("2026-03-12T18:00:00Z");
            Instant startedAt = at("2026-03-13T07:00:00Z");
            clock.at(at("2026-03-13T08:00:00Z"));

            fixture.given(opened(TicketSamples.covered(), deadline, openedAt),
                            new TicketAssigned(TICKET, BILLET, JEAN, PROJECT_LEAD, openedAt))
                    .when(response(startedAt))
                    .expectEvents(responded(startedAt, deadline, false, clock.instant()));
        }
    }

    @Nested
    class Resolving {

        @Test
        void validated_report_resolves_a_ticket_in_progress() {
            fixture.given(ticket(IN_PROGRESS))
                    .when(new ResolveTicket(TICKET, INTERVENTION, BILLET, PROJECT_LEAD))
                    .expectEvents(new TicketResolved(TICKET, INTERVENTION, BILLET, PROJECT_LEAD, OPENED_AT))
                    .expectState(ticket -> {
                        assertThat(ticket.status()).isEqualTo(RESOLVED);
                        assertThat(ticket.resolvedAt()).isEqualTo(OPENED_AT);
                    });
        }

        @ParameterizedTest
        @EnumSource(value = TicketStatus.class, names = {"OPEN", "RESOLVED", "CLOSED", "REJECTED"})
        void only_a_ticket_in_progress_is_resolved(TicketStatus status) {
            fixture.given(ticket(status))
                    .when(new ResolveTicket(TICKET, INTERVENTION, BILLET, PROJECT_LEAD))
                    .expectException(hasCode(ErrorCode.INVALID_STATUS_TRANSITION))
                    .expectNoEvents();
        }
    }

    @Nested
    class ConfirmingTheResolution {

        @Test
        void clients_own_user_confirms_the_resolution() {
            fixture.given(ticket(RESOLVED))
                    .when(new ConfirmResolution(TICKET, "  Paiements OK ", ACME_USER, null))
                    .expectEvents(new ResolutionConfirmed(TICKET, "Paiements OK", ACME_USER, OPENED_AT))
                    .expectState(ticket -> assertThat(ticket.clientConfirmed()).isTrue());
        }

        @ParameterizedTest
        @EnumSource(value = Role.class, names = {"ADMIN", "PROJECT_LEAD", "TECHNICIAN", "SALES"})
        void only_the_clients_user_confirms(Role role) {
            fixture.given(ticket(RESOLVED))
                    .when(new ConfirmResolution(TICKET, null, Actor.of("someone", role), null))
                    .expectException(hasCode(ErrorCode.ROLE_NOT_ALLOWED))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @EnumSource(value = TicketStatus.class, names = {"OPEN", "IN_PROGRESS", "CLOSED", "REJECTED"})
        void only_a_resolved_ticket_is_confirmed(TicketStatus status) {
            fixture.given(ticket(status))
                    .when(new ConfirmResolution(TICKET, null, ACME_USER, null))
                    .expectException(hasCode(ErrorCode.INVALID_STATUS_TRANSITION))
                    .expectNoEvents();
        }
    }

    @Nested
    class Closing {
        private final Instant resolvedAt = at("2026-03-12T10:00:00Z");

        private List<Object> resolvedTicket() {
            return with(ticket(IN_PROGRESS), resolved(resolvedAt));
        }

        @ParameterizedTest
        @EnumSource(value = TicketStatus.class, names = {"OPEN", "IN_PROGRESS"})
        void ticket_is_never_closed_without_a_validated_report(TicketStatus status) {
            fixture.given(ticket(status))
                    .when(new CloseTicket(TICKET, PROJECT_LEAD, null))
                    .expectException(hasCode(ErrorCode.REPORT_NOT_VALIDATED))
                    .expectNoEvents();
        }

        @Test
        void project_lead_closes_once_the_client_confirmed() {
            clock.at(resolvedAt.plus(Duration.ofHours(1)));

            fixture.given(with(resolvedTicket(), confirmed(resolvedAt.plusSeconds(600))))
                    .when(new CloseTicket(TICKET, PROJECT_LEAD, null))
                    .expectEvents(new TicketClosed(TICKET, false, PROJECT_LEAD, clock.instant()))
                    .expectState(ticket -> assertThat(ticket.status()).isEqualTo(CLOSED));
        }

        @Test
        void unconfirmed_resolution_cannot_be_closed_during_the_silence_period() {
            clock.at(resolvedAt.plus(Duration.ofDays(5)).minusSeconds(1));

            fixture.given(resolvedTicket())
                    .when(new CloseTicket(TICKET, PROJECT_LEAD, null))
                    .expectException(hasCode(ErrorCode.CLIENT_CONFIRMATION_PENDING))
                    .expectNoEvents();
        }

        @Test
        void admin_closes_after_five_days_of_client_silence() {
            clock.at(resolvedAt.plus(Duration.ofDays(5)));

            fixture.given(resolvedTicket())
                    .when(new CloseTicket(TICKET, ADMIN, null))
                    .expectEvents(new TicketClosed(TICKET, true, ADMIN, clock.instant()));
        }

        @Test
        void confirmation_before_a_reopening_does_not_count_for_the_next_resolution() {
            Instant resolvedAgain = resolvedAt.plus(Duration.ofDays(1));
            clock.at(resolvedAgain.plus(Duration.ofHours(1)));

            fixture.given(with(resolvedTicket(), confirmed(resolvedAt.plusSeconds(60)),
                            new TicketReopened(TICKET, "Le bug est revenu", ADMIN, resolvedAt.plusSeconds(120)),
                            resolved(resolvedAgain)))
                    .when(new CloseTicket(TICKET, PROJECT_LEAD, null))
                    .expectException(hasCode(ErrorCode.CLIENT_CONFIRMATION_PENDING))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @EnumSource(value = Role.class, names = {"TECHNICIAN", "SALES", "MANAGER"})
        void only_project_lead_or_admin_closes(Role role) {
            clock.at(resolvedAt.plus(Duration.ofDays(6)));

            fixture.given(resolvedTicket())
                    .when(new CloseTicket(TICKET, Actor.of("someone", role), null))
                    .expectException(hasCode(ErrorCode.ROLE_NOT_ALLOWED))
                    .expectNoEvents();
        }

        @Test
        void clients_own_user_cannot_close_its_ticket() {
            clock.at(resolvedAt.plus(Duration.ofHours(1)));

            fixture.given(with(resolvedTicket(), confirmed(resolvedAt)))
                    .when(new CloseTicket(TICKET, ACME_USER, null))
                    .expectException(hasCode(ErrorCode.ROLE_NOT_ALLOWED))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @EnumSource(value = TicketStatus.class, names = {"CLOSED", "REJECTED"})
        void closed_or_rejected_ticket_is_not_closed(TicketStatus status) {
            fixture.given(ticket(status))
                    .when(new CloseTicket(TICKET, ADMIN, null))
                    .expectException(hasCode(ErrorCode.INVALID_STATUS_TRANSITION))
                    .expectNoEvents();
        }
    }

    @Nested
    class Reopening {

        @ParameterizedTest
        @EnumSource(value = TicketStatus.class, names = {"RESOLVED", "CLOSED"})
        void admin_reopens_a_resolved_or_closed_ticket(TicketStatus status) {
            fixture.given(ticket(status))
                    .when(new ReopenTicket(TICKET, " Le bug est revenu ", ADMIN, null))
                    .expectEvents(new TicketReopened(TICKET, "Le bug est revenu", ADMIN, OPENED_AT))
                    .expectState(ticket -> {
                        assertThat(ticket.status()).isEqualTo(IN_PROGRESS);
                        assertThat(ticket.resolvedAt()).isNull();
                        assertThat(ticket.clientConfirmed()).isFalse();
                    });
        }

        @ParameterizedTest
        @EnumSource(value = Role.class, names = {"PROJECT_LEAD", "TECHNICIAN", "SALES"})
        void only_an_admin_reopens(Role role) {
            fixture.given(ticket(CLOSED))
                    .when(new ReopenTicket(TICKET, "Le bug est revenu", Actor.of("someone", role), null))
                    .expectException(hasCode(ErrorCode.ROLE_NOT_ALLOWED))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = "\t")
        void reopening_needs_a_reason(String reason) {
            fixture.given(ticket(CLOSED))
                    .when(new ReopenTicket(TICKET, reason, ADMIN, null))
                    .expectException(hasCode(ErrorCode.REASON_REQUIRED))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @EnumSource(value = TicketStatus.class, names = {"OPEN", "IN_PROGRESS", "REJECTED"})
        void only_resolved_or_closed_tickets_are_reopened(TicketStatus status) {
            fixture.given(ticket(status))
                    .when(new ReopenTicket(TICKET, "Le bug est revenu", ADMIN, null))
                    .expectException(hasCode(ErrorCode.INVALID_STATUS_TRANSITION))
                    .expectNoEvents();
        }
    }

    @Nested
    class Rating {

        @ParameterizedTest
        @ValueSource(ints = {1, 5})
        void clients_own_user_rates_a_closed_ticket_from_1_to_5(int score) {
            fixture.given(ticket(CLOSED))
                    .when(new RateTicket(TICKET, score, " Rapide ", ACME_USER, null))
                    .expectEvents(new TicketRated(TICKET, score, "Rapide", ACME_USER, OPENED_AT))
                    .expectState(ticket -> assertThat(ticket.rated()).isTrue());
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 6, -1})
        void score_outside_1_to_5_is_refused(int score) {
            fixture.given(ticket(CLOSED))
                    .when(new RateTicket(TICKET, score, null, ACME_USER, null))
                    .expectException(hasCode(ErrorCode.INVALID_SCORE))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @EnumSource(value = TicketStatus.class, names = {"OPEN", "IN_PROGRESS", "RESOLVED", "REJECTED"})
        void only_a_closed_ticket_is_rated(TicketStatus status) {
            fixture.given(ticket(status))
                    .when(new RateTicket(TICKET, 4, null, ACME_USER, null))
                    .expectException(hasCode(ErrorCode.INVALID_STATUS_TRANSITION))
                    .expectNoEvents();
        }

        @Test
        void ticket_is_rated_once() {
            fixture.given(with(ticket(CLOSED), new TicketRated(TICKET, 5, null, ACME_USER, OPENED_AT)))
                    .when(new RateTicket(TICKET, 1, "Finalement non", ACME_USER, null))
                    .expectException(hasCode(ErrorCode.ALREADY_RATED))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @EnumSource(value = Role.class, names = {"ADMIN", "PROJECT_LEAD", "SALES"})
        void only_the_clients_user_rates(Role role) {
            fixture.given(ticket(CLOSED))
                    .when(new RateTicket(TICKET, 5, null, Actor.of("someone", role), null))
                    .expectException(hasCode(ErrorCode.ROLE_NOT_ALLOWED))
                    .expectNoEvents();
        }
    }

    @Nested
    class Reassigning {

        @Test
        void admin_reassigns_a_ticket_in_progress_to_another_technician() {
            fixture.given(ticket(IN_PROGRESS))
                    .when(new ReassignTicket(TICKET, KOUAME, " Jean est en congé ", ADMIN, null))
                    .expectEvents(new TicketReassigned(TICKET, JEAN, KOUAME, "Jean est en congé", ADMIN, OPENED_AT))
                    .expectState(ticket -> assertThat(ticket.assignee()).isEqualTo(KOUAME));
        }

        @Test
        void admin_assigns_an_open_ticket_nobody_had_yet() {
            fixture.given(ticket(OPEN))
                    .when(new ReassignTicket(TICKET, LEAD, "Le chef de projet s'en charge", ADMIN, null))
                    .expectEvents(new TicketReassigned(TICKET, null, LEAD, "Le chef de projet s'en charge", ADMIN,
                            OPENED_AT));
        }

        @ParameterizedTest
        @EnumSource(value = Role.class, names = {"PROJECT_LEAD", "TECHNICIAN", "SALES"})
        void only_an_admin_reassigns(Role role) {
            fixture.given(ticket(IN_PROGRESS))
                    .when(new ReassignTicket(TICKET, KOUAME, "Congés", Actor.of("someone", role), null))
                    .expectException(hasCode(ErrorCode.ROLE_NOT_ALLOWED))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = " ")
        void reassigning_needs_a_reason(String reason) {
            fixture.given(ticket(IN_PROGRESS))
                    .when(new ReassignTicket(TICKET, KOUAME, reason, ADMIN, null))
                    .expectException(hasCode(ErrorCode.REASON_REQUIRED))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @ValueSource(strings = {"sales-awa", "acme-user", "ghost"})
        void ticket_is_reassigned_only_to_an_eligible_technician(String userId) {
            fixture.given(ticket(IN_PROGRESS))
                    .when(new ReassignTicket(TICKET, UserId.of(userId), "Congés", ADMIN, null))
                    .expectException(hasCode(ErrorCode.TECHNICIAN_NOT_ELIGIBLE))
                    .expectNoEvents();
        }

        @Test
        void ticket_is_not_reassigned_to_its_assignee() {
            fixture.given(ticket(IN_PROGRESS))
                    .when(new ReassignTicket(TICKET, JEAN, "Confirmer", ADMIN, null))
                    .expectException(hasCode(ErrorCode.VALIDATION_FAILED))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @EnumSource(value = TicketStatus.class, names = {"RESOLVED", "CLOSED", "REJECTED"})
        void only_open_or_in_progress_tickets_are_reassigned(TicketStatus status) {
            fixture.given(ticket(status))
                    .when(new ReassignTicket(TICKET, KOUAME, "Congés", ADMIN, null))
                    .expectException(hasCode(ErrorCode.INVALID_STATUS_TRANSITION))
                    .expectNoEvents();
        }
    }

    /** A CLIENT user never learns that another client's ticket exists: 404, not 403 or 409. */
    @Nested
    class Visibility {

        static Stream<Arguments> commandsOfAnotherClientsUser() {
            Actor other = GLOBEX_USER;
            return Stream.of(
                    Arguments.of("reject", new RejectTicket(TICKET, "Pas à moi", other, null)),
                    Arguments.of("approve billing", new ApproveBilling(TICKET, null, other, null)),
                    Arguments.of("hold", new PutTicketOnHold(TICKET, "En attente", other, null)),
                    Arguments.of("resume", new ResumeTicket(TICKET, null, other, null)),
                    Arguments.of("reclassify", new ReclassifySeverity(TICKET, Severity.MINOR, "Mineur", other, null)),
                    Arguments.of("issue billet", issue(other)),
                    Arguments.of("confirm", new ConfirmResolution(TICKET, null, other, null)),
                    Arguments.of("close", new CloseTicket(TICKET, other, null)),
                    Arguments.of("rate", new RateTicket(TICKET, 5, null, other, null)));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("commandsOfAnotherClientsUser")
        void another_clients_user_is_told_the_ticket_does_not_exist(String action, Object command) {
            fixture.given(ticket(IN_PROGRESS))
                    .when(command)
                    .expectException(hasCode(ErrorCode.TICKET_NOT_FOUND))
                    .expectNoEvents();
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = TicketStatus.class, names = {"RESOLVED", "CLOSED"})
        void another_clients_user_is_told_a_finished_ticket_does_not_exist(TicketStatus status) {
            fixture.given(ticket(status))
                    .when(new RateTicket(TICKET, 5, null, GLOBEX_USER, null))
                    .expectException(hasCode(ErrorCode.TICKET_NOT_FOUND))
                    .expectNoEvents();
        }

        @Test
        void another_clients_user_is_told_the_ticket_to_reopen_does_not_exist() {
            fixture.given(ticket(CLOSED))
                    .when(new ReopenTicket(TICKET, "Je veux le rouvrir", GLOBEX_USER, null))
                    .expectException(hasCode(ErrorCode.TICKET_NOT_FOUND))
                    .expectNoEvents();
        }

        @Test
        void another_clients_user_is_told_the_ticket_to_reassign_does_not_exist() {
            fixture.given(ticket(IN_PROGRESS))
                    .when(new ReassignTicket(TICKET, KOUAME, "Congés", GLOBEX_USER, null))
                    .expectException(hasCode(ErrorCode.TICKET_NOT_FOUND))
                    .expectNoEvents();
        }
    }
}
