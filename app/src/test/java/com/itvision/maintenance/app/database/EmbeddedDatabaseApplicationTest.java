package com.itvision.maintenance.app.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.app.MaintenanceApplication;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The running application on its default embedded database (ADR 0010): what its own DataSource reports, not
 * what the code intends. One application start, default settings except the data directory.
 */
class EmbeddedDatabaseApplicationTest {

    @Test
    void the_running_application_stores_durably_on_a_password_protected_loopback_server(@TempDir Path dataDir)
            throws Exception {
        long postmasterPid;
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(MaintenanceApplication.class)
                .run("--maintenance.embedded-db.data-dir=" + dataDir, "--server.port=0")) {
            JdbcClient db = app.getBean(JdbcClient.class);
            Map<String, String> settings = new TreeMap<>();
            db.sql("SELECT name, setting FROM pg_settings WHERE name IN ('fsync','synchronous_commit','full_page_writes')")
                    .query((row, n) -> settings.put(row.getString(1), row.getString(2))).list();
            assertThat(settings).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "fsync", "on", "synchronous_commit", "on", "full_page_writes", "on"));
            assertThat(db.sql("SHOW listen_addresses").query(String.class).single()).isEqualTo("localhost");

            HikariDataSource pool = app.getBean(HikariDataSource.class);
            String stored = Files.readString(dataDir.resolve("superuser.password")).strip();
            assertThat(pool.getPassword()).as("the pool logs in with the generated password").isEqualTo(stored);
            int port = app.getBean(EmbeddedPostgresServer.class).port();
            assertThat(EmbeddedPostgresServerTest.sqlStateWithout(port, "127.0.0.1")).isEqualTo("08004");
            assertThat(EmbeddedPostgresServerTest.sqlStateWith(port, "postgres"))
                    .as("the password every earlier version used").isEqualTo("28P01");

            assertThat(app.getBean(TransactionWatchdog.class).active())
                    .as("PostgreSQL 17 bounds transactions itself").isFalse();
            everyPooledSessionIsLimited(pool);
            postmasterPid = app.getBean(EmbeddedPostgresServer.class).postmaster().orElseThrow().pid();
        }
        assertThat(ProcessHandle.of(postmasterPid).filter(ProcessHandle::isAlive))
                .as("closing the application stops its postmaster").isEmpty();
        assertThat(dataDir.resolve(StalePostmaster.PID_FILE)).doesNotExist();
    }

    /**
     * Borrows every connection the pool can hold at once, so the one Flyway used at start-up (if it came from
     * the pool) is among them: each must carry ADR 0002's limits, the lock limit (ADR 0009) and the application's name.
     */
    private static void everyPooledSessionIsLimited(HikariDataSource pool) throws Exception {
        List<Connection> borrowed = new ArrayList<>();
        try {
            for (int i = 0; i < pool.getMaximumPoolSize(); i++) {
                borrowed.add(pool.getConnection());
            }
            for (Connection connection : borrowed) {
                try (Statement statement = connection.createStatement();
                     ResultSet row = statement.executeQuery("SELECT current_setting('statement_timeout'), "
                             + "current_setting('idle_in_transaction_session_timeout'), "
                             + "current_setting('transaction_timeout'), current_setting('application_name'), "
                             + "current_setting('lock_timeout')")) {
                    row.next();
                    assertThat(List.of(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                            row.getString(5)))
                            .containsExactly("15s", "20s", "20s", SessionLimitsConfiguration.APPLICATION_NAME, "3s");
                }
            }
        } finally {
            for (Connection connection : borrowed) {
                connection.close();
            }
        }
    }
}
