package com.itvision.maintenance.app.chain;

import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.app.support.Api.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Seed 001 "Exemple Concret", "Cas 1" and "Cas 2", end to end over HTTP as the demo users: the client
 * opens "Erreur paiement CB" under the corrective warranty, the lead issues a billet to Jean Dupont
 * ({@code tech}), who intervenes 2 h and writes the report, the lead validates it (ticket RESOLVED),
 * the client confirms, the lead closes, the client rates.
 */
class ExempleConcretTest extends ChainTestSupport {

    @Test
    void erreur_paiement_cb_goes_from_opening_to_closing_and_rating() {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(4));
        clock.set(t0);
        Response opened = open("client", ECOMMERCE, CORRECTIVE, "Erreur paiement CB", "CRITICAL");
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        String ticketId = opened.json().path("id").asString();
        assertThat(opened.json().path("number").asString()).matches("MAINT-\\d{5}");
        assertThat(opened.header("Location")).endsWith("/api/v1/tickets/" + ticketId);

        JsonNode ticket = ticket(ticketId);
        assertThat(ticket.path("status").asString()).isEqualTo("OPEN");
        assertThat(ticket.path("severity").asString()).isEqualTo("CRITICAL");
        assertThat(ticket.path("coverage").path("covered").asBoolean()).isTrue();
        assertThat(ticket.path("coverage").path("reasonCode").asString()).isEqualTo("COVERED");
        assertThat(ticket.path("coverage").path("contractId").asString()).isEqualTo(CORRECTIVE);
        assertThat(ticket.path("coverage").path("slaHours").asInt()).isEqualTo(24);
        assertThat(ticket.path("billable").asBoolean()).isFalse();
        assertThat(ticket.path("treatable").asBoolean()).isTrue();
        assertThat(ticket.path("sla").path("state").asString()).isEqualTo("ON_TRACK");
        assertThat(ticket.path("sla").path("deadline").asString()).isNotBlank();
        assertThat(lastPayload(ticketId, "TicketOpened").path("origin").asString()).isEqualTo("CLIENT");

        clock.set(t0.plus(Duration.ofMinutes(10)));
        Response billet = billet("lead", ticketId, technician().userId(), 2.5);
        assertThat(billet.status()).as(billet.toString()).isEqualTo(201);
        assertThat(billet.json().path("number").asString()).matches("BILLET-\\d{5}");
        String billetId = billet.json().path("id").asString();
        ticket = ticket(ticketId);
        assertThat(ticket.path("status").asString()).isEqualTo("IN_PROGRESS");
        assertThat(ticket.path("assignee").asString()).isEqualTo(technician().userId());

        clock.set(t0.plus(Duration.ofHours(2)).plus(Duration.ofMinutes(30)));
        Response intervention = record(technician().username(), billetId, t0.plus(Duration.ofMinutes(15)),
                t0.plus(Duration.ofMinutes(135)), 2);
        assertThat(intervention.status()).as(intervention.toString()).isEqualTo(201);
        assertThat(intervention.json().path("warnings").isMissingNode()).as("covered, within the estimate").isTrue();
        String interventionId = intervention.json().path("id").asString();
        JsonNode recorded = lastPayload(interventionId, "InterventionRecorded");
        assertThat(recorded.path("covered").asBoolean()).isTrue();
        assertThat(recorded.path("hoursSpent").decimalValue()).isEqualByComparingTo("2");
        assertThat(ticket(ticketId).path("sla").path("state").asString()).isEqualTo("MET");

        clock.set(t0.plus(Duration.ofMinutes(165)));
        Response report = writeReport(technician().username(), interventionId, "Clé API Stripe expirée");
        assertThat(report.status()).as(report.toString()).isEqualTo(200);
        assertThat(lastPayload(interventionId, "TechnicalReportWritten").path("report").path("rootCause").asString())
                .isEqualTo("Clé API Stripe expirée");

