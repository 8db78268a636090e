package com.itvision.maintenance.app.chain;

import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.app.support.Api.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Every refusal of the governed chain over HTTP, with its status and stable code, each proving that
 * nothing was stored; then the non-blocking overrun warning and the ADMIN corrections.
 */
class ChainRefusalsTest extends ChainTestSupport {

    @Nested
    class Opening {

        @Test
        void a_client_cannot_open_a_ticket_on_another_clients_project() {
            assertRefused(() -> open("client", B_NETWORK, null, "Réseau en panne", "MAJOR"), 404, "PROJECT_NOT_FOUND");
            assertRefused(() -> open("client2", ECOMMERCE, CORRECTIVE, "Erreur paiement CB", "MAJOR"), 404,
                    "PROJECT_NOT_FOUND");
            assertRefused(() -> open("admin", "project-nowhere", null, "Incident", "MAJOR"), 404, "PROJECT_NOT_FOUND");
        }

        @Test
        void an_unknown_or_invisible_contract_is_not_found() {
            assertRefused(() -> open("admin", ECOMMERCE, "contract-nowhere", "Incident", "MAJOR"), 404,
                    "CONTRACT_NOT_FOUND");
            assertRefused(() -> open("client", ECOMMERCE, "contract-b-full", "Incident", "MAJOR"), 404,
                    "CONTRACT_NOT_FOUND");
        }

        @Test
        void a_contract_of_another_project_does_not_cover_the_ticket() {
            assertRefused(() -> open("lead", CCTV, CORRECTIVE, "Caméra 3 hors ligne", "MAJOR"), 409,
                    "CONTRACT_NOT_OF_PROJECT");
            assertRefused(() -> open("admin", ECOMMERCE, "contract-b-full", "Incident", "MAJOR"), 409,
                    "CONTRACT_NOT_OF_PROJECT");
        }

        @Test
        void two_active_contracts_on_the_project_must_be_told_apart_by_naming_one() {
            String clientId = newClient();
            String projectId = newProject(clientId);
            activeContract(clientId, projectId, "CORRECTIVE", null);
            String curative = activeContract(clientId, projectId, "CURATIVE", 10);

            assertRefused(() -> open("admin", projectId, null, "Incident", "MAJOR"), 409, "AMBIGUOUS_CONTRACT");

            Response named = open("admin", projectId, curative, "Incident", "MAJOR");
            assertThat(named.status()).as(named.toString()).isEqualTo(201);
            assertThat(ticket(named.json().path("id").asString()).path("coverage").path("contractId").asString())
                    .isEqualTo(curative);
        }

        @Test
        void a_ticket_needs_a_title_and_a_known_severity() {
            assertRefused(() -> open("lead", ECOMMERCE, CORRECTIVE, " ", "MAJOR"), 400, "VALIDATION_FAILED");
            assertRefused(() -> open("lead", ECOMMERCE, CORRECTIVE, "Incident", "URGENT"), 400, "VALIDATION_FAILED");
            assertRefused(() -> api.as("lead").post("/api/v1/tickets", Map.of("projectId", ECOMMERCE,
                    "title", "Incident", "description", "x", "severity", "MAJOR", "status", "CLOSED")),
                    400, "UNKNOWN_FIELD");
        }
    }

    @Nested
    class Billets {

        @Test
        void no_billet_for_a_rejected_ticket() {
            String ticketId = coveredTicket();
            assertThat(ticketCommand("lead", ticketId, "reject", Map.of("reason", "Doublon")).status()).isEqualTo(200);
            assertRefused(() -> billet("lead", ticketId, TECH, 2), 409, "TICKET_NOT_TREATABLE");
        }

        @Test
        void no_billet_for_a_billable_ticket_whose_billing_is_not_approved() {
            String ticketId = openTicket("lead", ECOMMERCE, EVOLUTIVE_EXPIRED);
            assertRefused(() -> billet("lead", ticketId, TECH, 2), 409, "TICKET_NOT_TREATABLE");
            assertRefused(() -> billet("admin", ticketId, TECH, 2), 409, "TICKET_NOT_TREATABLE");
        }

