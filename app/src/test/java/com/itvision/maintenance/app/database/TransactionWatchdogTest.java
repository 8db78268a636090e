package com.itvision.maintenance.app.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.itvision.maintenance.app.MaintenanceApplication;
import com.itvision.maintenance.app.support.Api;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * ADR 0002's transaction bound on a real PostgreSQL 15, which has no {@code transaction_timeout}: the
 * application, as an external-database deployment runs it (its own non-superuser role and database), with
 * short limits so the test is quick. The binaries are zonky's PostgreSQL 15 build, copied to target/ by the
 * build (app/pom.xml), since the application's classpath pins 17.
 */
@EnabledOnOs(value = OS.LINUX, architectures = "amd64")
class TransactionWatchdogTest {
    private static final Path POSTGRES_15 = Path.of("target/postgres-binaries/postgresql-15-linux-amd64.jar");
    /** One instance, so zonky unpacks the binaries once per JVM. */
    private static final PgBinaryResolver FROM_JAR = TransactionWatchdogTest::postgres15;
    private static final Duration LIMIT = Duration.ofSeconds(3);
    private static final Duration PAUSE = Duration.ofMillis(700);
    private static final Pattern OPEN_FOR = Pattern.compile("open for ([0-9.]+) s");

    @Test
    void on_postgresql_15_a_transaction_kept_alive_past_the_limit_is_terminated_and_the_application_keeps_working()
            throws Exception {
        try (EmbeddedPostgres server = EmbeddedPostgres.builder().setPgBinaryResolver(FROM_JAR).start()) {
            JdbcClient superuser = JdbcClient.create(server.getPostgresDatabase());
            assertThat(superuser.sql("SHOW server_version_num").query(Integer.class).single()).isBetween(150000, 159999);
            superuser.sql("CREATE ROLE app LOGIN PASSWORD 'app-secret'").update();
            superuser.sql("CREATE DATABASE maintenance OWNER app").update();
            String url = "jdbc:postgresql://localhost:" + server.getPort() + "/maintenance";

            try (ConfigurableApplicationContext app = start(url)) {
                TransactionWatchdog watchdog = app.getBean(TransactionWatchdog.class);
                assertThat(watchdog.active()).as("AUTO on a server without transaction_timeout").isTrue();
                ListAppender<ILoggingEvent> log = captureLog();
                HikariDataSource pool = app.getBean(HikariDataSource.class);

                try (Connection bystander = connect(url, "psql")) {
                    bystander.setAutoCommit(false);
                    KeptAlive kept = keepAlive(pool, bystander);

                    assertThat(kept.sqlState()).as("terminated by the server on the watchdog's request").isEqualTo("57P01");
                    assertThat(kept.statements()).as("every pause was shorter than the idle timeout")
                            .isGreaterThan((int) (LIMIT.toMillis() / PAUSE.toMillis()));
                    assertThat(kept.elapsed()).isBetween(LIMIT, LIMIT.plus(Duration.ofMillis(2500)));
                    assertThat(JdbcClient.create(new SingleConnectionDataSource(bystander, true))
                            .sql("SELECT clock_timestamp() - now() > make_interval(secs => ?)")
                            .param(LIMIT.toSeconds()).query(Boolean.class).single())
                            .as("another program's transaction, past the limit, is none of its business").isTrue();
                }

                ILoggingEvent terminated = log.list.stream()
                        .filter(event -> event.getFormattedMessage().startsWith("Terminated PostgreSQL backend"))
                        .findFirst().orElseThrow();
                Matcher age = OPEN_FOR.matcher(terminated.getFormattedMessage());
                assertThat(age.find()).isTrue();
                double seconds = Double.parseDouble(age.group(1));
                System.out.printf("Watchdog latency on PostgreSQL 15: transaction terminated at %.1f s (limit %d s)%n",
                        seconds, LIMIT.toSeconds());
                assertThat(seconds).isCloseTo(LIMIT.toSeconds() + 0.5, within(0.7));
                assertThat(terminated.getFormattedMessage()).contains("SELECT 1");

                System.out.printf("Watchdog check on PostgreSQL 15: %.2f ms%n", averageCheckMillis(url));

                Api api = new Api(((WebServerApplicationContext) app).getWebServer().getPort());
                var created = api.as("root-admin").withPassword("s3cret-pass").post("/api/v1/clients",
                        Map.of("name", "Still working"));
                assertThat(created.status()).as("the pool replaced the connection: %s", created).isEqualTo(201);
                JdbcClient db = JdbcClient.create(pool);
                assertThat(db.sql("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?")
                        .param(created.json().path("id").asString()).query(Long.class).single()).isEqualTo(1);
            }
        }
    }

