package com.itvision.maintenance.app.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.itvision.maintenance.app.MaintenanceProperties;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The embedded server on its own, without the application (ADR 0010): durable settings, the generated
 * password, loopback only, the migration of trust clusters from earlier versions, and the start-up checks of
 * {@code postmaster.pid}.
 */
class EmbeddedPostgresServerTest {
    /** A start on an existing cluster takes ~1.5 s here; the orphan bug took ~72 s. */
    private static final Duration NORMAL_START = Duration.ofSeconds(15);

    @Test
    void a_new_cluster_is_durable_needs_its_generated_password_and_listens_on_loopback_only(@TempDir Path dataDir)
            throws Exception {
        String password;
        try (EmbeddedPostgresServer server = start(dataDir, false)) {
            password = server.password();
            Path file = dataDir.resolve("superuser.password");
            assertThat(Files.readString(file).strip()).isEqualTo(password).hasSize(43);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(server.durabilitySettings()).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "fsync", "on", "synchronous_commit", "on", "full_page_writes", "on"));

            assertThat(sqlStateWithout(server.port(), "127.0.0.1")).as("no password over IPv4").isEqualTo("08004");
            if (ipv6LoopbackListening(server.port())) {
                assertThat(sqlStateWithout(server.port(), "[::1]")).as("no password over IPv6").isEqualTo("08004");
            }
            assertThat(sqlStateWith(server.port(), "not-the-password")).as("wrong password").isEqualTo("28P01");
            JdbcClient db = client(server.port(), password);
            assertThat(db.sql("SHOW listen_addresses").query(String.class).single()).isEqualTo("localhost");
            assertThat(db.sql("SELECT count(*) FROM pg_hba_file_rules WHERE auth_method <> 'scram-sha-256'")
                    .query(Long.class).single()).as("every rule asks for the password").isZero();
            assertThat(db.sql("SELECT count(*) FROM pg_hba_file_rules WHERE type = 'host' "
                            + "AND address NOT IN ('127.0.0.1', '::1')")
                    .query(Long.class).single()).as("TCP rules for loopback only").isZero();
            assertThat(listeningAddresses(server.port())).as("the kernel's listening sockets for the port")
                    .isNotEmpty().allMatch(EmbeddedPostgresServerTest::loopback);
        }
        assertThat(Files.exists(dataDir.resolve(StalePostmaster.PID_FILE))).as("stopped").isFalse();

        try (EmbeddedPostgresServer restarted = start(dataDir, false)) {
            assertThat(restarted.password()).as("kept across restarts").isEqualTo(password);
            assertThat(client(restarted.port(), password).sql("SELECT 1").query(Integer.class).single()).isEqualTo(1);
        }
    }

    @Test
    void a_trust_cluster_of_an_earlier_version_is_given_a_password_at_start(@TempDir Path dataDir) throws Exception {
        // what versions before ADR 0010 created: zonky's defaults, initdb -A trust
        try (EmbeddedPostgres legacy = EmbeddedPostgres.builder().setDataDirectory(dataDir)
                .setCleanDataDirectory(false).start()) {
            JdbcClient db = JdbcClient.create(legacy.getPostgresDatabase());
            db.sql("CREATE TABLE kept (id int)").update();
            db.sql("INSERT INTO kept VALUES (42)").update();
        }
        assertThat(ClientAuthentication.allowsTrust(dataDir)).isTrue();
        assertThat(dataDir.resolve("superuser.password")).doesNotExist();

        String password;
        try (EmbeddedPostgresServer migrated = start(dataDir, false)) {
            password = migrated.password();
            assertThat(Files.readString(dataDir.resolve("superuser.password")).strip()).isEqualTo(password);
            assertThat(sqlStateWithout(migrated.port(), "127.0.0.1")).isEqualTo("08004");
            assertThat(client(migrated.port(), password).sql("SELECT id FROM kept").query(Integer.class).single())
                    .as("the data is untouched").isEqualTo(42);
            assertThat(ClientAuthentication.allowsTrust(dataDir)).isFalse();
        }
        try (EmbeddedPostgresServer again = start(dataDir, false)) {
            assertThat(again.password()).isEqualTo(password);
            assertThat(sqlStateWithout(again.port(), "127.0.0.1")).isEqualTo("08004");
            assertThat(client(again.port(), password).sql("SELECT id FROM kept").query(Integer.class).single())
                    .isEqualTo(42);
        }
    }

    @Test
    void unsafe_no_fsync_is_an_opt_in_that_nothing_else_can_switch_on(@TempDir Path dataDir) throws Exception {
        try (EmbeddedPostgresServer unsafe = start(dataDir, true)) {
            assertThat(unsafe.durabilitySettings()).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "fsync", "off", "synchronous_commit", "off", "full_page_writes", "off"));
        }
        try (EmbeddedPostgresServer durable = start(dataDir, false)) {
            assertThat(durable.durabilitySettings()).as("not sticky").containsExactlyInAnyOrderEntriesOf(Map.of(
                    "fsync", "on", "synchronous_commit", "on", "full_page_writes", "on"));
            JdbcClient db = client(durable.port(), durable.password());
            db.sql("ALTER SYSTEM SET fsync = off").update();
            db.sql("ALTER SYSTEM SET synchronous_commit = off").update();
        }
        try (EmbeddedPostgresServer durable = start(dataDir, false)) {
            assertThat(durable.durabilitySettings()).as("the command line beats postgresql.auto.conf")
                    .containsEntry("fsync", "on").containsEntry("synchronous_commit", "on");
        }
    }

    @Test
    void a_stale_pid_file_of_a_dead_postmaster_does_not_delay_the_start(@TempDir Path dataDir) throws Exception {
        List<String> pidFile;
        try (EmbeddedPostgresServer server = start(dataDir, false)) {
            pidFile = Files.readAllLines(dataDir.resolve(StalePostmaster.PID_FILE));
        }
        // what a postmaster killed with the machine leaves: its own file, naming a pid that is gone
        long deadPid = deadPid();
        List<String> stale = new ArrayList<>(pidFile);
        stale.set(0, Long.toString(deadPid));
        Files.write(dataDir.resolve(StalePostmaster.PID_FILE), stale);

        long started = System.nanoTime();
        try (EmbeddedPostgresServer server = start(dataDir, false)) {
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(NORMAL_START);
            assertThat(server.postmaster().map(ProcessHandle::pid)).isPresent().get().isNotEqualTo(deadPid);
        }
    }

    @Test
    void a_pid_file_naming_another_program_is_removed(@TempDir Path dataDir) throws Exception {
        List<String> pidFile;
        try (EmbeddedPostgresServer server = start(dataDir, false)) {
            pidFile = Files.readAllLines(dataDir.resolve(StalePostmaster.PID_FILE));
        }
        Process other = new ProcessBuilder("sleep", "120").start();
        try {
            List<String> reused = new ArrayList<>(pidFile);
            reused.set(0, Long.toString(other.pid()));
            Files.write(dataDir.resolve(StalePostmaster.PID_FILE), reused);
            assertThat(StalePostmaster.identify(other.toHandle(), dataDir)).isEqualTo(StalePostmaster.Identity.OTHER_PROGRAM);

            long started = System.nanoTime();
            try (EmbeddedPostgresServer server = start(dataDir, false)) {
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(NORMAL_START);
                assertThat(server.postmaster().map(ProcessHandle::pid)).isPresent().get().isNotEqualTo(other.pid());
                assertThat(other.isAlive()).as("the other program is left alone").isTrue();
            }
        } finally {
            other.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void a_data_directory_in_use_in_this_jvm_is_refused_at_once_and_its_server_keeps_running(@TempDir Path dataDir)
            throws Exception {
        try (EmbeddedPostgresServer running = start(dataDir, false)) {
            long pid = running.postmaster().orElseThrow().pid();
            long started = System.nanoTime();
            assertThatThrownBy(() -> start(dataDir, false))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("in use");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
            assertThat(running.postmaster().map(ProcessHandle::pid)).contains(pid);
            assertThat(client(running.port(), running.password()).sql("SELECT 1").query(Integer.class).single())
                    .isEqualTo(1);
        }
    }

    static EmbeddedPostgresServer start(Path dataDir, boolean unsafeNoFsync) throws IOException {
        return EmbeddedPostgresServer.start(new MaintenanceProperties.EmbeddedDb(dataDir, 0, unsafeNoFsync));
    }

    static JdbcClient client(int port, String password) {
        return JdbcClient.create(new DriverManagerDataSource("jdbc:postgresql://localhost:" + port + "/postgres",
                "postgres", password));
    }

    /** The SQL state of a login without password, or "connected" if the server let it in. */
    static String sqlStateWithout(int port, String host) {
        Properties properties = new Properties();
        properties.setProperty("user", "postgres");
        try (Connection ignored = DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/postgres",
                properties)) {
            return "connected";
        } catch (SQLException e) {
            return e.getSQLState();
        }
    }

    static String sqlStateWith(int port, String password) {
        try (Connection ignored = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres",
                "postgres", password)) {
            return "connected";
        } catch (SQLException e) {
            return e.getSQLState();
        }
    }

    private static boolean ipv6LoopbackListening(int port) {
        try {
            return reachable(InetAddress.getByName("::1"), port);
        } catch (IOException e) {
            return false;
        }
    }

    static boolean reachable(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 1000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    /**
     * The local addresses (hex, as the kernel writes them) of the TCP sockets listening on this port, from
     * /proc/net/tcp and tcp6: what the server bound, without sending anything anywhere.
     */
    static List<String> listeningAddresses(int port) throws IOException {
        String portHex = String.format("%04X", port);
        List<String> addresses = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.exists(file)) {
                continue;
            }
            List<String> lines = Files.readAllLines(file);
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.trim().split("\\s+");
                String[] local = fields[1].split(":");
                if (local[1].equals(portHex) && fields[3].equals("0A")) {
                    addresses.add(local[0]);
                }
            }
        }
        return addresses;
    }

    /** 127.0.0.0/8 (little-endian: the last byte is 7F) or ::1. */
    static boolean loopback(String hexAddress) {
        return hexAddress.length() == 8 ? hexAddress.endsWith("7F") : hexAddress.equals("00000000000000000000000001000000");
    }

    /** A pid that no process has any more. */
    private static long deadPid() throws Exception {
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor(10, TimeUnit.SECONDS);
        long pid = finished.pid();
        Optional<ProcessHandle> reused = ProcessHandle.of(pid);
        assertThat(reused.filter(ProcessHandle::isAlive)).as("pid %d not reused yet", pid).isEmpty();
        return pid;
    }
}
