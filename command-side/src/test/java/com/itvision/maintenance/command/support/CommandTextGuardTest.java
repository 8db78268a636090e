package com.itvision.maintenance.command.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.itvision.maintenance.kernel.common.Actor;
import com.itvision.maintenance.kernel.common.ClientId;
import com.itvision.maintenance.kernel.common.ContractId;
import com.itvision.maintenance.kernel.common.ErrorCode;
import com.itvision.maintenance.kernel.common.InvalidFieldException;
import com.itvision.maintenance.kernel.common.Money;
import com.itvision.maintenance.kernel.common.ProjectId;
import com.itvision.maintenance.kernel.common.Role;
import com.itvision.maintenance.kernel.common.TicketId;
import com.itvision.maintenance.kernel.contract.ContractCommands.DraftContract;
import com.itvision.maintenance.kernel.contract.ContractKind;
import com.itvision.maintenance.kernel.contract.ContractTerms;
import com.itvision.maintenance.kernel.contract.ContractType;
import com.itvision.maintenance.kernel.contract.Coverage;
import com.itvision.maintenance.kernel.contract.Equipment;
import com.itvision.maintenance.kernel.contract.InterventionQuota;
import com.itvision.maintenance.kernel.contract.PaymentFrequency;
import com.itvision.maintenance.kernel.contract.Period;
import com.itvision.maintenance.kernel.contract.ScheduledService;
import com.itvision.maintenance.kernel.contract.ServiceFrequency;
import com.itvision.maintenance.kernel.contract.SupportHours;
import com.itvision.maintenance.kernel.directory.DirectoryCommands.RegisterClient;
import com.itvision.maintenance.kernel.ticket.Origin;
import com.itvision.maintenance.kernel.ticket.Severity;
import com.itvision.maintenance.kernel.ticket.TicketCommands.OpenTicket;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Commands with text no read model can store never reach a handler, whoever sends them. */
class CommandTextGuardTest {
    private static final Actor LEAD = Actor.of("lead-1", Role.PROJECT_LEAD);

    private static OpenTicket ticket(String title, String description) {
        return new OpenTicket(TicketId.of("ticket-1"), ProjectId.of("project-1"), null, title, description,
                Severity.MAJOR, Origin.INTERNAL, LEAD);
    }

    private static DraftContract contract(Coverage coverage, List<ScheduledService> services) {
        return new DraftContract(ContractId.of("contract-1"), ClientId.of("client-1"), ProjectId.of("project-1"),
                "Maintenance", ContractKind.MAINTENANCE, ContractType.PREVENTIVE,
                Period.of(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31)),
                new ContractTerms(24, SupportHours.ALWAYS, ZoneOffset.UTC, coverage, InterventionQuota.of(4), services,
                        Money.of(1_200_000, "XOF"), PaymentFrequency.ANNUAL, false), null, LEAD);
    }

    private static InvalidFieldException refusal(Object command) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> CommandTextGuard.check(command));
        assertThat(thrown).isInstanceOf(InvalidFieldException.class);
        InvalidFieldException refused = (InvalidFieldException) thrown;
        assertThat(refused.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        return refused;
    }

    @Test
    void clean_commands_with_line_breaks_tabs_and_any_script_pass() {
        assertThatCode(() -> CommandTextGuard.check(ticket("Erreur paiement CB – 支付",
                "Étapes :\n\t1. payer\r\n\t2. erreur 500 😀"))).doesNotThrowAnyException();
        assertThatCode(() -> CommandTextGuard.check(contract(new Coverage("Caméras", null,
                List.of(new Equipment("Caméra IP", 16, "Siège", List.of("SN-1", "SN-2"))), List.of("Siège")),
                List.of(new ScheduledService("Visite", ServiceFrequency.QUARTERLY, LocalDate.of(2026, 4, 1))))))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "bell\u0007", "lone \ud800", "\uFFFF"})
    void unstorable_text_in_a_top_level_field_is_refused_naming_it(String title) {
        InvalidFieldException refused = refusal(ticket(title, "description"));

        assertThat(refused.field()).isEqualTo("title");
        assertThat(refused.getMessage()).startsWith("title must not contain control characters");
    }

    @Test
    void unstorable_text_deep_in_records_and_lists_is_refused_with_its_path() {
        Coverage coverage = new Coverage("Caméras", null, List.of(new Equipment("Caméra IP", 16, "Siège", List.of()),
                new Equipment("NVR", 1, "Siège", List.of("SN-1", "SN\u0000-2"))), List.of());

        InvalidFieldException refused = refusal(contract(coverage, List.of()));

        assertThat(refused.field()).isEqualTo("terms.coverage.equipment[1].serialNumbers[1]");
        assertThat(refused.getMessage()).endsWith("(U+0000 at position 3)");
        assertThat(refusal(contract(Coverage.describedAs("ok"), List.of(new ScheduledService("Visite\u001b",
                ServiceFrequency.MONTHLY, null)))).field()).isEqualTo("terms.services[0].name");
    }

    /** A record the guard has never seen: maps, arrays and the fields of the application's own classes too. */
    record Import(Map<String, List<String>> rows, String[] notes, Holder holder) {
    }

    static final class Holder {
        private final String text;

        Holder(String text) {
            this.text = text;
        }
    }

    @Test
    void maps_arrays_and_plain_classes_are_walked_too() {
        assertThat(refusal(new Import(Map.of("row", List.of("ok", "\u0000")), null, null)).field())
                .isEqualTo("rows[row][1]");
        assertThat(refusal(new Import(Map.of("k\u0000", List.of()), null, null)).field()).isEqualTo("rows[key]");
        assertThat(refusal(new Import(null, new String[] {"ok", "\u0085"}, null)).field()).isEqualTo("notes[1]");
        assertThat(refusal(new Import(null, null, new Holder("\u0000"))).field()).isEqualTo("holder.text");
    }

    record Nested(List<Object> items) {
    }

    @Test
    void a_graph_deeper_than_any_command_is_refused_rather_than_followed() {
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);

        InvalidFieldException refused = refusal(new Nested(cycle));

        assertThat(refused.getMessage()).endsWith("is nested too deeply");
        assertThat(refused.field()).startsWith("items[0][0][0]");
    }

    @Test
    void on_the_command_bus_the_handler_never_runs() {
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        AtomicInteger handled = new AtomicInteger();
        bus.subscribe(RegisterClient.class.getName(), message -> handled.incrementAndGet());
        bus.registerHandlerInterceptor(new CommandTextGuard());
        CommandGateway gateway = DefaultCommandGateway.builder().commandBus(bus).build();

        assertThatThrownBy(() -> gateway.sendAndWait(new RegisterClient(ClientId.of("client-1"), "ACME\u0000", null,
                null, LEAD)))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("name"));
        assertThat(handled).hasValue(0);

        gateway.sendAndWait(new RegisterClient(ClientId.of("client-1"), "ACME", null, null, LEAD));
        assertThat(handled).hasValue(1);
    }
}
