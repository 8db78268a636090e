package com.itvision.maintenance.bench;

import com.itvision.maintenance.bench.Driver.Recorder;
import com.itvision.maintenance.bench.World.Project;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A ticket through the real command handlers over HTTP, each command timed under its own label: open →
 * billet → intervention → report → validate → confirm → close (7 commands), and the other paths a history
 * has (rejected, on hold, billable and approved, left open or in progress, rated). The report is written by
 * the project lead and validated by the admin (four eyes); the client's own user confirms and rates.
 */
final class Lifecycle {
    static final String[] COMMANDS = {"open", "billet", "intervention", "report", "validate", "confirm", "close"};
    private static final String[] SEVERITIES = {"MINOR", "MAJOR", "CRITICAL"};

    private final Http http;
    private final String admin;
    private final String lead;
    private final Technicians technicians;

    Lifecycle(Http http, String admin, String lead, Technicians technicians) {
        this.http = http;
        this.admin = admin;
        this.lead = lead;
        this.technicians = technicians;
    }

    /** The full lifecycle of a new ticket on {@code project}; returns its id. */
    String full(Recorder r, Project project, int n) throws Exception {
        String ticket = open(r, project, n);
        resolve(r, project, ticket);
        close(r, project, ticket);
        return ticket;
    }

    /**
     * One ticket of a realistic history, by {@code n % 20}: 2 rejected, 1 left on hold, 1 held and resumed,
     * 2 billable (client approves), 1 left open, 1 in progress, 1 resolved awaiting confirmation, 1 closed and
     * rated, the rest closed. Returns the ticket's id when it was closed, else null.
     */
    String history(Project covered, Project billable, int n) throws Exception {
        Recorder r = Recorder.NONE;
        int kind = n % 20;
        Project project = (kind == 4 || kind == 5) && billable != null ? billable : covered;
        String ticket = open(r, project, n);
        switch (kind) {
            case 0, 1 -> {
                http.post("/api/v1/tickets/" + ticket + "/reject", admin, Map.of("reason", "Hors périmètre"));
                return null;
            }
            case 2 -> {
                http.post("/api/v1/tickets/" + ticket + "/hold", admin, Map.of("reason", "Attente du client"));
                return null;
            }
            case 3 -> {
                http.post("/api/v1/tickets/" + ticket + "/hold", admin, Map.of("reason", "Attente de la pièce"));
                http.post("/api/v1/tickets/" + ticket + "/resume", admin, Map.of("reason", "Pièce reçue"));
            }
            case 4, 5 -> {
                if (project.contractId() == null) {
                    http.post("/api/v1/tickets/" + ticket + "/approve-billing", project.client().token(),
                            Map.of("quoteReference", "DEVIS-" + n));
                }
            }
            case 6 -> {
                return null;
            }
            case 7 -> {
                billet(r, ticket);
                return null;
            }
            case 8 -> {
                resolve(r, project, ticket);
                return null;
            }
            default -> {
            }
        }
        resolve(r, project, ticket);
        close(r, project, ticket);
        if (kind == 9) {
            http.post("/api/v1/tickets/" + ticket + "/rate", project.client().token(),
                    Map.of("score", 1 + n % 5, "comment", "Intervention rapide"));
        }
        return ticket;
    }

    String open(Recorder r, Project project, int n) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("projectId", project.id());
        body.put("title", "Incident " + n);
        body.put("description", "Les utilisateurs reçoivent une erreur 500 sur le module de paiement");
        body.put("severity", SEVERITIES[n % SEVERITIES.length]);
        return r.time("open", () -> http.post("/api/v1/tickets", lead, body).id());
    }

    private String billet(Recorder r, String ticket) throws Exception {
        Technicians.Slot slot = technicians.next();
        return billet(r, ticket, slot);
    }

    private String billet(Recorder r, String ticket, Technicians.Slot slot) throws Exception {
        return r.time("billet", () -> http.post("/api/v1/tickets/" + ticket + "/billets", admin, Map.of(
                "technicianId", slot.technicianId(), "type", "CORRECTION", "estimatedHours", 1,
                "instructions", "Vérifier la configuration")).id());
    }

    /** billet → intervention → report → validate: the ticket is RESOLVED. */
    private void resolve(Recorder r, Project project, String ticket) throws Exception {
        Technicians.Slot slot = technicians.next();
        String billet = billet(r, ticket, slot);
        Map<String, Object> work = new LinkedHashMap<>();
        work.put("description", "Analyse des logs et correction");
        work.put("startedAt", slot.start().toString());
        work.put("endedAt", slot.end().toString());
        work.put("hoursSpent", new BigDecimal("0.01"));
        String intervention = r.time("intervention", () ->
                http.post("/api/v1/billets/" + billet + "/interventions", admin, work).id());
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("initialProblem", "Erreur 500 lors du paiement par CB");
        report.put("rootCause", "Clé API expirée");
        report.put("solution", "Nouvelle clé API");
        report.put("systemImpact", "Module de paiement uniquement");
        r.time("report", () -> http.ok("PUT", "/api/v1/interventions/" + intervention + "/report", lead, report));
        r.time("validate", () -> http.post("/api/v1/interventions/" + intervention + "/report/validate", admin, null));
    }

    /** confirm (the client) → close. */
    private void close(Recorder r, Project project, String ticket) throws Exception {
        r.time("confirm", () -> http.post("/api/v1/tickets/" + ticket + "/confirm", project.client().token(),
                Map.of("comment", "Merci")));
        r.time("close", () -> http.post("/api/v1/tickets/" + ticket + "/close", admin, null));
    }
}
