package com.itvision.maintenance.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The command line of {@code ./bench.sh}; {@link #usage()} documents every option. */
record Options(int tickets, int runs, List<Integer> clients, Duration warmup, Duration window, int generatorThreads,
               String heap, Path out, Path appJar, Path workDir, boolean keep, boolean quick) {

    static String usage() {
        return """
                ./bench.sh [options]     (build, then run the benchmark suite; see README "Performance")
                  --quick                 300 tickets, 3 runs, 0.5 s warm-up + 1.5 s windows; authentication at 8
                                          clients, commands at 8 and 32, queries at 32 (the targets'): <= 8 min
                  --tickets N             tickets generated through the API (default 10000; 100000 for the big store)
                  --runs N                runs of every figure; each figure is their median, min and max (>= 3)
                  --clients 1,8,32        concurrent clients of the load drivers
                  --warmup 2s --window 5s warm-up and measuring window of each load figure
                  --threads 8             generator threads
                  --heap 1g               -Xmx of the application's JVM (the footprint figures say it)
                  --out FILE              JSON result (default bench/results/latest.json)
                  --app-jar FILE          the application (default app/target/maintenance-app.jar)
                  --work DIR              where the fresh PostgreSQL data directories go (default bench/target/work)
                  --keep                  keep the data directories and logs afterwards
                """;
    }

    static Options parse(String[] args) {
        boolean quick = Arrays.asList(args).contains("--quick");
        int tickets = quick ? 300 : 10_000;
        int runs = 3;
        List<Integer> clients = quick ? List.of(8, 32) : List.of(1, 8, 32);
        Duration warmup = quick ? Duration.ofMillis(500) : Duration.ofSeconds(2);
        Duration window = quick ? Duration.ofMillis(1500) : Duration.ofSeconds(5);
        int threads = 8;
        String heap = "1g";
        Path out = Path.of("bench/results/latest.json");
        Path jar = Path.of("app/target/maintenance-app.jar");
        Path work = Path.of("bench/target/work");
        boolean keep = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--quick" -> {
                }
                case "--keep" -> keep = true;
                case "--help", "-h" -> {
                    System.out.println(usage());
                    System.exit(0);
                }
                default -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("missing value after " + arg + "\n" + usage());
                    }
                    String value = args[++i];
                    switch (arg) {
                        case "--tickets" -> tickets = Integer.parseInt(value);
                        case "--runs" -> runs = Integer.parseInt(value);
                        case "--clients" -> clients = parseList(value);
                        case "--warmup" -> warmup = duration(value);
                        case "--window" -> window = duration(value);
                        case "--threads" -> threads = Integer.parseInt(value);
                        case "--heap" -> heap = value;
                        case "--out" -> out = Path.of(value);
                        case "--app-jar" -> jar = Path.of(value);
                        case "--work" -> work = Path.of(value);
                        default -> throw new IllegalArgumentException("unknown option " + arg + "\n" + usage());
                    }
                }
            }
        }
        if (runs < 1 || tickets < 20 || clients.isEmpty()) {
            throw new IllegalArgumentException("need --runs >= 1, --tickets >= 20 and at least one client count");
        }
        return new Options(tickets, runs, clients, warmup, window, threads, heap, out, jar, work, keep, quick);
    }

    private static List<Integer> parseList(String value) {
        List<Integer> list = new ArrayList<>();
        for (String part : value.split(",")) {
            list.add(Integer.parseInt(part.trim()));
        }
        return List.copyOf(list);
    }

    /** {@code 500ms}, {@code 5s}, {@code 2m}. */
    static Duration duration(String value) {
        if (value.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
        }
        long amount = Long.parseLong(value.substring(0, value.length() - 1));
        return switch (value.charAt(value.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            default -> throw new IllegalArgumentException("a duration is 500ms, 5s or 2m, not " + value);
        };
    }

    /** Client counts of the authentication figures: all of them, or only 8 (the target's) in quick mode. */
    List<Integer> authClients() {
        return quick ? List.of(clientsOr(8)) : clients;
    }

    /** Client counts of the query figures: all of them, or only 32 (the target's) in quick mode. */
    List<Integer> queryClients() {
        return quick ? List.of(clientsOr(32)) : clients;
    }

    /** The client count used where the issue sets a target at one count (8 for authentication, 32 for queries). */
    int clientsOr(int preferred) {
        return clients.contains(preferred) ? preferred : clients.getLast();
    }
}
