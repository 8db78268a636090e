package com.itvision.maintenance.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.app.support.Api.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Clients with their users, projects, contracts, tickets, billets and interventions, made over HTTP with
 * bearer tokens ({@link TokenIntegrationTest}) in the state an operation needs: a DRAFT contract to
 * activate, a RESOLVED and confirmed ticket to close, an intervention with a report to validate.
 *
 * <p>Time: tickets are opened two days in the past (the application's {@link MutableClock} is moved back
 * for the opening only), so that interventions fit between the opening and now; each technician's
 * intervals are handed out backwards from now, 20 minutes apart, since a technician is in one place at a
 * time (INTERVENTION_OVERLAP).
 */
public final class World {
    static final Duration OPENED_AGO = Duration.ofDays(2);
    /** Where each technician's next interval ends: shared by every World of the JVM (one database). */
    private static final Map<String, Instant> NEXT_END = new ConcurrentHashMap<>();

    private final Api api;
    private final MutableClock clock;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    public World(Api api, MutableClock clock) {
        this.api = api;
        this.clock = clock;
    }

    /**
     * A client and what belongs to it: its CLIENT user, sales rep and technician (user names with a
     * token), a project covered by an ACTIVE unlimited warranty (24 h SLA, 24/7) and a project without
     * any contract (its tickets are billable).
     */
    public record Owner(String key, String clientId, String clientName, String clientUser, String salesUser,
                        String technicianUser, String technicianId, String projectId, String projectName,
                        String contractId, String billableProjectId) {
        @Override
        public String toString() {
            return key;
        }
    }

    public record Billet(String ticketId, String billetId) {
    }

    public record Intervention(String ticketId, String billetId, String interventionId) {
    }

    /** {@code user}'s requests: a demo user, or one this world registered. */
    public Api.Request as(String user) {
        String token = tokens.get(user);
        return api.anonymous().header("Authorization", "Bearer " + (token != null ? token : TokenIntegrationTest.token(user)));
    }

    /** The bearer token of {@code user}. */
    public String token(String user) {
        String token = tokens.get(user);
        return token != null ? token : TokenIntegrationTest.token(user);
    }

    // -- owners --

    /** Demo client A (rep sales, CLIENT user client) with tech as its technician, and projects of its own. */
    public Owner clientA() {
        return demoOwner("A", "client-a", "Boutique Horizon (client A)", "client", "sales", "tech");
    }

    /** Demo client B (rep sales2, CLIENT user client2) with tech2 as its technician. */
    public Owner clientB() {
        return demoOwner("B", "client-b", "Logistique Sahel (client B)", "client2", "sales2", "tech2");
    }

    private Owner demoOwner(String key, String clientId, String name, String clientUser, String sales, String tech) {
        String project = project(clientId);
        String billable = project(clientId);
        return new Owner(key, clientId, name, clientUser, sales, tech, "user-" + tech, project,
                projectName(project), warranty(clientId, project), billable);
    }

    /**
     * A new client without a sales rep (so outside every SALES and MANAGER scope), with a CLIENT user and a
     * TECHNICIAN of its own, registered here (not demo users).
     */
    public Owner newOwner(String key, String salesRepId) {
        Map<String, Object> client = new LinkedHashMap<>();
        String name = "Client " + key + " " + UUID.randomUUID();
        client.put("name", name);
        if (salesRepId != null) {
            client.put("salesRepId", salesRepId);
        }
        String clientId = created(as("admin").post("/api/v1/clients", client));
        created.add(new Created("client", clientId, clientId, name));
        String clientUser = user("CLIENT", clientId);
        String tech = user("TECHNICIAN", null);
        String project = project(clientId);
        return new Owner(key, clientId, name, clientUser, null, tech, userId(tech), project, projectName(project),
                warranty(clientId, project), project(clientId));
    }

    private final Map<String, String> userIds = new ConcurrentHashMap<>();
    private final Map<String, String> projectNames = new ConcurrentHashMap<>();
    private final Map<String, String> projectClients = new ConcurrentHashMap<>();

    /**
     * What this world created that belongs to a client: its id, the client, its name or title, and for a
     * ticket the technician of its billets ({@link #assignee}); a test of who sees what reads it.
     */
    public record Created(String kind, String id, String clientId, String name) {
    }

    public final List<Created> created = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Ticket id → user name of the technician its billets name. */
    public final Map<String, String> assignee = new ConcurrentHashMap<>();

