package com.itvision.maintenance.app.support;

import com.itvision.maintenance.app.MaintenanceApplication;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The application in a child JVM, on the test's class path, as an operator runs it: started with
 * {@code --key=value} arguments, ready once its start-up banner is logged, killed as {@code kill -9} kills it
 * (no shutdown hook, no pool close) or stopped with SIGTERM. Its output is appended to a log file, each launch
 * after the previous one, so a test that kills and restarts keeps the whole story for diagnosis.
 *
 * <p>Children still running when the test JVM exits (a failed or timed-out test) are killed by a shutdown hook.
 */
public final class ChildApplication implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("ready in (\\d+) ms\\s+API: +http://localhost:(\\d+)/api/v1");
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly)));
    }

    private final Process process;
    private final Path log;
    private final long logOffset;

    private ChildApplication(Process process, Path log, long logOffset) {
        this.process = process;
        this.log = log;
        this.logOffset = logOffset;
    }

    /** Once its banner is logged (ApplicationReadyEvent): its HTTP port and the JVM's uptime then. */
    public record Ready(int port, Duration uptime) {
    }

    /**
     * Starts {@link MaintenanceApplication} with {@code arguments}; its output goes to the end of {@code log}. The
     * start-up banner is always logged (the test class path's logback-test.xml logs WARN and above otherwise).
     */
    public static ChildApplication launch(Path log, List<String> arguments) throws IOException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        long offset = Files.exists(log) ? Files.size(log) : 0;
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                MaintenanceApplication.class.getName(),
                "--logging.level.com.itvision.maintenance.app.ops.StartupBanner=INFO"));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        RUNNING.add(process);
        return new ChildApplication(process, log, offset);
    }

    /** Waits for this launch's banner; fails with this launch's output if the JVM exits or {@code wait} passes. */
    public Ready awaitReady(Duration wait) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher ready = READY.matcher(output());
            if (ready.find()) {
                return new Ready(Integer.parseInt(ready.group(2)), Duration.ofMillis(Long.parseLong(ready.group(1))));
            }
            if (!process.isAlive()) {
                throw new AssertionError("The application exited (" + process.exitValue() + "):\n" + output());
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Not ready within " + wait.toSeconds() + " s:\n" + output());
    }

    /** What this launch has logged so far (not the earlier launches in the same file). */
    public String output() throws IOException {
        if (!Files.exists(log)) {
            return "";
        }
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long length = file.length() - logOffset;
            if (length <= 0) {
                return "";
            }
            byte[] bytes = new byte[(int) Math.min(length, 64L * 1024 * 1024)];
            file.seek(logOffset);
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** SIGKILL: no shutdown hook, no pool close, no PostgreSQL stop; returns once the JVM is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    /** SIGTERM, as an operator's kill or Ctrl-C; true if the JVM exited within {@code wait}. */
    public boolean stop(Duration wait) throws InterruptedException {
        process.destroy();
        return awaitExit(wait);
    }

    private boolean awaitExit(Duration wait) throws InterruptedException {
        boolean exited = process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (exited) {
            RUNNING.remove(process);
        }
        return exited;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    /** Kills the JVM if it still runs. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
        RUNNING.remove(process);
    }
}
