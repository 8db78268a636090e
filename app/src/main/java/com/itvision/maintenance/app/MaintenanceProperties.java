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
        security = security == null ? new Security(null, null, null, null, null) : security;
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
            // ADR 0013: a transaction that can outlive the gap timeout can commit an event the processors skip
            if (transactionTimeout != null && gapTimeout != null
                    && transactionTimeout.plus(watchdogInterval).compareTo(gapTimeout) >= 0) {
                throw new IllegalArgumentException("maintenance.database.transaction-timeout (" + transactionTimeout
                        + ") plus watchdog-interval (" + watchdogInterval + ") must stay below gap-timeout ("
                        + gapTimeout + "): a longer transaction could commit an event the read models skip");
            }
        }

        /** AUTO: on when the server cannot bound transactions itself (PostgreSQL before 17). */
        public enum Watchdog { AUTO, ON, OFF }
    }

    /**
     * Authentication (ADR 0003, 0012).
     *
     * @param jwtRolesClaim  claim holding the roles of a JWT bearer
     * @param jwtClientClaim claim holding the client id
     * @param jwtAudience    a bearer token must name this audience in {@code aud}
     * @param jwtClockSkew   tolerance on {@code exp}, {@code nbf} and {@code iat} (clocks of issuer and API differ)
     * @param loginThrottle  backoff after failed HTTP Basic sign-ins
     */
    public record Security(String jwtRolesClaim, String jwtClientClaim, String jwtAudience, Duration jwtClockSkew,
                           LoginThrottle loginThrottle) {
        public Security {
            jwtRolesClaim = jwtRolesClaim == null ? "roles" : jwtRolesClaim;
            jwtClientClaim = jwtClientClaim == null ? "client_id" : jwtClientClaim;
            jwtAudience = jwtAudience == null || jwtAudience.isBlank() ? "maintenance-api" : jwtAudience.strip();
            jwtClockSkew = jwtClockSkew == null ? Duration.ofSeconds(30) : jwtClockSkew;
            loginThrottle = loginThrottle == null ? new LoginThrottle(0, 0, null, null, null, null) : loginThrottle;
        }
    }

    /**
     * Failed HTTP Basic sign-ins, counted per account and per client address in one PostgreSQL table shared
     * by every node. Once a counter reaches its threshold, sign-ins for that account (or from that
     * address) are refused with 429 for {@code firstDelay}, doubled at each further failure up to
     * {@code maxDelay}; a counter whose last failure is older than {@code window} starts again from zero.
     *
     * @param accountFailures failures of one user name before it is throttled
     * @param addressFailures failures from one address (any user names) before it is throttled
     * @param window          failures older than this are forgotten
     * @param firstDelay      the first refusal period
     * @param maxDelay        the longest refusal period (bounded: never a permanent lockout)
     * @param auditRetention  how long the security audit rows are kept
     */
    public record LoginThrottle(int accountFailures, int addressFailures, Duration window, Duration firstDelay,
                                Duration maxDelay, Duration auditRetention) {
        public LoginThrottle {
            accountFailures = accountFailures <= 0 ? 5 : accountFailures;
            addressFailures = addressFailures <= 0 ? 20 : addressFailures;
            window = window == null ? Duration.ofMinutes(15) : window;
            firstDelay = firstDelay == null ? Duration.ofSeconds(30) : firstDelay;
            maxDelay = maxDelay == null ? Duration.ofMinutes(15) : maxDelay;
            auditRetention = auditRetention == null ? Duration.ofDays(400) : auditRetention;
            if (maxDelay.compareTo(firstDelay) < 0) {
                throw new IllegalArgumentException("maintenance.security.login-throttle.max-delay (" + maxDelay
                        + ") must not be shorter than first-delay (" + firstDelay + ")");
            }
        }
    }

    /**
     * The first ADMIN, created on an empty event store when demo mode is off and a password is set. The
     * password must satisfy the API's policy for {@code POST /users} (8 to 72 characters), or start-up fails.
     */
    public record BootstrapAdmin(String username, String password) {
        @Override
        public String toString() {
            return "BootstrapAdmin[username=" + username + ", password=" + (password == null ? "unset" : "***") + "]";
        }
    }

    /** @param closeAfterSilence a RESOLVED ticket may be closed without the client's confirmation after this */
    public record Tickets(Duration closeAfterSilence) {
    }
}