    /** A new user with {@code role} (bound to {@code clientId} for CLIENT); returns its user name. */
    public String user(String role, String clientId) {
        return user(List.of(role), clientId);
    }

    /** A new user with {@code roles}, its password its user name, and a token with the same claims. */
    public String user(List<String> roles, String clientId) {
        String username = roles.getFirst().toLowerCase().replace('_', '-') + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", username);
        body.put("password", username);
        body.put("roles", roles);
        if (clientId != null) {
            body.put("clientId", clientId);
        }
        String id = created(as("admin").post("/api/v1/users", body));
        userIds.put(username, id);
        tokens.put(username, TokenIntegrationTest.token(id, roles, clientId));
        return username;
    }

    public String userId(String username) {
        String id = userIds.get(username);
        return id != null ? id : "user-" + username;
    }

    public String project(String clientId) {
        String name = "Projet " + UUID.randomUUID();
        String id = created(as("admin").post("/api/v1/projects", Map.of("clientId", clientId, "name", name)));
        projectNames.put(id, name);
        projectClients.put(id, clientId);
        created.add(new Created("project", id, clientId, name));
        return id;
    }

    public String projectName(String projectId) {
        return projectNames.get(projectId);
    }

    /** An ACTIVE unlimited corrective warranty on {@code projectId}, 30 days back and 300 ahead, 24 h, 24/7. */
    private String warranty(String clientId, String projectId) {
        LocalDate today = LocalDate.now(clock);
        Map<String, Object> body = contractBody(clientId, projectId, "WARRANTY", "CORRECTIVE", today.minusDays(30),
                today.plusDays(300));
        body.put("annualPrice", Map.of("amountMinor", 0, "currency", "XOF"));
        String id = created(as("admin").post("/api/v1/contracts", body));
        created.add(new Created("contract", id, clientId, (String) body.get("name")));
        ok(as("admin").post("/api/v1/contracts/" + id + "/activate"));
        return id;
    }

