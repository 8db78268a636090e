package com.itvision.maintenance.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The packaged application in a child JVM, started as an operator starts it ({@code scripts/start-app.sh}, the
 * launcher of {@code ./run.sh}: the jar with its trained start-up cache), on
 * its own embedded PostgreSQL data directory with the production settings (fsync, synchronous commit and
 * full-page writes on: {@code unsafe-no-fsync} is false, and set so explicitly). Bearer tokens are enabled
 * with the bench's public key; metrics and loggers are exposed to authenticated callers, so that the heap
 * can be sampled and the SQL of a request captured (jOOQ's execute logging). A child process rather than
 * an in-process context: start-up and resident memory are the process's own, and nothing here depends on
 * the application's classes.
 */
final class AppProcess implements AutoCloseable {
    private final Path dataDir;
    private final Path log;
    private final int port;
    private final Process process;
    private final long launchedAt;
    private final long logOffset;

    private AppProcess(Path dataDir, Path log, int port, Process process, long launchedAt, long logOffset) {
        this.dataDir = dataDir;
        this.log = log;
        this.port = port;
        this.process = process;
        this.launchedAt = launchedAt;
        this.logOffset = logOffset;
    }

    /**
     * The application's jar under a name of the run's own (a hard link, else a copy): a {@code pkill -f
     * maintenance-app.jar} aimed at someone's ./run.sh elsewhere on a shared machine does not stop the bench's.
     */
    static Path privateJar(Path jar, Path workDir) throws IOException {
        Path linked = workDir.resolve("app-under-bench.jar");
        Files.createDirectories(workDir);
        Files.deleteIfExists(linked);
        try {
            Files.createLink(linked, jar.toAbsolutePath());
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(jar, linked);
        }
        return linked;
    }

    /**
     * The operator's launcher ({@code ./run.sh} uses it): the jar with its trained start-up cache (ADR 0022).
     * It {@code exec}s the JVM, so the process measured is the application's own.
     */
    private static final Path START_SCRIPT = Path.of("scripts", "start-app.sh");

    /** Trains the start-up cache of {@code jar} if it has none, outside any measurement. */
    static void prepare(Options options, Path jar, Path log) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", START_SCRIPT.toAbsolutePath().toString(), "--prepare");
        environment(builder, options, jar);
        Files.createDirectories(log.getParent());
        int exit = builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException("scripts/start-app.sh --prepare failed (" + exit + "); see " + log);
        }
    }

    private static void environment(ProcessBuilder builder, Options options, Path jar) {
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("JAVA_OPTS", "-Xmx" + options.heap());
        builder.environment().put("MAINTENANCE_APP_JAR", jar.toAbsolutePath().toString());
    }

    boolean isAlive() {
        return process.isAlive();
    }

    static AppProcess launch(Options options, Path jar, int port, Path dataDir, Path publicKey, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        long offset = Files.exists(log) ? Files.size(log) : 0;
        List<String> command = new ArrayList<>(List.of(
                "bash", START_SCRIPT.toAbsolutePath().toString(),
                "--server.port=" + port,
                "--maintenance.embedded-db.data-dir=" + dataDir.toAbsolutePath(),
                "--maintenance.embedded-db.unsafe-no-fsync=false",
                "--maintenance.demo.enabled=true",
                "--spring.security.oauth2.resourceserver.jwt.public-key-location=file:" + publicKey.toAbsolutePath(),
                "--management.endpoints.web.exposure.include=health,info,metrics,loggers",
                // the reconciliation check would run in the middle of a measuring window
                "--maintenance.reconciliation.initial-delay=6h"));
        long launched = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(command);
        environment(builder, options, jar);
        Process process = builder.redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return new AppProcess(dataDir, log, port, process, launched, offset);
    }

    /** Polls {@code /actuator/health} until it answers 200 (UP: database and every processor running). */
    Duration awaitHealthy(Duration wait) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = launchedAt + wait.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the application exited (" + process.exitValue() + "); see " + log);
            }
            try {
                if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return Duration.ofNanos(System.nanoTime() - launchedAt);
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("not healthy within " + wait.toSeconds() + " s; see " + log);
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    /** What this launch logged so far. */
    String output() throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long length = file.length() - logOffset;
            byte[] bytes = new byte[(int) Math.max(0, Math.min(length, 256L * 1024 * 1024))];
            file.seek(logOffset);
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** Resident set size of the JVM (VmRSS of /proc/&lt;pid&gt;/status), in MiB. */
    double rssMiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        throw new IOException("no VmRSS for " + pid());
    }

    /** User + system CPU time the JVM has used so far (/proc/&lt;pid&gt;/stat, clock ticks of 10 ms). */
    long cpuNanos() throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * 10_000_000L;
    }

    /** A superuser JDBC connection to the application's own PostgreSQL (port from postmaster.pid, SCRAM password). */
    Connection jdbc() throws Exception {
        List<String> pid = Files.readAllLines(dataDir.resolve("postmaster.pid"));
        String password = Files.readString(dataDir.resolve("superuser.password")).trim();
        Properties properties = new Properties();
        properties.setProperty("user", "postgres");
        properties.setProperty("password", password);
        properties.setProperty("ApplicationName", "bench");
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + pid.get(3).trim() + "/postgres", properties);
    }

    /** SIGTERM (graceful: the embedded PostgreSQL is stopped), SIGKILL after {@code wait}. */
    void stop(Duration wait) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop(Duration.ofSeconds(30));
        }
    }

    /** A port nobody listens on now; the bench keeps it for all its launches, so its HTTP clients stay valid. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
