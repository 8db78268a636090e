package com.itvision.maintenance.app.security;

import java.time.Duration;
import org.springframework.security.core.AuthenticationException;

/** A sign-in refused before its password was checked: too many recent failures for the account or the address. */
final class LoginThrottledException extends AuthenticationException {
    private final transient Duration retryAfter;

    LoginThrottledException(Duration retryAfter) {
        super("Too many failed sign-ins");
        this.retryAfter = retryAfter;
    }

    /** Whole seconds until the next attempt may be checked, at least 1 (the {@code Retry-After} value). */
    long retryAfterSeconds() {
        long seconds = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