        @Test
        void no_billet_for_a_resolved_or_closed_ticket() {
            String resolved = resolvedTicket();
            assertRefused(() -> billet("lead", resolved, TECH, 2), 409, "TICKET_NOT_TREATABLE");
            String closed = closedTicket();
            assertRefused(() -> billet("lead", closed, TECH, 2), 409, "TICKET_NOT_TREATABLE");
        }

        @Test
        void only_a_technician_or_a_project_lead_is_authorised_to_intervene() {
            String ticketId = coveredTicket();
            assertRefused(() -> billet("lead", ticketId, "user-sales", 2), 409, "TECHNICIAN_NOT_ELIGIBLE");
            assertRefused(() -> billet("lead", ticketId, "user-client", 2), 409, "TECHNICIAN_NOT_ELIGIBLE");
            assertRefused(() -> billet("lead", ticketId, "user-ghost", 2), 409, "TECHNICIAN_NOT_ELIGIBLE");
            assertThat(billet("lead", ticketId, "user-lead", 2).status()).isEqualTo(201);
        }

        @Test
        void only_a_project_lead_or_an_admin_issues_a_billet() {
            String ticketId = coveredTicket();
            assertRefused(() -> billet("tech", ticketId, TECH, 2), 403, "ROLE_NOT_ALLOWED");
            assertRefused(() -> billet("client", ticketId, TECH, 2), 403, "ROLE_NOT_ALLOWED");
            assertRefused(() -> billet("sales", ticketId, TECH, 2), 403, "ROLE_NOT_ALLOWED");
            assertRefused(() -> billet("client2", ticketId, TECH, 2), 404, "TICKET_NOT_FOUND");
            assertThat(status(ticketId)).isEqualTo("OPEN");
        }

        @Test
        void the_estimate_must_be_positive_and_bounded() {
            String ticketId = coveredTicket();
            assertRefused(() -> billet("lead", ticketId, TECH, 0), 400, "INVALID_HOURS");
            assertRefused(() -> billet("lead", ticketId, TECH, -1), 400, "INVALID_HOURS");
            assertRefused(() -> billet("lead", ticketId, TECH, 1001), 400, "INVALID_HOURS");
        }

        @Test
        void a_revoked_billet_authorises_nothing() {
            String ticketId = coveredTicket();
            String billetId = issueBillet(ticketId);
            assertRefused(() -> api.as("lead").post("/api/v1/billets/" + billetId + "/revoke"), 400, "REASON_REQUIRED");
            assertRefused(() -> api.as("tech").post("/api/v1/billets/" + billetId + "/revoke",
                    Map.of("reason", "Mauvais technicien")), 403, "ROLE_NOT_ALLOWED");
            Response revoked = api.as("lead").post("/api/v1/billets/" + billetId + "/revoke",
                    Map.of("reason", "Mauvais technicien"));
            assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);

            assertRefused(() -> record(technician().username(), billetId, 1), 409, "NO_VALID_BILLET");
            assertRefused(() -> record("lead", billetId, 1), 409, "NO_VALID_BILLET");
            assertRefused(() -> api.as("lead").post("/api/v1/billets/" + billetId + "/revoke",
                    Map.of("reason", "encore")), 409, "INVALID_STATUS_TRANSITION");
        }

