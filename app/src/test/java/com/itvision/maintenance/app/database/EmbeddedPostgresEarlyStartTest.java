package com.itvision.maintenance.app.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.app.MaintenanceProperties;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server started with the context (start-up time, issue 9) is either handed to the {@code embeddedPostgres}
 * bean, which then owns it, or stopped with the context: a context that fails before using it leaves no
 * postmaster running.
 */
class EmbeddedPostgresEarlyStartTest {

    @Test
    void the_bean_takes_the_server_started_for_its_configuration(@TempDir Path dataDir) throws Exception {
        var config = new MaintenanceProperties.EmbeddedDb(dataDir, 0, false);
        var starting = new EmbeddedPostgresEarlyStart.Starting(config);
        try (EmbeddedPostgresServer server = starting.takeFor(config)) {
            assertThat(server).isNotNull();
            assertThat(accepts(server.port())).isTrue();
            starting.destroy();
            assertThat(accepts(server.port())).as("handed over: the context's end no longer stops it").isTrue();
        }
    }

    @Test
    void a_context_that_never_used_the_server_stops_it(@TempDir Path dataDir) throws Exception {
        var starting = new EmbeddedPostgresEarlyStart.Starting(new MaintenanceProperties.EmbeddedDb(dataDir, 0, false));
        starting.destroy();
        assertThat(dataDir.resolve("postmaster.pid")).doesNotExist();
        assertThat(Files.exists(dataDir.resolve("postgresql.conf"))).as("the cluster itself is kept").isTrue();
    }

    @Test
    void another_configuration_stops_the_early_server_and_lets_the_bean_start_its_own(@TempDir Path dataDir)
            throws Exception {
        var early = new MaintenanceProperties.EmbeddedDb(dataDir.resolve("early"), 0, false);
        var starting = new EmbeddedPostgresEarlyStart.Starting(early);
        assertThat(starting.takeFor(new MaintenanceProperties.EmbeddedDb(dataDir.resolve("other"), 0, false))).isNull();
        assertThat(dataDir.resolve("early/postmaster.pid")).doesNotExist();
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
