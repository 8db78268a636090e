package com.itvision.maintenance.projections.directory;

import static com.itvision.maintenance.projections.jooq.Tables.READ_CLIENT;
import static com.itvision.maintenance.projections.jooq.Tables.READ_PROJECT;
import static com.itvision.maintenance.projections.jooq.Tables.READ_QUOTE_REQUEST;
import static com.itvision.maintenance.projections.jooq.Tables.READ_TEAM_MEMBER;
import static com.itvision.maintenance.projections.jooq.Tables.READ_USER;

import com.itvision.maintenance.kernel.common.Role;
import com.itvision.maintenance.kernel.directory.ClientEvent.ClientRegistered;
import com.itvision.maintenance.kernel.directory.ClientEvent.MaintenanceQuoteRequested;
import com.itvision.maintenance.kernel.directory.ProjectEvent.ProjectCreated;
import com.itvision.maintenance.kernel.directory.UserEvent.RoleGranted;
import com.itvision.maintenance.kernel.directory.UserEvent.RoleRevoked;
import com.itvision.maintenance.kernel.directory.UserEvent.TeamMemberAdded;
import com.itvision.maintenance.kernel.directory.UserEvent.UserBoundToClient;
import com.itvision.maintenance.kernel.directory.UserEvent.UserRegistered;
import com.itvision.maintenance.projections.support.ProjectionBatch;
import com.itvision.maintenance.projections.support.ProjectionBatches;
import com.itvision.maintenance.projections.support.Projections;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/** Users, sales teams, clients, projects and quote requests, as the query side scopes and shows them. */
@Component
@ProcessingGroup(Projections.DIRECTORY)
public class DirectoryProjection {
    private final ProjectionBatch batch;

    public DirectoryProjection(ProjectionBatches batches) {
        this.batch = batches.forGroup(Projections.DIRECTORY);
    }

    @EventHandler
    void on(UserRegistered e) {
        batch.add(batch.dsl().insertInto(READ_USER)
                .set(READ_USER.USER_ID, e.userId().value())
                .set(READ_USER.USERNAME, e.username())
                .set(READ_USER.DISPLAY_NAME, e.displayName())
                .set(READ_USER.ROLES, roles(e.roles()))
                .set(READ_USER.CLIENT_ID, e.clientId() == null ? null : e.clientId().value())
                .onConflictDoNothing());
    }

    /** Roles are kept as a sorted ",ADMIN,SALES," list so that a grant or revocation is a set operation. */
    @EventHandler
    void on(RoleGranted e) {
        batch.add(batch.dsl().update(READ_USER)
                .set(READ_USER.ROLES, READ_USER.ROLES.concat(e.role().name() + ","))
                .where(READ_USER.USER_ID.eq(e.userId().value()))
                .and(READ_USER.ROLES.notLike("%," + e.role().name() + ",%")));
    }

    @EventHandler
    void on(RoleRevoked e) {
        batch.add(batch.dsl().update(READ_USER)
                .set(READ_USER.ROLES, DSL.replace(READ_USER.ROLES, "," + e.role().name() + ",", ","))
                .where(READ_USER.USER_ID.eq(e.userId().value())));
        if (e.role() == Role.CLIENT) {
            batch.add(batch.dsl().update(READ_USER).setNull(READ_USER.CLIENT_ID)
                    .where(READ_USER.USER_ID.eq(e.userId().value())));
        }
    }

    @EventHandler
    void on(UserBoundToClient e) {
        batch.add(batch.dsl().update(READ_USER).set(READ_USER.CLIENT_ID, e.clientId().value())
                .where(READ_USER.USER_ID.eq(e.userId().value())));
    }

    @EventHandler
    void on(TeamMemberAdded e) {
        batch.add(batch.dsl().insertInto(READ_TEAM_MEMBER)
                .set(READ_TEAM_MEMBER.MANAGER_ID, e.userId().value())
                .set(READ_TEAM_MEMBER.SALES_REP_ID, e.salesRepId().value())
                .onConflictDoNothing());
    }

    @EventHandler
    void on(ClientRegistered e) {
        batch.add(batch.dsl().insertInto(READ_CLIENT)
                .set(READ_CLIENT.CLIENT_ID, e.clientId().value())
                .set(READ_CLIENT.NAME, e.name())
                .set(READ_CLIENT.EMAIL, e.email())
                .set(READ_CLIENT.SALES_REP_ID, e.salesRepId() == null ? null : e.salesRepId().value())
                .onConflictDoNothing());
    }

    @EventHandler
    void on(ProjectCreated e) {
        batch.add(batch.dsl().insertInto(READ_PROJECT)
                .set(READ_PROJECT.PROJECT_ID, e.projectId().value())
                .set(READ_PROJECT.CLIENT_ID, e.clientId().value())
                .set(READ_PROJECT.NAME, e.name())
                .onConflictDoNothing());
    }

    @EventHandler
    void on(MaintenanceQuoteRequested e) {
        batch.add(batch.dsl().insertInto(READ_QUOTE_REQUEST)
                .set(READ_QUOTE_REQUEST.REQUEST_ID, e.requestId())
                .set(READ_QUOTE_REQUEST.CLIENT_ID, e.clientId().value())
                .set(READ_QUOTE_REQUEST.PROJECT_ID, e.projectId() == null ? null : e.projectId().value())
                .set(READ_QUOTE_REQUEST.MESSAGE, e.message())
                .set(READ_QUOTE_REQUEST.REQUESTED_BY, e.actor().userId().value())
                .set(READ_QUOTE_REQUEST.REQUESTED_AT, ProjectionBatch.at(e.occurredAt()))
                .onConflictDoNothing());
    }

    @ResetHandler
    void reset() {
        batch.dsl().truncate(READ_USER, READ_TEAM_MEMBER, READ_CLIENT, READ_PROJECT, READ_QUOTE_REQUEST).execute();
    }

    private static String roles(Set<Role> roles) {
        TreeSet<String> names = new TreeSet<>();
        roles.forEach(r -> names.add(r.name()));
        return "," + String.join(",", names) + ",";
    }
}
