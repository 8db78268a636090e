package com.itvision.maintenance.app.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * The embedded cluster's {@code pg_hba.conf}: loopback and the local socket only, every connection with the
 * superuser's password as SCRAM (ADR 0010). New clusters get it from {@code initdb --auth=scram-sha-256};
 * clusters created by earlier versions with {@code initdb -A trust} are migrated once, at start-up.
 */
final class ClientAuthentication {
    static final String FILE_NAME = "pg_hba.conf";

    /** What a migrated cluster gets: the same lines initdb writes for {@code --auth=scram-sha-256}. */
    static final String SECURED = """
            # Written by the maintenance application (ADR 0010). The server listens on loopback only
            # (listen_addresses = localhost) and every connection needs the password in superuser.password.
            # TYPE  DATABASE     USER  ADDRESS        METHOD
            local   all          all                  scram-sha-256
            host    all          all   127.0.0.1/32   scram-sha-256
            host    all          all   ::1/128        scram-sha-256
            local   replication  all                  scram-sha-256
            host    replication  all   127.0.0.1/32   scram-sha-256
            host    replication  all   ::1/128        scram-sha-256
            """;

    /**
     * Only for the start that migrates a trust cluster: the superuser, on its own database, over loopback TCP,
     * until its password is set, the file above is written and the server has reloaded it (milliseconds).
     */
    static final String MIGRATING = """
            # Transitional (ADR 0010): replaced by scram-sha-256 lines as soon as the superuser has a password.
            host    postgres     postgres  127.0.0.1/32   trust
            host    postgres     postgres  ::1/128        trust
            """;

    private static final Duration RELOAD_WAIT = Duration.ofSeconds(10);
    /** pgjdbc: the server asked for a password and none was given (08004); the server: authentication failed (28xxx). */
    private static final List<String> PASSWORD_REFUSALS = List.of("08004", "28000", "28P01");

    private ClientAuthentication() {
    }

    /** Whether any rule lets a client in without a password: a cluster from before ADR 0010. */
    static boolean allowsTrust(Path dataDir) {
        try {
            return Files.readAllLines(dataDir.resolve(FILE_NAME), StandardCharsets.UTF_8).stream()
                    .map(line -> line.replaceFirst("#.*", "").trim())
                    .filter(line -> !line.isEmpty())
                    .anyMatch(line -> Arrays.asList(line.split("\\s+")).contains("trust"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + dataDir.resolve(FILE_NAME), e);
        }
    }

    static void write(Path dataDir, String content) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            Path temporary = Files.createTempFile(dataDir, FILE_NAME, ".tmp");
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    /**
     * Completes the migration of a trust cluster started with {@link #MIGRATING}: sets the superuser's password
     * (hashed as SCRAM by the driver, so it never travels or gets logged in clear), writes {@link #SECURED},
     * reloads, and returns only once a connection without password is refused.
     */
    static void secure(Path dataDir, DataSource superuser, int port, String password) {
        try (Connection connection = superuser.getConnection()) {
            connection.unwrap(PGConnection.class).alterUserPassword("postgres", password.toCharArray(), "scram-sha-256");
            write(dataDir, SECURED);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT pg_reload_conf()");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not set the embedded superuser's password in " + dataDir, e);
        }
        awaitPasswordRequired(port);
    }

    /** The reload is asynchronous: poll until the server refuses a password-less login. */
    private static void awaitPasswordRequired(int port) {
        long deadline = System.nanoTime() + RELOAD_WAIT.toNanos();
        while (acceptsWithoutPassword(port)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The embedded PostgreSQL still accepts connections without password "
                        + RELOAD_WAIT.toSeconds() + " s after reloading " + FILE_NAME);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while securing the embedded PostgreSQL", e);
            }
        }
    }

    /**
     * Whether the server on this port lets the superuser in over IPv4 loopback without a password; false only
     * when the server itself refuses the login (an unreachable server is an error, not a refusal).
     */
    static boolean acceptsWithoutPassword(int port) {
        Properties properties = new Properties();
        properties.setProperty("user", "postgres");
        properties.setProperty("connectTimeout", "5");
        try (Connection ignored = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                properties)) {
            return true;
        } catch (SQLException e) {
            if (PASSWORD_REFUSALS.contains(e.getSQLState())) {
                return false;
            }
            throw new IllegalStateException("Cannot reach the embedded PostgreSQL on port " + port, e);
        }
    }
}
