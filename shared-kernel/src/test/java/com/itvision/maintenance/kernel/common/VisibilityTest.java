package com.itvision.maintenance.kernel.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The visibility rule shared by the read models' scope and the /state endpoints, branch by branch. */
class VisibilityTest {
    private static final ClientId CLIENT_A = ClientId.of("client-a");
    private static final ClientId CLIENT_B = ClientId.of("client-b");
    private static final UserId SALES = UserId.of("user-sales");
    private static final UserId SALES2 = UserId.of("user-sales2");
    private static final UserId MANAGER = UserId.of("user-manager");
    private static final UserId TECH = UserId.of("user-tech");
    private static final UserId TECH2 = UserId.of("user-tech2");

    private static Visibility of(Actor actor) {
        return Visibility.of(actor, manager -> manager.equals(MANAGER) ? List.of(SALES2) : List.of());
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"ADMIN", "PROJECT_LEAD", "ANALYST", "AUDITOR"})
    void staff_who_see_everything_see_every_client_contract_and_ticket(Role role) {
        Visibility v = of(Actor.of("someone", role));
        assertThat(v.everything()).isTrue();
        assertThat(v.seesCommercialData()).isTrue();
        assertThat(v.seesClient(CLIENT_B, null)).isTrue();
        assertThat(v.seesContract(CLIENT_B, SALES2, SALES2)).isTrue();
        assertThat(v.seesTicket(CLIENT_B, null, TECH2)).isTrue();
    }

    @Test
    void a_client_user_sees_only_its_own_client() {
        Visibility v = of(Actor.client("user-client", CLIENT_A));
        assertThat(v.seesCommercialData()).isTrue();
        assertThat(v.seesContract(CLIENT_A, SALES, SALES)).isTrue();
        assertThat(v.seesTicket(CLIENT_A, SALES, TECH)).isTrue();
        assertThat(v.seesContract(CLIENT_B, SALES2, SALES2)).isFalse();
        assertThat(v.seesTicket(CLIENT_B, SALES2, TECH2)).isFalse();
    }

    @Test
    void a_sales_rep_sees_the_clients_it_follows_and_the_contracts_it_sells() {
        Visibility v = of(Actor.of(SALES.value(), Role.SALES));
        assertThat(v.salesReps()).containsExactly(SALES);
        assertThat(v.seesContract(CLIENT_A, SALES, null)).as("a contract of its client").isTrue();
        assertThat(v.seesContract(CLIENT_B, SALES2, SALES)).as("a contract it sold to another's client").isTrue();
        assertThat(v.seesContract(CLIENT_B, SALES2, SALES2)).as("another rep's contract").isFalse();
        assertThat(v.seesTicket(CLIENT_A, SALES, TECH)).isTrue();
        assertThat(v.seesTicket(CLIENT_B, SALES2, TECH2)).isFalse();
        assertThat(v.seesClient(CLIENT_B, null)).as("a client nobody follows").isFalse();
    }

    @Test
    void a_manager_sees_its_teams_and_its_own_and_its_team_is_looked_up_only_for_managers() {
        AtomicInteger lookups = new AtomicInteger();
        Visibility manager = Visibility.of(Actor.of(MANAGER.value(), Role.MANAGER), id -> {
            lookups.incrementAndGet();
            return Set.of(SALES2);
        });
        assertThat(manager.salesReps()).containsExactlyInAnyOrder(MANAGER, SALES2);
        assertThat(manager.seesContract(CLIENT_B, SALES2, SALES2)).isTrue();
        assertThat(manager.seesContract(CLIENT_A, SALES, MANAGER)).as("a contract it sold itself").isTrue();
        assertThat(manager.seesContract(CLIENT_A, SALES, SALES)).as("a rep outside its team").isFalse();
        assertThat(lookups).hasValue(1);

        Visibility.of(Actor.of(SALES.value(), Role.SALES), id -> {
            lookups.incrementAndGet();
            return Set.of();
        });
        Visibility.of(Actor.of("boss", Role.ADMIN, Role.MANAGER), id -> {
            lookups.incrementAndGet();
            return Set.of();
        });
        assertThat(lookups).as("no team lookup for a sales rep or for staff who see everything").hasValue(1);
    }

    @Test
    void a_technician_sees_the_tickets_assigned_to_it_and_no_contracts() {
        Visibility v = of(Actor.of(TECH.value(), Role.TECHNICIAN));
        assertThat(v.seesCommercialData()).isFalse();
        assertThat(v.seesTicket(CLIENT_A, SALES, TECH)).isTrue();
        assertThat(v.seesTicket(CLIENT_A, SALES, TECH2)).isFalse();
        assertThat(v.seesTicket(CLIENT_A, SALES, null)).as("an unassigned ticket").isFalse();
        assertThat(v.seesClient(CLIENT_A, SALES)).isFalse();
    }

    @Test
    void roles_add_up() {
        Visibility v = of(new Actor(TECH, Set.of(Role.TECHNICIAN, Role.SALES), null));
        assertThat(v.seesCommercialData()).isTrue();
        assertThat(v.seesTicket(CLIENT_B, SALES2, TECH)).as("as technician").isTrue();
        assertThat(v.seesContract(CLIENT_A, SALES, TECH)).as("as seller").isTrue();
        assertThat(v.seesContract(CLIENT_A, SALES, SALES)).isFalse();
    }

    @Test
    void a_client_role_without_a_client_sees_no_client() {
        Visibility v = of(new Actor(UserId.of("orphan"), Set.of(Role.CLIENT), null));
        assertThat(v.seesClient(CLIENT_A, SALES)).isFalse();
        assertThat(v.seesTicket(null, null, null)).isFalse();
    }
}
