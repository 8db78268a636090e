package com.itvision.maintenance.command.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.itvision.maintenance.kernel.common.Actor;
import com.itvision.maintenance.kernel.common.ClientId;
import com.itvision.maintenance.kernel.common.DomainException;
import com.itvision.maintenance.kernel.common.ErrorCode;
import com.itvision.maintenance.kernel.common.Role;
import com.itvision.maintenance.kernel.common.UserId;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The /state endpoints' scope, fed by the directory: a client's rep and a manager's team come from it. */
class CallerVisibilityTest {
    private static final ClientId CLIENT_A = ClientId.of("client-a");
    private static final ClientId CLIENT_B = ClientId.of("client-b");
    private static final UserId SALES = UserId.of("user-sales");
    private static final UserId SALES2 = UserId.of("user-sales2");
    private static final UserId MANAGER = UserId.of("user-manager");
    private static final UserId TECH = UserId.of("user-tech");

    private final CallerVisibility visibility = new CallerVisibility(new InMemoryDirectory()
            .withClient(CLIENT_A, "A", SALES)
            .withClient(CLIENT_B, "B", SALES2)
            .withTeam(MANAGER, SALES2));

    @Test
    void a_sales_rep_sees_its_clients_contracts_through_the_directory_and_not_another_reps() {
        Actor sales = Actor.of(SALES.value(), Role.SALES);
        assertThatCode(() -> visibility.requireContract(visibility.of(sales), CLIENT_A, null, "c1")).doesNotThrowAnyException();
        assertThatCode(() -> visibility.requireTicket(visibility.of(sales), CLIENT_A, TECH, "t1")).doesNotThrowAnyException();
        assertNotFound(() -> visibility.requireContract(visibility.of(sales), CLIENT_B, SALES2, "c2"), ErrorCode.CONTRACT_NOT_FOUND);
        assertNotFound(() -> visibility.requireTicket(visibility.of(sales), CLIENT_B, null, "t2"), ErrorCode.TICKET_NOT_FOUND);
    }

    @Test
    void a_manager_sees_what_its_team_follows() {
        Actor manager = Actor.of(MANAGER.value(), Role.MANAGER);
        assertThatCode(() -> visibility.requireContract(visibility.of(manager), CLIENT_B, null, "c2")).doesNotThrowAnyException();
        assertNotFound(() -> visibility.requireContract(visibility.of(manager), CLIENT_A, SALES, "c1"), ErrorCode.CONTRACT_NOT_FOUND);
    }

    @Test
    void a_technician_is_refused_contracts_and_sees_only_its_assigned_tickets() {
        Actor tech = Actor.of(TECH.value(), Role.TECHNICIAN);
        assertThatThrownBy(() -> visibility.requireContract(visibility.of(tech), CLIENT_A, null, "c1"))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.ROLE_NOT_ALLOWED));
        assertThatCode(() -> visibility.requireTicket(visibility.of(tech), CLIENT_B, TECH, "t1")).doesNotThrowAnyException();
        assertNotFound(() -> visibility.requireTicket(visibility.of(tech), CLIENT_A, UserId.of("user-tech2"), "t2"),
                ErrorCode.TICKET_NOT_FOUND);
    }

    private static void assertNotFound(ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }
}
