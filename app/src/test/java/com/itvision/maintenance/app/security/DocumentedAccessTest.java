package com.itvision.maintenance.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.itvision.maintenance.app.security.DocumentedAccess.Scope;
import com.itvision.maintenance.kernel.common.Role;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reader of "Roles: ..." sentences that the authorisation matrix derives its expectations from. */
class DocumentedAccessTest {

    @Test
    void roles_named_with_their_scope() {
        DocumentedAccess access = DocumentedAccess.parse("op", "Roles: ADMIN, PROJECT_LEAD; SALES for the clients it "
                + "follows. Others: 403 ROLE_NOT_ALLOWED.");
        assertThat(access.allowed()).isEqualTo(Map.of(Role.ADMIN, Scope.READ, Role.PROJECT_LEAD, Scope.READ,
                Role.SALES, Scope.FOLLOWED_CLIENTS));

        assertThat(DocumentedAccess.parse("op", "Roles: the client's CLIENT user, ADMIN. 409 X.").allowed())
                .isEqualTo(Map.of(Role.CLIENT, Scope.OWN_CLIENT, Role.ADMIN, Scope.READ));
        assertThat(DocumentedAccess.parse("op", "Roles: the billet's technician, or a PROJECT_LEAD/ADMIN on their "
                + "behalf; anyone else 403. Seed 001.").allowed())
                .isEqualTo(Map.of(Role.TECHNICIAN, Scope.OWN_WORK, Role.PROJECT_LEAD, Scope.READ, Role.ADMIN, Scope.READ));
        assertThat(DocumentedAccess.parse("op", "Roles: CLIENT (for its own client), ADMIN, SALES (naming clientId).")
                .allowed()).containsEntry(Role.CLIENT, Scope.OWN_CLIENT).containsEntry(Role.SALES, Scope.READ);
    }

    @Test
    void every_role_but_those_refused_with_403() {
        DocumentedAccess list = DocumentedAccess.parse("op", "Roles: ADMIN, PROJECT_LEAD, ANALYST, AUDITOR see all; "
                + "SALES its own contracts and clients; MANAGER its team's; CLIENT its client's; TECHNICIAN 403. Filters.");
        assertThat(list.allowed()).doesNotContainKey(Role.TECHNICIAN).hasSize(7);
        assertThat(list.refused()).containsExactly(Role.TECHNICIAN);

        DocumentedAccess dashboard = DocumentedAccess.parse("op", "Roles: ADMIN, AUDITOR (all rows); MANAGER (its "
                + "team's); SALES (its own row). CLIENT and TECHNICIAN: 403 ROLE_NOT_ALLOWED. Totals.");
        assertThat(dashboard.refused()).containsExactlyInAnyOrder(Role.CLIENT, Role.TECHNICIAN);

        assertThat(DocumentedAccess.parse("op", "Roles: any but TECHNICIAN (TECHNICIAN: 403 ROLE_NOT_ALLOWED); a CLIENT "
                + "sees its client's, staff see their scope.").allowed()).hasSize(Role.values().length - 1)
                .doesNotContainKey(Role.TECHNICIAN);
        assertThat(DocumentedAccess.parse("op", "Role: any, within the caller's scope; others are 404 X.").allowed())
                .hasSize(Role.values().length);
    }

    @Test
    void a_detail_as_its_list() {
        DocumentedAccess detail = DocumentedAccess.parse("op", "Roles: as the list; any contract outside the caller's "
                + "scope is 404 CONTRACT_NOT_FOUND.");
        assertThat(detail.asTheList()).isTrue();
        DocumentedAccess list = DocumentedAccess.parse("op", "Roles: ADMIN, CLIENT its client's; TECHNICIAN 403.");
        assertThat(detail.inherit(list).allowed()).containsOnlyKeys(Role.ADMIN, Role.CLIENT);
    }

    @Test
    void a_description_without_roles_or_with_a_clause_it_cannot_read_is_an_error() {
        assertThatThrownBy(() -> DocumentedAccess.parse("GET /x", "For callers about to send a command."))
                .hasMessageContaining("GET /x").hasMessageContaining("no \"Roles: ...\" sentence");
        assertThatThrownBy(() -> DocumentedAccess.parse("GET /x", "Roles: whoever asks nicely."))
                .hasMessageContaining("no role in \"whoever asks nicely\"");
    }
}