        clock.set(t0.plus(Duration.ofHours(3)));
        Response validated = validateReport("lead", interventionId);
        assertThat(validated.status()).as(validated.toString()).isEqualTo(200);
        ticket = ticket(ticketId);
        assertThat(ticket.path("status").asString()).isEqualTo("RESOLVED");
        assertThat(Instant.parse(ticket.path("resolvedAt").asString())).isEqualTo(t0.plus(Duration.ofHours(3)));
        assertThat(eventsOf(billetId)).containsExactly("BilletIssued", "BilletCompleted");
        Response secondIntervention = record(technician().username(), billetId, t0.plus(Duration.ofMinutes(150)),
                t0.plus(Duration.ofMinutes(170)), 0.5);
        assertThat(secondIntervention.status()).isEqualTo(409);
        assertThat(secondIntervention.code()).isEqualTo("NO_VALID_BILLET");

        Response tooEarly = ticketCommand("lead", ticketId, "close");
        assertThat(tooEarly.status()).isEqualTo(409);
        assertThat(tooEarly.code()).isEqualTo("CLIENT_CONFIRMATION_PENDING");

        clock.set(t0.plus(Duration.ofMinutes(200)));
        assertThat(ticketCommand("client", ticketId, "confirm", Map.of("comment", "Paiements OK")).status())
                .isEqualTo(200);
        Response closed = ticketCommand("lead", ticketId, "close");
        assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
        assertThat(status(ticketId)).isEqualTo("CLOSED");
        assertThat(lastPayload(ticketId, "TicketClosed").path("afterSilence").asBoolean()).isFalse();

        Response rated = ticketCommand("client", ticketId, "rate", Map.of("score", 5, "comment", "Rapide"));
        assertThat(rated.status()).as(rated.toString()).isEqualTo(200);
        assertThat(ticket(ticketId).path("rated").asBoolean()).isTrue();
        assertThat(lastPayload(ticketId, "TicketRated").path("score").asInt()).isEqualTo(5);

