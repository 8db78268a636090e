package com.itvision.maintenance.app.security;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The durable record of security decisions, for auditors: table {@code security_audit}, outside the
 * event store (ADR 0012), and a WARN log line for operators. Called inside the transaction that changes
 * the throttling state, so a decision and its record are stored together or not at all.
 */
@Component
public class SecurityAudit {
    private static final Logger log = LoggerFactory.getLogger(SecurityAudit.class);

    /** What was decided. */
    public enum Kind {
        /** Sign-ins for one user name are refused until {@code lockedUntil}. */
        ACCOUNT_THROTTLED,
        /** Sign-ins from one client address are refused until {@code lockedUntil}. */
        ADDRESS_THROTTLED
    }

    private final JdbcClient jdbc;

    public SecurityAudit(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void throttled(Instant at, Kind kind, String username, String address, int failures, Instant lockedUntil) {
        jdbc.sql("""
                        INSERT INTO security_audit (occurred_at, kind, username, address, failures, locked_until,
                                                    correlation_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(OffsetDateTime.ofInstant(at, ZoneOffset.UTC), kind.name(), username, address, failures,
                        OffsetDateTime.ofInstant(lockedUntil, ZoneOffset.UTC), MDC.get("correlationId"))
                .update();
        log.warn("Sign-in throttled ({}): user name '{}', address {}, {} failures, refused until {}", kind,
                username, address, failures, lockedUntil);
    }
}
