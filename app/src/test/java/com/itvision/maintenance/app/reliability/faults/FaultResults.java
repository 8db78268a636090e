package com.itvision.maintenance.app.reliability.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one-line result of each scenario: printed, and written to {@code target/fault-results.md} (rewritten with
 * every result of this JVM, so the file holds the scenarios of the last run, in scenario order).
 */
final class FaultResults {
    private static final Map<String, String> LINES = new TreeMap<>();

    private FaultResults() {
    }

    /** {@code scenario} sorts the lines ("1 kill -9 under load", ...). */
    static synchronized void record(String scenario, String result) {
        String line = "- **" + scenario + "**: " + result;
        System.out.println("FAULT RESULT " + scenario + ": " + result);
        LINES.put(scenario, line);
        StringBuilder file = new StringBuilder("# Fault suite results\n\nRun ending ")
                .append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append(" (").append(Runtime.getRuntime()
                        .availableProcessors()).append(" cores)\n\n");
        LINES.values().forEach(l -> file.append(l).append('\n'));
        try {
            Path target = FaultRig.targetDirectory();
            Files.createDirectories(target);
            Files.writeString(target.resolve("fault-results.md"), file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String seconds(java.time.Duration duration) {
        return "%.1f s".formatted(duration.toMillis() / 1000.0);
    }
}
