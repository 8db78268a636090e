package com.itvision.maintenance.command.directory;

import static com.itvision.maintenance.command.support.DomainExceptionMatchers.hasCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.itvision.maintenance.command.support.TestClock;
import com.itvision.maintenance.kernel.common.Actor;
import com.itvision.maintenance.kernel.common.ClientId;
import com.itvision.maintenance.kernel.common.ErrorCode;
import com.itvision.maintenance.kernel.common.Role;
import com.itvision.maintenance.kernel.common.UserId;
import com.itvision.maintenance.kernel.directory.DirectoryCommands.AddTeamMember;
import com.itvision.maintenance.kernel.directory.DirectoryCommands.BindUserToClient;
import com.itvision.maintenance.kernel.directory.DirectoryCommands.GrantRole;
import com.itvision.maintenance.kernel.directory.DirectoryCommands.RegisterUser;
import com.itvision.maintenance.kernel.directory.DirectoryCommands.RevokeRole;
import com.itvision.maintenance.kernel.directory.UserEvent.RoleGranted;
import com.itvision.maintenance.kernel.directory.UserEvent.RoleRevoked;
import com.itvision.maintenance.kernel.directory.UserEvent.TeamMemberAdded;
import com.itvision.maintenance.kernel.directory.UserEvent.UserBoundToClient;
import com.itvision.maintenance.kernel.directory.UserEvent.UserRegistered;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
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
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Users: registration (through {@link UserRegistration}, which also writes the credential), roles,
 * client binding and teams. Only an ADMIN manages users.
 */
class UserAccountTest {
    private static final Instant NOW = TestClock.DEFAULT_NOW;
    private static final UserId AMINATA = UserId.of("user-aminata");
    private static final UserId AWA = UserId.of("sales-awa");
    private static final UserId JEAN = UserId.of("tech-jean");
    private static final ClientId ACME = ClientId.of("client-acme");
    private static final ClientId GLOBEX = ClientId.of("client-globex");
    private static final Actor ADMIN = Actor.of("admin-1", Role.ADMIN);
    private static final String HASH = "$2a$10$7EqJtq98hPqEX7fNZaFWoO5uO5rHnD5a6nM3lqG2bXxq0bF8sYQyW";

    private final TestClock clock = new TestClock();
    private final InMemoryDirectory directory = new InMemoryDirectory()
            .withClient(ACME, "ACME Côte d'Ivoire", AWA)
            .withClient(GLOBEX, "Globex", null)
            .withStaff(AWA, "awa", Role.SALES)
            .withStaff(JEAN, "jean", Role.TECHNICIAN);
    private final InMemoryCredentialStore credentials = new InMemoryCredentialStore();
    private FixtureConfiguration<UserAccount> fixture;

    @BeforeEach
    void newFixture() {
        fixture = new AggregateTestFixture<>(UserAccount.class)
                .registerInjectableResource(clock)
                .registerInjectableResource(directory);
        fixture.registerAnnotatedCommandHandler(
                new UserRegistration(fixture.getRepository(), directory, credentials, clock));
    }

    private static Actor actorWith(Role role) {
        return role == Role.CLIENT ? Actor.client("acme-user", ACME) : Actor.of(role.name().toLowerCase() + "-1", role);
    }

    private static UserRegistered registered(Role... roles) {
        return new UserRegistered(AMINATA, "aminata", "Aminata Koné", Set.of(roles), null, ADMIN, NOW);
    }

    private static UserRegistered registeredClientUserOf(ClientId client) {
        return new UserRegistered(AMINATA, "aminata", "Aminata Koné", Set.of(Role.CLIENT), client, ADMIN, NOW);
    }

    private static RegisterUser register(String username, Set<Role> roles, ClientId clientId) {
        return new RegisterUser(AMINATA, username, "Aminata Koné", roles, clientId, HASH, ADMIN);
    }

    @Nested
    class Registration {

        @Test
        void admin_registers_a_staff_user_under_a_normalised_username() {
            fixture.givenNoPriorActivity()
                    .when(register("  Aminata.Kone ", Set.of(Role.TECHNICIAN), null))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new UserRegistered(AMINATA, "aminata.kone", "Aminata Koné", Set.of(Role.TECHNICIAN),
                            null, ADMIN, NOW))
                    .expectResultMessagePayload("user-aminata");
        }

