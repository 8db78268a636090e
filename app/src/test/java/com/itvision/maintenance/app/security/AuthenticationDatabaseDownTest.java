package com.itvision.maintenance.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.itvision.maintenance.app.MaintenanceApplication;
import com.itvision.maintenance.app.support.Api;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 7 item 5: with PostgreSQL down, an HTTP Basic request used to wait for Hikari's connection
 * timeout and then answer 401 with a challenge, as if the password were wrong. It must be a 503 problem
 * with Retry-After and no challenge, as soon as the pool gives up, and sign-ins must work again once
 * the server is back.
 */
class AuthenticationDatabaseDownTest {
    private static final String ADMIN = "root-admin";
    private static final String PASSWORD = "s3cret-pass";
    private static final String PROTECTED = "/api/v1/tickets?size=1";
    /** The pool's wait for a connection in this test (the application's default is the lead's setting). */
    private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(2);

    @Test
    void with_postgresql_down_a_signed_in_request_is_a_fast_503_and_works_again_once_it_is_back(@TempDir Path dir)
            throws Exception {
        Path data = dir.resolve("pg");
        EmbeddedPostgres database = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false)
                .start();
        int port = database.getPort();
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(MaintenanceApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=jdbc:postgresql://localhost:" + port + "/postgres",
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres",
                "--spring.datasource.hikari.connection-timeout=" + CONNECTION_TIMEOUT.toMillis(),
                "--maintenance.bootstrap-admin.username=" + ADMIN,
                "--maintenance.bootstrap-admin.password=" + PASSWORD,
                "--maintenance.reconciliation.initial-delay=1h")) {
            Api api = new Api(((WebServerApplicationContext) app).getWebServer().getPort());
            assertThat(api.as(ADMIN).withPassword(PASSWORD).get(PROTECTED).status()).isEqualTo(200);

            database.close();
            // the first requests find pooled connections broken and fail at once; once PostgreSQL has been
            // down for a while the pool is empty and every request waits for a new connection: both answer 503
            HikariDataSource pool = app.getBean(HikariDataSource.class);
            for (String password : new String[] {PASSWORD, "a-wrong-password", PASSWORD, "a-wrong-password"}) {
                if (password.equals(PASSWORD) && pool.getHikariPoolMXBean().getTotalConnections() > 0) {
                    pool.getHikariPoolMXBean().softEvictConnections();
                }
                long started = System.nanoTime();
                Api.Response down = api.as(ADMIN).withPassword(password).get(PROTECTED);
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                System.out.printf("Database down: %d %s after %d ms (%d pooled connections)%n", down.status(),
                        down.code(), took.toMillis(), pool.getHikariPoolMXBean().getTotalConnections());

                assertThat(down.status()).as("%s", down).isEqualTo(503);
                assertThat(down.code()).isEqualTo("DATABASE_UNAVAILABLE");
                assertThat(down.header("Content-Type")).startsWith("application/problem+json");
                assertThat(down.header("Retry-After")).isEqualTo("5");
                assertThat(down.header("WWW-Authenticate")).as("the credentials were never judged").isNull();
                assertThat(took).as("the pool's wait, not 30 s").isLessThan(CONNECTION_TIMEOUT.plusSeconds(3));
            }

            database = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port)
                    .start();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> api.as(ADMIN).withPassword(PASSWORD).get(PROTECTED).status() == 200);
            assertThat(app.getBean(JdbcClient.class)
                    .sql("SELECT count(*) FROM login_throttle").query(Long.class).single())
                    .as("a sign-in that could not be judged is not a failure").isZero();
        } finally {
            database.close();
        }
    }
}
