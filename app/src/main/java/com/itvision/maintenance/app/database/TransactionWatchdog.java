package com.itvision.maintenance.app.database;

import com.itvision.maintenance.app.MaintenanceProperties;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.SmartLifecycle;

/**
 * ADR 0002's bound on transaction length where the server has no {@code transaction_timeout} (PostgreSQL 15
 * and 16, ADR 0010). {@code statement_timeout} and {@code idle_in_transaction_session_timeout} bound each
 * statement and each pause, not their sum: a transaction of short statements with short pauses could stay
 * open past the event store's gap timeout and commit events that the processors have already skipped.
 * <p>
 * Every {@code watchdogInterval} (1 s), each node asks {@code pg_stat_activity} for this application's
 * backends (the pool's {@code application_name}, the same database user) whose transaction began more than
 * {@code transactionTimeout} ago and terminates them in the same statement; the client sees its connection
 * closed (SQL state 57P01), the transaction rolls back and the pool replaces the connection. It costs one read
 * of {@code pg_stat_activity} (shared memory, one row per session) per interval, on a connection of its own: a
 * pool exhausted by stuck transactions must not stop the watchdog. With several nodes, any node ends any node's
 * overlong transaction: the limit is the same everywhere. On PostgreSQL 17+ the server does it ({@code AUTO}
 * stays off).
 */
final class TransactionWatchdog implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(TransactionWatchdog.class);
    static final int FIRST_VERSION_WITH_TRANSACTION_TIMEOUT = 170000;
    static final String OVERLONG = """
            SELECT pid, state, extract(epoch FROM clock_timestamp() - xact_start) AS seconds, left(query, 200) AS query,
                   pg_terminate_backend(pid) AS terminated
            FROM pg_stat_activity
            WHERE application_name = ? AND usename = current_user AND pid <> pg_backend_pid()
              AND xact_start < clock_timestamp() - make_interval(secs => ?)
            """;

    private final DataSource pool;
    private final JdbcConnectionDetails connectionDetails;
    private final MaintenanceProperties.Database limits;
    private volatile ScheduledExecutorService executor;
    private volatile String applicationName;
    /** Used by the watchdog's thread, then closed by {@link #stop()} once that thread has ended. */
    private volatile Connection connection;
    private boolean failing;

    TransactionWatchdog(DataSource pool, JdbcConnectionDetails connectionDetails, MaintenanceProperties.Database limits) {
        this.pool = pool;
        this.connectionDetails = connectionDetails;
        this.limits = limits;
    }

    @Override
    public void start() {
        String name;
        int version;
        // the name the pool's sessions really carry, whatever set it (ours, a data-source property or the URL)
        try (Connection pooled = pool.getConnection();
             Statement statement = pooled.createStatement();
             ResultSet row = statement.executeQuery(
                     "SELECT current_setting('application_name'), current_setting('server_version_num')::int")) {
            row.next();
            name = row.getString(1);
            version = row.getInt(2);
        } catch (SQLException e) {
            throw new IllegalStateException("The transaction watchdog cannot read the pool's session settings", e);
        }
        boolean needed = switch (limits.transactionWatchdog()) {
            case ON -> true;
            case OFF -> false;
            case AUTO -> version < FIRST_VERSION_WITH_TRANSACTION_TIMEOUT;
        };
        if (!needed) {
            log.info("Transaction watchdog off ({}, server version {}): {}", limits.transactionWatchdog(), version,
                    version >= FIRST_VERSION_WITH_TRANSACTION_TIMEOUT ? "the server enforces transaction_timeout"
                            : "transactions are bounded by statement and idle timeouts only");
            return;
        }
        if (name == null || name.isBlank()) {
            log.warn("Transaction watchdog off: the pool's sessions have no application_name to tell them apart");
            return;
        }
        applicationName = name;
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "transaction-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        long interval = limits.watchdogInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::checkSafely, interval, interval, TimeUnit.MILLISECONDS);
        executor = scheduler;
        log.info("Transaction watchdog on (server version {}): terminates transactions of '{}' open longer than {} s, "
                + "checked every {} ms", version, name, seconds(limits.transactionTimeout()), interval);
    }

    private void checkSafely() {
        try {
            check();
            if (failing) {
                log.info("Transaction watchdog reaches the database again");
                failing = false;
            }
        } catch (SQLException | RuntimeException e) {
            // an exception escaping a scheduled task would cancel every later run
            if (!failing) {
                log.warn("Transaction watchdog cannot check the database (retrying every {} ms): {}",
                        limits.watchdogInterval().toMillis(), e.toString());
                failing = true;
            }
            closeConnection();
        }
    }

    /** One look: terminates the overlong transactions and logs each. */
    private void check() throws SQLException {
        try (PreparedStatement statement = connection().prepareStatement(OVERLONG)) {
            statement.setString(1, applicationName);
            statement.setDouble(2, limits.transactionTimeout().toMillis() / 1000.0);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    if (rows.getBoolean("terminated")) {
                        log.warn("Terminated PostgreSQL backend {} of '{}': its transaction was open for {} s, longer "
                                        + "than maintenance.database.transaction-timeout ({} s, ADR 0002); state {}, "
                                        + "last statement: {}", rows.getInt("pid"), applicationName,
                                String.format("%.1f", rows.getDouble("seconds")), seconds(limits.transactionTimeout()),
                                rows.getString("state"), rows.getString("query"));
                    }
                }
            }
        }
    }

    private static String seconds(Duration duration) {
        return String.format("%.1f", duration.toMillis() / 1000.0);
    }

    private Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            Properties properties = new Properties();
            if (connectionDetails.getUsername() != null) {
                properties.setProperty("user", connectionDetails.getUsername());
            }
            if (connectionDetails.getPassword() != null) {
                properties.setProperty("password", connectionDetails.getPassword());
            }
            properties.setProperty("ApplicationName", applicationName + "-watchdog");
            properties.setProperty("connectTimeout", "5");
            properties.setProperty("socketTimeout", "10");
            Connection opened = DriverManager.getConnection(connectionDetails.getJdbcUrl(), properties);
            try (Statement statement = opened.createStatement()) {
                statement.execute("SET statement_timeout = '5s'");
            }
            connection = opened;
        }
        return connection;
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // it is being replaced anyway
            }
            connection = null;
        }
    }

    /** Whether this node watches (false on PostgreSQL 17+ in AUTO mode). */
    boolean active() {
        return executor != null;
    }

    @Override
    public void stop() {
        ScheduledExecutorService scheduler = executor;
        if (scheduler == null) {
            return;
        }
        executor = null;
        scheduler.shutdownNow();
        try {
            if (scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
                closeConnection(); // the last run has finished: nobody else uses it
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
