package com.itvision.maintenance.bench;

import com.itvision.maintenance.bench.World.Client;
import com.itvision.maintenance.bench.World.Project;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A realistic history built through the real command handlers over HTTP, on many threads: clients (each with
 * a CLIENT user), projects, contracts of every type (warranty and maintenance, with and without a quota, some
 * amended, suspended and resumed, some left as DRAFT proposals), then {@code tickets} tickets across their
 * lifecycle ({@link Lifecycle#history}). One ticket in five goes to one of a few "hot" projects, whose
 * contracts get long histories (many interventions, several amendments).
 *
 * <p>Sizes follow the 100,000 tickets / 10,000 contracts: a contract per 10 tickets, a client per
 * 500 tickets (at least 3), a project without contract per 10 contracts (billable tickets).
 */
final class Generator {
    private static final String[] TYPES = {"CORRECTIVE", "EVOLUTIVE", "PREVENTIVE", "CURATIVE", "FULL", "BASIC"};

    record Summary(int tickets, int contracts, int clients, int technicians, long events, double seconds,
                   int failures) {
    }

    private final Http http;
    private final String admin;
    private final Jwt jwt;
    private final Lifecycle lifecycle;
    private final Technicians technicians;
    private final int threads;

    Generator(Http http, String admin, Jwt jwt, Lifecycle lifecycle, Technicians technicians, int threads) {
        this.http = http;
        this.admin = admin;
        this.jwt = jwt;
        this.lifecycle = lifecycle;
        this.technicians = technicians;
        this.threads = threads;
    }

    Summary generate(World world, int tickets, EventCount events) throws Exception {
        long start = System.nanoTime();
        int clientCount = Math.max(3, tickets / 500);
        int contractCount = Math.max(10, tickets / 10);
        int hotCount = Math.min(5, clientCount);
        AtomicInteger failures = new AtomicInteger();

        List<Client> clients = parallel(clientCount, failures, i -> client(i));
        world.clients.addAll(clients);
        technicians.hire(Math.min(200, 8 + tickets / 50));

        List<Project> projects = parallel(contractCount, failures, j -> coveredProject(clients.get(j % clients.size()), j, j < hotCount));
        world.projects.addAll(projects);
        List<Project> billable = parallel(Math.max(clientCount, contractCount / 10), failures,
                j -> new Project(project(clients.get(j % clients.size()).id()), clients.get(j % clients.size()), null, false));
        world.projects.addAll(billable);
        parallel(Math.max(1, contractCount / 20), failures, j -> proposal(clients.get(j % clients.size()), j));
        Map<String, Project> billableOf = new HashMap<>();
        billable.forEach(p -> billableOf.putIfAbsent(p.client().id(), p));
        List<Project> hot = world.hot();

        AtomicInteger done = new AtomicInteger();
        parallel(tickets, failures, n -> {
            Project project = n % 5 == 0 ? hot.get((n / 5) % hot.size()) : projects.get(Math.floorMod(n * 7919, projects.size()));
            String closed = lifecycle.history(project, billableOf.get(project.client().id()), n);
            if (closed != null && world.closedTickets.size() < 1000) {
                world.closedTickets.add(closed);
            }
            int d = done.incrementAndGet();
            if (d % Math.max(1, tickets / 10) == 0) {
                System.out.printf("  generated %,d / %,d tickets (%.0f s)%n", d, tickets, (System.nanoTime() - start) / 1e9);
            }
            return null;
        });
        int failed = failures.get();
        if (failed > Math.max(5, tickets / 50)) {
            throw new IllegalStateException(failed + " commands of the generator failed; see the first error above");
        }
        return new Summary(tickets, contractCount, clientCount, technicians.count(), events.count(),
                (System.nanoTime() - start) / 1e9, failed);
    }

    @FunctionalInterface
    interface Task<T> {
        T apply(int n) throws Exception;
    }

    @FunctionalInterface
    interface EventCount {
        long count() throws Exception;
    }

    private Client client(int i) {
        String id = http.post("/api/v1/clients", admin, Map.of("name", "Client bench " + i + " " + UUID.randomUUID())).id();
        String name = "bench-client-" + UUID.randomUUID().toString().substring(0, 12);
        String user = http.post("/api/v1/users", admin, Map.of("username", name, "password", name,
                "roles", List.of("CLIENT"), "clientId", id)).id();
        return new Client(id, Http.bearer(jwt.token(user, "CLIENT", id)));
    }

    private String project(String clientId) {
        return http.post("/api/v1/projects", admin, Map.of("clientId", clientId, "name", "Projet " + UUID.randomUUID())).id();
    }

    /** A project and its ACTIVE contract; hot ones and every tenth are amended, every 15th suspended and resumed. */
    private Project coveredProject(Client client, int j, boolean hot) {
        String project = project(client.id());
        String contract = http.post("/api/v1/contracts", admin, contractBody(client.id(), project, j)).id();
        String path = "/api/v1/contracts/" + contract;
        http.post(path + "/activate", admin, null);
        for (int a = 0; a < (hot ? 5 : j % 10 == 0 ? 1 : 0); a++) {
            http.post(path + "/amend", admin, Map.of("slaHours", 8 + a, "reason", "Avenant " + (a + 1)));
        }
        if (j % 15 == 7) {
            http.post(path + "/suspend", admin, Map.of("reason", "Impayé"));
            http.post(path + "/resume", admin, Map.of("reason", "Règlement reçu"));
        }
        return new Project(project, client, contract, hot);
    }

    /** A DRAFT contract on a project of its own, never activated (a proposal): no ticket goes there. */
    private Object proposal(Client client, int j) {
        http.post("/api/v1/contracts", admin, contractBody(client.id(), project(client.id()), j + 2));
        return null;
    }

    static Map<String, Object> contractBody(String clientId, String projectId, int j) {
        String type = TYPES[j % TYPES.length];
        boolean warranty = type.equals("CORRECTIVE") || type.equals("EVOLUTIVE");
        LocalDate today = LocalDate.now();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("clientId", clientId);
        body.put("projectId", projectId);
        body.put("name", "Contrat " + type.toLowerCase() + " " + j);
        body.put("kind", warranty ? "WARRANTY" : "MAINTENANCE");
        body.put("type", type);
        body.put("startDate", today.minusDays(30 + j % 200).toString());
        body.put("endDate", today.plusDays(60 + j % 300).toString());
        body.put("slaHours", j % 2 == 0 ? 24 : 4);
        body.put("supportHours", j % 3 == 0 ? "BUSINESS_HOURS" : "ALWAYS");
        body.put("timeZone", "UTC");
        body.put("annualPrice", Map.of("amountMinor", warranty ? 0 : 600_000 + 100_000L * (j % 30), "currency", "XOF"));
        body.put("paymentFrequency", "ANNUAL");
        if (!warranty && j % 3 == 0) {
            body.put("interventionsIncluded", 100_000);
        }
        return body;
    }

    /** Runs {@code count} tasks on the generator's threads; failures are counted, the first one is printed. */
    private <T> List<T> parallel(int count, AtomicInteger failures, Task<T> task) throws InterruptedException {
        AtomicReference<String> first = new AtomicReference<>();
        List<T> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    try {
                        return task.apply(n);
                    } catch (Exception e) {
                        failures.incrementAndGet();
                        if (first.compareAndSet(null, e.toString())) {
                            System.out.println("  first generator failure: " + e);
                        }
                        return null;
                    }
                }));
            }
            for (Future<T> future : futures) {
                try {
                    T result = future.get();
                    if (result != null) {
                        results.add(result);
                    }
                } catch (java.util.concurrent.ExecutionException e) {
                    failures.incrementAndGet();
                }
            }
        }
        return results;
    }
}
