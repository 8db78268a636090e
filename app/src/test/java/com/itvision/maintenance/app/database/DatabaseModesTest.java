package com.itvision.maintenance.app.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.app.MaintenanceApplication;
import com.itvision.maintenance.app.support.Api;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The two ways to run: the embedded default keeps its data across restarts, and a configured
 * {@code spring.datasource.url} is used as is, with no embedded server and no demo data.
 */
class DatabaseModesTest {

    @Test
    void a_restart_on_the_embedded_database_keeps_every_event(@TempDir Path dataDir) {
        String contractId;
        long eventsBefore;
        try (ConfigurableApplicationContext first = start(Map.of("maintenance.embedded-db.data-dir", dataDir.toString()))) {
            Api api = api(first);
            var created = api.as("admin").post("/api/v1/clients", Map.of("name", "Persistent client"));
            assertThat(created.status()).isEqualTo(201);
            contractId = "contract-a-preventive";
            var suspended = api.as("admin").post("/api/v1/contracts/" + contractId + "/suspend",
                    Map.of("reason", "unpaid invoice"));
            assertThat(suspended.status()).isEqualTo(200);
            eventsBefore = events(first);
        }
        try (ConfigurableApplicationContext second = start(Map.of("maintenance.embedded-db.data-dir", dataDir.toString()))) {
            assertThat(events(second)).as("no demo data is created twice, nothing is lost").isEqualTo(eventsBefore);
            var contract = api(second).as("admin").get("/api/v1/audit/contracts/" + contractId + "/state");
            assertThat(contract.status()).isEqualTo(200);
            assertThat(contract.json().path("contract").path("status").asString()).isEqualTo("SUSPENDED");
        }
    }

    @Test
    void a_configured_datasource_is_used_without_embedded_server_or_demo_data() throws Exception {
        try (EmbeddedPostgres external = EmbeddedPostgres.builder().start()) {
            String url = "jdbc:postgresql://localhost:" + external.getPort() + "/postgres";
            try (ConfigurableApplicationContext app = start(Map.of(
                    "spring.datasource.url", url,
                    "spring.datasource.username", "postgres",
                    "spring.datasource.password", "postgres",
                    "maintenance.bootstrap-admin.username", "root-admin",
                    "maintenance.bootstrap-admin.password", "s3cret-pass"))) {
                assertThat(app.getBeanNamesForType(EmbeddedPostgresServer.class)).isEmpty();
                Api api = api(app);
                assertThat(api.as("admin").get("/api/v1/contracts/contract-a-preventive").status())
                        .as("no demo users on an external database").isEqualTo(401);
                var client = api.as("root-admin").withPassword("s3cret-pass")
                        .post("/api/v1/clients", Map.of("name", "Real client"));
                assertThat(client.status()).isEqualTo(201);
                JdbcClient externalDb = JdbcClient.create(external.getPostgresDatabase());
                assertThat(externalDb.sql("SELECT count(*) FROM domain_event_entry").query(Long.class).single())
                        .as("the bootstrap admin and the client, stored in the configured server").isEqualTo(2);
            }
        }
    }

    private static ConfigurableApplicationContext start(Map<String, String> properties) {
        // command-line arguments: they override application.yml, as an operator's settings would
        Stream<String> args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue());
        return new SpringApplicationBuilder(MaintenanceApplication.class)
                .run(Stream.concat(args, Stream.of("--server.port=0")).toArray(String[]::new));
    }

    private static Api api(ConfigurableApplicationContext context) {
        return new Api(((WebServerApplicationContext) context).getWebServer().getPort());
    }

    private static long events(ConfigurableApplicationContext context) {
        return context.getBean(JdbcClient.class).sql("SELECT count(*) FROM domain_event_entry")
                .query(Long.class).single();
    }
}
