package com.itvision.maintenance.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.app.MaintenanceApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Boots the whole application once per JVM (the Spring context is cached across test classes) on a
 * fresh embedded PostgreSQL in a temporary directory, with the demo data, and talks HTTP to it.
 * Tests create their own clients/projects/contracts with random ids, so they never depend on order.
 */
@SpringBootTest(classes = MaintenanceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestClockConfiguration.class)
public abstract class IntegrationTest {
    private static final Path DATA_DIR = createDataDir();

    @LocalServerPort
    protected int port;
    @Autowired
    protected JdbcClient jdbc;
    @Autowired
    protected MutableClock clock;

    protected Api api;

    @DynamicPropertySource
    static void embeddedDatabase(DynamicPropertyRegistry registry) {
        registry.add("maintenance.embedded-db.data-dir", DATA_DIR::toString);
        registry.add("maintenance.demo.enabled", () -> "true");
        // the scheduled reconciliation stays out of the way; tests run it through its endpoint
        registry.add("maintenance.reconciliation.initial-delay", () -> "1h");
        // so does the hourly contract expiry (it still runs at start-up): at :05 it stores events of its own, and
        // refusal tests compare the store's event count before and after a request
        registry.add("maintenance.expiry.cron", () -> "-");
    }

    @BeforeEach
    void connectApi() {
        api = new Api(port, () -> jdbc.sql("SELECT coalesce(max(global_index), 0) FROM domain_event_entry")
                .query(Long.class).single());
        clock.reset();
    }

    /** A TECHNICIAN user of the test's own; its password is its user name. */
    public record Technician(String username, String userId) {
    }

    /**
     * A new TECHNICIAN user (as admin). A technician is in one place at a time (INTERVENTION_OVERLAP), and
     * every test shares one database: tests that record interventions do it for a technician of their own.
     */
    protected Technician newTechnician() {
        String username = "tech-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Response created = api.as("admin").post("/api/v1/users", Map.of("username", username,
                "password", username, "roles", List.of("TECHNICIAN")));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return new Technician(username, created.json().path("id").asString());
    }

    /** How many events the store holds: refusals must leave it unchanged. */
    protected long eventCount() {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry").query(Long.class).single();
    }

    private static Path createDataDir() {
        try {
            Path dir = Files.createTempDirectory("maintenance-it-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir)));
            return dir;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort, temp dir
        }
    }
}
