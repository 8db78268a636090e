package com.itvision.maintenance.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.app.MaintenanceApplication;
import com.itvision.maintenance.app.support.Api;
import com.itvision.maintenance.app.support.Fixtures;
import com.itvision.maintenance.app.support.MutableClock;
import com.itvision.maintenance.app.support.TestClockConfiguration;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Failed HTTP Basic sign-ins over HTTP, with the default thresholds (5 per account, 20 per address, 30 s
 * doubling to 15 min) on an application of its own, whose clock the tests move. Every test starts from
 * no counters, so the shared client address (127.0.0.1) does not carry failures from one test to another.
 */
@ExtendWith(OutputCaptureExtension.class)
class LoginThrottleTest {
    private static final String PROTECTED = "/api/v1/tickets?size=1";
    private static final String PASSWORD = "correct-horse-battery";

    @TempDir
    static Path dir;
    private static ConfigurableApplicationContext app;
    private static Api api;
    private static MutableClock clock;
    private static JdbcClient jdbc;

    @BeforeAll
    static void start() {
        app = new SpringApplicationBuilder(MaintenanceApplication.class, TestClockConfiguration.class,
                CountingPasswordChecks.class).run(
                "--server.port=0",
                "--maintenance.embedded-db.data-dir=" + dir.resolve("db"),
                "--maintenance.demo.enabled=true",
                "--maintenance.reconciliation.initial-delay=1h");
        api = new Api(((WebServerApplicationContext) app).getWebServer().getPort());
        clock = app.getBean(MutableClock.class);
        jdbc = app.getBean(JdbcClient.class);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @BeforeEach
    void noCounters() {
        jdbc.sql("DELETE FROM login_throttle").update();
        clock.set(Instant.now());
    }

    @Test
    void after_5_wrong_passwords_the_account_is_refused_with_429_even_with_the_right_one_until_the_delay_passes(
            CapturedOutput output) throws UnknownHostException {
        String user = newUser();
        for (int i = 1; i <= 5; i++) {
            Api.Response refused = api.as(user).withPassword("wrong-" + i).get(PROTECTED);
            assertThat(refused.status()).as("failure %d: %s", i, refused).isEqualTo(401);
            assertThat(refused.header("WWW-Authenticate")).startsWith("Basic");
        }
        int checksBefore = CountingPasswordChecks.CHECKS.get();
        Api.Response wrong = api.as(user).withPassword("wrong-6").get(PROTECTED);
        Api.Response right = api.as(user).withPassword(PASSWORD).get(PROTECTED);
        for (Api.Response throttled : List.of(wrong, right)) {
            assertTooManyAttempts(throttled, 30);
        }
        assertThat(CountingPasswordChecks.CHECKS.get()).as("BCrypt checks spent on refused attempts")
                .isEqualTo(checksBefore);
        assertThat(failures("ACCOUNT", user)).as("refused attempts are not counted").isEqualTo(5);

        String address = clientAddress();
        Map<String, Object> audit = audit("ACCOUNT_THROTTLED", user);
        assertThat(audit).containsEntry("address", address).containsEntry("failures", 5);
        assertThat(((Timestamp) audit.get("locked_until")).toInstant())
                .isEqualTo(((Timestamp) audit.get("occurred_at")).toInstant().plusSeconds(30));
        assertThat(output).contains("Sign-in throttled (ACCOUNT_THROTTLED): user name '" + user + "', address "
                + address + ", 5 failures");

        clock.advance(Duration.ofSeconds(29));
        assertTooManyAttempts(api.as(user).withPassword(PASSWORD).get(PROTECTED), 1);
        clock.advance(Duration.ofSeconds(2));
        assertThat(api.as(user).withPassword(PASSWORD).get(PROTECTED).status()).isEqualTo(200);
        assertThat(failures("ACCOUNT", user)).as("a success forgets the account's failures").isNull();
        assertThat(api.as(user).withPassword("wrong-again").get(PROTECTED).status()).isEqualTo(401);
        assertThat(api.as(user).withPassword(PASSWORD).get(PROTECTED).status()).isEqualTo(200);
    }

    @Test
    void each_failure_after_a_refusal_period_doubles_the_next_one_up_to_15_minutes_and_a_quiet_period_forgets() {
        String user = newUser();
        for (int i = 1; i <= 5; i++) {
            api.as(user).withPassword("wrong").get(PROTECTED);
        }
        List<Long> delays = new ArrayList<>();
        delays.add(retryAfter(api.as(user).withPassword(PASSWORD).get(PROTECTED)));
        for (int round = 0; round < 6; round++) {
            clock.advance(Duration.ofSeconds(delays.getLast() + 1));
            assertThat(api.as(user).withPassword("wrong").get(PROTECTED).status()).isEqualTo(401);
            delays.add(retryAfter(api.as(user).withPassword(PASSWORD).get(PROTECTED)));
        }
        assertThat(delays).containsExactly(30L, 60L, 120L, 240L, 480L, 900L, 900L);

        clock.advance(Duration.ofMinutes(15 + 15).plusSeconds(1));
        assertThat(api.as(user).withPassword("wrong").get(PROTECTED).status()).isEqualTo(401);
        assertThat(failures("ACCOUNT", user)).as("forgotten after 15 quiet minutes, counted from 1 again")
                .isEqualTo(1);
        assertThat(api.as(user).withPassword(PASSWORD).get(PROTECTED).status()).isEqualTo(200);
    }

    @Test
    void after_20_failures_from_one_address_any_account_from_it_is_refused_and_a_success_does_not_forget_them(
            CapturedOutput output) throws UnknownHostException {
        String victim = newUser();
        for (int name = 0; name < 4; name++) {
            String guessed = "nobody-" + UUID.randomUUID();
            for (int i = 0; i < 5; i++) {
                assertThat(api.as(guessed).withPassword("guess-" + i).get(PROTECTED).status()).isEqualTo(401);
            }
        }
        assertTooManyAttempts(api.as(victim).withPassword(PASSWORD).get(PROTECTED), 30);
        assertTooManyAttempts(api.as("admin").get(PROTECTED), 30);
        String address = clientAddress();
        assertThat(failures("ADDRESS", address)).isEqualTo(20);
        Map<String, Object> audit = audit("ADDRESS_THROTTLED", null);
        assertThat(audit).containsEntry("address", address).containsEntry("failures", 20);
        assertThat(audit.get("username")).as("the user name whose failure crossed the threshold")
                .asString().startsWith("nobody-");
        assertThat(output).contains("Sign-in throttled (ADDRESS_THROTTLED)");

        clock.advance(Duration.ofSeconds(31));
        assertThat(api.as(victim).withPassword(PASSWORD).get(PROTECTED).status()).isEqualTo(200);
        assertThat(failures("ADDRESS", address)).as("a success forgets its account, not its address")
                .isEqualTo(20);
        assertThat(api.as(victim).withPassword("wrong").get(PROTECTED).status()).isEqualTo(401);
        assertTooManyAttempts(api.as(victim).withPassword(PASSWORD).get(PROTECTED), 60);
    }

    @Test
    void a_user_name_with_control_characters_is_an_ordinary_failure_and_is_audited_printable() {
        String crafted = "evil\u0000\nline-" + UUID.randomUUID();
        for (int i = 0; i < 5; i++) {
            Api.Response refused = api.as(crafted).withPassword("x").get(PROTECTED);
            assertThat(refused.status()).as("%s", refused).isEqualTo(401);
        }
        assertTooManyAttempts(api.as(crafted).withPassword("x").get(PROTECTED), 30);
        String stored = jdbc.sql("SELECT username FROM security_audit WHERE username LIKE 'evil%' "
                + "ORDER BY id DESC LIMIT 1").query(String.class).single();
        assertThat(stored).startsWith("evil??line-").doesNotContain("\u0000", "\n");
    }

    @Test
    void the_purge_forgets_counters_after_their_quiet_period_and_audit_rows_after_their_retention() {
        Instant now = clock.instant();
        String run = UUID.randomUUID().toString().substring(0, 8);
        counter("quiet-" + run, now.minus(Duration.ofMinutes(16)), null);
        counter("lock-ended-long-ago-" + run, now.minus(Duration.ofMinutes(40)), now.minus(Duration.ofMinutes(16)));
        counter("lock-ended-recently-" + run, now.minus(Duration.ofMinutes(20)), now.minus(Duration.ofMinutes(5)));
        counter("failed-a-minute-ago-" + run, now.minus(Duration.ofMinutes(1)), null);
        auditRow("too-old-" + run, now.minus(Duration.ofDays(401)));
        auditRow("kept-" + run, now.minus(Duration.ofDays(399)));

        app.getBean(LoginThrottle.class).purge();

        assertThat(jdbc.sql("SELECT subject FROM login_throttle WHERE subject LIKE ?").param("%-" + run)
                .query(String.class).list())
                .containsExactlyInAnyOrder("lock-ended-recently-" + run, "failed-a-minute-ago-" + run);
        assertThat(jdbc.sql("SELECT username FROM security_audit WHERE username LIKE ?").param("%-" + run)
                .query(String.class).list()).containsExactly("kept-" + run);
    }

    private static void counter(String subject, Instant lastFailure, Instant lockedUntil) {
        jdbc.sql("INSERT INTO login_throttle (scope, subject, failures, last_failure, locked_until) "
                        + "VALUES ('ACCOUNT', ?, 5, ?, ?)")
                .params(subject, Timestamp.from(lastFailure), lockedUntil == null ? null : Timestamp.from(lockedUntil))
                .update();
    }

    private static void auditRow(String username, Instant at) {
        jdbc.sql("INSERT INTO security_audit (occurred_at, kind, username, address, failures, locked_until) "
                        + "VALUES (?, 'ACCOUNT_THROTTLED', ?, '192.0.2.1', 5, ?)")
                .params(Timestamp.from(at), username, Timestamp.from(at.plusSeconds(30))).update();
    }

    private static void assertTooManyAttempts(Api.Response response, long retryAfter) {
        assertThat(response.status()).as("%s", response).isEqualTo(429);
        assertThat(response.code()).isEqualTo("TOO_MANY_ATTEMPTS");
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.header("Retry-After")).isEqualTo(Long.toString(retryAfter));
        assertThat(response.header("WWW-Authenticate")).as("no challenge: asking again is what is refused").isNull();
    }

