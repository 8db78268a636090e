package com.itvision.maintenance.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

class VerifiedPasswordsTest {
    private final CountingBcrypt bcrypt = new CountingBcrypt();
    private final MovableClock clock = new MovableClock();
    private final VerifiedPasswords passwords = new VerifiedPasswords(bcrypt, clock, Duration.ofMinutes(15), 3);
    private final String stored = bcrypt.encode("correct horse");

    @Test
    void a_password_bcrypt_accepted_is_accepted_again_without_bcrypt() {
        assertThat(passwords.matches("correct horse", stored)).isTrue();
        for (int i = 0; i < 100; i++) {
            assertThat(passwords.matches("correct horse", stored)).isTrue();
        }
        assertThat(bcrypt.checks).hasValue(1);
    }

    @Test
    void a_wrong_password_is_never_remembered_and_always_costs_bcrypt() {
        assertThat(passwords.matches("correct horse", stored)).isTrue();
        for (int i = 0; i < 3; i++) {
            assertThat(passwords.matches("correct horsf", stored)).isFalse();
            assertThat(passwords.matches("", stored)).isFalse();
        }
        assertThat(bcrypt.checks).hasValue(7);
        assertThat(passwords.size()).isEqualTo(1);
    }

    @Test
    void a_new_stored_hash_is_checked_by_bcrypt_so_a_password_change_takes_effect_at_once() {
        assertThat(passwords.matches("correct horse", stored)).isTrue();
        String changed = bcrypt.encode("battery staple");
        assertThat(passwords.matches("correct horse", changed)).isFalse();
        assertThat(passwords.matches("battery staple", changed)).isTrue();
        assertThat(bcrypt.checks).hasValue(3);
    }

    @Test
    void the_same_password_of_another_account_is_not_a_hit() {
        String other = bcrypt.encode("correct horse"); // another salt, another stored hash
        assertThat(passwords.matches("correct horse", stored)).isTrue();
        assertThat(passwords.matches("correct horse", other)).isTrue();
        assertThat(bcrypt.checks).hasValue(2);
    }

    @Test
    void bcrypt_runs_again_once_the_ttl_has_passed_since_it_accepted() {
        assertThat(passwords.matches("correct horse", stored)).isTrue();
        clock.advance(Duration.ofMinutes(14));
        assertThat(passwords.matches("correct horse", stored)).isTrue();
        assertThat(bcrypt.checks).hasValue(1);
        clock.advance(Duration.ofMinutes(1)); // 15 min after BCrypt: a hit does not extend it
        assertThat(passwords.matches("correct horse", stored)).isTrue();
        assertThat(bcrypt.checks).hasValue(2);
    }

    @Test
    void at_most_max_entries_are_kept_the_least_recently_used_going_first() {
        String a = bcrypt.encode("password-a");
        String b = bcrypt.encode("password-b");
        String c = bcrypt.encode("password-c");
        String d = bcrypt.encode("password-d");
        passwords.matches("password-a", a);
        passwords.matches("password-b", b);
        passwords.matches("password-c", c);
        passwords.matches("password-a", a); // a is now the most recently used
        passwords.matches("password-d", d); // evicts b
        assertThat(passwords.size()).isEqualTo(3);
        int before = bcrypt.checks.get();
        passwords.matches("password-a", a);
        assertThat(bcrypt.checks).hasValue(before);
        passwords.matches("password-b", b);
        assertThat(bcrypt.checks).hasValue(before + 1);
    }

    @Test
    void a_zero_ttl_turns_the_memory_off() {
        VerifiedPasswords off = new VerifiedPasswords(bcrypt, clock, Duration.ZERO, 3);
        off.matches("correct horse", stored);
        off.matches("correct horse", stored);
        assertThat(bcrypt.checks).hasValue(2);
        assertThat(off.size()).isZero();
    }

    @Test
    void encoding_is_plain_bcrypt() {
        String encoded = passwords.encode("correct horse");
        assertThat(encoded).startsWith("$2a$04$");
        assertThat(new BCryptPasswordEncoder().matches("correct horse", encoded)).isTrue();
    }


    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-12-02T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
