package com.itvision.maintenance.app.database;

import com.itvision.maintenance.app.MaintenanceProperties;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL 17 of the default mode (ADR 0004, ADR 0010): zonky's binaries and process handling,
 * with the settings of a standalone server instead of zonky's test defaults.
 * <ul>
 *   <li>Durable: fsync, synchronous_commit and full_page_writes on, unless the tests-only
 *       {@code unsafeNoFsync} says otherwise.</li>
 *   <li>Secured: listens on loopback only; every connection needs the superuser's generated password
 *       ({@link SuperuserPassword}, SCRAM, {@link ClientAuthentication}); trust clusters of earlier versions
 *       are migrated at their first start.</li>
 *   <li>Recovers from a killed JVM: a postmaster left running on the data directory is stopped first
 *       ({@link StalePostmaster}).</li>
 *   <li>Stopped by its owner only (Spring, after the connection pool): zonky's own JVM shutdown hook would stop
 *       it in parallel with Spring's graceful shutdown and cut the connections of work still finishing.</li>
 * </ul>
 */
final class EmbeddedPostgresServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    /** Crash recovery after a power loss replays the WAL since the last checkpoint: give it time. */
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    private static final Duration STOP_WAIT = Duration.ofSeconds(60);
    private static final String SUPERUSER = "postgres";
    /** Data directories of the servers this JVM runs. */
    private static final Set<Path> RUNNING = ConcurrentHashMap.newKeySet();

    private final EmbeddedPostgres postgres;
    private final Path dataDir;
    private final String password;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDir, String password) {
        this.postgres = postgres;
        this.dataDir = dataDir;
        this.password = password;
    }

    static EmbeddedPostgresServer start(MaintenanceProperties.EmbeddedDb config) throws IOException {
        Path dataDir = config.dataDir().toAbsolutePath().normalize();
        Files.createDirectories(dataDir);
        // within one JVM, file locks cannot tell (and closing a channel may drop another one's lock)
        if (!RUNNING.add(dataDir.toRealPath())) {
            throw StalePostmaster.inUse(dataDir);
        }
        try {
            return start(config, dataDir);
        } catch (IOException | RuntimeException e) {
            RUNNING.remove(dataDir.toRealPath());
            throw e;
        }
    }

    private static EmbeddedPostgresServer start(MaintenanceProperties.EmbeddedDb config, Path dataDir) throws IOException {
        long started = System.nanoTime();
        StalePostmaster.clear(dataDir, STOP_WAIT);

        boolean newCluster = !Files.exists(dataDir.resolve("postgresql.conf"));
        boolean migrating = !newCluster && ClientAuthentication.allowsTrust(dataDir);
        String password = newCluster ? SuperuserPassword.generate()
                : SuperuserPassword.read(dataDir).orElseGet(() -> {
                    if (!migrating) {
                        throw new IllegalStateException("The embedded cluster in " + dataDir + " requires a password but "
                                + SuperuserPassword.file(dataDir) + " is missing: restore it from a backup of the data "
                                + "directory, or delete the directory to start from scratch");
                    }
                    return SuperuserPassword.generate();
                });

        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setPGStartupWait(STARTUP_WAIT)
                // zonky's readiness probe logs in with these properties
                .setConnectConfig("password", password)
                .setServerConfig("listen_addresses", "localhost")
                .setServerConfig("max_connections", "100")
                .setServerConfig("shared_buffers", "128MB")
                // bounded transactions: see ADR 0002 (event store gap timeout)
                .setServerConfig("idle_in_transaction_session_timeout", "30s");
        durability(builder, config.unsafeNoFsync());
        if (config.port() > 0) {
            builder.setPort(config.port());
        }

        Path initdbPasswordFile = null;
        if (newCluster) {
            initdbPasswordFile = SuperuserPassword.initdbFile(password);
            // zonky hands each of these to initdb as --key=value after its own "-A trust"; initdb keeps the last
            builder.setLocaleConfig("auth", "scram-sha-256")
                    .setLocaleConfig("pwfile", initdbPasswordFile.toString())
                    // runs after initdb, before the server starts
                    .setDataDirectoryCustomizer(dir -> SuperuserPassword.store(dir.toPath(), password));
        } else if (migrating) {
            // stored first: a start interrupted from here on is migrated again with the same password
            SuperuserPassword.store(dataDir, password);
            builder.setDataDirectoryCustomizer(dir -> ClientAuthentication.write(dir.toPath(), ClientAuthentication.MIGRATING));
        }

        EmbeddedPostgres postgres;
        try {
            postgres = builder.start();
        } finally {
            if (initdbPasswordFile != null) {
                Files.deleteIfExists(initdbPasswordFile);
            }
        }
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres, dataDir, password);
        try {
            if (migrating) {
                ClientAuthentication.secure(dataDir, postgres.getPostgresDatabase(), postgres.getPort(), password);
                log.warn("The embedded cluster in {} accepted connections without password (created by an earlier "
                        + "version): it now requires the generated password kept in {}", dataDir,
                        SuperuserPassword.file(dataDir));
            }
            log.info("Embedded PostgreSQL started on localhost:{} with data in {} ({} ms; {})", postgres.getPort(),
                    dataDir, (System.nanoTime() - started) / 1_000_000, server.durabilitySettings());
            return server;
        } catch (RuntimeException e) {
            // never leave a server running that nobody will stop (or one still open without password)
            try {
                postgres.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * zonky starts {@code postgres} with {@code -F} (fsync off) and {@code synchronous_commit=off}; command-line
     * {@code -c} settings come after {@code -F} and override it, and beat postgresql.conf and ALTER SYSTEM.
     */
    private static void durability(EmbeddedPostgres.Builder builder, boolean unsafeNoFsync) {
        String value = unsafeNoFsync ? "off" : "on";
        builder.setServerConfig("fsync", value)
                .setServerConfig("synchronous_commit", value)
                .setServerConfig("full_page_writes", value);
        if (unsafeNoFsync) {
            log.warn("""

                    *****************************************************************************************
                    maintenance.embedded-db.unsafe-no-fsync is ON: fsync, synchronous_commit and
                    full_page_writes are off. A power loss or an operating-system crash can lose
                    acknowledged commits or corrupt the whole cluster. For tests only, never for real data.
                    *****************************************************************************************""");
        }
    }

    int port() {
        return postgres.getPort();
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port() + "/postgres";
    }

    String username() {
        return SUPERUSER;
    }

    String password() {
        return password;
    }

    Path dataDir() {
        return dataDir;
    }

    /** fsync, synchronous_commit and full_page_writes as the running server reports them. */
    Map<String, String> durabilitySettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT name, setting FROM pg_settings WHERE name IN "
                     + "('fsync', 'synchronous_commit', 'full_page_writes') ORDER BY name")) {
            while (rows.next()) {
                settings.put(rows.getString(1), rows.getString(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the embedded PostgreSQL's settings", e);
        }
        return settings;
    }

    /** Fast shutdown (open transactions roll back), then waits until the postmaster has exited. */
    @Override
    public void close() throws IOException {
        Optional<ProcessHandle> postmaster = postmaster();
        try {
            postgres.close();
            postmaster.ifPresent(EmbeddedPostgresServer::awaitExit);
        } finally {
            RUNNING.remove(dataDir.toRealPath());
        }
    }

    /** zonky's pg_ctl gives up after 5 s; a shutdown checkpoint with fsync on may take longer. */
    private static void awaitExit(ProcessHandle postmaster) {
        try {
            postmaster.onExit().get(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.error("The embedded PostgreSQL (pid {}) did not stop within {} s; the next start stops it",
                    postmaster.pid(), STOP_WAIT.toSeconds(), e);
        }
    }

    /** The running postmaster, from its pid file. */
    Optional<ProcessHandle> postmaster() {
        try {
            String pid = Files.readAllLines(dataDir.resolve(StalePostmaster.PID_FILE)).getFirst().trim();
            return ProcessHandle.of(Long.parseLong(pid));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
