package com.itvision.maintenance.app.web;

import static com.itvision.maintenance.app.support.Fixtures.maintenance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.itvision.maintenance.app.chain.ChainTestSupport;
import com.itvision.maintenance.app.support.Api;
import com.itvision.maintenance.app.support.Api.Response;
import com.itvision.maintenance.app.support.Fixtures;
import com.itvision.maintenance.app.support.RawHttp;
import com.itvision.maintenance.kernel.common.Actor;
import com.itvision.maintenance.kernel.common.ClientId;
import com.itvision.maintenance.kernel.common.InvalidFieldException;
import com.itvision.maintenance.kernel.directory.DirectoryCommands.RegisterClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Input the API must refuse rather than store (issue 7, items 3, 5, 7 and 9): text no read model can
 * hold, values Jackson would silently coerce, unbounded texts and lists. Every refusal is a 400
 * problem naming the field in {@code errors}, in words a client understands (no Java class, package,
 * exception or parser feature), and stores nothing.
 */
class StrictInputTest extends ChainTestSupport {
    /** What a client must never read in a problem: the server's internals. */
    private static final Pattern INTERNALS = Pattern.compile(
            "com\\.itvision|java\\.|javax\\.|jakarta\\.|tools\\.jackson|jackson|Exception|CoercionConfig|Feature|`");

    @Autowired
    private CommandGateway commands;

    private Fixtures fx;
    private LocalDate today;

    @BeforeEach
    void fixtures() {
        fx = new Fixtures(api);
        today = LocalDate.now(clock);
    }

    /** 400 VALIDATION_FAILED (or {@code code}) naming {@code field}, nothing stored; returns the field's message. */
    private String refused(String code, String field, Supplier<Response> request) {
        Response response = Fixtures.assertRefused(this::eventCount, 400, code, request);
        List<JsonNode> errors = response.json().path("errors").valueStream().toList();
        assertThat(errors).as("%s", response).extracting(e -> e.path("field").asString()).contains(field);
        assertThat(response.body()).as("no internals in %s", response.body()).doesNotContainPattern(INTERNALS);
        return errors.stream().filter(e -> e.path("field").asString().equals(field)).findFirst().orElseThrow()
                .path("message").asString();
    }

    private String refused(String field, Supplier<Response> request) {
        return refused("VALIDATION_FAILED", field, request);
    }

