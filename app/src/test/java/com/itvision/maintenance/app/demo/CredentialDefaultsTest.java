package com.itvision.maintenance.app.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.itvision.maintenance.app.MaintenanceApplication;
import com.itvision.maintenance.app.support.Api;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalyzedException;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Issue 7 item 9: credentials nobody chose. Demo users left in a data directory are named at every start
 * once demo mode is off, and refused under the {@code prod} profile; the bootstrap admin's password
 * follows the API's policy.
 */
@ExtendWith(OutputCaptureExtension.class)
class CredentialDefaultsTest {

    @Test
    void demo_users_still_signing_in_with_their_name_are_named_with_demo_mode_off_and_refused_under_prod(
            @TempDir Path dir, CapturedOutput output) {
        String dataDir = "--maintenance.embedded-db.data-dir=" + dir.resolve("db");
        try (ConfigurableApplicationContext demo = start(dataDir, "--maintenance.demo.enabled=true")) {
            Api api = api(demo);
            Api.Response revoked = api.as("admin").post("/api/v1/users/user-auditor/roles/revoke",
                    Map.of("role", "AUDITOR", "reason", "No auditor in this deployment"));
            assertThat(revoked.status()).as("%s", revoked).isEqualTo(200);
            // no API changes a password yet: an operator's change, as the credential table would hold it
            String changed = demo.getBean(PasswordEncoder.class).encode("a-chosen-password");
            demo.getBean(JdbcClient.class).sql("UPDATE user_credential SET password_hash = ? WHERE user_id = ?")
                    .params(changed, "user-analyst").update();
        }
        assertThat(output).as("demo mode itself is not warned about").doesNotContain("SECURITY WARNING");

        try (ConfigurableApplicationContext later = start(dataDir, "--maintenance.demo.enabled=false")) {
            assertThat(output).contains("SECURITY WARNING: Demo users can sign in with their user name as password: "
                    + "admin, lead, tech, tech2, sales, sales2, manager, client, client2.");
            assertThat(api(later).as("admin").get("/api/v1/tickets?size=1").status())
                    .as("warned about, not changed").isEqualTo(200);
        }

        Throwable refused = catchThrowable(() -> start(dataDir, "--maintenance.demo.enabled=false",
                "--spring.profiles.active=prod"));
        assertThat(analysed(refused).getMessage())
                .contains("admin, lead, tech, tech2, sales, sales2, manager, client, client2")
                .contains("Refused under the 'prod' profile");
        assertThat(output).contains("APPLICATION FAILED TO START").contains("Revoke their roles");
    }

    @Test
    void demo_mode_under_the_prod_profile_refuses_to_start(@TempDir Path dir) {
        Throwable refused = catchThrowable(() -> start("--maintenance.embedded-db.data-dir=" + dir.resolve("db"),
                "--maintenance.demo.enabled=true", "--spring.profiles.active=prod"));
        assertThat(analysed(refused).getMessage()).startsWith("Demo mode is on under the 'prod' profile");
    }

    @Test
    void a_bootstrap_admin_password_outside_8_to_72_characters_refuses_to_start_without_printing_it(
            @TempDir Path dir, CapturedOutput output) {
        for (String password : new String[] {"x", "seven77", "y".repeat(73)}) {
            Throwable refused = catchThrowable(() -> start(
                    "--maintenance.embedded-db.data-dir=" + dir.resolve("db"), "--maintenance.demo.enabled=false",
                    "--maintenance.bootstrap-admin.password=" + password));
            assertThat(analysed(refused).getMessage()).as(password)
                    .isEqualTo("The bootstrap administrator does not satisfy the API's policy for users: "
                            + "password size must be between 8 and 72.");
        }
        assertThat(output).contains("MAINTENANCE_BOOTSTRAP_ADMIN_PASSWORD").doesNotContain("seven77");
    }

    @Test
    void a_bootstrap_admin_password_of_8_characters_is_accepted_and_signs_in(@TempDir Path dir) {
        try (ConfigurableApplicationContext app = start("--maintenance.embedded-db.data-dir=" + dir.resolve("db"),
                "--maintenance.demo.enabled=false", "--maintenance.bootstrap-admin.username=first-admin",
                "--maintenance.bootstrap-admin.password=8-chars!")) {
            assertThat(api(app).as("first-admin").withPassword("8-chars!").get("/api/v1/tickets?size=1").status())
                    .isEqualTo(200);
        }
    }

    private static FailureAnalyzedException analysed(Throwable failure) {
        assertThat(failure).as("start-up must fail").isNotNull();
        return Stream.iterate(failure, Objects::nonNull, Throwable::getCause)
                .filter(FailureAnalyzedException.class::isInstance).map(FailureAnalyzedException.class::cast)
                .findFirst().orElseThrow(() -> new AssertionError("not a start-up refusal", failure));
    }

    private static ConfigurableApplicationContext start(String... args) {
        return new SpringApplicationBuilder(MaintenanceApplication.class).run(Stream.concat(Stream.of(args),
                Stream.of("--server.port=0", "--maintenance.reconciliation.initial-delay=1h")).toArray(String[]::new));
    }

    private static Api api(ConfigurableApplicationContext context) {
        return new Api(((WebServerApplicationContext) context).getWebServer().getPort());
    }
}
