package com.itvision.maintenance.app;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Every knob of the application, under {@code maintenance.*} (see application.yml for defaults).
 *
 * @param embeddedDb   the embedded PostgreSQL started when no {@code spring.datasource.url} is set
 * @param demo         demo data; {@code enabled} defaults to true with the embedded database only
 * @param api          REST limits
 * @param idempotency  how long Idempotency-Key records are kept
 * @param database     PostgreSQL session limits (kept below Axon's gap timeout)
 * @param security     authentication options
 * @param bootstrapAdmin an ADMIN created on an empty user store when a password is given (non-demo)
 * @param tickets      ticket workflow settings
 */
@ConfigurationProperties("maintenance")
public record MaintenanceProperties(
        EmbeddedDb embeddedDb,
        Demo demo,
        Api api,
        Idempotency idempotency,
        Database database,
        Security security,
        BootstrapAdmin bootstrapAdmin,
        Tickets tickets) {

    public MaintenanceProperties {
        demo = demo == null ? new Demo(null) : demo;
        bootstrapAdmin = bootstrapAdmin == null ? new BootstrapAdmin("admin", null) : bootstrapAdmin;
        tickets = tickets == null ? new Tickets(Duration.ofDays(5)) : tickets;
    }

    /**
     * The embedded PostgreSQL (ADR 0010): durable, password-protected, loopback only.
     *
     * @param dataDir        where the cluster lives (kept across restarts), with its superuser's password
     * @param port           0 picks a free port
     * @param unsafeNoFsync  tests only: fsync, synchronous_commit and full_page_writes off, so a power
     *                       loss or an operating-system crash can lose acknowledged commits or corrupt the cluster
     */
    public record EmbeddedDb(Path dataDir, int port, boolean unsafeNoFsync) {
    }

    /** @param enabled null = on with the embedded database, off with an external one */
    public record Demo(Boolean enabled) {
    }

    public record Api(DataSize maxBodySize) {
    }

    public record Idempotency(Duration retention) {
    }

    /**
     * Session and transaction limits (ADR 0002, ADR 0010).
     *
     * @param statementTimeout   longest single statement
     * @param transactionTimeout longest transaction, must stay below the event store's gap timeout: enforced by
     *                           the server ({@code transaction_timeout}) on PostgreSQL 17+, by the watchdog before
     * @param idleInTransactionTimeout longest idle time inside a transaction
     * @param gapTimeout         how long tracking processors wait for a missing global index
     * @param transactionWatchdog whether this node terminates the application's transactions older than
     *                           {@code transactionTimeout}: AUTO on servers without {@code transaction_timeout}
     * @param watchdogInterval   how often the watchdog looks
     * @param lockTimeout        longest wait for a lock held by another transaction (then 503 DATABASE_BUSY)
     */
    public record Database(Duration statementTimeout, Duration transactionTimeout, Duration idleInTransactionTimeout,
                           Duration gapTimeout, Watchdog transactionWatchdog, Duration watchdogInterval,
                           Duration lockTimeout) {

        public Database {
            transactionWatchdog = transactionWatchdog == null ? Watchdog.AUTO : transactionWatchdog;
            watchdogInterval = watchdogInterval == null ? Duration.ofSeconds(1) : watchdogInterval;
            lockTimeout = lockTimeout == null ? Duration.ofSeconds(3) : lockTimeout;
        }

        /** AUTO: on when the server cannot bound transactions itself (PostgreSQL before 17). */
        public enum Watchdog { AUTO, ON, OFF }
    }

    /** @param jwtRolesClaim claim holding the roles of a JWT bearer; @param jwtClientClaim claim holding the client id */
    public record Security(String jwtRolesClaim, String jwtClientClaim) {
    }

    public record BootstrapAdmin(String username, String password) {
    }

    /** @param closeAfterSilence a RESOLVED ticket may be closed without the client's confirmation after this */
    public record Tickets(Duration closeAfterSilence) {
    }
}