        @Test
        void password_hash_is_saved_in_the_credential_store_and_in_no_event() {
            fixture.givenNoPriorActivity()
                    .when(register("aminata", Set.of(Role.TECHNICIAN), null))
                    .expectSuccessfulHandlerExecution()
                    .expectEventsMatching(eventsNotMentioning(HASH));
            assertThat(credentials.saved()).containsExactly(entry(AMINATA, HASH));
            assertThat(register("aminata", Set.of(Role.TECHNICIAN), null).toString()).doesNotContain(HASH);
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = "  ")
        void display_name_defaults_to_the_username(String displayName) {
            fixture.givenNoPriorActivity()
                    .when(new RegisterUser(AMINATA, "aminata", displayName, Set.of(Role.ANALYST), null, HASH, ADMIN))
                    .expectEvents(new UserRegistered(AMINATA, "aminata", "aminata", Set.of(Role.ANALYST), null,
                            ADMIN, NOW));
        }

        @Test
        void admin_registers_a_client_user_bound_to_its_client() {
            fixture.givenNoPriorActivity()
                    .when(register("aminata", Set.of(Role.CLIENT), ACME))
                    .expectEvents(new UserRegistered(AMINATA, "aminata", "Aminata Koné", Set.of(Role.CLIENT), ACME,
                            ADMIN, NOW));
        }

        @ParameterizedTest
        @EnumSource(value = Role.class, names = "ADMIN", mode = EnumSource.Mode.EXCLUDE)
        void only_an_admin_registers_users(Role role) {
            fixture.givenNoPriorActivity()
                    .when(new RegisterUser(AMINATA, "aminata", null, Set.of(Role.TECHNICIAN), null, HASH,
                            actorWith(role)))
                    .expectException(hasCode(ErrorCode.ROLE_NOT_ALLOWED))
                    .expectNoEvents();
            assertThat(credentials.saved()).isEmpty();
        }

        static Stream<String> usernamesOutsideTheFormat() {
            return Stream.of(null, "", "   ", "a", "jean dupont", "-jean", ".jean", "jean@acme", "jean/dupont",
                    "é" + "jean", "a" + "b".repeat(64));
        }

        @ParameterizedTest
        @MethodSource("usernamesOutsideTheFormat")
        void username_outside_the_allowed_format_is_refused(String username) {
            fixture.givenNoPriorActivity()
                    .when(register(username, Set.of(Role.TECHNICIAN), null))
                    .expectException(hasCode(ErrorCode.VALIDATION_FAILED))
                    .expectNoEvents();
        }

        static Stream<String> usernamesInTheFormat() {
            return Stream.of("jd", "jean.dupont", "jean_dupont-2", "2fa", "a" + "b".repeat(63));
        }