    private Map<String, Object> ticketBody(String title) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("projectId", ECOMMERCE);
        body.put("title", title);
        body.put("description", "Les utilisateurs reçoivent une erreur 500");
        body.put("severity", "MAJOR");
        return body;
    }

    private Map<String, Object> contract() {
        return maintenance(newClient(), null, today.plusYears(3), today.plusYears(4));
    }

    // -- text no read model can store --

    /** JSON escapes of what StorableText refuses: NUL, C0 and C1 controls, lone surrogates, noncharacters. */
    @ParameterizedTest
    @ValueSource(strings = {"\\u0000", "\\u0007", "\\u001b[31m", "\\u007f", "\\u0085", "\\ud800", "\\udc00",
            "\\ufffe", "\\uffff", "\\ud83f\\udffe"})
    void a_client_cannot_store_a_ticket_title_no_read_model_can_hold(String escape) {
        String body = "{\"projectId\":\"" + ECOMMERCE + "\",\"title\":\"Erreur " + escape + " CB\","
                + "\"description\":\"Erreur 500\",\"severity\":\"MAJOR\"}";

        String message = refused("title", () -> api.as("client").post("/api/v1/tickets", body));

        assertThat(message).startsWith("must not contain control characters").contains("at position 8");
    }

    @Test
    void every_body_refuses_it_at_any_depth_naming_the_field() {
        String ticketId = coveredTicket();
        String billetId = issueBillet(ticketId);
        String interventionId = recordIntervention(billetId);
        String contractId = fx.active(today);
        String nul = "x\u0000y";

        refused("name", () -> api.as("sales").post("/api/v1/clients", Map.of("name", nul)));
        refused("description", () -> api.as("lead").post("/api/v1/projects", Map.of("clientId", "client-a",
                "name", "Projet", "description", nul)));
        refused("displayName", () -> api.as("admin").post("/api/v1/users", Map.of("username", "u" + UUID.randomUUID()
                .toString().substring(0, 8), "displayName", nul, "password", "password-1", "roles", List.of("SALES"))));
        refused("instructions", () -> api.as("lead").post("/api/v1/tickets/" + ticketId + "/billets", Map.of(
                "technicianId", technician().userId(), "type", "CORRECTION", "estimatedHours", 1, "instructions", nul)));
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        refused("description", () -> api.as(technician().username()).post("/api/v1/billets/" + billetId
                + "/interventions", Map.of("description", nul, "startedAt", now.minusSeconds(3 * 3600).toString(),
                "endedAt", now.minusSeconds(2 * 3600).toString(), "hoursSpent", 1)));
        Map<String, Object> report = new LinkedHashMap<>(Map.of("initialProblem", "Erreur", "rootCause", nul,
                "solution", "Clé", "systemImpact", "Paiement"));
        refused("rootCause", () -> put(technician().username(), "/api/v1/interventions/" + interventionId + "/report",
                report));
        refused("message", () -> api.as("client").post("/api/v1/portal/maintenance-quote-requests",
                Map.of("message", nul)));
        refused("reason", () -> api.as("lead").post("/api/v1/contracts/" + contractId + "/suspend",
                Map.of("reason", nul)));
        refused("comment", () -> ticketCommand("client", ticketId, "rate", Map.of("score", 4, "comment", nul)));

        Map<String, Object> nested = contract();
        nested.put("coverage", Map.of("description", "Caméras", "sites", List.of("Siège"),
                "equipment", List.of(Map.of("type", "Caméra", "quantity", 2, "location", "Hall",
                        "serialNumbers", List.of("SN-1", "SN\u0007-2")))));
        refused("coverage.equipment[0].serialNumbers[1]", () -> api.as("admin").post("/api/v1/contracts", nested));
        nested.put("coverage", Map.of("description", "Caméras", "sites", List.of("Siège", nul)));
        refused("coverage.sites[1]", () -> api.as("admin").post("/api/v1/contracts", nested));
        Map<String, Object> service = contract();
        service.put("services", List.of(Map.of("name", "Visite", "frequency", "MONTHLY"),
                Map.of("name", "Visite\u001b", "frequency", "ANNUAL")));
        refused("services[1].name", () -> api.as("admin").post("/api/v1/contracts", service));
        refused("equipment[0].location", () -> api.as("admin").post("/api/v1/contracts/" + contractId + "/amend",
                Map.of("reason", "Avenant", "equipment", List.of(Map.of("type", "NVR", "quantity", 1,
                        "location", nul)))));
    }

    @Test
    void an_unknown_property_whose_name_is_not_text_is_named_without_echoing_it() {
        String message = refused("UNKNOWN_FIELD", "na\uFFFDme", () -> api.as("lead").post("/api/v1/clients",
                "{\"name\":\"ACME\",\"na\\u0000me\":\"x\"}"));
        assertThat(message).isEqualTo("unknown field");
    }

    @Test
    void tab_line_feed_and_carriage_return_are_text() {
        Map<String, Object> body = ticketBody("Erreur\tpaiement CB");
        body.put("description", "Étapes :\n\t1. payer\r\n\t2. erreur 500 – 支付 😀");

        Response opened = api.as("client").post("/api/v1/tickets", body);

        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        String ticketId = opened.json().path("id").asString();
        assertThat(api.as("client").get("/api/v1/tickets/" + ticketId).json().path("title").asString())
                .isEqualTo("Erreur\tpaiement CB");
        assertThat(lastPayload(ticketId, "TicketOpened").path("description").asString())
                .isEqualTo("Étapes :\n\t1. payer\r\n\t2. erreur 500 – 支付 😀");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/tickets?status=%00", "/api/v1/tickets?status=OPEN,%00", "/api/v1/tickets?projectId=a%07b",
            "/api/v1/contracts?clientId=%00", "/api/v1/dashboards/sla?projectId=%00", "/api/v1/portal/tickets?page=%00",
            "/api/v1/admin/dead-letters?group=%00", "/api/v1/tickets?title=%EF%BF%BF"})
    void query_parameters_follow_the_same_rule_instead_of_failing_in_the_database(String path) {
        String field = path.substring(path.indexOf('?') + 1, path.indexOf('='));

        String message = refused(field, () -> api.as("admin").get(path));

        assertThat(message).startsWith("must not contain control characters");
    }

    @Test
    void a_parameter_name_that_is_not_text_is_refused_without_being_echoed() {
        Response response = Fixtures.assertRefused(this::eventCount, 400, "MALFORMED_REQUEST",
                () -> api.as("admin").get("/api/v1/tickets?st%00atus=OPEN"));
        assertThat(response.body()).doesNotContain("\\u0000", "st atus").doesNotContainPattern(INTERNALS);
    }

    @Test
    void commands_sent_without_http_are_guarded_on_the_command_bus() {
        long before = eventCount();

        assertThatThrownBy(() -> commands.sendAndWait(new RegisterClient(ClientId.random(), "Import\u0000 ACME",
                null, null, Actor.SYSTEM)))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> {
                    assertThat(e.field()).isEqualTo("name");
                    assertThat(e.getMessage()).startsWith("name must not contain control characters");
                });
        assertThat(eventCount()).isEqualTo(before);
    }

    // -- Jackson's silent coercions --

    @Test
    void an_enum_is_read_by_name_never_by_ordinal() {
        String user = "cli-" + UUID.randomUUID().toString().substring(0, 8);
        String userId = api.as("admin").post("/api/v1/users", Map.of("username", user, "password", user,
                "roles", List.of("CLIENT"), "clientId", "client-a")).json().path("id").asString();

        String role = refused("role", () -> api.as("admin").post("/api/v1/users/" + userId + "/roles",
                "{\"role\":0}"));
        assertThat(role).isEqualTo("must be one of ADMIN, PROJECT_LEAD, TECHNICIAN, CLIENT, SALES, MANAGER, AUDITOR, "
                + "ANALYST");
        refused("role", () -> api.as("admin").post("/api/v1/users/" + userId + "/roles", "{\"role\":\"0\"}"));
        refused("role", () -> api.as("admin").post("/api/v1/users/" + userId + "/roles", "{\"role\":\"admin\"}"));
        refused("roles[0]", () -> api.as("admin").post("/api/v1/users", "{\"username\":\"u-" + UUID.randomUUID()
                .toString().substring(0, 8) + "\",\"password\":\"password-1\",\"roles\":[0]}"));
        Map<String, Object> byOrdinal = ticketBody("Erreur");
        byOrdinal.put("severity", 2);
        assertThat(refused("severity", () -> api.as("client").post("/api/v1/tickets", byOrdinal)))
                .isEqualTo("must be one of MINOR, MAJOR, CRITICAL");
        byOrdinal.put("severity", "");
        refused("severity", () -> api.as("client").post("/api/v1/tickets", byOrdinal));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.9", "24.0", "1e2", "\"24\"", "true"})
    void an_integer_field_takes_an_integer_only(String value) {
        String body = Api.JSON.writeValueAsString(contract()).replace("\"slaHours\":24", "\"slaHours\":" + value);

        assertThat(refused("slaHours", () -> api.as("admin").post("/api/v1/contracts", body)))
                .isEqualTo("must be an integer");
    }

    @Test
    void an_amount_that_does_not_fit_says_its_range() {
        Map<String, Object> body = contract();
        body.put("annualPrice", Map.of("amountMinor", new java.math.BigInteger("99999999999999999999"),
                "currency", "XOF"));

        assertThat(refused("annualPrice.amountMinor", () -> api.as("admin").post("/api/v1/contracts", body)))
                .isEqualTo("must be an integer between -9223372036854775808 and 9223372036854775807");
        body.put("annualPrice", Map.of("amountMinor", 1200000, "currency", "ZZZ"));
        assertThat(refused("annualPrice", () -> api.as("admin").post("/api/v1/contracts", body)))
                .isEqualTo("currency must be an ISO 4217 code such as XOF or EUR");
    }

    @Test
    void dates_and_instants_are_iso_strings_never_numbers_or_arrays() {
        Map<String, Object> numberDate = contract();
        numberDate.put("services", List.of(Map.of("name", "Visite", "frequency", "MONTHLY", "nextDate", 20260101)));
        assertThat(refused("services[0].nextDate", () -> api.as("admin").post("/api/v1/contracts", numberDate)))
                .isEqualTo("must be a date YYYY-MM-DD");
        Map<String, Object> arrayDate = contract();
        arrayDate.put("startDate", List.of(2026, 1, 1));
        refused("startDate", () -> api.as("admin").post("/api/v1/contracts", arrayDate));
        Map<String, Object> badDate = contract();
        badDate.put("endDate", "2026-02-30");
        assertThat(refused("endDate", () -> api.as("admin").post("/api/v1/contracts", badDate)))
                .isEqualTo("must be a date YYYY-MM-DD");

        String billetId = issueBillet(coveredTicket());
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        for (Object startedAt : new Object[] {now.minusSeconds(7200).getEpochSecond(), 1.5, "2026-01-01",
                "yesterday"}) {
            Map<String, Object> body = new LinkedHashMap<>(Map.of("description", "Analyse",
                    "startedAt", startedAt, "endedAt", now.minusSeconds(600).toString(), "hoursSpent", 1));
            assertThat(refused("startedAt", () -> api.as(technician().username()).post("/api/v1/billets/" + billetId
                    + "/interventions", body))).isEqualTo("must be an instant like 2026-01-31T08:00:00Z");
        }
    }

    @Test
    void text_booleans_numbers_lists_and_objects_are_taken_for_what_they_are() {
        Map<String, Object> body = contract();
        String json = Api.JSON.writeValueAsString(body);

        assertThat(refused("name", () -> api.as("admin").post("/api/v1/contracts",
                json.replaceFirst("\"name\":\"[^\"]*\"", "\"name\":12")))).isEqualTo("must be text");
        refused("name", () -> api.as("admin").post("/api/v1/contracts", json.replaceFirst("\"name\":\"[^\"]*\"",
                "\"name\":true")));
        assertThat(refused("tacitRenewal", () -> api.as("admin").post("/api/v1/contracts",
                json.replaceFirst("\\{", "{\"tacitRenewal\":\"true\",")))).isEqualTo("must be true or false");
        refused("tacitRenewal", () -> api.as("admin").post("/api/v1/contracts",
                json.replaceFirst("\\{", "{\"tacitRenewal\":1,")));
        assertThat(refused("interventionsIncluded", () -> api.as("admin").post("/api/v1/contracts",
                json.replace("\"interventionsIncluded\":4", "\"interventionsIncluded\":\"4\""))))
                .isEqualTo("must be an integer");
        assertThat(refused("coverage", () -> api.as("admin").post("/api/v1/contracts",
                json.replaceFirst("\\{", "{\"coverage\":\"\",")))).isEqualTo("must be an object");
        assertThat(refused("services", () -> api.as("admin").post("/api/v1/contracts",
                json.replaceFirst("\\{", "{\"services\":{\"name\":\"Visite\",\"frequency\":\"MONTHLY\"},"))))
                .isEqualTo("must be a list");
        assertThat(refused("coverage.equipment[0]", () -> api.as("admin").post("/api/v1/contracts",
                json.replaceFirst("\\{", "{\"coverage\":{\"equipment\":[null]},")))).isEqualTo("must not be null");
        assertThat(refused("coverage.equipment[0].quantity", () -> api.as("admin").post("/api/v1/contracts",
                json.replaceFirst("\\{", "{\"coverage\":{\"equipment\":[{\"type\":\"NVR\"}]},"))))
                .isEqualTo("is required");
        assertThat(refused("paymentFrequency", () -> api.as("admin").post("/api/v1/contracts",
                json.replaceFirst("\\{", "{\"paymentFrequency\":\"ANNUAL\","))))
                .isEqualTo("appears more than once");

        String billetId = issueBillet(coveredTicket());
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> hours = new LinkedHashMap<>(Map.of("description", "Analyse",
                "startedAt", now.minusSeconds(7200).toString(), "endedAt", now.minusSeconds(600).toString(),
                "hoursSpent", "1.5"));
        assertThat(refused("hoursSpent", () -> api.as(technician().username()).post("/api/v1/billets/" + billetId
                + "/interventions", hours))).isEqualTo("must be a number");
    }

    @Test
    void parameters_of_the_wrong_type_say_what_is_expected() {
        assertThat(refused("slaState", () -> api.as("admin").get("/api/v1/tickets?slaState=LATE")))
                .isEqualTo("must be one of ON_TRACK, AT_RISK, PAUSED, MET, BREACHED");
        for (String openedFrom : List.of("yesterday", "20260101", "2026-01-31", "Tue,%203%20Jun%202008%2011:05:30%20GMT")) {
            assertThat(refused("openedFrom", () -> api.as("admin").get("/api/v1/tickets?openedFrom=" + openedFrom)))
                    .isEqualTo("must be an instant like 2026-01-31T08:00:00Z");
        }
        Response iso = api.as("admin").get("/api/v1/tickets?openedFrom=2026-01-31T08:00:00%2B01:00");
        assertThat(iso.status()).as("an ISO instant with an offset: %s", iso).isEqualTo(200);
        assertThat(refused("page", () -> api.as("admin").get("/api/v1/tickets?page=1.5")))
                .isEqualTo("must be an integer");
        assertThat(refused("size", () -> api.as("admin").get("/api/v1/contracts?size=99999999999")))
                .isEqualTo("must be an integer");
        assertThat(refused("billable", () -> api.as("admin").get("/api/v1/tickets?billable=maybe")))
                .isEqualTo("must be true or false");
    }

    /**
     * Found by the malformed-request corpus: Spring reads {@code 0x10}, {@code +1} and {@code " 1"} as integers,
     * and the extended years ISO allows overflowed the queries' date arithmetic (500).
     */
    @Test
    void integers_are_decimal_and_dates_have_four_digit_years() {
        for (String page : List.of("0x10", "%2B1", "%201", "1%20")) {
            assertThat(refused("page", () -> api.as("admin").get("/api/v1/tickets?page=" + page)))
                    .isEqualTo("must be an integer");
        }
        assertThat(api.as("admin").get("/api/v1/tickets?page=0&size=1").status()).isEqualTo(200);
        for (String instant : List.of("%2B1000000000-12-31T23:59:59Z", "-1000000000-01-01T00:00:00Z",
                "%2B10000-01-01T00:00:00Z")) {
            assertThat(refused("openedFrom", () -> api.as("admin").get("/api/v1/tickets?openedFrom=" + instant)))
                    .isEqualTo("must be an instant like 2026-01-31T08:00:00Z");
            refused("openedTo", () -> api.as("admin").get("/api/v1/tickets?openedTo=" + instant));
        }
        for (String path : List.of("/api/v1/dashboards/commercial?to=-999999999-01-01",
                "/api/v1/dashboards/commercial?from=%2B999999999-12-31", "/api/v1/dashboards/sla?to=%2B999999999-12-31")) {
            Response response = Fixtures.assertRefused(this::eventCount, 400, "VALIDATION_FAILED",
                    () -> api.as("admin").get(path));
            assertThat(response.json().path("detail").asString()).as(path).contains("must be an ISO date (yyyy-MM-dd)");
        }
    }

    /** Found by the corpus: Jackson retries an unknown enum name trimmed, and trim() strips NUL too. */
    @Test
    void an_enum_name_with_blanks_or_controls_around_it_is_not_that_name() {
        for (String severity : List.of(" MAJOR", "MAJOR ", "MAJOR\\u0000", "\\tMAJOR")) {
            String body = Api.JSON.writeValueAsString(ticketBody("Erreur")).replace("\"MAJOR\"", "\"" + severity + "\"");
            assertThat(refused("severity", () -> api.as("client").post("/api/v1/tickets", body)))
                    .isEqualTo("must be one of MINOR, MAJOR, CRITICAL");
        }
    }

    /** Found by the corpus: 72 characters of 'é' are 144 bytes, beyond BCrypt's 72, and failed with 500. */
    @Test
    void a_password_is_at_most_72_bytes_the_length_bcrypt_reads() {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("username", "u-" + UUID.randomUUID().toString()
                .substring(0, 8), "password", "é".repeat(37), "roles", List.of("SALES")));

        assertThat(refused("password", () -> api.as("admin").post("/api/v1/users", body)))
                .isEqualTo("must be at most 72 bytes in UTF-8");
        body.put("password", "é".repeat(36));
        Response created = api.as("admin").post("/api/v1/users", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
    }

    /**
     * Found by the corpus: Jackson decodes overlong UTF-8 ({@code C0 AF} is '/') without complaint; every byte
     * sequence RFC 3629 calls ill-formed is refused before any parser reads the body, and nothing is stored.
     */
    @ParameterizedTest
    @ValueSource(strings = {"C0AF", "E080AF", "F08080AF", "EDA080", "F4908080", "C328", "FF", "80", "E282"})
    void a_body_that_is_not_well_formed_utf8_is_malformed(String hex) throws IOException {
        byte[] bad = HexFormat.of().parseHex(hex);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("{\"name\":\"ACME ".getBytes(StandardCharsets.UTF_8));
        body.writeBytes(bad);
        body.writeBytes("\"}".getBytes(StandardCharsets.UTF_8));
        for (Map<String, String> headers : List.of(Map.of("Content-Type", "application/json"),
                Map.of("Content-Type", "application/json; charset=UTF-8", "Idempotency-Key", "utf8-" + UUID.randomUUID()))) {
            long before = eventCount();
            Response response = new RawHttp(port).send("POST", "/api/v1/clients",
                    "admin", headers, body.toByteArray());
            assertThat(response.status()).as("%s %s", hex, response).isEqualTo(400);
            assertThat(response.code()).as("%s %s", hex, response).isEqualTo("MALFORMED_REQUEST");
            assertThat(eventCount()).isEqualTo(before);
        }
        Response valid = new RawHttp(port).send("POST", "/api/v1/clients", "admin",
                Map.of("Content-Type", "application/json"), "{\"name\":\"ACME 支付 😀\"}".getBytes(
                        StandardCharsets.UTF_8));
        assertThat(valid.status()).as(valid.toString()).isEqualTo(201);
    }

    // -- bounds --

    @Test
    void free_texts_and_lists_have_bounds() {
        Map<String, Object> body = contract();
        body.put("coverage", Map.of("description", "d".repeat(4001)));
        assertThat(refused("coverage.description", () -> api.as("admin").post("/api/v1/contracts", body)))
                .isEqualTo("size must be between 0 and 4000");
        body.put("coverage", Map.of("description", "d".repeat(100 * 1024)));
        assertThat(refused("coverage.description", () -> api.as("admin").post("/api/v1/contracts", body)))
                .startsWith("exceeds the limits of this API: text up to 16384 characters");
        body.put("coverage", Map.of("sites", IntStream.range(0, 51).mapToObj(i -> "Site " + i).toList()));
        refused("coverage.sites", () -> api.as("admin").post("/api/v1/contracts", body));
        body.put("coverage", Map.of("equipment", List.of(Map.of("type", "Caméra", "quantity", 1,
                "serialNumbers", IntStream.range(0, 501).mapToObj(i -> "SN-" + i).toList()))));
        refused("coverage.equipment[0].serialNumbers", () -> api.as("admin").post("/api/v1/contracts", body));
        List<Map<String, Object>> services = new ArrayList<>();
        IntStream.range(0, 51).forEach(i -> services.add(Map.of("name", "Visite " + i, "frequency", "MONTHLY")));
        body.remove("coverage");
        body.put("services", services);
        refused("services", () -> api.as("admin").post("/api/v1/contracts", body));
        refused("title", () -> api.as("client").post("/api/v1/tickets", ticketBody("t".repeat(201))));
        refused("clientId", () -> api.as("lead").post("/api/v1/projects", Map.of("clientId", "c".repeat(65),
                "name", "Projet")));
    }

    // -- equipment --

    @Test
    void equipment_is_counted_at_least_once_on_creation_and_amendment() {
        Map<String, Object> body = contract();
        body.put("coverage", Map.of("equipment", List.of(Map.of("type", "NVR", "quantity", 1),
                Map.of("type", "Caméra IP", "quantity", 0))));
        refused("INVALID_QUANTITY", "coverage.equipment[1].quantity",
                () -> api.as("admin").post("/api/v1/contracts", body));

        String contractId = fx.active(today);
        refused("INVALID_QUANTITY", "equipment[0].quantity", () -> api.as("admin").post("/api/v1/contracts/"
                + contractId + "/amend", Map.of("reason", "Caméras retirées",
                "equipment", List.of(Map.of("type", "Caméra IP", "quantity", -16)))));
        Response amended = api.as("admin").post("/api/v1/contracts/" + contractId + "/amend", Map.of(
                "reason", "8 caméras de plus", "equipment", List.of(Map.of("type", "Caméra IP", "quantity", 24))));
        assertThat(amended.status()).as(amended.toString()).isEqualTo(200);
    }
}
