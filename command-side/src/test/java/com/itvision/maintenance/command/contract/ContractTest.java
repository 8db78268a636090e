package com.itvision.maintenance.command.contract;

import static com.itvision.maintenance.command.contract.ContractSamples.ACME;
import static com.itvision.maintenance.command.contract.ContractSamples.ACME_CCTV;
import static com.itvision.maintenance.command.contract.ContractSamples.ACME_SALES_REP;
import static com.itvision.maintenance.command.contract.ContractSamples.ACME_USER;
import static com.itvision.maintenance.command.contract.ContractSamples.ADMIN;
import static com.itvision.maintenance.command.contract.ContractSamples.AWA;
import static com.itvision.maintenance.command.contract.ContractSamples.CONTRACT;
import static com.itvision.maintenance.command.contract.ContractSamples.GLOBEX_ERP;
import static com.itvision.maintenance.command.contract.ContractSamples.GLOBEX_SALES_REP;
import static com.itvision.maintenance.command.contract.ContractSamples.GLOBEX_USER;
import static com.itvision.maintenance.command.contract.ContractSamples.JEAN_TECHNICIAN;
import static com.itvision.maintenance.command.contract.ContractSamples.KOFFI;
import static com.itvision.maintenance.command.contract.ContractSamples.NOW;
import static com.itvision.maintenance.command.contract.ContractSamples.NUMBER;
import static com.itvision.maintenance.command.contract.ContractSamples.PREVENTIVE_PRICE;
import static com.itvision.maintenance.command.contract.ContractSamples.PROJECT_LEAD;
import static com.itvision.maintenance.command.contract.ContractSamples.TECHNICIAN;
import static com.itvision.maintenance.command.contract.ContractSamples.YEAR_2026;
import static com.itvision.maintenance.command.contract.ContractSamples.YEAR_2027;
import static com.itvision.maintenance.command.contract.ContractSamples.activated;
import static com.itvision.maintenance.command.contract.ContractSamples.amended;
import static com.itvision.maintenance.command.contract.ContractSamples.consumed;
import static com.itvision.maintenance.command.contract.ContractSamples.consumptions;
import static com.itvision.maintenance.command.contract.ContractSamples.correctiveWarranty;
import static com.itvision.maintenance.command.contract.ContractSamples.directory;
import static com.itvision.maintenance.command.contract.ContractSamples.preventiveContract;
import static com.itvision.maintenance.command.contract.ContractSamples.preventiveMaintenance;
import static com.itvision.maintenance.command.contract.ContractSamples.refunded;
import static com.itvision.maintenance.command.contract.ContractSamples.renewed;
import static com.itvision.maintenance.command.contract.ContractSamples.staff;
import static com.itvision.maintenance.command.contract.ContractSamples.suspended;
import static com.itvision.maintenance.command.contract.ContractSamples.terminated;
import static com.itvision.maintenance.command.contract.ContractSamples.with;
import static com.itvision.maintenance.command.support.DomainExceptionMatchers.hasCode;
import static com.itvision.maintenance.kernel.contract.ContractStatus.ACTIVE;
import static com.itvision.maintenance.kernel.contract.ContractStatus.DRAFT;
import static com.itvision.maintenance.kernel.contract.ContractStatus.SUSPENDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import com.itvision.maintenance.command.directory.InMemoryDirectory;
import com.itvision.maintenance.command.support.FixedNumbers;
import com.itvision.maintenance.command.support.TestClock;
import com.itvision.maintenance.kernel.common.Actor;
import com.itvision.maintenance.kernel.common.ClientId;
import com.itvision.maintenance.kernel.common.ErrorCode;
import com.itvision.maintenance.kernel.common.Money;
import com.itvision.maintenance.kernel.common.ProjectId;
import com.itvision.maintenance.kernel.common.Role;
import com.itvision.maintenance.kernel.common.UserId;
import com.itvision.maintenance.kernel.contract.ContractCommands.AcceptContract;
import com.itvision.maintenance.kernel.contract.ContractCommands.ActivateContract;
import com.itvision.maintenance.kernel.contract.ContractCommands.AmendContract;
import com.itvision.maintenance.kernel.contract.ContractCommands.ConsumeInterventionQuota;
import com.itvision.maintenance.kernel.contract.ContractCommands.DeclineContract;
import com.itvision.maintenance.kernel.contract.ContractCommands.ExpireContract;
import com.itvision.maintenance.kernel.contract.ContractCommands.QuotaDecision;
import com.itvision.maintenance.kernel.contract.ContractCommands.RefundInterventionQuota;
import com.itvision.maintenance.kernel.contract.ContractCommands.RenewContract;
import com.itvision.maintenance.kernel.contract.ContractCommands.ResumeContract;
import com.itvision.maintenance.kernel.contract.ContractCommands.SuspendContract;
import com.itvision.maintenance.kernel.contract.ContractCommands.TerminateContract;
import com.itvision.maintenance.kernel.contract.ContractEvent.ContractAccepted;
import com.itvision.maintenance.kernel.contract.ContractEvent.ContractActivated;
import com.itvision.maintenance.kernel.contract.ContractEvent.ContractAmended;
import com.itvision.maintenance.kernel.contract.ContractEvent.ContractDeclined;
import com.itvision.maintenance.kernel.contract.ContractEvent.ContractDrafted;
import com.itvision.maintenance.kernel.contract.ContractEvent.ContractExpired;
import com.itvision.maintenance.kernel.contract.ContractEvent.ContractRenewed;
import com.itvision.maintenance.kernel.contract.ContractEvent.ContractResumed;
import com.itvision.maintenance.kernel.contract.ContractEvent.ContractSuspended;
import com.itvision.maintenance.kernel.contract.ContractEvent.ContractTerminated;
import com.itvision.maintenance.kernel.contract.ContractEvent.InterventionQuotaConsumptionRefused;
import com.itvision.maintenance.kernel.contract.ContractEvent.InterventionQuotaRefunded;
import com.itvision.maintenance.kernel.contract.ContractKind;
import com.itvision.maintenance.kernel.contract.ContractStatus;
import com.itvision.maintenance.kernel.contract.ContractTerms;
import com.itvision.maintenance.kernel.contract.ContractType;
import com.itvision.maintenance.kernel.contract.Coverage;
import com.itvision.maintenance.kernel.contract.Equipment;
import com.itvision.maintenance.kernel.contract.InterventionQuota;
import com.itvision.maintenance.kernel.contract.Period;
import com.itvision.maintenance.kernel.contract.SupportHours;
import com.itvision.maintenance.kernel.contract.TerminationCategory;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Contract aggregate, command by command: every rule once as a success and once as a refusal.
 * "Today" is {@link TestClock#DEFAULT_NOW} (2026-03-10) unless a test moves the clock before its
 * {@code when}. Refusals assert the {@code DomainException}'s code and that nothing was stored.
 */
class ContractTest {
    private final TestClock clock = new TestClock();
    private final InMemoryDirectory directory = directory();
    private final InMemoryContractRegistry registry = new InMemoryContractRegistry();
    private final FixedNumbers numbers = new FixedNumbers();
    private FixtureConfiguration<Contract> fixture;

    @BeforeEach
    void newFixture() {
        fixture = fixtureFor(clock, directory, registry, numbers);
    }

    private static FixtureConfiguration<Contract> fixtureFor(TestClock clock, InMemoryDirectory directory,
                                                             InMemoryContractRegistry registry, FixedNumbers numbers) {
        AggregateTestFixture<Contract> fixture = new AggregateTestFixture<>(Contract.class);
        return fixture.registerInjectableResource(clock)
                .registerInjectableResource(directory)
                .registerInjectableResource(registry)
                .registerInjectableResource(new EventStoreQuotaConsumptions(fixture::getEventStore))
                .registerInjectableResource(numbers);
    }

    /** The aggregate's view today; its version comes from Axon's Aggregate wrapper, which these tests do not check. */
    private ContractView viewOf(Contract contract) {
        return ContractView.of(contract, 0L, clock);
    }

    private static LocalDate day(String iso) {
        return LocalDate.parse(iso);
    }

    private static ConsumeInterventionQuota consume(String interventionId) {
        return new ConsumeInterventionQuota(CONTRACT, interventionId, Actor.SYSTEM);
    }

    private static InterventionQuotaConsumptionRefused refusedConsumption(String interventionId, String code,
                                                                          String detail, Instant at) {
        return new InterventionQuotaConsumptionRefused(CONTRACT, interventionId, code, detail, Actor.SYSTEM, at);
    }

    private static Instant nineOClockOn(String iso) {
        return Instant.parse(iso + "T09:00:00Z");
    }

    @Nested
    class Drafting {

        @Test
        void admin_drafts_seed_000_preventive_contract_numbered_from_the_clock_month_and_the_allocator() {
            fixture.givenNoPriorActivity()
                    .when(preventiveMaintenance().command())
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new ContractDrafted(CONTRACT, "MC-202603-0001", ACME, ACME_CCTV,
                            "Maintenance préventive annuelle", ContractKind.MAINTENANCE, ContractType.PREVENTIVE,
                            YEAR_2026, preventiveMaintenance().terms(), AWA, ADMIN, NOW))
                    .expectState(contract -> {
                        assertThat(contract.status()).isEqualTo(DRAFT);
                        assertThat(contract.revision()).isEqualTo(1);
                    });
            assertThat(numbers.requestedScopes()).containsExactly("contract-2026-03");
        }

        @Test
        void contract_number_takes_the_next_value_of_the_month_counter() {
            numbers.continuingAt("contract-2026-03", 42);

            fixture.givenNoPriorActivity()
                    .when(preventiveMaintenance().command())
                    .expectSuccessfulHandlerExecution()
                    .expectState(contract -> assertThat(contract.number()).isEqualTo("MC-202603-0042"));
        }

        @Test
        void contract_number_month_is_the_clock_month() {
            clock.at(Instant.parse("2026-11-30T23:30:00Z"));

            fixture.givenNoPriorActivity()
                    .when(preventiveMaintenance().command())
                    .expectSuccessfulHandlerExecution()
                    .expectState(contract -> assertThat(contract.number()).isEqualTo("MC-202611-0001"));
            assertThat(numbers.requestedScopes()).containsExactly("contract-2026-11");
        }

        @Test
        void project_lead_drafts_seed_001_corrective_warranty_for_free() {
            fixture.givenNoPriorActivity()
                    .when(correctiveWarranty().command())
                    .expectEvents(new ContractDrafted(CONTRACT, NUMBER, ACME, ACME_CCTV, "Garantie corrective",
                            ContractKind.WARRANTY, ContractType.CORRECTIVE, YEAR_2026, correctiveWarranty().terms(),
                            AWA, PROJECT_LEAD, NOW));
        }

        @Test
        void contract_name_is_stored_without_surrounding_spaces() {
            fixture.givenNoPriorActivity()
                    .when(preventiveMaintenance().named("  Maintenance 2026 \n").command())
                    .expectSuccessfulHandlerExecution()
                    .expectState(contract -> assertThat(contract.name()).isEqualTo("Maintenance 2026"));
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = "   ")
        void contract_needs_a_name(String name) {
            fixture.givenNoPriorActivity()
                    .when(preventiveMaintenance().named(name).command())
                    .expectException(hasCode(ErrorCode.VALIDATION_FAILED))
                    .expectNoEvents();
        }

        @Test
        void maintenance_contract_may_cover_a_client_without_naming_a_project() {
            fixture.givenNoPriorActivity()
                    .when(preventiveMaintenance().withoutProject().command())
                    .expectEvents(preventiveMaintenance().withoutProject().drafted());
        }

        @Test
        void sales_rep_proposes_a_contract_to_a_client_they_follow_and_becomes_its_sales_rep() {
            fixture.givenNoPriorActivity()
                    .when(preventiveMaintenance().by(ACME_SALES_REP).command())
                    .expectEvents(new ContractDrafted(CONTRACT, NUMBER, ACME, ACME_CCTV,
                            "Maintenance préventive annuelle", ContractKind.MAINTENANCE, ContractType.PREVENTIVE,
                            YEAR_2026, preventiveMaintenance().terms(), AWA, ACME_SALES_REP, NOW));
        }

        @Test
        void drafting_user_who_also_holds_sales_becomes_the_sales_rep_rather_than_the_clients_rep() {
            Actor leadAndSales = new Actor(KOFFI, Set.of(Role.PROJECT_LEAD, Role.SALES), null);

            fixture.givenNoPriorActivity()
                    .when(preventiveMaintenance().by(leadAndSales).command())
                    .expectSuccessfulHandlerExecution()
                    .expectState(contract -> assertThat(contract.salesRepId()).isEqualTo(KOFFI));
        }

        @Test
        void named_sales_rep_is_kept() {
            fixture.givenNoPriorActivity()
                    .when(preventiveMaintenance().salesRep(KOFFI).command())
                    .expectEvents(preventiveMaintenance().salesRep(KOFFI).drafted());
        }

        @Test
        void named_sales_rep_who_is_not_a_sales_user_is_refused() {
            fixture.givenNoPriorActivity()
                    .when(preventiveMaintenance().salesRep(JEAN_TECHNICIAN).command())
                    .expectException(hasCode(ErrorCode.SALES_REP_NOT_ELIGIBLE))
                    .expectNoEvents();
        }

        @Test
        void named_sales_rep_unknown_to_the_directory_is_refused() {
            fixture.givenNoPriorActivity()
                    .when(preventiveMaintenance().salesRep(UserId.of("ghost")).command())
                    .expectException(hasCode(ErrorCode.SALES_REP_NOT_ELIGIBLE))
                    .expectNoEvents();
        }

        @Test
        void sales_rep_may_not_propose_a_contract_to_a_client_they_do_not_follow() {
            fixture.givenNoPriorActivity()
                    .when(preventiveMaintenance().by(GLOBEX_SALES_REP).command())
                    .expectException(hasCode(ErrorCode.ROLE_NOT_ALLOWED))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @EnumSource(value = Role.class, names = {"TECHNICIAN", "AUDITOR", "ANALYST", "MANAGER"})
        void only_admin_project_lead_or_the_clients_sales_rep_may_draft(Role role) {
            fixture.givenNoPriorActivity()
                    .when(preventiveMaintenance().by(staff(role)).command())
                    .expectException(hasCode(ErrorCode.ROLE_NOT_ALLOWED))
                    .expectNoEvents();
        }

        @Test
        void client_user_may_not_draft_a_contract_for_its_own_client() {
            fixture.givenNoPriorActivity()
                    .when(preventiveMaintenance().by(ACME_USER).command())
                    .expectException(hasCode(ErrorCode.ROLE_NOT_ALLOWED))
                    .expectNoEvents();
        }

        @Test
        void client_user_of_another_client_is_told_the_client_does_not_exist() {
            fixture.givenNoPriorActivity()
                    .when(preventiveMaintenance().by(GLOBEX_USER).command())
                    .expectException(hasCode(ErrorCode.CLIENT_NOT_FOUND))
                    .expectNoEvents();
        }

        @Test
        void unknown_client_is_refused() {
            fixture.givenNoPriorActivity()
                    .when(preventiveMaintenance().forClient(ClientId.of("client-unknown")).withoutProject().command())
                    .expectException(hasCode(ErrorCode.CLIENT_NOT_FOUND))
                    .expectNoEvents();
        }

        @Test
        void unknown_project_is_refused() {
            fixture.givenNoPriorActivity()
                    .when(correctiveWarranty().forProject(ProjectId.of("project-unknown")).command())
                    .expectException(hasCode(ErrorCode.PROJECT_NOT_FOUND))
                    .expectNoEvents();
        }

        @Test
        void project_of_another_client_is_refused() {
            fixture.givenNoPriorActivity()
                    .when(correctiveWarranty().forProject(GLOBEX_ERP).command())
                    .expectException(hasCode(ErrorCode.PROJECT_NOT_OF_CLIENT))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @EnumSource(ContractType.class)
        void type_of_the_other_kind_is_refused(ContractType type) {
            ContractKind otherKind = type.kind() == ContractKind.WARRANTY ? ContractKind.MAINTENANCE
                    : ContractKind.WARRANTY;

            fixture.givenNoPriorActivity()
                    .when(preventiveMaintenance().kind(otherKind, type).command())
                    .expectException(hasCode(ErrorCode.TYPE_NOT_IN_KIND))
                    .expectNoEvents();
        }

        @Test
        void warranty_without_a_project_is_refused() {
            fixture.givenNoPriorActivity()
                    .when(correctiveWarranty().withoutProject().command())
                    .expectException(hasCode(ErrorCode.PROJECT_REQUIRED_FOR_WARRANTY))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @ValueSource(strings = {"2026-01-01", "2025-12-31"})
        void end_date_not_after_the_start_date_is_refused(String end) {
            fixture.givenNoPriorActivity()
                    .when(correctiveWarranty().period(day("2026-01-01"), day(end)).command())
                    .expectException(hasCode(ErrorCode.INVALID_PERIOD))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @ValueSource(longs = {0, -1})
        void maintenance_contract_with_zero_price_is_refused(long amount) {
            fixture.givenNoPriorActivity()
                    .when(preventiveMaintenance().price(Money.of(amount, "XOF")).command())
                    .expectException(hasCode(ErrorCode.INVALID_PRICE))
                    .expectNoEvents();
        }

        @Test
        void warranty_with_a_price_is_refused() {
            fixture.givenNoPriorActivity()
                    .when(correctiveWarranty().price(Money.of(1, "XOF")).command())
                    .expectException(hasCode(ErrorCode.INVALID_PRICE))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @ValueSource(ints = {0, -24})
        void sla_of_zero_hours_is_refused(int hours) {
            fixture.givenNoPriorActivity()
                    .when(correctiveWarranty().sla(hours).command())
                    .expectException(hasCode(ErrorCode.INVALID_SLA))
                    .expectNoEvents();
        }

        private Coverage cameras(int quantity) {
            return new Coverage("Vidéosurveillance", null,
                    List.of(new Equipment("NVR", 1, "Siège Abidjan", List.of()),
                            new Equipment("Caméra IP", quantity, "Siège Abidjan", List.of())), List.of());
        }

        @Test
        void equipment_present_once_is_covered() {
            fixture.givenNoPriorActivity()
                    .when(preventiveMaintenance().coverage(cameras(1)).command())
                    .expectEvents(preventiveMaintenance().coverage(cameras(1)).drafted());
        }

        @ParameterizedTest
        @ValueSource(ints = {0, -16})
        void equipment_counted_zero_or_negative_times_is_refused(int quantity) {
            fixture.givenNoPriorActivity()
                    .when(preventiveMaintenance().coverage(cameras(quantity)).command())
                    .expectException(hasCode(ErrorCode.INVALID_QUANTITY))
                    .expectExceptionMessage(containsString("Caméra IP"))
                    .expectNoEvents();
        }

        @Test
        void negative_intervention_quota_is_refused() {
            fixture.givenNoPriorActivity()
                    .when(preventiveMaintenance().quota(new InterventionQuota(-1)).command())
                    .expectException(hasCode(ErrorCode.INVALID_QUOTA))
                    .expectNoEvents();
        }

        @Test
        void contract_overlapping_one_of_the_same_project_and_type_is_refused() {
            registry.with("MC-202507-0007", ACME_CCTV, ContractType.CORRECTIVE,
                    Period.of(day("2025-07-01"), day("2026-06-30")), ContractStatus.ACTIVE);

            fixture.givenNoPriorActivity()
                    .when(correctiveWarranty().command())
                    .expectException(hasCode(ErrorCode.CONTRACT_OVERLAP))
                    .expectExceptionMessage(containsString("MC-202507-0007"))
                    .expectNoEvents();
        }

        @Test
        void contract_of_another_type_on_the_same_project_does_not_overlap() {
            registry.with("MC-202601-0002", ACME_CCTV, ContractType.EVOLUTIVE, YEAR_2026, ContractStatus.ACTIVE);

            fixture.givenNoPriorActivity()
                    .when(correctiveWarranty().command())
                    .expectEvents(correctiveWarranty().drafted());
        }

        @Test
        void refused_draft_does_not_use_up_a_contract_number() {
            registry.with("MC-202601-0002", ACME_CCTV, ContractType.CORRECTIVE, YEAR_2026, ContractStatus.DRAFT);

            fixture.givenNoPriorActivity()
                    .when(correctiveWarranty().command())
                    .expectException(hasCode(ErrorCode.CONTRACT_OVERLAP))
                    .expectNoEvents();
            assertThat(numbers.requestedScopes()).isEmpty();
        }
    }

    @Nested
    class Activation {

        @ParameterizedTest
        @EnumSource(value = Role.class, names = {"ADMIN", "PROJECT_LEAD"})
        void admin_or_project_lead_activates_a_draft(Role role) {
            fixture.given(preventiveContract(DRAFT))
                    .when(new ActivateContract(CONTRACT, staff(role), null))
                    .expectEvents(new ContractActivated(CONTRACT, staff(role), NOW));
        }

        @Test
        void activated_contract_is_active_today_with_its_days_remaining() {
            fixture.given(preventiveContract(DRAFT))
                    .when(new ActivateContract(CONTRACT, ADMIN, null))
                    .expectSuccessfulHandlerExecution()
                    .expectState(contract -> {
                        ContractView view = viewOf(contract);
                        assertThat(view.status()).isEqualTo(ACTIVE);
                        assertThat(view.active()).isTrue();
                        assertThat(view.daysRemaining()).isEqualTo(296); // 2026-03-10 → 2026-12-31
                        assertThat(view.currentPeriod()).isEqualTo(YEAR_2026);
                        assertThat(view.periods()).containsExactly(new ContractView.PeriodUsage(0, YEAR_2026, 0, 4, 4));
                    });
        }

        @ParameterizedTest
        @EnumSource(value = ContractStatus.class, names = "DRAFT", mode = EnumSource.Mode.EXCLUDE)
        void only_a_draft_can_be_activated(ContractStatus status) {
            fixture.given(preventiveContract(status))
                    .when(new ActivateContract(CONTRACT, ADMIN, null))
                    .expectException(hasCode(ErrorCode.INVALID_STATUS_TRANSITION))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @EnumSource(value = Role.class, names = {"SALES", "TECHNICIAN", "AUDITOR", "ANALYST", "MANAGER"})
        void only_admin_or_project_lead_may_activate(Role role) {
            fixture.given(preventiveContract(DRAFT))
                    .when(new ActivateContract(CONTRACT, staff(role), null))
                    .expectException(hasCode(ErrorCode.ROLE_NOT_ALLOWED))
                    .expectNoEvents();
        }

        @Test
        void even_the_contracts_own_sales_rep_may_not_activate_it() {
            fixture.given(preventiveContract(DRAFT))
                    .when(new ActivateContract(CONTRACT, ACME_SALES_REP, null))
                    .expectException(hasCode(ErrorCode.ROLE_NOT_ALLOWED))
                    .expectNoEvents();
        }

        @Test
        void client_user_of_another_client_is_told_the_contract_does_not_exist() {
            fixture.given(preventiveContract(DRAFT))
                    .when(new ActivateContract(CONTRACT, GLOBEX_USER, null))
                    .expectException(hasCode(ErrorCode.CONTRACT_NOT_FOUND))
                    .expectNoEvents();
        }

        @Test
        void client_user_may_not_activate_its_own_clients_contract() {
            fixture.given(preventiveContract(DRAFT))
                    .when(new ActivateContract(CONTRACT, ACME_USER, null))
                    .expectException(hasCode(ErrorCode.ROLE_NOT_ALLOWED))
                    .expectNoEvents();
        }
    }

    @Nested
    class ProposalAcceptance {

        @Test
        void client_user_accepts_its_own_clients_proposal_which_becomes_active() {
            fixture.given(preventiveContract(DRAFT))
                    .when(new AcceptContract(CONTRACT, ACME_USER, null))
                    .expectEvents(new ContractAccepted(CONTRACT, ACME_USER, NOW))
                    .expectState(contract -> assertThat(viewOf(contract).active()).isTrue());
        }

        @Test
        void staff_may_not_accept_on_behalf_of_the_client() {
            fixture.given(preventiveContract(DRAFT))
                    .when(new AcceptContract(CONTRACT, ADMIN, null))
                    .expectException(hasCode(ErrorCode.ROLE_NOT_ALLOWED))
                    .expectNoEvents();
        }

        @Test
        void client_user_of_another_client_cannot_accept_a_contract_it_cannot_see() {
            fixture.given(preventiveContract(DRAFT))
                    .when(new AcceptContract(CONTRACT, GLOBEX_USER, null))
                    .expectException(hasCode(ErrorCode.CONTRACT_NOT_FOUND))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @EnumSource(value = ContractStatus.class, names = "DRAFT", mode = EnumSource.Mode.EXCLUDE)
        void only_a_draft_can_be_accepted(ContractStatus status) {
            fixture.given(preventiveContract(status))
                    .when(new AcceptContract(CONTRACT, ACME_USER, null))
                    .expectException(hasCode(ErrorCode.INVALID_STATUS_TRANSITION))
                    .expectNoEvents();
        }

        @Test
        void client_user_declines_its_own_clients_proposal_with_an_optional_reason() {
            fixture.given(preventiveContract(DRAFT))
                    .when(new DeclineContract(CONTRACT, "  Budget 2026 gelé ", ACME_USER, null))
                    .expectEvents(new ContractDeclined(CONTRACT, "Budget 2026 gelé", ACME_USER, NOW))
                    .expectState(contract -> assertThat(contract.status()).isEqualTo(ContractStatus.DECLINED));
        }

        @Test
        void proposal_may_be_declined_without_a_reason() {
            fixture.given(preventiveContract(DRAFT))
                    .when(new DeclineContract(CONTRACT, "  ", ACME_USER, null))
                    .expectEvents(new ContractDeclined(CONTRACT, null, ACME_USER, NOW));
        }

        @ParameterizedTest
        @EnumSource(value = Role.class, names = {"ADMIN", "PROJECT_LEAD"})
        void admin_or_project_lead_may_withdraw_a_proposal_by_declining_it(Role role) {
            fixture.given(preventiveContract(DRAFT))
                    .when(new DeclineContract(CONTRACT, "Retirée", staff(role), null))
                    .expectEvents(new ContractDeclined(CONTRACT, "Retirée", staff(role), NOW));
        }

        @ParameterizedTest
        @EnumSource(value = Role.class, names = {"SALES", "TECHNICIAN", "AUDITOR", "ANALYST", "MANAGER"})
        void other_staff_may_not_decline(Role role) {
            fixture.given(preventiveContract(DRAFT))
                    .when(new DeclineContract(CONTRACT, null, staff(role), null))
                    .expectException(hasCode(ErrorCode.ROLE_NOT_ALLOWED))
                    .expectNoEvents();
        }

        @Test
        void client_user_of_another_client_cannot_decline_a_contract_it_cannot_see() {
            fixture.given(preventiveContract(DRAFT))
                    .when(new DeclineContract(CONTRACT, null, GLOBEX_USER, null))
                    .expectException(hasCode(ErrorCode.CONTRACT_NOT_FOUND))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @EnumSource(value = ContractStatus.class, names = "DRAFT", mode = EnumSource.Mode.EXCLUDE)
        void only_a_draft_can_be_declined(ContractStatus status) {
            fixture.given(preventiveContract(status))
                    .when(new DeclineContract(CONTRACT, null, ACME_USER, null))
                    .expectException(hasCode(ErrorCode.INVALID_STATUS_TRANSITION))
                    .expectNoEvents();
        }
    }

    @Nested
    class SuspensionAndResumption {

        @Test
        void active_contract_is_suspended_with_its_reason_and_stops_being_active() {
            fixture.given(preventiveContract(ACTIVE))
                    .when(new SuspendContract(CONTRACT, "  Factures impayées ", PROJECT_LEAD, null))
                    .expectEvents(new ContractSuspended(CONTRACT, "Factures impayées", PROJECT_LEAD, NOW))
                    .expectState(contract -> {
                        ContractView view = viewOf(contract);
                        assertThat(view.status()).isEqualTo(SUSPENDED);
                        assertThat(view.active()).isFalse();
                        assertThat(view.daysRemaining()).isEqualTo(296);
                    });
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = "   ")
        void suspension_requires_a_reason(String reason) {
            fixture.given(preventiveContract(ACTIVE))
                    .when(new SuspendContract(CONTRACT, reason, ADMIN, null))
                    .expectException(hasCode(ErrorCode.REASON_REQUIRED))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @EnumSource(value = ContractStatus.class, names = "ACTIVE", mode = EnumSource.Mode.EXCLUDE)
        void only_an_active_contract_can_be_suspended(ContractStatus status) {
            fixture.given(preventiveContract(status))
                    .when(new SuspendContract(CONTRACT, "Impayés", ADMIN, null))
                    .expectException(hasCode(ErrorCode.INVALID_STATUS_TRANSITION))
                    .expectNoEvents();
        }

        @Test
        void technician_may_not_suspend() {
            fixture.given(preventiveContract(ACTIVE))
                    .when(new SuspendContract(CONTRACT, "Impayés", TECHNICIAN, null))
                    .expectException(hasCode(ErrorCode.ROLE_NOT_ALLOWED))
                    .expectNoEvents();
        }

        @Test
        void client_user_of_another_client_cannot_suspend_a_contract_it_cannot_see() {
            fixture.given(preventiveContract(ACTIVE))
                    .when(new SuspendContract(CONTRACT, "Impayés", GLOBEX_USER, null))
                    .expectException(hasCode(ErrorCode.CONTRACT_NOT_FOUND))
                    .expectNoEvents();
        }

        @Test
        void suspended_contract_is_resumed_with_its_reason_and_is_active_again() {
            fixture.given(preventiveContract(SUSPENDED))
                    .when(new ResumeContract(CONTRACT, "Factures réglées", ADMIN, null))
                    .expectEvents(new ContractResumed(CONTRACT, "Factures réglées", ADMIN, NOW))
                    .expectState(contract -> assertThat(viewOf(contract).active()).isTrue());
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = "   ")
        void resumption_requires_a_reason(String reason) {
            fixture.given(preventiveContract(SUSPENDED))
                    .when(new ResumeContract(CONTRACT, reason, ADMIN, null))
                    .expectException(hasCode(ErrorCode.REASON_REQUIRED))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @EnumSource(value = ContractStatus.class, names = "SUSPENDED", mode = EnumSource.Mode.EXCLUDE)
        void only_a_suspended_contract_can_be_resumed(ContractStatus status) {
            fixture.given(preventiveContract(status))
                    .when(new ResumeContract(CONTRACT, "Reprise", ADMIN, null))
                    .expectException(hasCode(ErrorCode.INVALID_STATUS_TRANSITION))
                    .expectNoEvents();
        }

        @Test
        void technician_may_not_resume() {
            fixture.given(preventiveContract(SUSPENDED))
                    .when(new ResumeContract(CONTRACT, "Reprise", TECHNICIAN, null))
                    .expectException(hasCode(ErrorCode.ROLE_NOT_ALLOWED))
                    .expectNoEvents();
        }
    }

    @Nested
    class Termination {

        private TerminateContract terminate(LocalDate effectiveDate) {
            return new TerminateContract(CONTRACT, TerminationCategory.PRICE, "Trop cher", effectiveDate, ADMIN, null);
        }

        @Test
        void active_contract_is_terminated_with_category_reason_and_effective_date() {
            fixture.given(preventiveContract(ACTIVE))
                    .when(terminate(day("2026-06-30")))
                    .expectEvents(new ContractTerminated(CONTRACT, TerminationCategory.PRICE, "Trop cher",
                            day("2026-06-30"), ADMIN, NOW))
                    .expectState(contract -> {
                        assertThat(contract.status()).isEqualTo(ContractStatus.TERMINATED);
                        // still covered during the notice: 2026-03-10 → 2026-06-29 is 111 days
                        assertThat(viewOf(contract).active()).isTrue();
                        assertThat(viewOf(contract).daysRemaining()).isEqualTo(111);
                    });
        }

        @Test
        void terminated_contract_has_no_days_left_once_its_effective_date_is_reached() {
            clock.on(day("2026-06-30"));
            fixture.given(preventiveContract(ACTIVE))
                    .when(terminate(day("2026-06-30")))
                    .expectState(contract -> {
                        assertThat(viewOf(contract).active()).isFalse();
                        assertThat(viewOf(contract).daysRemaining()).isZero();
                    });
        }

        @Test
        void effective_date_defaults_to_today() {
            fixture.given(preventiveContract(ACTIVE))
                    .when(terminate(null))
                    .expectEvents(new ContractTerminated(CONTRACT, TerminationCategory.PRICE, "Trop cher",
                            day("2026-03-10"), ADMIN, NOW));
        }

        @Test
        void suspended_contract_can_be_terminated() {
            fixture.given(preventiveContract(SUSPENDED))
                    .when(terminate(day("2026-03-10")))
                    .expectEvents(new ContractTerminated(CONTRACT, TerminationCategory.PRICE, "Trop cher",
                            day("2026-03-10"), ADMIN, NOW));
        }

        @Test
        void termination_requires_a_reason_category() {
            fixture.given(preventiveContract(ACTIVE))
                    .when(new TerminateContract(CONTRACT, null, "Trop cher", null, ADMIN, null))
                    .expectException(hasCode(ErrorCode.REASON_REQUIRED))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = "   ")
        void termination_requires_a_reason(String reason) {
            fixture.given(preventiveContract(ACTIVE))
                    .when(new TerminateContract(CONTRACT, TerminationCategory.OTHER, reason, null, ADMIN, null))
                    .expectException(hasCode(ErrorCode.REASON_REQUIRED))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @ValueSource(strings = {"2025-12-31", "2027-01-02"})
        void effective_date_outside_the_contract_periods_is_refused(String effectiveDate) {
            fixture.given(preventiveContract(ACTIVE))
                    .when(terminate(day(effectiveDate)))
                    .expectException(hasCode(ErrorCode.TERMINATION_DATE_INVALID))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @ValueSource(strings = {"2026-01-01", "2027-01-01"})
        void effective_date_may_be_the_first_day_or_the_day_after_the_last(String effectiveDate) {
            fixture.given(preventiveContract(ACTIVE))
                    .when(terminate(day(effectiveDate)))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new ContractTerminated(CONTRACT, TerminationCategory.PRICE, "Trop cher",
                            day(effectiveDate), ADMIN, NOW));
        }

        @Test
        void effective_date_may_fall_in_a_renewal_period() {
            fixture.given(with(preventiveContract(ACTIVE), renewed(YEAR_2027)))
                    .when(terminate(day("2027-06-30")))
                    .expectEvents(new ContractTerminated(CONTRACT, TerminationCategory.PRICE, "Trop cher",
                            day("2027-06-30"), ADMIN, NOW));
        }

        @ParameterizedTest
        @EnumSource(value = ContractStatus.class, names = {"DRAFT", "EXPIRED", "TERMINATED", "DECLINED"})
        void only_an_active_or_suspended_contract_can_be_terminated(ContractStatus status) {
            fixture.given(preventiveContract(status))
                    .when(terminate(day("2026-06-30")))
                    .expectException(hasCode(ErrorCode.INVALID_STATUS_TRANSITION))
                    .expectNoEvents();
        }

        @Test
        void technician_may_not_terminate() {
            fixture.given(preventiveContract(ACTIVE))
                    .when(new TerminateContract(CONTRACT, TerminationCategory.PRICE, "Trop cher", null, TECHNICIAN,
                            null))
                    .expectException(hasCode(ErrorCode.ROLE_NOT_ALLOWED))
                    .expectNoEvents();
        }

        @Test
        void terminated_contract_still_covers_interventions_before_a_future_effective_date() {
            clock.on(day("2026-06-29"));

            fixture.given(with(preventiveContract(ACTIVE), terminated(day("2026-06-30"))))
                    .when(consume("int-1"))
                    .expectEvents(consumed("int-1", 0, 1, 1, 4, clock.instant()))
                    .expectResultMessagePayload(new QuotaDecision(true, null, 0, 1, 4, 1))
                    .expectState(contract -> assertThat(viewOf(contract).active()).isTrue());
        }

        @ParameterizedTest
        @ValueSource(strings = {"2026-06-30", "2026-07-01"})
        void terminated_contract_refuses_quota_from_its_effective_date(String today) {
            clock.on(day(today));

            fixture.given(with(preventiveContract(ACTIVE), terminated(day("2026-06-30"))))
                    .when(consume("int-1"))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(refusedConsumption("int-1", "CONTRACT_NOT_ACTIVE",
                            "The contract is TERMINATED on " + today, nineOClockOn(today)))
                    .expectResultMessagePayload(new QuotaDecision(false, "CONTRACT_NOT_ACTIVE", -1, 0, 4, 1));
        }

        @Test
        void contract_terminated_while_suspended_covers_nothing_more() {
            fixture.given(with(preventiveContract(SUSPENDED), terminated(day("2026-06-30"))))
                    .when(consume("int-1"))
                    .expectEvents(refusedConsumption("int-1", "CONTRACT_NOT_ACTIVE",
                            "The contract is TERMINATED on 2026-03-10", NOW));
        }
    }

    @Nested
    class Renewal {

        private RenewContract renewByDefault() {
            return new RenewContract(CONTRACT, null, null, null, ADMIN, null);
        }

        @Test
        void renewal_defaults_to_a_period_of_the_same_length_starting_the_day_after_the_end() {
            fixture.given(preventiveContract(ACTIVE))
                    .when(renewByDefault())
                    .expectEvents(new ContractRenewed(CONTRACT, 1, YEAR_2027, PREVENTIVE_PRICE, PREVENTIVE_PRICE,
                            null, ADMIN, NOW));
        }

        @Test
        void renewal_keeps_the_contract_number() {
            fixture.given(preventiveContract(ACTIVE))
                    .when(renewByDefault())
                    .expectSuccessfulHandlerExecution()
                    .expectState(contract -> {
                        assertThat(contract.number()).isEqualTo(NUMBER);
                        assertThat(contract.periods().size()).isEqualTo(2);
                        assertThat(viewOf(contract).daysRemaining()).isEqualTo(296 + 365);
                    });
        }

        @Test
        void renewal_with_an_explicit_period_and_price() {
            Period next = Period.of(day("2027-02-01"), day("2028-01-31"));
            Money indexed = Money.of(1_320_000, "XOF");

            fixture.given(preventiveContract(ACTIVE))
                    .when(new RenewContract(CONTRACT, next, indexed, " Indexation 10 % ", ADMIN, null))
                    .expectEvents(new ContractRenewed(CONTRACT, 1, next, indexed, PREVENTIVE_PRICE, "Indexation 10 %",
                            ADMIN, NOW))
                    .expectState(contract -> assertThat(contract.terms().annualPrice()).isEqualTo(indexed));
        }

        @ParameterizedTest
        @ValueSource(strings = {"2026-12-31", "2026-06-01"})
        void renewal_period_must_start_after_the_current_end(String start) {
            fixture.given(preventiveContract(ACTIVE))
                    .when(new RenewContract(CONTRACT, Period.of(day(start), day("2027-12-31")), null, null, ADMIN,
                            null))
                    .expectException(hasCode(ErrorCode.RENEWAL_PERIOD_INVALID))
                    .expectNoEvents();
        }

        @Test
        void renewal_period_must_end_after_it_starts() {
            fixture.given(preventiveContract(ACTIVE))
                    .when(new RenewContract(CONTRACT, Period.of(day("2027-01-01"), day("2027-01-01")), null, null,
                            ADMIN, null))
                    .expectException(hasCode(ErrorCode.INVALID_PERIOD))
                    .expectNoEvents();
        }

        @Test
        void renewal_price_in_another_currency_is_refused() {
            fixture.given(preventiveContract(ACTIVE))
                    .when(new RenewContract(CONTRACT, null, Money.of(183_000, "EUR"), null, ADMIN, null))
                    .expectException(hasCode(ErrorCode.CURRENCY_MISMATCH))
                    .expectNoEvents();
        }

        @Test
        void maintenance_renewed_for_free_is_refused() {
            fixture.given(preventiveContract(ACTIVE))
                    .when(new RenewContract(CONTRACT, null, Money.zero("XOF"), null, ADMIN, null))
                    .expectException(hasCode(ErrorCode.INVALID_PRICE))
                    .expectNoEvents();
        }

        @Test
        void warranty_renewed_with_a_price_is_refused() {
            fixture.given(correctiveWarranty().drafted(), activated())
                    .when(new RenewContract(CONTRACT, null, Money.of(100_000, "XOF"), null, ADMIN, null))
                    .expectException(hasCode(ErrorCode.INVALID_PRICE))
                    .expectNoEvents();
        }

        @Test
        void renewal_overlapping_another_contract_of_the_same_project_and_type_is_refused() {
            registry.with("MC-202612-0002", ACME_CCTV, ContractType.PREVENTIVE,
                    Period.of(day("2027-06-01"), day("2028-05-31")), DRAFT);

            fixture.given(preventiveContract(ACTIVE))
                    .when(renewByDefault())
                    .expectException(hasCode(ErrorCode.CONTRACT_OVERLAP))
                    .expectExceptionMessage(containsString("MC-202612-0002"))
                    .expectNoEvents();
        }

        @Test
        void contracts_own_registry_entry_does_not_count_as_an_overlap() {
            registry.with(CONTRACT, NUMBER, ACME_CCTV, ContractType.PREVENTIVE,
                    Period.of(day("2026-01-01"), day("2027-12-31")), ACTIVE);

            fixture.given(preventiveContract(ACTIVE))
                    .when(renewByDefault())
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new ContractRenewed(CONTRACT, 1, YEAR_2027, PREVENTIVE_PRICE, PREVENTIVE_PRICE,
                            null, ADMIN, NOW));
        }

        @Test
        void expired_contract_renewed_becomes_active_again() {
            clock.on(day("2027-01-15"));

            fixture.given(preventiveContract(ContractStatus.EXPIRED))
                    .when(renewByDefault())
                    .expectEvents(new ContractRenewed(CONTRACT, 1, YEAR_2027, PREVENTIVE_PRICE, PREVENTIVE_PRICE,
                            null, ADMIN, clock.instant()))
                    .expectState(contract -> {
                        assertThat(contract.status()).isEqualTo(ACTIVE);
                        assertThat(viewOf(contract).active()).isTrue();
                    });
        }

        @Test
        void suspended_contract_renewed_stays_suspended() {
            fixture.given(preventiveContract(SUSPENDED))
                    .when(renewByDefault())
                    .expectSuccessfulHandlerExecution()
                    .expectState(contract -> assertThat(contract.status()).isEqualTo(SUSPENDED));
        }

        @ParameterizedTest
        @EnumSource(value = ContractStatus.class, names = {"DRAFT", "TERMINATED", "DECLINED"})
        void only_an_active_suspended_or_expired_contract_can_be_renewed(ContractStatus status) {
            fixture.given(preventiveContract(status))
                    .when(renewByDefault())
                    .expectException(hasCode(ErrorCode.INVALID_STATUS_TRANSITION))
                    .expectNoEvents();
        }

        @Test
        void technician_may_not_renew() {
            fixture.given(preventiveContract(ACTIVE))
                    .when(new RenewContract(CONTRACT, null, null, null, TECHNICIAN, null))
                    .expectException(hasCode(ErrorCode.ROLE_NOT_ALLOWED))
                    .expectNoEvents();
        }

        @Test
        void quota_usage_restarts_in_the_new_period_and_the_old_period_stays_in_history() {
            clock.on(day("2027-02-01"));

            fixture.given(with(with(preventiveContract(ACTIVE), consumptions(4, 4)), renewed(YEAR_2027)))
                    .when(consume("int-5"))
                    .expectEvents(consumed("int-5", 1, 1, 1, 4, clock.instant()))
                    .expectResultMessagePayload(new QuotaDecision(true, null, 1, 1, 4, 1))
                    .expectState(contract -> assertThat(viewOf(contract).periods()).containsExactly(
                            new ContractView.PeriodUsage(0, YEAR_2026, 4, 4, 0),
                            new ContractView.PeriodUsage(1, YEAR_2027, 1, 4, 3)));
        }
    }

    @Nested
    class Amending {

        private AmendContract amend(Integer slaHours, SupportHours supportHours, InterventionQuota quota,
                                    Money price, Boolean tacitRenewal, String reason) {
            return new AmendContract(CONTRACT, slaHours, supportHours, null, null, quota, null, price, null,
                    tacitRenewal, reason, ADMIN, null);
        }

        private AmendContract amendSla(int hours) {
            return amend(hours, null, null, null, null, "SLA révisé");
        }

        private AmendContract amendQuota(int included) {
            return amend(null, null, InterventionQuota.of(included), null, null, "Quota révisé");
        }

        @Test
        void amendment_raises_the_revision_from_1_to_2_and_records_the_new_terms() {
            fixture.given(preventiveContract(ACTIVE))
                    .when(amendSla(8))
                    .expectEvents(new ContractAmended(CONTRACT, 2, preventiveMaintenance().sla(8).terms(),
                            List.of("slaHours"), "SLA révisé", ADMIN, NOW))
                    .expectState(contract -> {
                        assertThat(contract.revision()).isEqualTo(2);
                        assertThat(contract.terms().slaHours()).isEqualTo(8);
                    });
        }

        @Test
        void next_amendment_raises_the_revision_to_3() {
            ContractTerms eightHours = preventiveMaintenance().sla(8).terms();

            fixture.given(with(preventiveContract(ACTIVE), amended(2, eightHours, "slaHours")))
                    .when(amendSla(4))
                    .expectEvents(new ContractAmended(CONTRACT, 3, preventiveMaintenance().sla(4).terms(),
                            List.of("slaHours"), "SLA révisé", ADMIN, NOW));
        }

        @Test
        void changed_fields_list_only_what_really_changes() {
            fixture.given(preventiveContract(ACTIVE))
                    .when(amend(24, SupportHours.ALWAYS, InterventionQuota.of(6), PREVENTIVE_PRICE, true,
                            "Passage en 24/7"))
                    .expectSuccessfulHandlerExecution()
                    .expectEventsMatching(onlyPayload(ContractAmended.class,
                            amended -> amended.changedFields().equals(List.of("supportHours", "quota")),
                            "changedFields [supportHours, quota]"));
        }

        @Test
        void equipment_amendment_replaces_the_covered_equipment() {
            List<Equipment> equipment = List.of(new Equipment("Caméra IP", 24, "Siège Abidjan", List.of()));

            fixture.given(preventiveContract(ACTIVE))
                    .when(new AmendContract(CONTRACT, null, null, null, equipment, null, null, null, null, null,
                            "8 caméras de plus", ADMIN, null))
                    .expectSuccessfulHandlerExecution()
                    .expectEventsMatching(onlyPayload(ContractAmended.class,
                            amended -> amended.changedFields().equals(List.of("equipment"))
                                    && amended.terms().coverage().equipment().equals(equipment),
                            "changedFields [equipment] and the new equipment"));
        }

        @ParameterizedTest
        @ValueSource(ints = {0, -1})
        void equipment_amendment_with_a_quantity_below_one_is_refused(int quantity) {
            List<Equipment> equipment = List.of(new Equipment("Caméra IP", quantity, "Siège Abidjan", List.of()));

            fixture.given(preventiveContract(ACTIVE))
                    .when(new AmendContract(CONTRACT, null, null, null, equipment, null, null, null, null, null,
                            "Caméras retirées", ADMIN, null))
                    .expectException(hasCode(ErrorCode.INVALID_QUANTITY))
                    .expectNoEvents();
        }

        @Test
        void coverage_amendment_with_a_quantity_below_one_is_refused() {
            Coverage coverage = new Coverage("Vidéosurveillance", null,
                    List.of(new Equipment("Caméra IP", 0, "Siège Abidjan", List.of())), List.of());

            fixture.given(preventiveContract(ACTIVE))
                    .when(new AmendContract(CONTRACT, null, null, coverage, null, null, null, null, null, null,
                            "Nouvelle couverture", ADMIN, null))
                    .expectException(hasCode(ErrorCode.INVALID_QUANTITY))
                    .expectNoEvents();
        }

        @Test
        void amendment_changing_nothing_is_refused() {
            fixture.given(preventiveContract(ACTIVE))
                    .when(amend(null, null, null, null, null, "Rien"))
                    .expectException(hasCode(ErrorCode.NOTHING_TO_AMEND))
                    .expectNoEvents();
        }

        @Test
        void amendment_repeating_the_current_terms_is_refused() {
            fixture.given(preventiveContract(ACTIVE))
                    .when(amend(24, SupportHours.BUSINESS_HOURS, InterventionQuota.of(4), PREVENTIVE_PRICE, true,
                            "Rien"))
                    .expectException(hasCode(ErrorCode.NOTHING_TO_AMEND))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = "   ")
        void amendment_requires_a_reason(String reason) {
            fixture.given(preventiveContract(ACTIVE))
                    .when(amend(8, null, null, null, null, reason))
                    .expectException(hasCode(ErrorCode.REASON_REQUIRED))
                    .expectNoEvents();
        }

        @Test
        void quota_below_the_current_period_usage_is_refused() {
            fixture.given(with(preventiveContract(ACTIVE), consumptions(3, 4)))
                    .when(amendQuota(2))
                    .expectException(hasCode(ErrorCode.QUOTA_BELOW_USAGE))
                    .expectNoEvents();
        }

        @Test
        void quota_equal_to_the_current_period_usage_is_accepted() {
            fixture.given(with(preventiveContract(ACTIVE), consumptions(3, 4)))
                    .when(amendQuota(3))
                    .expectSuccessfulHandlerExecution()
                    .expectState(contract -> assertThat(contract.terms().quota()).isEqualTo(InterventionQuota.of(3)));
        }

        @Test
        void amended_terms_follow_the_drafting_rules() {
            fixture.given(preventiveContract(ACTIVE))
                    .when(amendSla(0))
                    .expectException(hasCode(ErrorCode.INVALID_SLA))
                    .expectNoEvents();
        }

        @Test
        void amended_maintenance_price_of_zero_is_refused() {
            fixture.given(preventiveContract(ACTIVE))
                    .when(amend(null, null, null, Money.zero("XOF"), null, "Geste commercial"))
                    .expectException(hasCode(ErrorCode.INVALID_PRICE))
                    .expectNoEvents();
        }

        @Test
        void amended_price_in_another_currency_is_refused() {
            fixture.given(preventiveContract(ACTIVE))
                    .when(amend(null, null, null, Money.of(183_000, "EUR"), null, "Facturation en euros"))
                    .expectException(hasCode(ErrorCode.CURRENCY_MISMATCH))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @EnumSource(value = ContractStatus.class, names = {"DRAFT", "SUSPENDED"})
        void draft_and_suspended_contracts_can_be_amended(ContractStatus status) {
            fixture.given(preventiveContract(status))
                    .when(amendSla(8))
                    .expectSuccessfulHandlerExecution()
                    .expectState(contract -> assertThat(contract.revision()).isEqualTo(2));
        }

        @ParameterizedTest
        @EnumSource(value = ContractStatus.class, names = {"TERMINATED", "EXPIRED", "DECLINED"})
        void terminated_expired_or_declined_contract_cannot_be_amended(ContractStatus status) {
            fixture.given(preventiveContract(status))
                    .when(amendSla(8))
                    .expectException(hasCode(ErrorCode.INVALID_STATUS_TRANSITION))
                    .expectNoEvents();
        }

        @Test
        void technician_may_not_amend() {
            fixture.given(preventiveContract(ACTIVE))
                    .when(new AmendContract(CONTRACT, 8, null, null, null, null, null, null, null, null, "8h",
                            TECHNICIAN, null))
                    .expectException(hasCode(ErrorCode.ROLE_NOT_ALLOWED))
                    .expectNoEvents();
        }

        @Test
        void consumption_records_the_revision_in_force() {
            fixture.given(with(preventiveContract(ACTIVE), amended(2, preventiveMaintenance().sla(8).terms(),
                            "slaHours")))
                    .when(consume("int-1"))
                    .expectEvents(consumed("int-1", 0, 2, 1, 4))
                    .expectResultMessagePayload(new QuotaDecision(true, null, 0, 1, 4, 2));
        }
    }

    @Nested
    class Expiry {

        private ExpireContract expire() {
            return new ExpireContract(CONTRACT, YEAR_2026.end(), Actor.SYSTEM);
        }

        @Test
        void contract_expires_the_day_after_its_end_and_is_no_longer_active() {
            clock.on(day("2027-01-01"));

            fixture.given(preventiveContract(ACTIVE))
                    .when(expire())
                    .expectEvents(new ContractExpired(CONTRACT, day("2026-12-31"), Actor.SYSTEM, clock.instant()))
                    .expectState(contract -> {
                        ContractView view = viewOf(contract);
                        assertThat(view.status()).isEqualTo(ContractStatus.EXPIRED);
                        assertThat(view.active()).isFalse();
                        assertThat(view.daysRemaining()).isZero();
                    });
        }

        @Test
        void contract_is_not_due_on_its_last_day() {
            clock.on(day("2026-12-31"));

            fixture.given(preventiveContract(ACTIVE))
                    .when(expire())
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void expiring_an_expired_contract_again_changes_nothing() {
            clock.on(day("2027-01-02"));

            fixture.given(preventiveContract(ContractStatus.EXPIRED))
                    .when(expire())
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void suspended_contract_expires_too() {
            clock.on(day("2027-01-01"));

            fixture.given(preventiveContract(SUSPENDED))
                    .when(expire())
                    .expectEvents(new ContractExpired(CONTRACT, day("2026-12-31"), Actor.SYSTEM, clock.instant()));
        }

        @ParameterizedTest
        @EnumSource(value = ContractStatus.class, names = {"DRAFT", "TERMINATED", "DECLINED"})
        void contract_that_was_never_or_is_no_longer_in_force_does_not_expire(ContractStatus status) {
            clock.on(day("2027-01-01"));

            fixture.given(preventiveContract(status))
                    .when(expire())
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void renewed_contract_is_not_due_at_the_end_of_its_first_period() {
            clock.on(day("2027-01-01"));

            fixture.given(with(preventiveContract(ACTIVE), renewed(YEAR_2027)))
                    .when(expire())
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void renewed_contract_expires_after_its_last_period() {
            clock.on(day("2028-01-01"));

            fixture.given(with(preventiveContract(ACTIVE), renewed(YEAR_2027)))
                    .when(expire())
                    .expectEvents(new ContractExpired(CONTRACT, day("2027-12-31"), Actor.SYSTEM, clock.instant()));
        }
    }

    @Nested
    class QuotaConsumption {

        @Test
        void active_contract_within_quota_consumes_one_intervention() {
            fixture.given(preventiveContract(ACTIVE))
                    .when(consume("int-1"))
                    .expectEvents(consumed("int-1", 1))
                    .expectResultMessagePayload(new QuotaDecision(true, null, 0, 1, 4, 1));
        }

        @Test
        void usage_counts_up_within_the_period() {
            fixture.given(with(preventiveContract(ACTIVE), consumptions(3, 4)))
                    .when(consume("int-4"))
                    .expectEvents(consumed("int-4", 4))
                    .expectResultMessagePayload(new QuotaDecision(true, null, 0, 4, 4, 1))
                    .expectState(contract -> assertThat(viewOf(contract).periods())
                            .containsExactly(new ContractView.PeriodUsage(0, YEAR_2026, 4, 4, 0)));
        }

        @Test
        void exhausted_quota_is_recorded_as_a_refusal_event_not_thrown() {
            fixture.given(with(preventiveContract(ACTIVE), consumptions(4, 4)))
                    .when(consume("int-5"))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(refusedConsumption("int-5", "QUOTA_EXHAUSTED",
                            "All 4 interventions of the period are used", NOW))
                    .expectResultMessagePayload(new QuotaDecision(false, "QUOTA_EXHAUSTED", -1, 0, 4, 1));
        }

        @ParameterizedTest
        @EnumSource(value = ContractStatus.class, names = "ACTIVE", mode = EnumSource.Mode.EXCLUDE)
        void contract_not_in_force_records_a_refusal_event(ContractStatus status) {
            fixture.given(preventiveContract(status))
                    .when(consume("int-1"))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(refusedConsumption("int-1", "CONTRACT_NOT_ACTIVE",
                            "The contract is " + status + " on 2026-03-10", NOW))
                    .expectResultMessagePayload(new QuotaDecision(false, "CONTRACT_NOT_ACTIVE", -1, 0, 4, 1));
        }

        /** Seed 001 est_actif: ACTIVE and today within the period, both ends included. */
        @ParameterizedTest
        @ValueSource(strings = {"2026-01-01", "2026-12-31"})
        void active_contract_covers_the_first_and_the_last_day_of_its_period(String today) {
            clock.on(day(today));

            fixture.given(preventiveContract(ACTIVE))
                    .when(consume("int-1"))
                    .expectEvents(consumed("int-1", 0, 1, 1, 4, nineOClockOn(today)))
                    .expectState(contract -> assertThat(viewOf(contract).active()).isTrue());
        }

        @ParameterizedTest
        @ValueSource(strings = {"2025-12-31", "2027-01-01"})
        void active_contract_covers_nothing_outside_its_period(String today) {
            clock.on(day(today));

            fixture.given(preventiveContract(ACTIVE))
                    .when(consume("int-1"))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(refusedConsumption("int-1", "CONTRACT_NOT_ACTIVE",
                            "The contract is ACTIVE on " + today, nineOClockOn(today)))
                    .expectState(contract -> assertThat(viewOf(contract).active()).isFalse());
        }

        @Test
        void consuming_again_for_the_same_intervention_is_a_no_op_returning_the_first_decision() {
            fixture.given(with(preventiveContract(ACTIVE), consumed("int-1", 1)))
                    .when(consume("int-1"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(new QuotaDecision(true, null, 0, 1, 4, 1));
        }

        @Test
        void consuming_again_for_the_same_intervention_is_never_refused_even_once_the_quota_is_used_up_or_suspended() {
            fixture.given(with(with(preventiveContract(ACTIVE), consumptions(4, 4)), suspended()))
                    .when(consume("int-2"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(decision(d -> d.consumed() && d.refusalCode() == null
                            && d.periodIndex() == 0 && d.contractRevision() == 1,
                            "a consumed decision of period 0, revision 1"));
        }

        @Test
        void repeated_consumption_returns_exactly_the_first_decision_even_after_later_changes() {
            fixture.given(with(preventiveContract(ACTIVE), consumed("int-1", 1), consumed("int-2", 2),
                            amended(2, preventiveMaintenance().quota(InterventionQuota.of(6)).terms(), "quota")))
                    .when(consume("int-1"))
                    .expectNoEvents()
                    .expectResultMessagePayload(new QuotaDecision(true, null, 0, 1, 4, 1));
        }

        @Test
        void unlimited_quota_always_consumes_while_active() {
            fixture.given(with(List.of(correctiveWarranty().drafted(), activated()), consumptions(50, null)))
                    .when(consume("int-51"))
                    .expectEvents(consumed("int-51", 0, 1, 51, null))
                    .expectResultMessagePayload(new QuotaDecision(true, null, 0, 51, null, 1));
        }

        @Test
        void refund_gives_the_unit_back() {
            fixture.given(with(preventiveContract(ACTIVE), consumed("int-1", 1), consumed("int-2", 2)))
                    .when(new RefundInterventionQuota(CONTRACT, "int-1", "Intervention annulée", Actor.SYSTEM))
                    .expectEvents(new InterventionQuotaRefunded(CONTRACT, "int-1", 0, 1, "Intervention annulée",
                            Actor.SYSTEM, NOW))
                    .expectResultMessagePayload(true);
        }

        @Test
        void refunded_unit_can_be_consumed_by_another_intervention() {
            fixture.given(with(with(preventiveContract(ACTIVE), consumptions(4, 4)), refunded("int-2", 3)))
                    .when(consume("int-5"))
                    .expectEvents(consumed("int-5", 4))
                    .expectResultMessagePayload(new QuotaDecision(true, null, 0, 4, 4, 1));
        }

        @Test
        void refund_goes_to_the_period_the_intervention_consumed_from() {
            clock.on(day("2027-02-01"));

            fixture.given(with(preventiveContract(ACTIVE), consumed("int-1", 1), renewed(YEAR_2027)))
                    .when(new RefundInterventionQuota(CONTRACT, "int-1", "Doublon", Actor.SYSTEM))
                    .expectEvents(new InterventionQuotaRefunded(CONTRACT, "int-1", 0, 0, "Doublon", Actor.SYSTEM,
                            clock.instant()));
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = "   ")
        void refund_requires_a_reason(String reason) {
            fixture.given(with(preventiveContract(ACTIVE), consumed("int-1", 1)))
                    .when(new RefundInterventionQuota(CONTRACT, "int-1", reason, Actor.SYSTEM))
                    .expectException(hasCode(ErrorCode.REASON_REQUIRED))
                    .expectNoEvents();
        }

        @Test
        void refund_of_an_intervention_that_consumed_nothing_is_a_no_op_returning_false() {
            fixture.given(with(preventiveContract(ACTIVE), consumed("int-1", 1)))
                    .when(new RefundInterventionQuota(CONTRACT, "int-9", "Annulée", Actor.SYSTEM))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(false);
        }
    }

    @Test
    void ledger_can_be_checked_for_illegal_state_changes() {
        fixtureFor(clock, directory, registry, numbers)
                .given(preventiveContract(ACTIVE))
                .when(consume("int-1"))
                .expectEvents(consumed("int-1", 1));
    }

    // -- matchers --

    private static Matcher<Object> decision(Predicate<QuotaDecision> predicate, String description) {
        return new TypeSafeMatcher<>(Object.class) {
            @Override
            protected boolean matchesSafely(Object item) {
                return item instanceof QuotaDecision d && predicate.test(d);
            }

            @Override
            public void describeTo(Description d) {
                d.appendText(description);
            }
        };
    }

    /** Exactly one event, of {@code type}, satisfying {@code predicate}. */
    private static <E> Matcher<List<? super EventMessage<?>>> onlyPayload(
            Class<E> type, Predicate<E> predicate, String description) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(List<? super EventMessage<?>> events) {
                if (events.size() != 1) {
                    return false;
                }
                Object payload = ((EventMessage<?>) events.getFirst()).getPayload();
                return type.isInstance(payload) && predicate.test(type.cast(payload));
            }

            @Override
            public void describeTo(Description d) {
                d.appendText("a single " + type.getSimpleName() + " with " + description);
            }
        };
    }
}