    private static long retryAfter(Api.Response response) {
        assertThat(response.status()).as("%s", response).isEqualTo(429);
        return Long.parseLong(response.header("Retry-After"));
    }

    /** The address Tomcat reported for this test's failures (the table holds one, tests start from none). */
    private static String clientAddress() throws UnknownHostException {
        String address = jdbc.sql("SELECT subject FROM login_throttle WHERE scope = 'ADDRESS'").query(String.class)
                .single();
        assertThat(InetAddress.getByName(address).isLoopbackAddress()).as(address).isTrue();
        return address;
    }

    private static Integer failures(String scope, String subject) {
        return jdbc.sql("SELECT failures FROM login_throttle WHERE scope = ? AND subject = ?")
                .params(scope, subject).query(Integer.class).optional().orElse(null);
    }

    /** The latest audit row of {@code kind} (for {@code username}, when given). */
    private static Map<String, Object> audit(String kind, String username) {
        return jdbc.sql("SELECT * FROM security_audit WHERE kind = ? AND (CAST(? AS text) IS NULL OR username = ?) "
                        + "ORDER BY id DESC LIMIT 1")
                .params(kind, username, username).query().singleRow();
    }

    private static String newUser() {
        String username = "u" + UUID.randomUUID().toString().substring(0, 8);
        Api.Response created = api.as("admin").post("/api/v1/users", Map.of("username", username,
                "displayName", Fixtures.unique("User"), "password", PASSWORD, "roles", List.of("ANALYST")));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return username;
    }

    /** Counts BCrypt checks, to show that a refused attempt spends none. */
    @TestConfiguration(proxyBeanMethods = false)
    static class CountingPasswordChecks {
        static final AtomicInteger CHECKS = new AtomicInteger();

        @Bean
        static BeanPostProcessor countPasswordChecks() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    if (!(bean instanceof PasswordEncoder encoder)) {
                        return bean;
                    }
                    return new PasswordEncoder() {
                        @Override
                        public String encode(CharSequence raw) {
                            return encoder.encode(raw);
                        }

                        @Override
                        public boolean matches(CharSequence raw, String encoded) {
                            CHECKS.incrementAndGet();
                            return encoder.matches(raw, encoded);
                        }

                        @Override
                        public boolean upgradeEncoding(String encoded) {
                            return encoder.upgradeEncoding(encoded);
                        }
                    };
                }
            };
        }
    }
}
