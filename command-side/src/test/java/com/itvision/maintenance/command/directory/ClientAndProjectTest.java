package com.itvision.maintenance.command.directory;

import static com.itvision.maintenance.command.support.DomainExceptionMatchers.hasCode;

import com.itvision.maintenance.command.support.TestClock;
import com.itvision.maintenance.kernel.common.Actor;
import com.itvision.maintenance.kernel.common.ClientId;
import com.itvision.maintenance.kernel.common.ErrorCode;
import com.itvision.maintenance.kernel.common.ProjectId;
import com.itvision.maintenance.kernel.common.Role;
import com.itvision.maintenance.kernel.common.UserId;
import com.itvision.maintenance.kernel.directory.DirectoryCommands.CreateProject;
import com.itvision.maintenance.kernel.directory.DirectoryCommands.RegisterClient;
import com.itvision.maintenance.kernel.directory.ClientEvent.ClientRegistered;
import com.itvision.maintenance.kernel.directory.ProjectEvent.ProjectCreated;
import java.time.Instant;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Clients (whose sales rep decides who may propose contracts) and their installation projects. */
class ClientAndProjectTest {
    private static final Instant NOW = TestClock.DEFAULT_NOW;
    private static final ClientId ACME = ClientId.of("client-acme");
    private static final ProjectId CCTV = ProjectId.of("project-acme-cctv");
    private static final UserId AWA = UserId.of("sales-awa");
    private static final UserId KOFFI = UserId.of("sales-koffi");
    private static final UserId JEAN = UserId.of("tech-jean");
    private static final Actor ADMIN = Actor.of("admin-1", Role.ADMIN);
    private static final Actor AWA_SALES = new Actor(AWA, Set.of(Role.SALES), null);

    private final TestClock clock = new TestClock();
    private final InMemoryDirectory directory = new InMemoryDirectory()
            .withStaff(AWA, "awa", Role.SALES)
            .withStaff(KOFFI, "koffi", Role.SALES)
            .withStaff(JEAN, "jean", Role.TECHNICIAN);

    private static Actor actorWith(Role role) {
        return role == Role.CLIENT ? Actor.client("acme-user", ACME) : Actor.of(role.name().toLowerCase() + "-1", role);
    }

    @Nested
    class ClientRegistration {
        private FixtureConfiguration<Client> fixture;

        @BeforeEach
        void newFixture() {
            fixture = new AggregateTestFixture<>(Client.class)
                    .registerInjectableResource(clock)
                    .registerInjectableResource(directory);
        }

        private RegisterClient register(UserId salesRepId, Actor actor) {
            return new RegisterClient(ACME, " ACME Côte d'Ivoire ", "contact@acme.ci", salesRepId, actor);
        }

        @ParameterizedTest
        @EnumSource(value = Role.class, names = {"ADMIN", "PROJECT_LEAD", "MANAGER"})
        void admin_project_lead_or_manager_registers_a_client_without_a_sales_rep(Role role) {
            fixture.givenNoPriorActivity()
                    .when(register(null, actorWith(role)))
                    .expectEvents(new ClientRegistered(ACME, "ACME Côte d'Ivoire", "contact@acme.ci", null,
                            actorWith(role), NOW));
        }

        @Test
        void sales_user_registering_a_client_becomes_its_sales_rep() {
            fixture.givenNoPriorActivity()
                    .when(register(null, AWA_SALES))
                    .expectEvents(new ClientRegistered(ACME, "ACME Côte d'Ivoire", "contact@acme.ci", AWA, AWA_SALES,
                            NOW));
        }

        @Test
        void named_sales_rep_is_kept_even_when_a_sales_user_registers() {
            fixture.givenNoPriorActivity()
                    .when(register(KOFFI, AWA_SALES))
                    .expectEvents(new ClientRegistered(ACME, "ACME Côte d'Ivoire", "contact@acme.ci", KOFFI, AWA_SALES,
                            NOW));
        }

