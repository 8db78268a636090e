package com.itvision.maintenance.app.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.app.support.Api.Response;
import com.itvision.maintenance.kernel.common.Actor;
import com.itvision.maintenance.kernel.common.BilletId;
import com.itvision.maintenance.kernel.common.InterventionId;
import com.itvision.maintenance.kernel.common.UserId;
import com.itvision.maintenance.kernel.intervention.InterventionEvent.InterventionRecorded;
import java.math.BigDecimal;
import java.time.Instant;
import com.itvision.maintenance.kernel.common.ClientId;
import com.itvision.maintenance.kernel.common.ContractId;
import com.itvision.maintenance.kernel.common.Money;
import com.itvision.maintenance.kernel.common.ProjectId;
import com.itvision.maintenance.kernel.common.Role;
import com.itvision.maintenance.kernel.common.TicketId;
import com.itvision.maintenance.kernel.contract.ContractEvent.ContractDrafted;
import com.itvision.maintenance.kernel.contract.ContractKind;
import com.itvision.maintenance.kernel.contract.ContractTerms;
import com.itvision.maintenance.kernel.contract.ContractType;
import com.itvision.maintenance.kernel.contract.Coverage;
import com.itvision.maintenance.kernel.contract.Equipment;
import com.itvision.maintenance.kernel.contract.InterventionQuota;
import com.itvision.maintenance.kernel.contract.PaymentFrequency;
import com.itvision.maintenance.kernel.contract.Period;
import com.itvision.maintenance.kernel.contract.SupportHours;
import com.itvision.maintenance.kernel.ticket.Origin;
import com.itvision.maintenance.kernel.ticket.Severity;
import com.itvision.maintenance.kernel.ticket.TicketCoverage;
import com.itvision.maintenance.kernel.ticket.TicketEvent.TicketOpened;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Events stored before the edge refused NUL (or by a path that bypassed it) are projected, not
 * dead-lettered forever: the events below are appended straight to the event store, as an old store holds
 * them, and every read model applies them with U+FFFD where the event has NUL.
 */
class UnstorableTextProjectionTest extends ReadModelTestSupport {
    private static final Actor LEAD = Actor.of("user-lead", Role.PROJECT_LEAD);

    @Autowired
    private EventStorageEngine storage;
    @Autowired
    private PlatformTransactionManager transactions;

    private void append(String aggregateType, String aggregateId, Object event) {
        new TransactionTemplate(transactions).executeWithoutResult(status -> storage.appendEvents(
                List.of(new GenericDomainEventMessage<>(aggregateType, aggregateId, 0, event))));
    }

    private long deadLetters(String aggregateId) {
        return jdbc.sql("SELECT count(*) FROM dead_letter_entry WHERE sequence_identifier = ?").param(aggregateId)
                .query(Long.class).single();
    }

    @Test
    void a_ticket_whose_title_holds_nul_is_projected_with_the_replacement_character() {
        TicketId ticketId = TicketId.random();
        String number = "MAINT-N" + UUID.randomUUID().toString().substring(0, 8);
        append("Ticket", ticketId.value(), new TicketOpened(ticketId, number, ClientId.of("client-a"),
                ProjectId.of(ECOMMERCE), "Erreur\u0000CB", "Ligne 1\u0000\nLigne 2", Severity.MAJOR, Origin.CLIENT,
                TicketCoverage.noContract(), null, LEAD, clock.instant()));
        assertThat(jdbc.sql("SELECT position('\\u0000' in convert_from(payload, 'UTF8')) > 0 FROM domain_event_entry "
                + "WHERE aggregate_identifier = ?").param(ticketId.value()).query(Boolean.class).single())
                .as("the stored event keeps its NUL").isTrue();

        awaitReadModelsAt(head());

        Response ticket = api.as("admin").get("/api/v1/tickets/" + ticketId);
        assertThat(ticket.status()).as(ticket.toString()).isEqualTo(200);
        assertThat(ticket.json().path("title").asString()).isEqualTo("Erreur\uFFFDCB");
        assertThat(deadLetters(ticketId.value())).isZero();

        // and an intervention of that ticket whose description holds one (the intervention projection)
        InterventionId interventionId = InterventionId.random();
        Instant start = clock.instant().minusSeconds(7200);
        append("Intervention", interventionId.value(), new InterventionRecorded(interventionId, BilletId.random(),
                ticketId, ClientId.of("client-a"), UserId.of(TECH), "Analyse\u0000 des logs", start,
                start.plusSeconds(3600), BigDecimal.ONE, null, null, false, "NOT_COVERED", null, false, null, LEAD,
                clock.instant()));
        awaitReadModelsAt(head());
        assertThat(jdbc.sql("SELECT description FROM read_intervention WHERE intervention_id = ?")
                .param(interventionId.value()).query(String.class).single()).isEqualTo("Analyse\uFFFD des logs");
        assertThat(deadLetters(interventionId.value())).isZero();
    }

    @Test
    void a_contract_whose_name_and_coverage_hold_nul_is_projected_and_its_json_is_valid_jsonb() {
        ContractId contractId = ContractId.random();
        LocalDate start = LocalDate.now(clock).plusYears(5);
        Coverage coverage = new Coverage("Caméras\u0000", null,
                List.of(new Equipment("Caméra IP", 2, "Hall\u0000", List.of("SN\u0000-1"))), List.of("Siège\u0000"));
        append("Contract", contractId.value(), new ContractDrafted(contractId, "MC-N" + UUID.randomUUID()
                .toString().substring(0, 8), ClientId.of("client-a"), null, "Contrat\u0000 importé",
                ContractKind.MAINTENANCE, ContractType.CURATIVE, Period.of(start, start.plusYears(1)),
                new ContractTerms(24, SupportHours.ALWAYS, ZoneOffset.UTC, coverage, InterventionQuota.of(4), List.of(),
                        Money.of(600_000, "XOF"), PaymentFrequency.ANNUAL, false), null, LEAD, clock.instant()));

        awaitReadModelsAt(head());

        Response contract = api.as("admin").get("/api/v1/contracts/" + contractId);
        assertThat(contract.status()).as(contract.toString()).isEqualTo(200);
        JsonNode body = contract.json();
        assertThat(body.path("name").asString()).isEqualTo("Contrat\uFFFD importé");
        assertThat(body.path("equipment").get(0).path("location").asString()).isEqualTo("Hall\uFFFD");
        assertThat(body.path("equipment").get(0).path("serialNumbers").get(0).asString()).isEqualTo("SN\uFFFD-1");
        assertThat(jdbc.sql("SELECT coverage::jsonb ->> 'description' FROM read_contract WHERE contract_id = ?")
                .param(contractId.value()).query(String.class).single()).isEqualTo("Caméras\uFFFD");
        assertThat(deadLetters(contractId.value())).isZero();
    }
}
