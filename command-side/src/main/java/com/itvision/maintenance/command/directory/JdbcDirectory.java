package com.itvision.maintenance.command.directory;

import com.itvision.maintenance.kernel.common.ClientId;
import com.itvision.maintenance.kernel.common.ProjectId;
import com.itvision.maintenance.kernel.common.Role;
import com.itvision.maintenance.kernel.common.UserId;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@link Directory} and {@link CredentialStore} over the command-side lookup tables. */
@Repository
public class JdbcDirectory implements Directory, CredentialStore {
    private final JdbcClient jdbc;

    public JdbcDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<ClientEntry> client(ClientId clientId) {
        return jdbc.sql("SELECT client_id, name, sales_rep_id FROM directory_client WHERE client_id = ?")
                .param(clientId.value())
                .query((rs, n) -> new ClientEntry(ClientId.of(rs.getString(1)), rs.getString(2),
                        userId(rs.getString(3))))
                .optional();
    }

    @Override
    public Optional<ProjectEntry> project(ProjectId projectId) {
        return jdbc.sql("SELECT project_id, client_id, name FROM directory_project WHERE project_id = ?")
                .param(projectId.value())
                .query((rs, n) -> new ProjectEntry(ProjectId.of(rs.getString(1)), ClientId.of(rs.getString(2)),
                        rs.getString(3)))
                .optional();
    }

    @Override
    public Optional<UserEntry> user(UserId userId) {
        return jdbc.sql("SELECT user_id, username, display_name, roles, client_id FROM directory_user WHERE user_id = ?")
                .param(userId.value())
                .query(JdbcDirectory::userEntry)
                .optional();
    }

    @Override
    public Optional<UserEntry> userByUsername(String username) {
        return jdbc.sql("SELECT user_id, username, display_name, roles, client_id FROM directory_user WHERE username = ?")
                .param(username)
                .query(JdbcDirectory::userEntry)
                .optional();
    }

    @Override
    public Set<UserId> teamOf(UserId manager) {
        return Set.copyOf(jdbc.sql("SELECT sales_rep_id FROM directory_team_member WHERE manager_id = ?")
                .param(manager.value())
                .query((rs, n) -> UserId.of(rs.getString(1)))
                .list());
    }

    /** The BCrypt hash of {@code username}, for authentication. */
    public Optional<String> passwordHash(UserId userId) {
        return jdbc.sql("SELECT password_hash FROM user_credential WHERE user_id = ?")
                .param(userId.value())
                .query(String.class)
                .optional();
    }

    @Override
    public void save(UserId userId, String passwordHash) {
        jdbc.sql("""
                        INSERT INTO user_credential (user_id, password_hash) VALUES (?, ?)
                        ON CONFLICT (user_id) DO UPDATE SET password_hash = EXCLUDED.password_hash, updated_at = now()""")
                .params(userId.value(), passwordHash)
                .update();
    }

    private static UserEntry userEntry(ResultSet rs, int row) throws SQLException {
        Array array = rs.getArray(4);
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (Object role : (Object[]) array.getArray()) {
            roles.add(Role.valueOf((String) role));
        }
        String client = rs.getString(5);
        return new UserEntry(UserId.of(rs.getString(1)), rs.getString(2), rs.getString(3), roles,
                client == null ? null : ClientId.of(client));
    }

    private static UserId userId(String value) {
        return value == null ? null : UserId.of(value);
    }
}
