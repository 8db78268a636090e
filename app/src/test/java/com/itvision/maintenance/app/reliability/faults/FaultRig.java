package com.itvision.maintenance.app.reliability.faults;

import com.itvision.maintenance.app.database.StandalonePostgres;
import com.itvision.maintenance.app.support.Api;
import com.itvision.maintenance.app.support.ChildApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One scenario's world: a PostgreSQL server owned by the test JVM and the application in a child JVM pointed at
 * it (external mode, demo data on), both on fixed ports so that either can be killed or stopped and started
 * again where the other and the load generator expect it. Everything lives in {@code target/faults/<name>/}: the
 * cluster and {@code application.log} (every launch appended) for diagnosis.
 */
final class FaultRig implements AutoCloseable {
    static final Duration READY_WAIT = Duration.ofSeconds(180);

    private final Path dir;
    private final StandalonePostgres postgres;
    private final int port;
    private final Api api;
    private List<String> arguments = List.of();
    private ChildApplication application;

    private FaultRig(Path dir, StandalonePostgres postgres, int port) {
        this.dir = dir;
        this.postgres = postgres;
        this.port = port;
        this.api = new Api(port);
    }

    /** A fresh directory {@code target/faults/<name>} and a new cluster in it, started. */
    static FaultRig create(String name) throws IOException {
        Path dir = targetDirectory().resolve("faults").resolve(name);
        deleteRecursively(dir);
        Files.createDirectories(dir);
        StandalonePostgres postgres = StandalonePostgres.on(dir.resolve("postgres")).start();
        return new FaultRig(dir, postgres, freePort());
    }

    static Path targetDirectory() {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("target");
    }

    /**
     * Starts the application on this rig's database and port, with demo data, the scheduled reconciliation out
     * of the way (tests run it through its endpoint) and {@code extra} arguments, which restarts keep.
     * Returns how long the start took, from launch to the ready banner.
     */
    Duration startApplication(String... extra) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(postgres.applicationArguments());
        args.add("--server.port=" + port);
        args.add("--maintenance.demo.enabled=true");
        args.add("--maintenance.reconciliation.initial-delay=1h");
        args.addAll(List.of(extra));
        arguments = List.copyOf(args);
        return launch();
    }

    /** Starts the application again with the arguments of the last {@link #startApplication}. */
    Duration restartApplication() throws IOException, InterruptedException {
        return launch();
    }

    private Duration launch() throws IOException, InterruptedException {
        if (application != null && application.isAlive()) {
            throw new IllegalStateException("The application still runs");
        }
        long started = System.nanoTime();
        application = ChildApplication.launch(log(), arguments);
        int readyPort = application.awaitReady(READY_WAIT).port();
        if (readyPort != port) {
            throw new IllegalStateException("The application listens on " + readyPort + ", not " + port);
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** kill -9 of the application's JVM. */
    void killApplication() throws InterruptedException {
        application.kill();
    }

    ChildApplication application() {
        return application;
    }

    StandalonePostgres postgres() {
        return postgres;
    }

    /** Stops PostgreSQL (fast shutdown) under the running application. */
    void stopDatabase() throws IOException {
        postgres.stop();
    }

    /** Starts PostgreSQL again on the same directory and port; returns how long it took. */
    Duration startDatabase() throws IOException {
        long started = System.nanoTime();
        postgres.start();
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** A connection of the test's own (no application session limits). */
    Connection connect() throws SQLException {
        return postgres.connect();
    }

    /** The event store's last global index. */
    long head() throws SQLException {
        return queryLong("SELECT coalesce(max(global_index), 0) FROM domain_event_entry");
    }

    long queryLong(String sql, Object... params) throws SQLException {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    int port() {
        return port;
    }

    Api api() {
        return api;
    }

    Path dir() {
        return dir;
    }

    Path log() {
        return dir.resolve("application.log");
    }

    @Override
    public void close() throws Exception {
        try {
            if (application != null) {
                application.close();
            }
        } finally {
            postgres.close();
        }
    }

    private static int freePort() {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