        @Test
        void the_billet_of_a_ticket_rejected_since_authorises_nothing() {
            String ticketId = coveredTicket();
            String billetId = issueBillet(ticketId);
            assertThat(ticketCommand("lead", ticketId, "reject", Map.of("reason", "Hors périmètre")).status())
                    .isEqualTo(200);
            assertRefused(() -> record(technician().username(), billetId, 1), 409, "NO_VALID_BILLET");
        }
    }

    @Nested
    class Interventions {

        @Test
        void only_the_named_technician_or_a_lead_records_work_under_a_billet() {
            String billetId = issueBillet(coveredTicket());
            assertRefused(() -> record("tech", billetId, 1), 403, "ROLE_NOT_ALLOWED");
            assertRefused(() -> record("tech2", billetId, 1), 403, "ROLE_NOT_ALLOWED");
            assertRefused(() -> record("sales", billetId, 1), 403, "ROLE_NOT_ALLOWED");
            assertRefused(() -> record("client", billetId, 1), 403, "ROLE_NOT_ALLOWED");
            assertRefused(() -> record("client2", billetId, 1), 404, "BILLET_NOT_FOUND");
            assertRefused(() -> record("tech", "billet-nowhere", 1), 404, "BILLET_NOT_FOUND");
        }

        @Test
        void times_must_be_ordered_after_the_opening_and_not_in_the_future() {
            String billetId = issueBillet(coveredTicket());
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            String tech = technician().username();
            assertRefused(() -> record(tech, billetId, now.minus(Duration.ofHours(1)), now.minus(Duration.ofHours(2)), 1),
                    400, "INVALID_TIMES");
            assertRefused(() -> record(tech, billetId, now.minus(Duration.ofHours(1)), now.minus(Duration.ofHours(1)), 1),
                    400, "INVALID_TIMES");
            assertRefused(() -> record(tech, billetId, now.minus(OPENED_AGO).minus(Duration.ofHours(1)),
                    now.minus(Duration.ofHours(2)), 1), 400, "INVALID_TIMES");
            assertRefused(() -> record(tech, billetId, now.minus(Duration.ofHours(1)), now.plus(Duration.ofMinutes(10)), 1),
                    400, "INVALID_TIMES");
        }

        @Test
        void hours_spent_must_be_positive_and_bounded() {
            String billetId = issueBillet(coveredTicket());
            String tech = technician().username();
            assertRefused(() -> record(tech, billetId, 0), 400, "INVALID_HOURS");
            assertRefused(() -> record(tech, billetId, -2), 400, "INVALID_HOURS");
            assertRefused(() -> record(tech, billetId, 1000.5), 400, "INVALID_HOURS");
        }

        @Test
        void more_than_twice_the_estimate_is_stored_with_an_overrun_warning() {
            String ticketId = coveredTicket();
            Response issued = billet("lead", ticketId, technician().userId(), 0.5);
            String billetId = issued.json().path("id").asString();
            String billetNumber = issued.json().path("number").asString();
            Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            String tech = technician().username();

            Response exactlyTwice = record(tech, billetId, now.minus(Duration.ofHours(3)), now.minus(Duration.ofHours(2)), 1);
            assertThat(exactlyTwice.status()).as(exactlyTwice.toString()).isEqualTo(201);
            assertThat(exactlyTwice.json().path("warnings").isMissingNode()).as(exactlyTwice.toString()).isTrue();

            // the next one starts when the first ended: touching, not overlapping
            Response overrun = record(tech, billetId, now.minus(Duration.ofHours(2)), now.minus(Duration.ofMinutes(45)),
                    1.25);
            assertThat(overrun.status()).as(overrun.toString()).isEqualTo(201);
            assertThat(overrun.json().path("warnings").size()).isEqualTo(1);
            assertThat(overrun.json().path("warnings").get(0).asString())
                    .isEqualTo("OVERRUN: 1.25 h spent, more than twice the 0.50 h estimated by " + billetNumber);
            assertThat(lastPayload(overrun.json().path("id").asString(), "InterventionRecorded")
                    .path("overrunWarning").asString()).startsWith("OVERRUN");
        }

        @Test
        void a_billable_intervention_says_why_in_its_warnings() {
            String ticketId = openTicket("lead", ECOMMERCE, EVOLUTIVE_EXPIRED);
            assertThat(ticketCommand("client", ticketId, "approve-billing").status()).isEqualTo(200);
            Response recorded = record(technician().username(), issueBillet(ticketId), 1);
            assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);
            assertThat(recorded.json().path("warnings").get(0).asString()).isEqualTo("BILLABLE: NOT_COVERED");
        }
    }

    @Nested
    class Reports {

        @Test
        void the_report_needs_its_four_required_fields() {
            String interventionId = recordIntervention(issueBillet(coveredTicket()));
            for (String field : new String[] {"initialProblem", "rootCause", "solution", "systemImpact"}) {
                Map<String, Object> report = completeReport();
                report.remove(field);
                Response missing = assertRefusedEither(() -> put(technician().username(), "/api/v1/interventions/"
                        + interventionId + "/report", report));
                assertThat(missing.body()).contains(field);
                report.put(field, "   ");
                assertRefusedEither(() -> put(technician().username(), "/api/v1/interventions/" + interventionId
                        + "/report", report));
            }
        }

        private Response assertRefusedEither(Supplier<Response> call) {
            long before = eventCount();
            Response response = call.get();
            assertThat(response.status()).as(response.toString()).isEqualTo(400);
            assertThat(response.code()).isIn("REPORT_INCOMPLETE", "VALIDATION_FAILED");
            assertThat(eventCount()).isEqualTo(before);
            return response;
        }

        private Map<String, Object> completeReport() {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("initialProblem", "Erreur 500");
            report.put("rootCause", "Clé API Stripe expirée");
            report.put("solution", "Nouvelle clé");
            report.put("systemImpact", "Paiement");
            return report;
        }

        @Test
        void a_report_is_written_by_the_technician_or_a_lead_and_validated_by_a_lead() {
            String interventionId = recordIntervention(issueBillet(coveredTicket()));
            assertRefused(() -> writeReport("tech", interventionId, "x"), 403, "ROLE_NOT_ALLOWED");
            assertRefused(() -> writeReport("client", interventionId, "x"), 403, "ROLE_NOT_ALLOWED");
            assertRefused(() -> writeReport("client2", interventionId, "x"), 404, "INTERVENTION_NOT_FOUND");
            assertThat(writeReport(technician().username(), interventionId, "Clé API Stripe expirée").status())
                    .isEqualTo(200);
            assertRefused(() -> validateReport(technician().username(), interventionId), 403, "ROLE_NOT_ALLOWED");
            assertRefused(() -> validateReport("client", interventionId), 403, "ROLE_NOT_ALLOWED");
        }

        @Test
        void the_author_of_a_report_cannot_validate_it() {
            String ticketId = coveredTicket();
            String interventionId = recordIntervention(issueBillet(ticketId));
            assertThat(writeReport("lead", interventionId, "Clé API Stripe expirée").status()).isEqualTo(200);
            assertRefused(() -> validateReport("lead", interventionId), 409, "FOUR_EYES_REQUIRED");
            assertThat(status(ticketId)).isEqualTo("IN_PROGRESS");

            assertThat(validateReport("admin", interventionId).status()).isEqualTo(200);
            assertThat(status(ticketId)).isEqualTo("RESOLVED");
            assertRefused(() -> validateReport("admin", interventionId), 409, "REPORT_ALREADY_VALIDATED");
            assertRefused(() -> writeReport(technician().username(), interventionId, "autre"), 409,
                    "REPORT_ALREADY_VALIDATED");
        }

        @Test
        void nothing_to_validate_before_a_report_is_written() {
            String interventionId = recordIntervention(issueBillet(coveredTicket()));
            assertRefused(() -> validateReport("lead", interventionId), 409, "REPORT_MISSING");
        }

        @Test
        void a_rejected_report_must_be_revised_before_validation() {
            String interventionId = recordIntervention(issueBillet(coveredTicket()));
            assertThat(writeReport(technician().username(), interventionId, "Inconnue").status()).isEqualTo(200);
            assertRefused(() -> api.as("lead").post("/api/v1/interventions/" + interventionId + "/report/reject"),
                    400, "REASON_REQUIRED");
            assertThat(api.as("lead").post("/api/v1/interventions/" + interventionId + "/report/reject",
                    Map.of("reason", "Cause racine à préciser")).status()).isEqualTo(200);
            assertRefused(() -> validateReport("lead", interventionId), 409, "REPORT_REVISION_REQUIRED");
            assertThat(writeReport(technician().username(), interventionId, "Clé API Stripe expirée").status())
                    .isEqualTo(200);
            assertThat(validateReport("lead", interventionId).status()).isEqualTo(200);
        }
    }

    @Nested
    class TicketLifecycle {

        @Test
        void a_ticket_is_closed_only_once_a_validated_report_resolved_it() {
            String open = coveredTicket();
            assertRefused(() -> ticketCommand("lead", open, "close"), 409, "REPORT_NOT_VALIDATED");
            String inProgress = coveredTicket();
            recordIntervention(issueBillet(inProgress));
            assertRefused(() -> ticketCommand("lead", inProgress, "close"), 409, "REPORT_NOT_VALIDATED");
            assertRefused(() -> ticketCommand("admin", inProgress, "close"), 409, "REPORT_NOT_VALIDATED");
        }

        @Test
        void only_a_lead_or_an_admin_closes_and_only_the_client_confirms() {
            String ticketId = resolvedTicket();
            assertRefused(() -> ticketCommand("tech", ticketId, "close"), 403, "ROLE_NOT_ALLOWED");
            assertRefused(() -> ticketCommand("client", ticketId, "close"), 403, "ROLE_NOT_ALLOWED");
            assertRefused(() -> ticketCommand("lead", ticketId, "confirm"), 403, "ROLE_NOT_ALLOWED");
            assertRefused(() -> ticketCommand("client2", ticketId, "confirm"), 404, "TICKET_NOT_FOUND");
        }

        @Test
        void rejecting_belongs_to_leads_and_admins_and_needs_a_reason() {
            String ticketId = coveredTicket();
            assertRefused(() -> ticketCommand("client", ticketId, "reject", Map.of("reason", "Plus besoin")), 403,
                    "ROLE_NOT_ALLOWED");
            assertRefused(() -> ticketCommand("tech", ticketId, "reject", Map.of("reason", "Plus besoin")), 403,
                    "ROLE_NOT_ALLOWED");
            assertRefused(() -> ticketCommand("lead", ticketId, "reject"), 400, "REASON_REQUIRED");
            assertRefused(() -> ticketCommand("lead", ticketId, "reject", Map.of("reason", "   ")), 400,
                    "REASON_REQUIRED");
            assertRefused(() -> ticketCommand("lead", ticketId, "hold"), 400, "REASON_REQUIRED");
            assertRefused(() -> ticketCommand("lead", ticketId, "hold", Map.of("reason", "")), 400, "REASON_REQUIRED");
            assertThat(ticketCommand("lead", ticketId, "reject", Map.of("reason", "Doublon")).status()).isEqualTo(200);
            assertRefused(() -> ticketCommand("lead", ticketId, "reject", Map.of("reason", "Doublon")), 409,
                    "INVALID_STATUS_TRANSITION");
        }

        @Test
        void a_closed_ticket_is_rated_once_from_1_to_5_by_its_client() {
            String resolved = resolvedTicket();
            assertRefused(() -> ticketCommand("client", resolved, "rate", Map.of("score", 4)), 409,
                    "INVALID_STATUS_TRANSITION");
            String ticketId = closedTicket();
            assertRefused(() -> ticketCommand("client", ticketId, "rate", Map.of("score", 0)), 400, "INVALID_SCORE");
            assertRefused(() -> ticketCommand("client", ticketId, "rate", Map.of("score", 6)), 400, "INVALID_SCORE");
            assertRefused(() -> ticketCommand("lead", ticketId, "rate", Map.of("score", 5)), 403, "ROLE_NOT_ALLOWED");
            assertRefused(() -> ticketCommand("client2", ticketId, "rate", Map.of("score", 5)), 404, "TICKET_NOT_FOUND");
            assertThat(ticketCommand("client", ticketId, "rate", Map.of("score", 4)).status()).isEqualTo(200);
            assertRefused(() -> ticketCommand("client", ticketId, "rate", Map.of("score", 5)), 409, "ALREADY_RATED");
        }

        @Test
        void another_clients_ticket_unknown_ids_and_ids_of_other_kinds_are_not_found() {
            String ticketId = coveredTicket();
            assertRefused(() -> api.as("client2").get("/api/v1/tickets/" + ticketId), 404, "TICKET_NOT_FOUND");
            assertRefused(() -> ticketCommand("client2", ticketId, "approve-billing"), 404, "TICKET_NOT_FOUND");
            assertRefused(() -> api.as("admin").get("/api/v1/tickets/ticket-nowhere"), 404, "TICKET_NOT_FOUND");
            assertRefused(() -> ticketCommand("admin", "ticket-nowhere", "reject", Map.of("reason", "x")), 404,
                    "TICKET_NOT_FOUND");
            assertRefused(() -> api.as("admin").get("/api/v1/tickets/" + CORRECTIVE), 404, "TICKET_NOT_FOUND");
            assertRefused(() -> ticketCommand("lead", CORRECTIVE, "reject", Map.of("reason", "x")), 404,
                    "TICKET_NOT_FOUND");
            assertRefused(() -> billet("lead", CORRECTIVE, TECH, 1), 404, "TICKET_NOT_FOUND");
            assertRefused(() -> record("tech", ticketId, 1), 404, "BILLET_NOT_FOUND");
            assertRefused(() -> validateReport("lead", ticketId), 404, "INTERVENTION_NOT_FOUND");
            assertThat(api.as("client").get("/api/v1/tickets/" + ticketId).status()).isEqualTo(200);
        }
    }

    @Nested
    class AdminCorrections {

        @Test
        void an_admin_corrects_the_hours_of_an_intervention_with_a_reason() {
            String interventionId = recordIntervention(issueBillet(coveredTicket()));
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            Map<String, Object> correction = new LinkedHashMap<>(Map.of(
                    "startedAt", now.minus(Duration.ofHours(3)).toString(),
                    "endedAt", now.minus(Duration.ofMinutes(30)).toString(),
                    "hoursSpent", 2.5, "reason", "Temps de déploiement oublié"));
            String path = "/api/v1/interventions/" + interventionId + "/correct";
            assertRefused(() -> api.as("lead").post(path, correction), 403, "ROLE_NOT_ALLOWED");
            assertRefused(() -> api.as("tech").post(path, correction), 403, "ROLE_NOT_ALLOWED");
            Map<String, Object> noReason = new LinkedHashMap<>(correction);
            noReason.remove("reason");
            assertRefused(() -> api.as("admin").post(path, noReason), 400, "REASON_REQUIRED");
            Map<String, Object> zeroHours = new LinkedHashMap<>(correction);
            zeroHours.put("hoursSpent", 0);
            assertRefused(() -> api.as("admin").post(path, zeroHours), 400, "INVALID_HOURS");
            Map<String, Object> reversed = new LinkedHashMap<>(correction);
            reversed.put("endedAt", now.minus(Duration.ofHours(4)).toString());
            assertRefused(() -> api.as("admin").post(path, reversed), 400, "INVALID_TIMES");

            Response corrected = api.as("admin").post(path, correction);
            assertThat(corrected.status()).as(corrected.toString()).isEqualTo(200);
            var event = lastPayload(interventionId, "InterventionCorrected");
            assertThat(event.path("hoursSpent").decimalValue()).isEqualByComparingTo("2.5");
            assertThat(event.path("reason").asString()).isEqualTo("Temps de déploiement oublié");
        }

        @Test
        void cancelling_an_intervention_gives_its_quota_unit_back_to_the_contract() {
            String clientId = newClient();
            String projectId = newProject(clientId);
            String contractId = activeContract(clientId, projectId, "PREVENTIVE", 4);
            String ticketId = openTicket("lead", projectId, contractId);
            Response recorded = record(technician().username(), issueBillet(ticketId), 1);
            assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);
            assertThat(recorded.json().path("warnings").isMissingNode()).as("covered by the quota").isTrue();
            String interventionId = recorded.json().path("id").asString();
            assertThat(quotaUsed(contractId)).isEqualTo(1);

            String path = "/api/v1/interventions/" + interventionId + "/cancel";
            assertRefused(() -> api.as("lead").post(path, Map.of("reason", "Saisie en double")), 403, "ROLE_NOT_ALLOWED");
            assertRefused(() -> api.as("admin").post(path), 400, "REASON_REQUIRED");
            Response cancelled = api.as("admin").post(path, Map.of("reason", "Saisie en double"));
            assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
            assertThat(quotaUsed(contractId)).isZero();
            assertThat(eventsOf(contractId)).endsWith("InterventionQuotaConsumed", "InterventionQuotaRefunded");
            assertThat(eventsOf(interventionId)).containsExactly("InterventionRecorded", "InterventionCancelled");

            assertRefused(() -> api.as("admin").post(path, Map.of("reason", "encore")), 409, "INTERVENTION_CANCELLED");
            assertRefused(() -> writeReport(technician().username(), interventionId, "x"), 409,
                    "INTERVENTION_CANCELLED");
            assertThat(quotaUsed(contractId)).isZero();
        }

        @Test
        void an_admin_reassigns_an_open_ticket_to_another_technician() {
            String ticketId = coveredTicket();
            issueBillet(ticketId);
            Map<String, String> toTech2 = Map.of("technicianId", "user-tech2", "reason", "Jean en congé");
            assertRefused(() -> ticketCommand("lead", ticketId, "reassign", toTech2), 403, "ROLE_NOT_ALLOWED");
            assertRefused(() -> ticketCommand("admin", ticketId, "reassign",
                    Map.of("technicianId", "user-sales", "reason", "x")), 409, "TECHNICIAN_NOT_ELIGIBLE");
            assertRefused(() -> ticketCommand("admin", ticketId, "reassign", Map.of("technicianId", "user-tech2")),
                    400, "REASON_REQUIRED");
            assertRefused(() -> ticketCommand("admin", ticketId, "reassign",
                    Map.of("technicianId", technician().userId(), "reason", "x")), 400, "VALIDATION_FAILED");

            Response reassigned = ticketCommand("admin", ticketId, "reassign", toTech2);
            assertThat(reassigned.status()).as(reassigned.toString()).isEqualTo(200);
            assertThat(ticket(ticketId).path("assignee").asString()).isEqualTo("user-tech2");
            assertThat(lastPayload(ticketId, "TicketReassigned").path("from").asString())
                    .isEqualTo(technician().userId());
        }

        @Test
        void an_admin_reopens_a_closed_ticket_which_must_then_be_resolved_again() {
            String ticketId = closedTicket();
            assertRefused(() -> ticketCommand("lead", ticketId, "reopen", Map.of("reason", "Régression")), 403,
                    "ROLE_NOT_ALLOWED");
            assertRefused(() -> ticketCommand("admin", ticketId, "reopen"), 400, "REASON_REQUIRED");

            Response reopened = ticketCommand("admin", ticketId, "reopen", Map.of("reason", "Régression en production"));
            assertThat(reopened.status()).as(reopened.toString()).isEqualTo(200);
            assertThat(status(ticketId)).isEqualTo("IN_PROGRESS");
            assertRefused(() -> ticketCommand("lead", ticketId, "close"), 409, "REPORT_NOT_VALIDATED");

            String interventionId = recordIntervention(issueBillet(ticketId));
            assertThat(writeReport(technician().username(), interventionId, "Régression du correctif").status())
                    .isEqualTo(200);
            assertThat(validateReport("lead", interventionId).status()).isEqualTo(200);
            assertThat(status(ticketId)).isEqualTo("RESOLVED");
        }
    }
}
