package com.itvision.maintenance.app.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.itvision.maintenance.app.MaintenanceProperties;
import com.itvision.maintenance.app.support.Api;
import com.itvision.maintenance.app.support.ChildApplication;
import com.itvision.maintenance.app.support.ChildApplication.Ready;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The application in child JVMs on one embedded data directory, killed as {@code kill -9} kills it (issue 7
 * item 10) and stopped as an operator stops it (SIGTERM). The postmaster runs detached from the JVM: after a
 * kill it is orphaned, and the next start must stop it and come up in normal time with every stored event.
 * Process-level, so in the fault suite ({@code -Pfaults}, run by CI).
 */
@Tag("faults")
class EmbeddedKillRecoveryTest {
    private static final Duration READY_WAIT = Duration.ofSeconds(180);
    /**
     * Before the fix the start after a kill failed after ~72 s. A start takes ~6 s on an idle machine and more
     * on this one, shared by several builds: an absolute bound with room for that, and one relative to a clean
     * restart measured right after it, on the same machine under the same load.
     */
    private static final Duration RESTART_BOUND = Duration.ofSeconds(45);
    /** Stopping the orphan is a fast shutdown and its checkpoint: ~2 s here. */
    private static final Duration ORPHAN_STOP_BOUND = Duration.ofSeconds(10);

    @Test
    void after_kill_9_the_orphaned_postmaster_is_stopped_and_the_next_start_keeps_every_stored_event(
            @TempDir Path root) throws Exception {
        Path dataDir = root.resolve("postgres");
        List<String> acknowledged = new CopyOnWriteArrayList<>();
        List<String> storedBeforeKill;
        long orphanPid;
        ChildApplication first = launch(dataDir);
        try {
            Api api = new Api(first.awaitReady(READY_WAIT).port());
            AtomicBoolean killed = new AtomicBoolean();
            Thread load = Thread.ofPlatform().start(() -> {
                for (int i = 0; !killed.get() && i < 500; i++) {
                    try {
                        var created = api.as("admin").post("/api/v1/clients", Map.of("name", "Client " + i));
                        if (created.status() == 201) {
                            acknowledged.add(created.json().path("id").asString());
                        }
                    } catch (RuntimeException connectionLost) {
                        return;
                    }
                }
            });
            awaitCount(acknowledged, 20);

            List<String> pidFile = Files.readAllLines(dataDir.resolve(StalePostmaster.PID_FILE));
            orphanPid = Long.parseLong(pidFile.get(0));
            assertThat(secondStartIsRefusedAtOnce(dataDir)).isLessThan(Duration.ofSeconds(5));

            first.kill(); // SIGKILL, under command load: no shutdown hook, no pool close, no pg_ctl stop
            assertThat(first.isAlive()).isFalse();
            killed.set(true);
            load.join(30_000);
            storedBeforeKill = database(dataDir).sql("SELECT event_identifier FROM domain_event_entry ORDER BY global_index")
                    .query(String.class).list();
        } finally {
            first.close();
        }
        Optional<ProcessHandle> orphan = ProcessHandle.of(orphanPid).filter(ProcessHandle::isAlive);
        assertThat(orphan).as("the postmaster outlived its JVM").isPresent();
        assertThat(orphan.get().parent().map(ProcessHandle::pid)).isNotEqualTo(Optional.of(first.pid()));
        assertThat(storedBeforeKill).as("demo data and the acknowledged commands").hasSizeGreaterThan(acknowledged.size());

        Duration afterKill = restartCheckAndStop(dataDir, storedBeforeKill, acknowledged);
        assertThat(ProcessHandle.of(orphanPid).filter(ProcessHandle::isAlive)).as("the orphan was stopped").isEmpty();
        Duration afterCleanShutdown = restartCheckAndStop(dataDir, storedBeforeKill, acknowledged);
        System.out.printf("Ready after kill -9: %d ms (JVM uptime); after a clean shutdown: %d ms%n",
                afterKill.toMillis(), afterCleanShutdown.toMillis());
        assertThat(afterKill).isLessThan(RESTART_BOUND).isLessThan(afterCleanShutdown.plus(ORPHAN_STOP_BOUND));
    }

    /**
     * Starts the application on the directory, checks that it holds exactly the stored events, stops it as an
     * operator would (SIGTERM) and checks that its postmaster stopped with it. Returns the JVM's uptime when ready.
     */
    private static Duration restartCheckAndStop(Path dataDir, List<String> stored, List<String> acknowledged)
            throws Exception {
        ChildApplication app = launch(dataDir);
        try {
            Ready ready = app.awaitReady(READY_WAIT);
            long postmasterPid = Long.parseLong(Files.readAllLines(dataDir.resolve(StalePostmaster.PID_FILE)).get(0));
            JdbcClient db = database(dataDir);
            assertThat(db.sql("SELECT event_identifier FROM domain_event_entry ORDER BY global_index")
                    .query(String.class).list()).as("every stored event, and no demo data twice").isEqualTo(stored);
            for (String id : acknowledged) {
                assertThat(db.sql("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?").param(id)
                        .query(Long.class).single()).as("acknowledged client %s", id).isEqualTo(1);
            }

            assertThat(app.stop(Duration.ofSeconds(90))).as("SIGTERM: the application exits").isTrue();
            assertThat(ProcessHandle.of(postmasterPid).filter(ProcessHandle::isAlive))
                    .as("a normal shutdown stops the postmaster").isEmpty();
            assertThat(dataDir.resolve(StalePostmaster.PID_FILE)).as("cleanly: no pid file left").doesNotExist();
            return ready.uptime();
        } finally {
            app.close();
        }
    }

    /** While the first instance runs, a second one on its directory fails fast and leaves it alone. */
    private static Duration secondStartIsRefusedAtOnce(Path dataDir) {
        long begin = System.nanoTime();
        assertThatThrownBy(() -> EmbeddedPostgresServer.start(new MaintenanceProperties.EmbeddedDb(dataDir, 0, false)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("in use by another running instance");
        return Duration.ofNanos(System.nanoTime() - begin);
    }

    private static ChildApplication launch(Path dataDir) throws IOException {
        return ChildApplication.launch(dataDir.resolveSibling("application.log"), List.of(
                "--server.port=0",
                "--maintenance.embedded-db.data-dir=" + dataDir,
                "--maintenance.demo.enabled=true",
                "--maintenance.reconciliation.initial-delay=1h"));
    }

    private static void awaitCount(List<String> list, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (list.size() < count) {
            assertThat(System.nanoTime()).as("%d commands acknowledged in time", count).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** The data directory's server, while one runs, straight from its pid file and password file. */
    private static JdbcClient database(Path dataDir) throws IOException {
        List<String> pidFile = Files.readAllLines(dataDir.resolve(StalePostmaster.PID_FILE));
        return EmbeddedPostgresServerTest.client(Integer.parseInt(pidFile.get(3).trim()),
                Files.readString(dataDir.resolve(SuperuserPassword.FILE_NAME)).strip());
    }
}
