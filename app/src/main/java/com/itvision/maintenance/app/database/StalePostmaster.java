package com.itvision.maintenance.app.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clears the way before the embedded server starts (ADR 0010). The postmaster runs detached from the JVM, so
 * when the JVM dies without shutting down ({@code kill -9}, OOM killer, power cut of a container) it survives,
 * still holding {@code postmaster.pid}; a new postmaster on that directory would refuse to start. Here:
 * <ul>
 *   <li>a data directory locked by a live application (zonky's {@code epg-lock}) is refused at once;</li>
 *   <li>a live postmaster of this data directory whose application is gone is stopped (fast shutdown: open
 *       transactions roll back, everything committed is kept, no crash recovery at the next start) and
 *       awaited;</li>
 *   <li>a {@code postmaster.pid} naming a dead process is left to PostgreSQL, which checks it (and the shared
 *       memory it names) and replaces it without delay;</li>
 *   <li>a {@code postmaster.pid} whose pid now belongs to another program is deleted: PostgreSQL would take
 *       that program for a running postmaster and refuse to start.</li>
 * </ul>
 */
final class StalePostmaster {
    static final String PID_FILE = "postmaster.pid";
    /** The lock file zonky's EmbeddedPostgres holds while it runs a cluster. */
    static final String LOCK_FILE = "epg-lock";
    private static final Logger log = LoggerFactory.getLogger(StalePostmaster.class);

    private StalePostmaster() {
    }

    static void clear(Path dataDir, Duration stopTimeout) {
        refuseIfInUse(dataDir);
        Path pidFile = dataDir.resolve(PID_FILE);
        Optional<Long> pid = recordedPid(pidFile);
        if (pid.isEmpty()) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid.get()).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            log.info("{} names pid {}, which is not running: PostgreSQL replaces the stale file", pidFile, pid.get());
            return;
        }
        switch (identify(process.get(), dataDir)) {
            case THIS_CLUSTER -> stop(process.get(), dataDir, stopTimeout);
            case OTHER_PROGRAM -> {
                log.warn("{} names pid {}, now used by another program ({}): deleting the stale file", pidFile,
                        pid.get(), process.get().info().command().orElse("?"));
                delete(pidFile);
            }
            case UNKNOWN -> log.warn("{} names pid {}, which is alive but cannot be identified: left to PostgreSQL",
                    pidFile, pid.get());
        }
    }

    private static void refuseIfInUse(Path dataDir) {
        Path lock = dataDir.resolve(LOCK_FILE);
        if (!Files.exists(lock)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE);
             FileLock held = channel.tryLock()) {
            if (held == null) {
                throw inUse(dataDir);
            }
        } catch (OverlappingFileLockException e) {
            throw inUse(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot check " + lock, e);
        }
    }

    static IllegalStateException inUse(Path dataDir) {
        return new IllegalStateException("The embedded PostgreSQL data directory " + dataDir
                + " is in use by another running instance of the application (it holds " + LOCK_FILE
                + "). Stop it, or give this one another maintenance.embedded-db.data-dir.");
    }

    private static Optional<Long> recordedPid(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.getFirst().trim()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (NumberFormatException e) {
            log.warn("{} does not start with a pid: left to PostgreSQL", pidFile);
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + pidFile, e);
        }
    }

    enum Identity { THIS_CLUSTER, OTHER_PROGRAM, UNKNOWN }

    /**
     * A postmaster runs the {@code postgres} executable with its working directory in its data directory
     * (PostgreSQL changes into it at start). Where {@code /proc} is missing (macOS) the executable alone decides.
     */
    static Identity identify(ProcessHandle process, Path dataDir) {
        Optional<String> command = process.info().command();
        if (command.isEmpty()) {
            return Identity.UNKNOWN;
        }
        if (!Path.of(command.get()).getFileName().toString().equals("postgres")) {
            return Identity.OTHER_PROGRAM;
        }
        if (!Files.isDirectory(Path.of("/proc/self"))) {
            return Identity.THIS_CLUSTER;
        }
        try {
            Path cwd = Path.of("/proc", Long.toString(process.pid()), "cwd");
            return Files.isSameFile(cwd, dataDir) ? Identity.THIS_CLUSTER : Identity.OTHER_PROGRAM;
        } catch (IOException e) {
            return Identity.UNKNOWN;
        }
    }

    /**
     * SIGINT is PostgreSQL's fast shutdown (what {@code pg_ctl stop -m fast} sends). Java signals only SIGTERM
     * (smart shutdown, which waits for every client to leave) and SIGKILL, hence {@code kill -INT}; SIGTERM is the
     * fallback, enough once the dead JVM's connections are gone. Not pg_ctl: as root, zonky runs the server in a
     * user namespace ({@code unshare -U}) and pg_ctl refuses to run as root.
     */
    private static void stop(ProcessHandle postmaster, Path dataDir, Duration timeout) {
        long started = System.nanoTime();
        log.warn("An embedded PostgreSQL (pid {}) is still running on {}: its application stopped without shutting it "
                + "down (killed?). Stopping it before starting a new one.", postmaster.pid(), dataDir);
        if (!fastShutdown(postmaster)) {
            postmaster.destroy();
        }
        try {
            postmaster.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("The orphaned embedded PostgreSQL (pid " + postmaster.pid() + ") on "
                    + dataDir + " did not stop within " + timeout.toSeconds() + " s; stop it by hand", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not wait for pid " + postmaster.pid(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping the orphaned embedded PostgreSQL", e);
        }
        log.warn("Stopped the orphaned embedded PostgreSQL (pid {}) in {} ms", postmaster.pid(),
                (System.nanoTime() - started) / 1_000_000);
    }

    private static boolean fastShutdown(ProcessHandle postmaster) {
        try {
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(postmaster.pid()))
                    .redirectErrorStream(true).start();
            String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (kill.waitFor() == 0) {
                return true;
            }
            log.warn("kill -INT {} answered {}: {}; trying SIGTERM", postmaster.pid(), kill.exitValue(), output);
        } catch (IOException e) {
            log.warn("Cannot run kill -INT {} ({}); trying SIGTERM", postmaster.pid(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + file, e);
        }
    }
}
