package com.itvision.maintenance.app.security;

import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/** BCrypt at cost 4 that counts its checks: the tests' rule is how often BCrypt runs, not how long. */
final class CountingBcrypt implements PasswordEncoder {
    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
    final AtomicInteger checks = new AtomicInteger();

    @Override
    public String encode(CharSequence raw) {
        return bcrypt.encode(raw);
    }

    @Override
    public boolean matches(CharSequence raw, String encoded) {
        checks.incrementAndGet();
        return bcrypt.matches(raw, encoded);
    }
}