        assertThat(eventsOf(ticketId)).containsExactly("TicketOpened", "TicketAssigned", "TicketResponded",
                "TicketResolved", "ResolutionConfirmed", "TicketClosed", "TicketRated");
        assertThat(eventsOf(interventionId)).containsExactly("InterventionRecorded", "TechnicalReportWritten",
                "TechnicalReportValidated");
    }

    @Test
    void a_resolved_ticket_is_closed_without_confirmation_once_the_client_stayed_silent_five_days() {
        String ticketId = resolvedTicket();
        Instant resolvedAt = Instant.parse(ticket(ticketId).path("resolvedAt").asString());

        clock.set(resolvedAt.plus(Duration.ofDays(5)).minusSeconds(1));
        assertRefused(() -> ticketCommand("lead", ticketId, "close"), 409, "CLIENT_CONFIRMATION_PENDING");

        clock.set(resolvedAt.plus(Duration.ofDays(5)));
        Response closed = ticketCommand("lead", ticketId, "close");
        assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
        assertThat(status(ticketId)).isEqualTo("CLOSED");
        assertThat(lastPayload(ticketId, "TicketClosed").path("afterSilence").asBoolean()).isTrue();
        assertThat(eventsOf(ticketId)).doesNotContain("ResolutionConfirmed");
    }

    @Test
    void cas_2_a_ticket_without_contract_is_billable_untreatable_and_rejected_for_a_quote() {
        String clientId = newClient();
        String projectId = newProject(clientId);
        String clientUser = newClientUser(clientId);

        Response opened = open(clientUser, projectId, null, "Nouvelle fonctionnalité demandée", "MINOR");
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        String ticketId = opened.json().path("id").asString();
        JsonNode ticket = ticket(ticketId);
        assertThat(ticket.path("billable").asBoolean()).isTrue();
        assertThat(ticket.path("treatable").asBoolean()).isFalse();
        assertThat(ticket.path("coverage").path("covered").asBoolean()).isFalse();
        assertThat(ticket.path("coverage").path("reasonCode").asString()).isEqualTo("NO_CONTRACT");
        assertThat(ticket.path("sla").isMissingNode() || ticket.path("sla").isNull()).as("no SLA without contract")
                .isTrue();

        assertRefused(() -> billet("lead", ticketId, TECH, 2), 409, "TICKET_NOT_TREATABLE");

        Response rejected = ticketCommand("lead", ticketId, "reject", Map.of("reason", "Hors garantie - Devis nécessaire"));
        assertThat(rejected.status()).as(rejected.toString()).isEqualTo(200);
        assertThat(status(ticketId)).isEqualTo("REJECTED");
        assertThat(lastPayload(ticketId, "TicketRejected").path("reason").asString())
                .isEqualTo("Hors garantie - Devis nécessaire");
        assertThat(eventsOf(ticketId)).containsExactly("TicketOpened", "TicketRejected");
    }

    @Test
    void an_expired_contract_makes_the_ticket_billable_until_the_client_approves_the_billing() {
        Response opened = open("client", ECOMMERCE, EVOLUTIVE_EXPIRED, "Lenteur recherche", "MINOR");
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        String ticketId = opened.json().path("id").asString();
        JsonNode ticket = ticket(ticketId);
        assertThat(ticket.path("billable").asBoolean()).isTrue();
        assertThat(ticket.path("treatable").asBoolean()).isFalse();
        assertThat(ticket.path("coverage").path("reasonCode").asString()).isEqualTo("CONTRACT_NOT_ACTIVE");
        assertThat(ticket.path("coverage").path("contractId").asString()).isEqualTo(EVOLUTIVE_EXPIRED);
        assertThat(ticket.path("coverage").path("reason").asString()).isEqualTo("Contrat de garantie expiré");

        assertRefused(() -> billet("lead", ticketId, TECH, 2), 409, "TICKET_NOT_TREATABLE");
        assertRefused(() -> ticketCommand("lead", ticketId, "approve-billing", Map.of("quoteReference", "DEVIS-1")),
                403, "ROLE_NOT_ALLOWED");

        Response approved = ticketCommand("client", ticketId, "approve-billing", Map.of("quoteReference", "DEVIS-2026-001"));
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        ticket = ticket(ticketId);
        assertThat(ticket.path("treatable").asBoolean()).isTrue();
        assertThat(ticket.path("billingApproved").asBoolean()).isTrue();
        assertThat(ticket.path("billable").asBoolean()).as("still billable: approved, not covered").isTrue();

        Response billet = billet("lead", ticketId, TECH, 2);
        assertThat(billet.status()).as(billet.toString()).isEqualTo(201);
        assertThat(status(ticketId)).isEqualTo("IN_PROGRESS");
    }

    @Test
    void cas_1_standard_corrective_maintenance_under_the_only_active_warranty_of_the_project() {
        clock.set(Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(OPENED_AGO));
        Response opened = open("client", ECOMMERCE, null, "Bug affichage panier", "MAJOR");
        clock.reset();
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        String ticketId = opened.json().path("id").asString();
        JsonNode coverage = ticket(ticketId).path("coverage");
        assertThat(coverage.path("covered").asBoolean()).isTrue();
        assertThat(coverage.path("contractId").asString())
                .as("the active corrective warranty, the evolutive one having expired").isEqualTo(CORRECTIVE);

        Response billet = billet("lead", ticketId, technician().userId(), 3.0);
        assertThat(billet.status()).as(billet.toString()).isEqualTo(201);
        Response intervention = record(technician().username(), billet.json().path("id").asString(), 2.5);
        assertThat(intervention.status()).as(intervention.toString()).isEqualTo(201);
        assertThat(intervention.json().path("warnings").isMissingNode()).isTrue();
        String interventionId = intervention.json().path("id").asString();

        Response report = put(technician().username(), "/api/v1/interventions/" + interventionId + "/report", Map.of(
                "initialProblem", "Le panier s'affiche mal", "rootCause", "Conflit CSS avec nouvelle version Bootstrap",
                "solution", "Ajout de règles CSS spécifiques", "systemImpact", "Page panier uniquement"));
        assertThat(report.status()).as(report.toString()).isEqualTo(200);
        assertThat(validateReport("lead", interventionId).status()).isEqualTo(200);
        assertThat(status(ticketId)).isEqualTo("RESOLVED");
        JsonNode validated = lastPayload(interventionId, "TechnicalReportValidated");
        assertThat(validated.path("actor").path("userId").asString()).isEqualTo("user-lead");
    }
}
