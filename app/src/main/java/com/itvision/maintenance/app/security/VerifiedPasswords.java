package com.itvision.maintenance.app.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * BCrypt once per password, not once per request (ADR 0017), for the users the directory knows
 * ({@link DirectoryPasswordAuthentication}; an unknown name's dummy check never comes here). A password that BCrypt has just accepted
 * against a stored hash is remembered as HMAC-SHA256(process key, stored hash, password), never as
 * itself; the same password against the same stored hash is then accepted without running BCrypt
 * again (~70 ms of CPU here) until {@code ttl} has passed since BCrypt accepted it.
 *
 * <p>Nothing can go stale: the entry is keyed by the stored hash, so a new password (a new hash) misses
 * and is checked by BCrypt, and a wrong password is never remembered. The user, its roles and its
 * client binding are still loaded from the directory on every request, so a revoked role or a removed
 * credential takes effect at the next request. The process key is random, made at start-up and never
 * written anywhere: the remembered values are useless outside this JVM and lost with it. At most
 * {@code maxEntries} are kept, the least recently used going first.
 */
final class VerifiedPasswords implements PasswordEncoder {
    private static final String HMAC = "HmacSHA256";

    private final PasswordEncoder bcrypt;
    private final Clock clock;
    private final long ttlMillis;
    private final SecretKeySpec key;
    private final Map<Key, Long> verifiedAt;

    VerifiedPasswords(PasswordEncoder bcrypt, Clock clock, Duration ttl, int maxEntries) {
        this.bcrypt = bcrypt;
        this.clock = clock;
        this.ttlMillis = ttl.toMillis();
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, HMAC);
        this.verifiedAt = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Long> eldest) {
                return size() > maxEntries;
            }
        };
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return bcrypt.encode(rawPassword);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || encodedPassword == null || ttlMillis <= 0) {
            return bcrypt.matches(rawPassword, encodedPassword);
        }
        Key entry = key(rawPassword, encodedPassword);
        long now = clock.millis();
        synchronized (verifiedAt) {
            Long at = verifiedAt.get(entry);
            if (at != null && now - at < ttlMillis) {
                return true;
            }
            verifiedAt.remove(entry);
        }
        boolean matches = bcrypt.matches(rawPassword, encodedPassword);
        if (matches) {
            synchronized (verifiedAt) {
                verifiedAt.put(entry, now);
            }
        }
        return matches;
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return bcrypt.upgradeEncoding(encodedPassword);
    }

    /** How many verified passwords are remembered now (tests and diagnostics). */
    int size() {
        synchronized (verifiedAt) {
            return verifiedAt.size();
        }
    }

    private Key key(CharSequence rawPassword, String encodedPassword) {
        byte[] hash = encodedPassword.getBytes(StandardCharsets.UTF_8);
        byte[] password = rawPassword.toString().getBytes(StandardCharsets.UTF_8);
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            mac.update(ByteBuffer.allocate(4).putInt(hash.length).array());
            mac.update(hash);
            mac.update(password);
            return new Key(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        } finally {
            Arrays.fill(password, (byte) 0);
        }
    }

    private record Key(byte[] mac) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Key that && Arrays.equals(mac, that.mac);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(mac);
        }
    }
}
