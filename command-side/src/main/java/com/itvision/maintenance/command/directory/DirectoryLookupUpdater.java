package com.itvision.maintenance.command.directory;

import com.itvision.maintenance.kernel.common.DomainException;
import com.itvision.maintenance.kernel.common.ErrorCode;
import com.itvision.maintenance.kernel.common.Role;
import com.itvision.maintenance.kernel.directory.ClientEvent.ClientRegistered;
import com.itvision.maintenance.kernel.directory.ProjectEvent.ProjectCreated;
import com.itvision.maintenance.kernel.directory.UserEvent.RoleGranted;
import com.itvision.maintenance.kernel.directory.UserEvent.RoleRevoked;
import com.itvision.maintenance.kernel.directory.UserEvent.TeamMemberAdded;
import com.itvision.maintenance.kernel.directory.UserEvent.UserBoundToClient;
import com.itvision.maintenance.kernel.directory.UserEvent.UserRegistered;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the directory lookup tables in step with the directory events. Runs in the subscribing
 * processor {@value #GROUP}, i.e. inside the transaction that stores the events; every statement is
 * idempotent so a replay converges. A failure here fails the command (ADR 0009): it is never logged
 * and skipped.
 */
@Component
@ProcessingGroup(DirectoryLookupUpdater.GROUP)
public class DirectoryLookupUpdater {
    public static final String GROUP = "command-lookups";

    private final JdbcClient jdbc;

    public DirectoryLookupUpdater(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The username's unique key decides between two concurrent registrations: the second waits for the
     * first to commit, inserts nothing, and fails its command with USERNAME_TAKEN (its transaction, never
     * aborted by a constraint error, rolls back). The same event applied twice inserts nothing and passes.
     */
    @EventHandler
    void on(UserRegistered e) {
        int inserted = jdbc.sql("""
                        INSERT INTO directory_user (user_id, username, display_name, roles, client_id)
                        VALUES (:id, :username, :name, CAST(:roles AS text[]), :client)
                        ON CONFLICT DO NOTHING""")
                .param("id", e.userId().value())
                .param("username", e.username())
                .param("name", e.displayName())
                .param("roles", "{" + String.join(",", e.roles().stream().map(Role::name).sorted().toList()) + "}")
                .param("client", e.clientId() == null ? null : e.clientId().value())
                .update();
        if (inserted == 0 && !jdbc.sql("SELECT EXISTS (SELECT 1 FROM directory_user WHERE user_id = ? AND username = ?)")
                .params(e.userId().value(), e.username()).query(Boolean.class).single()) {
            throw DomainException.rule(ErrorCode.USERNAME_TAKEN, "The username " + e.username() + " is taken");
        }
    }

    @EventHandler
    void on(RoleGranted e) {
        jdbc.sql("""
                        UPDATE directory_user SET roles = array_append(roles, :role)
                        WHERE user_id = :id AND NOT (:role = ANY (roles))""")
                .param("role", e.role().name())
                .param("id", e.userId().value())
                .update();
    }

    @EventHandler
    void on(RoleRevoked e) {
        jdbc.sql("""
                        UPDATE directory_user SET roles = array_remove(roles, :role),
                               client_id = CASE WHEN :role = 'CLIENT' THEN NULL ELSE client_id END
                        WHERE user_id = :id""")
                .param("role", e.role().name())
                .param("id", e.userId().value())
                .update();
    }

    @EventHandler
    void on(UserBoundToClient e) {
        jdbc.sql("UPDATE directory_user SET client_id = ? WHERE user_id = ?")
                .params(e.clientId().value(), e.userId().value())
                .update();
    }

    @EventHandler
    void on(TeamMemberAdded e) {
        jdbc.sql("INSERT INTO directory_team_member (manager_id, sales_rep_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(e.userId().value(), e.salesRepId().value())
                .update();
    }

    @EventHandler
    void on(ClientRegistered e) {
        jdbc.sql("INSERT INTO directory_client (client_id, name, sales_rep_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                .params(e.clientId().value(), e.name(), e.salesRepId() == null ? null : e.salesRepId().value())
                .update();
    }

    @EventHandler
    void on(ProjectCreated e) {
        jdbc.sql("INSERT INTO directory_project (project_id, client_id, name) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                .params(e.projectId().value(), e.clientId().value(), e.name())
                .update();
    }
}
