package com.itvision.maintenance.app.security;

import com.itvision.maintenance.app.MaintenanceProperties;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Backoff after failed HTTP Basic sign-ins, per account (user name) and per client address (ADR 0012).
 * <p>
 * A counter reaching its threshold (5 failures per account, 20 per address by default) throttles its
 * subject for 30 s, doubled at each further failure up to 15 min; while throttled, every sign-in of that
 * account or from that address is refused with 429 before any password is checked, the right password
 * included. A counter is forgotten after a quiet period (15 min without failure after the last refusal
 * period), and a success forgets its account's counter (never its address's: one valid account must not
 * let its owner keep guessing others' passwords). The refusal period is bounded, so an attacker can
 * only keep a victim's account refused by failing again at the end of each period, which the address
 * throttle, the audit and the logs make visible.
 * <p>
 * State lives in PostgreSQL ({@code login_throttle}), shared by every node; it is written only on
 * failures, so an ordinary sign-in costs one indexed read. Times come from the injected {@link Clock}.
 */
@Component
public class LoginThrottle {
    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);
    static final int MAX_SUBJECT_LENGTH = 128;
    static final int MAX_ADDRESS_LENGTH = 64;

    enum Scope {
        ACCOUNT, ADDRESS
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final SecurityAudit audit;
    private final MaintenanceProperties.LoginThrottle config;
    private final Clock clock;

    public LoginThrottle(JdbcClient jdbc, PlatformTransactionManager transactions, SecurityAudit audit,
                         MaintenanceProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.audit = audit;
        this.config = properties.security().loginThrottle();
        this.clock = clock;
    }

    /**
     * Before a password is checked: refuses the attempt when its account or its address is throttled now.
     *
     * @throws LoginThrottledException      with the time left, when throttled
     * @throws InternalAuthenticationServiceException when the state cannot be read (database down)
     */
    Attempt check(String username, String address) {
        String account = account(username);
        String from = address(address);
        Instant now = now();
        Map<Scope, State> states = database(() -> jdbc.sql("""
                        SELECT scope, failures, locked_until FROM login_throttle
                        WHERE (scope = 'ACCOUNT' AND subject = ?) OR (scope = 'ADDRESS' AND subject = ?)""")
                .params(account, from)
                .query(LoginThrottle::state)
                .list()
                .stream()
                .collect(Collectors.toMap(State::scope, s -> s)));
        Instant until = null;
        for (State state : states.values()) {
            if (state.lockedUntil() != null && state.lockedUntil().isAfter(now)
                    && (until == null || state.lockedUntil().isAfter(until))) {
                until = state.lockedUntil();
            }
        }
        if (until != null) {
            log.debug("Sign-in of '{}' from {} refused until {}", account, from, until);
            throw new LoginThrottledException(Duration.between(now, until));
        }
        return new Attempt(account, from, states.containsKey(Scope.ACCOUNT));
    }

    /** One sign-in that passed {@link #check}: its outcome updates the counters. */
    final class Attempt {
        private final String account;
        private final String address;
        private final boolean accountCounted;

        private Attempt(String account, String address, boolean accountCounted) {
            this.account = account;
            this.address = address;
            this.accountCounted = accountCounted;
        }

        /** The account's counter is forgotten (written only when there was one). */
        void succeeded() {
            if (accountCounted) {
                database(() -> jdbc.sql("DELETE FROM login_throttle WHERE scope = 'ACCOUNT' AND subject = ?")
                        .param(account).update());
            }
        }

        /** Both counters go up, in one transaction of their own; reaching a threshold throttles and is audited. */
        void failed() {
            database(() -> {
                ownTransaction.executeWithoutResult(tx -> {
                    Instant now = now();
                    count(Scope.ACCOUNT, account, config.accountFailures(), now, account, address);
                    count(Scope.ADDRESS, address, config.addressFailures(), now, account, address);
                });
                return null;
            });
        }
    }

    private void count(Scope scope, String subject, int threshold, Instant now, String account, String address) {
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        OffsetDateTime forgetBefore = at.minus(config.window());
        int failures = jdbc.sql("""
                        INSERT INTO login_throttle AS t (scope, subject, failures, last_failure, locked_until)
                        VALUES (:scope, :subject, 1, :now, NULL)
                        ON CONFLICT (scope, subject) DO UPDATE SET
                            failures = CASE WHEN greatest(t.last_failure, t.locked_until) < :forgetBefore
                                            THEN 1 ELSE t.failures + 1 END,
                            locked_until = CASE WHEN greatest(t.last_failure, t.locked_until) < :forgetBefore
                                                THEN NULL ELSE t.locked_until END,
                            last_failure = :now
                        RETURNING failures""")
                .param("scope", scope.name())
                .param("subject", subject)
                .param("now", at)
                .param("forgetBefore", forgetBefore)
                .query(Integer.class)
                .single();
        if (failures < threshold) {
            return;
        }
        Instant until = now.plus(delay(failures - threshold));
        jdbc.sql("""
                        UPDATE login_throttle SET locked_until = greatest(locked_until, ?)
                        WHERE scope = ? AND subject = ?""")
                .params(OffsetDateTime.ofInstant(until, ZoneOffset.UTC), scope.name(), subject)
                .update();
        audit.throttled(now, scope == Scope.ACCOUNT ? SecurityAudit.Kind.ACCOUNT_THROTTLED
                : SecurityAudit.Kind.ADDRESS_THROTTLED, account, address, failures, until);
    }

    /** PostgreSQL keeps microseconds: so must the instants compared with what it stored. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** The refusal period after the threshold was passed {@code beyond} times: doubling, capped. */
    Duration delay(int beyond) {
        int doublings = Math.min(Math.max(beyond, 0), 30);
        Duration delay = config.firstDelay().multipliedBy(1L << doublings);
        return delay.compareTo(config.maxDelay()) > 0 ? config.maxDelay() : delay;
    }

    /** Counters whose quiet period has passed, and audit rows past their retention. Several nodes may run it. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    public void purge() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        int counters = jdbc.sql("DELETE FROM login_throttle WHERE greatest(last_failure, locked_until) < ?")
                .param(now.minus(config.window())).update();
        int audits = jdbc.sql("DELETE FROM security_audit WHERE occurred_at < ?")
                .param(now.minus(config.auditRetention())).update();
        if (counters + audits > 0) {
            log.info("Purged {} forgotten sign-in counters and {} security audit rows past retention", counters, audits);
        }
    }

    /** The key of an account: the user name as the directory normalises it, printable, bounded. */
    static String account(String username) {
        return printable(username == null ? "" : username.strip().toLowerCase(Locale.ROOT), MAX_SUBJECT_LENGTH);
    }

    /**
     * The key of a client address: an IPv4 address as is; an IPv6 address by its /64 network, the block
     * a single subscriber is usually given (counting each of its 2^64 addresses apart would let one
     * attacker rotate through them); loopback as is.
     */
    static String address(String address) {
        if (address == null || address.isBlank()) {
            return "unknown";
        }
        if (address.indexOf(':') >= 0) { // an IPv6 literal: parsed without any name lookup
            try {
                InetAddress parsed = InetAddress.getByName(address);
                if (parsed instanceof Inet6Address v6 && !v6.isLoopbackAddress()) {
                    byte[] bytes = v6.getAddress();
                    StringBuilder network = new StringBuilder();
                    for (int i = 0; i < 8; i += 2) {
                        network.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
                    }
                    return network.append(":/64").toString();
                }
            } catch (UnknownHostException e) {
                // not an address after all: keyed as given
            }
        }
        return printable(address, MAX_ADDRESS_LENGTH);
    }

    /** Control characters (a NUL cannot even be stored in PostgreSQL text, a newline would forge log lines) become '?'. */
    private static String printable(String text, int max) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), max));
        text.codePoints().limit(max).forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return out.toString();
    }

    private static State state(ResultSet rs, int row) throws SQLException {
        OffsetDateTime until = rs.getObject("locked_until", OffsetDateTime.class);
        return new State(Scope.valueOf(rs.getString("scope")), rs.getInt("failures"),
                until == null ? null : until.toInstant());
    }

    private record State(Scope scope, int failures, Instant lockedUntil) {
    }

    /** A database failure is not the caller's: it surfaces as 503 (AuthenticationProblems), never as 401. */
    private static <T> T database(Supplier<T> work) {
        try {
            return work.get();
        } catch (DataAccessException | TransactionException e) {
            throw new InternalAuthenticationServiceException("The sign-in state could not be read or written", e);
        }
    }
}