    /** What one look of the watchdog costs the server (averaged over 200, a limit nothing reaches). */
    private static double averageCheckMillis(String url) throws SQLException {
        try (Connection connection = connect(url, "cost");
             PreparedStatement check = connection.prepareStatement(TransactionWatchdog.OVERLONG)) {
            check.setString(1, SessionLimitsConfiguration.APPLICATION_NAME);
            check.setDouble(2, 3600);
            long begin = System.nanoTime();
            for (int i = 0; i < 200; i++) {
                try (ResultSet rows = check.executeQuery()) {
                    assertThat(rows.next()).isFalse();
                }
            }
            double millis = (System.nanoTime() - begin) / 200 / 1e6;
            assertThat(millis).as("cheap enough to run every second").isLessThan(20);
            return millis;
        }
    }

    record KeptAlive(int statements, Duration elapsed, String sqlState) {
    }

    /**
     * One of the application's pooled connections runs a transaction of short statements with short pauses (as
     * a slow batch would), the bystander does the same; until the pooled one is cut off.
     */
    private static KeptAlive keepAlive(HikariDataSource pool, Connection bystander) throws Exception {
        try (Connection connection = pool.getConnection();
             Statement statement = connection.createStatement();
             Statement other = bystander.createStatement()) {
            connection.setAutoCommit(false);
            long begin = System.nanoTime();
            int statements = 0;
            other.execute("SELECT 1");
            while (System.nanoTime() - begin < Duration.ofSeconds(20).toNanos()) {
                try {
                    statement.execute("SELECT 1");
                    statements++;
                } catch (SQLException e) {
                    return new KeptAlive(statements, Duration.ofNanos(System.nanoTime() - begin), e.getSQLState());
                }
                other.execute("SELECT 1");
                Thread.sleep(PAUSE.toMillis());
            }
            return new KeptAlive(statements, Duration.ofNanos(System.nanoTime() - begin), "still open after 20 s");
        }
    }

    private static ConfigurableApplicationContext start(String url) {
        return new SpringApplicationBuilder(MaintenanceApplication.class).run(
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=app",
                "--spring.datasource.password=app-secret",
                "--maintenance.bootstrap-admin.username=root-admin",
                "--maintenance.bootstrap-admin.password=s3cret-pass",
                "--maintenance.database.transaction-timeout=" + LIMIT.toSeconds() + "s",
                "--maintenance.database.statement-timeout=2s",
                "--maintenance.database.idle-in-transaction-timeout=2s",
                "--server.port=0");
    }

    private static Connection connect(String url, String applicationName) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "app");
        properties.setProperty("password", "app-secret");
        properties.setProperty("ApplicationName", applicationName);
        return DriverManager.getConnection(url, properties);
    }

    private static ListAppender<ILoggingEvent> captureLog() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(TransactionWatchdog.class)).addAppender(appender);
        return appender;
    }

    private static InputStream postgres15(String system, String hardware) throws IOException {
        if (!Files.exists(POSTGRES_15)) {
            throw new IOException(POSTGRES_15.toAbsolutePath() + " is missing: the build's generate-test-resources "
                    + "phase copies it (app/pom.xml, maven-dependency-plugin)");
        }
        try (JarFile jar = new JarFile(POSTGRES_15.toFile())) {
            try (InputStream txz = jar.getInputStream(jar.getEntry("postgres-linux-x86_64.txz"))) {
                return new ByteArrayInputStream(txz.readAllBytes());
            }
        }
    }
}
