package com.itvision.maintenance.command.billet;

import static com.itvision.maintenance.command.support.DomainExceptionMatchers.hasCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.itvision.maintenance.command.support.TestClock;
import com.itvision.maintenance.kernel.billet.BilletCommands.CompleteBillet;
import com.itvision.maintenance.kernel.billet.BilletCommands.RevokeBillet;
import com.itvision.maintenance.kernel.billet.BilletEvent.BilletCompleted;
import com.itvision.maintenance.kernel.billet.BilletEvent.BilletIssued;
import com.itvision.maintenance.kernel.billet.BilletEvent.BilletRevoked;
import com.itvision.maintenance.kernel.billet.InterventionType;
import com.itvision.maintenance.kernel.common.Actor;
import com.itvision.maintenance.kernel.common.BilletId;
import com.itvision.maintenance.kernel.common.ClientId;
import com.itvision.maintenance.kernel.common.DomainException;
import com.itvision.maintenance.kernel.common.ErrorCode;
import com.itvision.maintenance.kernel.common.InterventionId;
import com.itvision.maintenance.kernel.common.Role;
import com.itvision.maintenance.kernel.common.TicketId;
import com.itvision.maintenance.kernel.common.UserId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Billet aggregate: revoking, completing, and {@link Billet#authorise}, the seed 001 rule "Aucun
 * développeur ne peut intervenir sans billet validé" that recording an intervention asks. The billet is
 * given as issued (issuing belongs to its ticket, see {@code TicketTest}); {@code authorise} is reached
 * through a test-only command handler that loads the billet from the fixture's repository, as
 * {@code InterventionWorkflow} does.
 */
class BilletTest {
    static final BilletId BILLET = BilletId.of("billet-1");
    static final TicketId TICKET = TicketId.of("ticket-1");
    static final InterventionId INTERVENTION = InterventionId.of("intervention-1");
    static final ClientId ACME = ClientId.of("client-acme");
    static final ClientId GLOBEX = ClientId.of("client-globex");
    static final UserId JEAN = UserId.of("tech-jean");
    static final Instant NOW = TestClock.DEFAULT_NOW;
    static final BigDecimal HOURS = new BigDecimal("2.50");

    static final Actor ADMIN = Actor.of("admin-1", Role.ADMIN);
    static final Actor PROJECT_LEAD = Actor.of("lead-1", Role.PROJECT_LEAD);
    /** The technician the billet names. */
    static final Actor TECHNICIAN = new Actor(JEAN, Set.of(Role.TECHNICIAN), null);
    static final Actor OTHER_TECHNICIAN = Actor.of("tech-kouame", Role.TECHNICIAN);
    static final Actor ACME_USER = Actor.client("acme-user", ACME);
    static final Actor GLOBEX_USER = Actor.client("globex-user", GLOBEX);

    private final TestClock clock = new TestClock();
    private FixtureConfiguration<Billet> fixture;

    /** Asks the billet whether {@code actor} may record work under it. */
    record Authorise(@TargetAggregateIdentifier BilletId billetId, Actor actor) {
    }

    static final class AuthorisationProbe {
        private final Repository<Billet> billets;

        AuthorisationProbe(Repository<Billet> billets) {
            this.billets = billets;
        }

        @CommandHandler
        BilletGrant handle(Authorise cmd) {
            return billets.load(cmd.billetId().value()).invoke(billet -> billet.authorise(cmd.actor()));
        }
    }

    @BeforeEach
    void newFixture() {
        AggregateTestFixture<Billet> billets = new AggregateTestFixture<>(Billet.class);
        billets.registerInjectableResource(clock);
        fixture = billets.registerAnnotatedCommandHandler(new AuthorisationProbe(billets.getRepository()));
    }

    static BilletIssued issued() {
        return new BilletIssued(BILLET, "BILLET-00001", TICKET, ACME, JEAN, InterventionType.CORRECTION, HOURS,
                "Vérifier la configuration du gateway de paiement", PROJECT_LEAD, NOW.minusSeconds(3600));
    }

    static BilletRevoked revoked() {
        return new BilletRevoked(BILLET, TICKET, "Mauvais technicien", PROJECT_LEAD, NOW.minusSeconds(60));
    }

    static BilletCompleted completed() {
        return new BilletCompleted(BILLET, TICKET, INTERVENTION, PROJECT_LEAD, NOW.minusSeconds(60));
    }

    static BilletGrant grant() {
        return new BilletGrant(BILLET, "BILLET-00001", TICKET, ACME, JEAN, HOURS);
    }

    @Nested
    class Revoking {

        @Test
        void project_lead_revokes_an_active_billet_with_a_reason() {
            fixture.given(issued())
                    .when(new RevokeBillet(BILLET, "  Mauvais technicien ", PROJECT_LEAD, null))
                    .expectEvents(new BilletRevoked(BILLET, TICKET, "Mauvais technicien", PROJECT_LEAD, NOW))
                    .expectState(billet -> assertThatThrownBy(() -> billet.authorise(TECHNICIAN))
                            .isInstanceOfSatisfying(DomainException.class,
                                    e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_VALID_BILLET)));
        }

        @Test
        void admin_revokes_an_active_billet() {
            fixture.given(issued())
                    .when(new RevokeBillet(BILLET, "Intervention annulée par le client", ADMIN, null))
                    .expectEvents(new BilletRevoked(BILLET, TICKET, "Intervention annulée par le client", ADMIN,
                            NOW));
        }

        @ParameterizedTest
        @EnumSource(value = Role.class, names = {"TECHNICIAN", "SALES", "MANAGER", "AUDITOR"})
        void only_project_lead_or_admin_revokes(Role role) {
            fixture.given(issued())
                    .when(new RevokeBillet(BILLET, "Pas besoin", Actor.of("someone", role), null))
                    .expectException(hasCode(ErrorCode.ROLE_NOT_ALLOWED))
                    .expectNoEvents();
        }

        @Test
        void billets_own_technician_cannot_revoke_it() {
            fixture.given(issued())
                    .when(new RevokeBillet(BILLET, "Je ne suis pas dispo", TECHNICIAN, null))
                    .expectException(hasCode(ErrorCode.ROLE_NOT_ALLOWED))
                    .expectNoEvents();
        }

        @Test
        void clients_own_user_cannot_revoke_a_billet() {
            fixture.given(issued())
                    .when(new RevokeBillet(BILLET, "Pas besoin", ACME_USER, null))
                    .expectException(hasCode(ErrorCode.ROLE_NOT_ALLOWED))
                    .expectNoEvents();
        }

        @Test
        void another_clients_user_is_told_the_billet_does_not_exist() {
            fixture.given(issued())
                    .when(new RevokeBillet(BILLET, "Pas besoin", GLOBEX_USER, null))
                    .expectException(hasCode(ErrorCode.BILLET_NOT_FOUND))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = "  ")
        void revoking_needs_a_reason(String reason) {
            fixture.given(issued())
                    .when(new RevokeBillet(BILLET, reason, PROJECT_LEAD, null))
                    .expectException(hasCode(ErrorCode.REASON_REQUIRED))
                    .expectNoEvents();
        }

        @Test
        void revoked_billet_is_not_revoked_again() {
            fixture.given(issued(), revoked())
                    .when(new RevokeBillet(BILLET, "Encore", ADMIN, null))
                    .expectException(hasCode(ErrorCode.INVALID_STATUS_TRANSITION))
                    .expectNoEvents();
        }

        @Test
        void completed_billet_is_not_revoked() {
            fixture.given(issued(), completed())
                    .when(new RevokeBillet(BILLET, "Trop tard", ADMIN, null))
                    .expectException(hasCode(ErrorCode.INVALID_STATUS_TRANSITION))
                    .expectNoEvents();
        }
    }

    @Nested
    class Completing {

        @Test
        void validated_report_completes_an_active_billet() {
            fixture.given(issued())
                    .when(new CompleteBillet(BILLET, INTERVENTION, PROJECT_LEAD))
                    .expectEvents(new BilletCompleted(BILLET, TICKET, INTERVENTION, PROJECT_LEAD, NOW))
                    .expectState(billet -> assertThatThrownBy(() -> billet.authorise(TECHNICIAN))
                            .isInstanceOfSatisfying(DomainException.class,
                                    e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_VALID_BILLET)));
        }

        @Test
        void completing_a_completed_billet_again_changes_nothing() {
            fixture.given(issued(), completed())
                    .when(new CompleteBillet(BILLET, InterventionId.of("intervention-2"), ADMIN))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void completing_a_revoked_billet_changes_nothing() {
            fixture.given(issued(), revoked())
                    .when(new CompleteBillet(BILLET, INTERVENTION, PROJECT_LEAD))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }
    }

    /** Seed 001: "Aucun développeur ne peut intervenir sans billet validé". */
    @Nested
    class Authorising {

        @Test
        void billets_technician_may_record_work_under_it() {
            fixture.given(issued())
                    .when(new Authorise(BILLET, TECHNICIAN))
                    .expectSuccessfulHandlerExecution()
                    .expectResultMessagePayload(grant())
                    .expectNoEvents();
        }

        @Test
        void project_lead_may_record_work_on_the_technicians_behalf() {
            fixture.given(issued())
                    .when(new Authorise(BILLET, PROJECT_LEAD))
                    .expectResultMessagePayload(grant());
        }

        @Test
        void admin_may_record_work_on_the_technicians_behalf() {
            fixture.given(issued())
                    .when(new Authorise(BILLET, ADMIN))
                    .expectResultMessagePayload(grant());
        }

        @Test
        void another_technician_may_not_work_under_someone_elses_billet() {
            fixture.given(issued())
                    .when(new Authorise(BILLET, OTHER_TECHNICIAN))
                    .expectException(hasCode(ErrorCode.ROLE_NOT_ALLOWED))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @EnumSource(value = Role.class, names = {"SALES", "MANAGER", "AUDITOR", "ANALYST"})
        void other_staff_may_not_work_under_a_billet(Role role) {
            fixture.given(issued())
                    .when(new Authorise(BILLET, Actor.of("someone", role)))
                    .expectException(hasCode(ErrorCode.ROLE_NOT_ALLOWED))
                    .expectNoEvents();
        }

        @Test
        void clients_own_user_may_not_work_under_a_billet() {
            fixture.given(issued())
                    .when(new Authorise(BILLET, ACME_USER))
                    .expectException(hasCode(ErrorCode.ROLE_NOT_ALLOWED))
                    .expectNoEvents();
        }

        @Test
        void revoked_billet_authorises_nothing() {
            fixture.given(issued(), revoked())
                    .when(new Authorise(BILLET, TECHNICIAN))
                    .expectException(hasCode(ErrorCode.NO_VALID_BILLET))
                    .expectNoEvents();
        }

        @Test
        void completed_billet_authorises_nothing_even_for_an_admin() {
            fixture.given(issued(), completed())
                    .when(new Authorise(BILLET, ADMIN))
                    .expectException(hasCode(ErrorCode.NO_VALID_BILLET))
                    .expectNoEvents();
        }

        @Test
        void another_technician_is_refused_for_lack_of_permission_before_the_billet_state() {
            fixture.given(issued(), revoked())
                    .when(new Authorise(BILLET, OTHER_TECHNICIAN))
                    .expectException(hasCode(ErrorCode.ROLE_NOT_ALLOWED))
                    .expectNoEvents();
        }

        @Test
        void another_clients_user_is_told_the_billet_does_not_exist() {
            fixture.given(issued())
                    .when(new Authorise(BILLET, GLOBEX_USER))
                    .expectException(hasCode(ErrorCode.BILLET_NOT_FOUND))
                    .expectNoEvents();
        }
    }
}