    public static Map<String, Object> contractBody(String clientId, String projectId, String kind, String type,
                                                   LocalDate start, LocalDate end) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("clientId", clientId);
        body.put("projectId", projectId);
        body.put("name", "Contrat " + UUID.randomUUID());
        body.put("kind", kind);
        body.put("type", type);
        body.put("startDate", start.toString());
        body.put("endDate", end.toString());
        body.put("slaHours", 24);
        body.put("supportHours", "ALWAYS");
        body.put("timeZone", "UTC");
        body.put("annualPrice", Map.of("amountMinor", 1_200_000, "currency", "XOF"));
        body.put("paymentFrequency", "ANNUAL");
        return body;
    }

    // -- contracts --

    /**
     * A maintenance contract of {@code owner} on a project of its own (no overlap with anything), sold by the
     * owner's rep: DRAFT, ACTIVE or SUSPENDED.
     */
    public String contract(Owner owner, String state) {
        String project = project(owner.clientId());
        LocalDate today = LocalDate.now(clock);
        Map<String, Object> body = contractBody(owner.clientId(), project, "MAINTENANCE", "PREVENTIVE",
                today.minusDays(30), today.plusDays(300));
        String id = created(as("admin").post("/api/v1/contracts", body));
        created.add(new Created("contract", id, owner.clientId(), (String) body.get("name")));
        if (!state.equals("DRAFT")) {
            ok(as("admin").post("/api/v1/contracts/" + id + "/activate"));
        }
        if (state.equals("SUSPENDED")) {
            ok(as("admin").post("/api/v1/contracts/" + id + "/suspend", Map.of("reason", "Impayé")));
        } else if (!state.equals("DRAFT") && !state.equals("ACTIVE")) {
            throw new IllegalArgumentException(state);
        }
        return id;
    }

    // -- tickets --

    /** A ticket opened two days ago by lead on {@code projectId}; returns its id. */
    public String openTicket(String user, String projectId, String title) {
        clock.set(Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(OPENED_AGO));
        try {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("projectId", projectId);
            body.put("title", title);
            body.put("description", "Les utilisateurs reçoivent une erreur 500");
            body.put("severity", "MAJOR");
            String id = created(as(user).post("/api/v1/tickets", body));
            created.add(new Created("ticket", id, projectClients.get(projectId), title));
            return id;
        } finally {
            clock.reset();
        }
    }

    /**
     * A ticket of {@code owner} in {@code state}: OPEN (covered, no billet), BILLABLE (open, no contract),
     * ON_HOLD, ASSIGNED (a billet to the owner's technician), RESOLVED (intervention, report, validation),
     * CONFIRMED (resolved and confirmed by the client), CLOSED.
     */
    public String ticket(Owner owner, String state) {
        return ticket(owner, state, "Incident " + UUID.randomUUID());
    }

    public String ticket(Owner owner, String state, String title) {
        if (state.equals("BILLABLE")) {
            return openTicket("lead", owner.billableProjectId(), title);
        }
        String id = openTicket("lead", owner.projectId(), title);
        switch (state) {
            case "OPEN" -> {
            }
            case "ON_HOLD" -> ok(as("lead").post("/api/v1/tickets/" + id + "/hold", Map.of("reason", "Attente du client")));
            case "ASSIGNED" -> billetFor(owner, id);
            case "RESOLVED", "CONFIRMED", "CLOSED" -> {
                String intervention = record(owner, billetFor(owner, id)).interventionId();
                report(owner, intervention);
                ok(as("lead").post("/api/v1/interventions/" + intervention + "/report/validate"));
                if (!state.equals("RESOLVED")) {
                    ok(as(owner.clientUser()).post("/api/v1/tickets/" + id + "/confirm", Map.of("comment", "Merci")));
                }
                if (state.equals("CLOSED")) {
                    ok(as("lead").post("/api/v1/tickets/" + id + "/close"));
                }
            }
            default -> throw new IllegalArgumentException(state);
        }
        return id;
    }

    // -- billets and interventions --

    public Billet billet(Owner owner) {
        String ticket = openTicket("lead", owner.projectId(), "Incident " + UUID.randomUUID());
        return new Billet(ticket, billetFor(owner, ticket));
    }

    private String billetFor(Owner owner, String ticketId) {
        String billet = created(as("lead").post("/api/v1/tickets/" + ticketId + "/billets", Map.of(
                "technicianId", owner.technicianId(), "type", "CORRECTION", "estimatedHours", 1,
                "instructions", "Vérifier la configuration")));
        assignee.put(ticketId, owner.technicianUser());
        return billet;
    }

    /** An intervention of the owner's technician on a new billet; with its report written when {@code report}. */
    public Intervention intervention(Owner owner, boolean report) {
        Billet billet = billet(owner);
        Intervention intervention = record(owner, billet.billetId());
        if (report) {
            report(owner, intervention.interventionId());
        }
        return intervention;
    }

    private Intervention record(Owner owner, String billetId) {
        Response recorded = as(owner.technicianUser()).post("/api/v1/billets/" + billetId + "/interventions",
                interventionBody(owner.technicianId()));
        return new Intervention(null, billetId, created(recorded));
    }

    private void report(Owner owner, String interventionId) {
        ok(as(owner.technicianUser()).put("/api/v1/interventions/" + interventionId + "/report", reportBody()));
    }

    public static Map<String, Object> reportBody() {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("initialProblem", "Erreur 500 lors du paiement par CB");
        report.put("rootCause", "Clé API expirée");
        report.put("solution", "Nouvelle clé API");
        report.put("systemImpact", "Module de paiement uniquement");
        return report;
    }

    /** A recording body for {@code technicianId}'s next free quarter of an hour. */
    public Map<String, Object> interventionBody(String technicianId) {
        Instant[] slot = slot(technicianId);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("description", "Analyse des logs et correction");
        body.put("startedAt", slot[0].toString());
        body.put("endedAt", slot[1].toString());
        body.put("hoursSpent", 0.25);
        return body;
    }

    /** The technician's next interval: 15 minutes, ending 20 minutes before the previous one started. */
    public Instant[] slot(String technicianId) {
        Instant end = NEXT_END.compute(technicianId, (id, previous) -> previous == null
                ? Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(10))
                : previous.minus(Duration.ofMinutes(20)));
        if (end.isBefore(Instant.now().minus(OPENED_AGO).plus(Duration.ofMinutes(30)))) {
            throw new IllegalStateException("technician " + technicianId + " has no free interval left");
        }
        return new Instant[]{end.minus(Duration.ofMinutes(15)), end};
    }

    // -- answers --

    public static Response ok(Response response) {
        assertThat(response.status()).as("%s", response).isBetween(200, 299);
        return response;
    }

    public static String created(Response response) {
        assertThat(response.status()).as("%s", response).isEqualTo(201);
        return response.json().path("id").asString();
    }
}
