package com.itvision.maintenance.projections.support;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * JSON columns of the read models (coverage, services, reports): ISO dates, stable field order, and never
 * a NUL: Jackson would write it as the escape {@code \\u0000}, which PostgreSQL's {@code jsonb} refuses (and
 * {@code json} cannot turn back into text), so a cast or a later move of the column to {@code jsonb} would
 * fail on the events stored before the edge refused NUL. It is written as U+FFFD instead, as
 * {@link ProjectionBatch} does for plain text columns.
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder(new JsonFactoryBuilder()
                    .characterEscapes(new NulAsReplacementCharacter()).build())
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private Json() {
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write read-model JSON", e);
        }
    }

    public static <T> T read(String json, Class<T> type) {
        try {
            return json == null ? null : MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot read read-model JSON", e);
        }
    }

    /** JSON's standard escapes, except NUL, written as U+FFFD in values and property names alike. */
    static final class NulAsReplacementCharacter extends CharacterEscapes {
        private static final SerializableString REPLACEMENT = new SerializedString("\uFFFD");
        private final int[] escapes = CharacterEscapes.standardAsciiEscapesForJSON();

        NulAsReplacementCharacter() {
            escapes[0] = CharacterEscapes.ESCAPE_CUSTOM;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return escapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return ch == 0 ? REPLACEMENT : null;
        }
    }
}
