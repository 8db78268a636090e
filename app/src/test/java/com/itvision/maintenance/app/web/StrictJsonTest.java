package com.itvision.maintenance.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonFactoryBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The MVC mapper's strictness and its refusals' wording, without a server: the customizers of
 * {@link StrictJsonConfiguration} applied to a plain mapper, the errors described by {@link JsonInputErrors}.
 * Shapes no endpoint takes today (maps, instants in lists) are covered here, so the rule does not depend on
 * which records happen to exist.
 */
class StrictJsonTest {
    private static final JsonMapper MAPPER = mapper();

    private static JsonMapper mapper() {
        StrictJsonConfiguration configuration = new StrictJsonConfiguration();
        JsonFactoryBuilder factory = JsonFactory.builder();
        configuration.strictJsonLimits().customize(factory);
        JsonMapper.Builder builder = JsonMapper.builder(factory.build());
        configuration.strictJsonMapper().customize(builder);
        return builder.build();
    }

    enum Level { LOW, HIGH }

    record Item(String label, int count) {
    }

    record Body(String text, Integer number, Boolean flag, Level level, LocalDate day, Instant at,
                List<Instant> instants, Map<String, String> labels, List<Item> items) {
    }

    private static JsonInputErrors.Refusal refusal(String json) {
        JacksonException refused = catchThrowableOfType(JacksonException.class, () -> MAPPER.readValue(json, Body.class));
        assertThat(refused).as("refused: %s", json).isNotNull();
        return JsonInputErrors.describe(refused);
    }

    @Test
    void well_formed_values_are_read_as_they_are() {
        Body body = MAPPER.readValue("""
                {"text":"ligne 1\\n\\tligne 2","number":12,"flag":true,"level":"HIGH","day":"2026-01-31",
                 "at":"2026-01-31T08:00:00Z","instants":["2026-01-31T08:00:00+01:00"],"labels":{"clé":"valeur"},
                 "items":[{"label":"NVR","count":1}]}""", Body.class);

        assertThat(body.text()).isEqualTo("ligne 1\n\tligne 2");
        assertThat(body.level()).isEqualTo(Level.HIGH);
        assertThat(body.instants()).containsExactly(Instant.parse("2026-01-31T07:00:00Z"));
        assertThat(body.labels()).containsEntry("clé", "valeur");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"text\":\"a\\u0000b\"}                    | text          | must not contain control characters",
            "{\"labels\":{\"k\":\"\\u0007\"}}              | labels.k      | must not contain control characters",
            "{\"labels\":{\"k\\u0000\":\"v\"}}             | labels        | property name must not contain control",
            "{\"items\":[{\"label\":\"\\ud800\",\"count\":1}]} | items[0].label | must not contain control characters",
            "{\"level\":1}                               | level         | must be one of LOW, HIGH",
            "{\"level\":\"1\"}                           | level         | must be one of LOW, HIGH",
            "{\"level\":\"high\"}                        | level         | must be one of LOW, HIGH",
            "{\"level\":\" HIGH\"}                       | level         | must be one of LOW, HIGH",
            "{\"level\":\"HIGH \"}                       | level         | must be one of LOW, HIGH",
            "{\"level\":\"HIGH\\u0000\"}                 | level         | must be one of LOW, HIGH",
            "{\"level\":\"\\tHIGH\"}                     | level         | must be one of LOW, HIGH",
            "{\"number\":1.9}                            | number        | must be an integer",
            "{\"number\":\"12\"}                         | number        | must be an integer",
            "{\"number\":2147483648}                     | number        | must be an integer between -2147483648 and 2147483647",
            "{\"text\":12}                               | text          | must be text",
            "{\"text\":false}                            | text          | must be text",
            "{\"flag\":\"true\"}                         | flag          | must be true or false",
            "{\"flag\":0}                                | flag          | must be true or false",
            "{\"day\":20260101}                          | day           | must be a date YYYY-MM-DD",
            "{\"day\":[2026,1,31]}                       | day           | must be a date YYYY-MM-DD",
            "{\"day\":\"\"}                              | day           | must be a date YYYY-MM-DD",
            "{\"day\":\"2026-01-31T00:00:00Z\"}          | day           | must be a date YYYY-MM-DD",
            "{\"day\":\"+999999999-12-31\"}              | day           | must be a date YYYY-MM-DD",
            "{\"day\":\"-0001-01-01\"}                   | day           | must be a date YYYY-MM-DD",
            "{\"at\":\"-1000000000-01-01T00:00:00Z\"}     | at            | must be an instant like 2026-01-31T08:00:00Z",
            "{\"at\":\"+10000-01-01T00:00:00Z\"}          | at            | must be an instant like 2026-01-31T08:00:00Z",
            "{\"at\":1767225600}                         | at            | must be an instant like 2026-01-31T08:00:00Z",
            "{\"instants\":[1.5]}                        | instants[0]   | must be an instant like 2026-01-31T08:00:00Z",
            "{\"items\":{\"label\":\"NVR\",\"count\":1}} | items         | must be a list",
            "{\"items\":[null]}                          | items[0]      | must not be null",
            "{\"items\":[{\"label\":\"NVR\"}]}           | items[0].count | is required",
            "{\"items\":[\"\"]}                          | items[0]      | must be an object",
            "{\"items\":[{\"count\":1,\"count\":2}]}     | items[0].count | appears more than once",
            "{\"text\":\"a\",\"text\":\"b\"}             | text          | appears more than once",
    })
    void every_refusal_names_its_field_in_the_apis_terms(String json, String field, String message) {
        JsonInputErrors.Refusal refusal = refusal(json);

        assertThat(refusal.field()).isEqualTo(field);
        assertThat(refusal.message()).startsWith(message);
        assertThat(refusal.malformed()).isFalse();
    }

    @Test
    void the_parser_limits_are_a_backstop_named_after_the_field_they_stopped_at() {
        JsonInputErrors.Refusal longText = refusal("{\"items\":[{\"label\":\"" + "x".repeat(20_000) + "\",\"count\":1}]}");
        assertThat(longText.field()).isEqualTo("items[0].label");
        assertThat(longText.message()).startsWith("exceeds the limits of this API: text up to 16384 characters");

        // (in the application an unknown property is refused before its value is read: here it is skipped)
        JsonInputErrors.Refusal deep = refusal("{\"skipped\":" + "[".repeat(40) + "]".repeat(40) + "}");
        assertThat(deep.message()).contains("nesting up to 16 levels");
        assertThat(refusal("{\"number\":" + "9".repeat(100) + "}").message()).contains("numbers up to 64 digits");
    }

    @Test
    void what_is_not_json_at_all_is_malformed() {
        assertThat(refusal("{\"text\":").malformed()).isTrue();
        assertThat(refusal("{\"text\":\"a\"} {}").malformed()).isFalse();
        assertThat(refusal("{'text':'a'}").malformed()).isTrue();
        assertThat(refusal("{\"number\":NaN}").malformed()).isTrue();
    }
}