        @Test
        void named_sales_rep_who_is_not_a_sales_user_is_refused() {
            fixture.givenNoPriorActivity()
                    .when(register(JEAN, ADMIN))
                    .expectException(hasCode(ErrorCode.SALES_REP_NOT_ELIGIBLE))
                    .expectNoEvents();
        }

        @Test
        void named_sales_rep_unknown_to_the_directory_is_refused() {
            fixture.givenNoPriorActivity()
                    .when(register(UserId.of("ghost"), ADMIN))
                    .expectException(hasCode(ErrorCode.SALES_REP_NOT_ELIGIBLE))
                    .expectNoEvents();
        }

        @Test
        void sales_caller_the_directory_does_not_know_as_sales_cannot_become_the_rep() {
            Actor staleSalesToken = new Actor(JEAN, Set.of(Role.SALES), null);

            fixture.givenNoPriorActivity()
                    .when(register(null, staleSalesToken))
                    .expectException(hasCode(ErrorCode.SALES_REP_NOT_ELIGIBLE))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @EnumSource(value = Role.class, names = {"TECHNICIAN", "CLIENT", "AUDITOR", "ANALYST"})
        void other_roles_may_not_register_clients(Role role) {
            fixture.givenNoPriorActivity()
                    .when(register(null, actorWith(role)))
                    .expectException(hasCode(ErrorCode.ROLE_NOT_ALLOWED))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = "  ")
        void client_needs_a_name(String name) {
            fixture.givenNoPriorActivity()
                    .when(new RegisterClient(ACME, name, null, null, ADMIN))
                    .expectException(hasCode(ErrorCode.VALIDATION_FAILED))
                    .expectNoEvents();
        }
    }

    @Nested
    class ProjectCreation {
        private FixtureConfiguration<Project> fixture;

        @BeforeEach
        void newFixture() {
            directory.withClient(ACME, "ACME Côte d'Ivoire", AWA);
            fixture = new AggregateTestFixture<>(Project.class)
                    .registerInjectableResource(clock)
                    .registerInjectableResource(directory);
        }

        private CreateProject create(ClientId client, String name, Actor actor) {
            return new CreateProject(CCTV, client, name, "16 caméras, 2 NVR", actor);
        }

        @ParameterizedTest
        @EnumSource(value = Role.class, names = {"ADMIN", "PROJECT_LEAD"})
        void admin_or_project_lead_creates_a_project_for_a_client(Role role) {
            fixture.givenNoPriorActivity()
                    .when(create(ACME, "  Vidéosurveillance siège ", actorWith(role)))
                    .expectEvents(new ProjectCreated(CCTV, ACME, "Vidéosurveillance siège", "16 caméras, 2 NVR",
                            actorWith(role), NOW));
        }

        @ParameterizedTest
        @EnumSource(value = Role.class, names = {"ADMIN", "PROJECT_LEAD"}, mode = EnumSource.Mode.EXCLUDE)
        void other_roles_may_not_create_projects(Role role) {
            fixture.givenNoPriorActivity()
                    .when(create(ACME, "Vidéosurveillance siège", actorWith(role)))
                    .expectException(hasCode(ErrorCode.ROLE_NOT_ALLOWED))
                    .expectNoEvents();
        }

        @Test
        void project_of_an_unknown_client_is_refused() {
            fixture.givenNoPriorActivity()
                    .when(create(ClientId.of("client-unknown"), "Vidéosurveillance siège", ADMIN))
                    .expectException(hasCode(ErrorCode.CLIENT_NOT_FOUND))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = "  ")
        void project_needs_a_name(String name) {
            fixture.givenNoPriorActivity()
                    .when(create(ACME, name, ADMIN))
                    .expectException(hasCode(ErrorCode.VALIDATION_FAILED))
                    .expectNoEvents();
        }
    }
}