        @ParameterizedTest
        @MethodSource("usernamesInTheFormat")
        void username_of_2_to_64_allowed_characters_is_accepted(String username) {
            fixture.givenNoPriorActivity()
                    .when(register(username, Set.of(Role.TECHNICIAN), null))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new UserRegistered(AMINATA, username, "Aminata Koné", Set.of(Role.TECHNICIAN), null,
                            ADMIN, NOW));
        }

        @Test
        void username_already_taken_is_refused_whatever_its_case() {
            fixture.givenNoPriorActivity()
                    .when(register("AWA", Set.of(Role.TECHNICIAN), null))
                    .expectException(hasCode(ErrorCode.USERNAME_TAKEN))
                    .expectNoEvents();
            assertThat(credentials.saved()).isEmpty();
        }

        @Test
        void user_without_a_role_is_refused() {
            fixture.givenNoPriorActivity()
                    .when(register("aminata", Set.of(), null))
                    .expectException(hasCode(ErrorCode.VALIDATION_FAILED))
                    .expectNoEvents();
        }

        @Test
        void client_user_without_a_client_is_refused() {
            fixture.givenNoPriorActivity()
                    .when(register("aminata", Set.of(Role.CLIENT), null))
                    .expectException(hasCode(ErrorCode.CLIENT_BINDING_INVALID))
                    .expectNoEvents();
        }

        @Test
        void client_user_holding_another_role_too_is_refused() {
            fixture.givenNoPriorActivity()
                    .when(register("aminata", Set.of(Role.CLIENT, Role.TECHNICIAN), ACME))
                    .expectException(hasCode(ErrorCode.CLIENT_BINDING_INVALID))
                    .expectNoEvents();
        }

        @Test
        void staff_user_bound_to_a_client_is_refused() {
            fixture.givenNoPriorActivity()
                    .when(register("aminata", Set.of(Role.TECHNICIAN), ACME))
                    .expectException(hasCode(ErrorCode.CLIENT_BINDING_INVALID))
                    .expectNoEvents();
        }

        @Test
        void client_user_of_an_unknown_client_is_refused() {
            fixture.givenNoPriorActivity()
                    .when(register("aminata", Set.of(Role.CLIENT), ClientId.of("client-unknown")))
                    .expectException(hasCode(ErrorCode.CLIENT_NOT_FOUND))
                    .expectNoEvents();
            assertThat(credentials.saved()).isEmpty();
        }
    }

    @Nested
    class Roles {

        @Test
        void admin_grants_a_staff_role_to_a_staff_user() {
            fixture.given(registered(Role.TECHNICIAN))
                    .when(new GrantRole(AMINATA, Role.PROJECT_LEAD, ADMIN, null))
                    .expectEvents(new RoleGranted(AMINATA, Role.PROJECT_LEAD, ADMIN, NOW));
        }

        @Test
        void granting_a_role_already_held_is_refused() {
            fixture.given(registered(Role.TECHNICIAN))
                    .when(new GrantRole(AMINATA, Role.TECHNICIAN, ADMIN, null))
                    .expectException(hasCode(ErrorCode.ROLE_ALREADY_GRANTED))
                    .expectNoEvents();
        }

        @Test
        void client_user_cannot_be_given_a_staff_role() {
            fixture.given(registeredClientUserOf(ACME))
                    .when(new GrantRole(AMINATA, Role.TECHNICIAN, ADMIN, null))
                    .expectException(hasCode(ErrorCode.CLIENT_BINDING_INVALID))
                    .expectNoEvents();
        }

        @Test
        void staff_user_cannot_be_given_the_client_role() {
            fixture.given(registered(Role.TECHNICIAN))
                    .when(new GrantRole(AMINATA, Role.CLIENT, ADMIN, null))
                    .expectException(hasCode(ErrorCode.CLIENT_BINDING_INVALID))
                    .expectNoEvents();
        }

        @Test
        void client_role_is_never_granted_a_client_user_is_registered_with_its_client() {
            fixture.given(registered(Role.TECHNICIAN),
                            new RoleRevoked(AMINATA, Role.TECHNICIAN, "Passe chez le client", ADMIN, NOW))
                    .when(new GrantRole(AMINATA, Role.CLIENT, ADMIN, null))
                    .expectException(hasCode(ErrorCode.CLIENT_BINDING_INVALID))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @EnumSource(value = Role.class, names = "ADMIN", mode = EnumSource.Mode.EXCLUDE)
        void only_an_admin_grants_roles(Role role) {
            fixture.given(registered(Role.TECHNICIAN))
                    .when(new GrantRole(AMINATA, Role.PROJECT_LEAD, actorWith(role), null))
                    .expectException(hasCode(ErrorCode.ROLE_NOT_ALLOWED))
                    .expectNoEvents();
        }

        @Test
        void admin_revokes_a_role_with_a_reason() {
            fixture.given(registered(Role.TECHNICIAN, Role.PROJECT_LEAD))
                    .when(new RevokeRole(AMINATA, Role.PROJECT_LEAD, " Fin de mission ", ADMIN, null))
                    .expectEvents(new RoleRevoked(AMINATA, Role.PROJECT_LEAD, "Fin de mission", ADMIN, NOW));
        }

        @Test
        void revoking_a_role_not_held_is_refused() {
            fixture.given(registered(Role.TECHNICIAN))
                    .when(new RevokeRole(AMINATA, Role.ADMIN, "Erreur", ADMIN, null))
                    .expectException(hasCode(ErrorCode.ROLE_NOT_GRANTED))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = "   ")
        void revoking_a_role_requires_a_reason(String reason) {
            fixture.given(registered(Role.TECHNICIAN))
                    .when(new RevokeRole(AMINATA, Role.TECHNICIAN, reason, ADMIN, null))
                    .expectException(hasCode(ErrorCode.REASON_REQUIRED))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @EnumSource(value = Role.class, names = "ADMIN", mode = EnumSource.Mode.EXCLUDE)
        void only_an_admin_revokes_roles(Role role) {
            fixture.given(registered(Role.TECHNICIAN))
                    .when(new RevokeRole(AMINATA, Role.TECHNICIAN, "Départ", actorWith(role), null))
                    .expectException(hasCode(ErrorCode.ROLE_NOT_ALLOWED))
                    .expectNoEvents();
        }
    }

    @Nested
    class ClientBinding {

        @Test
        void admin_binds_a_client_user_to_a_client() {
            fixture.given(registeredClientUserOf(ACME))
                    .when(new BindUserToClient(AMINATA, GLOBEX, ADMIN, null))
                    .expectEvents(new UserBoundToClient(AMINATA, GLOBEX, ADMIN, NOW));
        }

        @Test
        void staff_user_cannot_be_bound_to_a_client() {
            fixture.given(registered(Role.TECHNICIAN))
                    .when(new BindUserToClient(AMINATA, ACME, ADMIN, null))
                    .expectException(hasCode(ErrorCode.CLIENT_BINDING_INVALID))
                    .expectNoEvents();
        }

        @Test
        void binding_to_an_unknown_client_is_refused() {
            fixture.given(registeredClientUserOf(ACME))
                    .when(new BindUserToClient(AMINATA, ClientId.of("client-unknown"), ADMIN, null))
                    .expectException(hasCode(ErrorCode.CLIENT_NOT_FOUND))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @EnumSource(value = Role.class, names = "ADMIN", mode = EnumSource.Mode.EXCLUDE)
        void only_an_admin_binds_users_to_clients(Role role) {
            fixture.given(registeredClientUserOf(ACME))
                    .when(new BindUserToClient(AMINATA, GLOBEX, actorWith(role), null))
                    .expectException(hasCode(ErrorCode.ROLE_NOT_ALLOWED))
                    .expectNoEvents();
        }
    }

    @Nested
    class Teams {

        @Test
        void admin_adds_a_sales_user_to_a_managers_team() {
            fixture.given(registered(Role.MANAGER))
                    .when(new AddTeamMember(AMINATA, AWA, ADMIN, null))
                    .expectEvents(new TeamMemberAdded(AMINATA, AWA, ADMIN, NOW));
        }

        @Test
        void only_a_manager_leads_a_team() {
            fixture.given(registered(Role.SALES))
                    .when(new AddTeamMember(AMINATA, AWA, ADMIN, null))
                    .expectException(hasCode(ErrorCode.NOT_A_MANAGER))
                    .expectNoEvents();
        }

        @Test
        void team_member_who_is_not_a_sales_user_is_refused() {
            fixture.given(registered(Role.MANAGER))
                    .when(new AddTeamMember(AMINATA, JEAN, ADMIN, null))
                    .expectException(hasCode(ErrorCode.SALES_REP_NOT_ELIGIBLE))
                    .expectNoEvents();
        }

        @Test
        void team_member_unknown_to_the_directory_is_refused() {
            fixture.given(registered(Role.MANAGER))
                    .when(new AddTeamMember(AMINATA, UserId.of("ghost"), ADMIN, null))
                    .expectException(hasCode(ErrorCode.SALES_REP_NOT_ELIGIBLE))
                    .expectNoEvents();
        }

        @Test
        void adding_a_member_twice_is_refused() {
            fixture.given(registered(Role.MANAGER), new TeamMemberAdded(AMINATA, AWA, ADMIN, NOW))
                    .when(new AddTeamMember(AMINATA, AWA, ADMIN, null))
                    .expectException(hasCode(ErrorCode.ALREADY_EXISTS))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @EnumSource(value = Role.class, names = "ADMIN", mode = EnumSource.Mode.EXCLUDE)
        void only_an_admin_builds_teams(Role role) {
            fixture.given(registered(Role.MANAGER))
                    .when(new AddTeamMember(AMINATA, AWA, actorWith(role), null))
                    .expectException(hasCode(ErrorCode.ROLE_NOT_ALLOWED))
                    .expectNoEvents();
        }
    }

    /** At least one event, and none whose payload (every field, as its record string) contains {@code secret}. */
    private static Matcher<List<? super EventMessage<?>>> eventsNotMentioning(String secret) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(List<? super EventMessage<?>> events) {
                return !events.isEmpty() && events.stream()
                        .map(e -> String.valueOf(((EventMessage<?>) e).getPayload()))
                        .noneMatch(payload -> payload.contains(secret));
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("events none of which contains the password hash");
            }
        };
    }
}
