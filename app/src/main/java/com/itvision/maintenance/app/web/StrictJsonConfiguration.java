package com.itvision.maintenance.app.web;

import com.fasterxml.jackson.annotation.Nulls;
import com.itvision.maintenance.kernel.common.StorableText;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.regex.Pattern;
import org.springframework.boot.jackson.autoconfigure.JsonFactoryBuilderCustomizer;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.KeyDeserializer;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * The API reads JSON strictly: a value is taken as what it says it is, or refused with 400 naming its
 * field ({@link JsonInputErrors}). Jackson's defaults would silently turn {@code {"role":0}} into ADMIN,
 * {@code "slaHours": 1.9} into 1, {@code "nextDate": 20260101} into the year 57440, {@code "name": 12} into
 * "12" and {@code "tacitRenewal": "true"} into true. This applies to the Spring MVC mapper (Jackson 3) only;
 * the event store's Jackson 2 mapper reads what the application itself wrote. Unknown properties are
 * refused by {@code spring.jackson.deserialization.fail-on-unknown-properties} in application.yml.
 *
 * <ul>
 *   <li>enums by name only, never by ordinal ({@code 2} or {@code "2"});</li>
 *   <li>no scalar coercions: no fraction into an integer (1.9, 1e2), no string into a number or boolean
 *       ("12", "true"), no number or boolean into a boolean or text (1, 12, true), no empty string into
 *       anything but text, no single value as a list;</li>
 *   <li>dates and instants only from ISO-8601 strings, never from epoch numbers or arrays;</li>
 *   <li>no {@code null} inside a list, no {@code null} for a primitive, no duplicate property (which
 *       of two would a proxy, a log or the validator have seen?), nothing after the document;</li>
 *   <li>every string value and property name is {@link StorableText}, at any depth;</li>
 *   <li>the parser refuses, as a backstop below the body size limit, strings longer than
 *       {@value #MAX_STRING_LENGTH} characters (every field's own {@code @Size} is lower), nesting deeper
 *       than {@value #MAX_NESTING_DEPTH} levels, numbers longer than {@value #MAX_NUMBER_LENGTH} digits and
 *       property names longer than {@value #MAX_NAME_LENGTH} characters.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class StrictJsonConfiguration {
    static final int MAX_STRING_LENGTH = 16_384;
    static final int MAX_NESTING_DEPTH = 16;
    static final int MAX_NUMBER_LENGTH = 64;
    static final int MAX_NAME_LENGTH = 256;

    @Bean
    JsonFactoryBuilderCustomizer strictJsonLimits() {
        return factory -> factory.streamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(MAX_STRING_LENGTH)
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .maxNameLength(MAX_NAME_LENGTH)
                .build());
    }

    @Bean
    JsonMapperBuilderCustomizer strictJsonMapper() {
        return mapper -> mapper
                .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .disable(DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT)
                .disable(DeserializationFeature.ACCEPT_EMPTY_ARRAY_AS_NULL_OBJECT)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                // ALLOW_COERCION_OF_SCALARS covers numbers, booleans and dates; text has its own switches
                .withCoercionConfig(LogicalType.Textual, text -> text
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .changeDefaultNullHandling(nulls -> nulls.withContentNulls(Nulls.FAIL))
                .addModule(strictValues());
    }

    /** Strings and property names must be storable; java.time values come from strings only. */
    static SimpleModule strictValues() {
        SimpleModule module = new SimpleModule("strict-values");
        module.setDeserializerModifier(new ValueDeserializerModifier() {
            @Override
            public ValueDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription.Supplier type,
                                                           ValueDeserializer<?> deserializer) {
                Class<?> raw = type.getBeanClass();
                if (raw == String.class) {
                    return new StorableStringDeserializer(deserializer);
                }
                if (raw.getPackageName().equals("java.time")) {
                    return new TextualTimeDeserializer(deserializer);
                }
                return deserializer;
            }

            @Override
            public ValueDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                                                              BeanDescription.Supplier description,
                                                              ValueDeserializer<?> deserializer) {
                return new ExactEnumDeserializer(deserializer);
            }

            @Override
            public KeyDeserializer modifyKeyDeserializer(DeserializationConfig config, JavaType type,
                                                         KeyDeserializer deserializer) {
                return new StorableKeyDeserializer(deserializer);
            }
        });
        return module;
    }

    /** A string value Jackson read, refused if it is not {@link StorableText}. */
    static final class StorableStringDeserializer extends DelegatingDeserializer {
        StorableStringDeserializer(ValueDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
            return new StorableStringDeserializer(delegate);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) {
            Object value = super.deserialize(parser, context);
            if (value instanceof String text && !StorableText.isStorable(text)) {
                throw new UnstorableTextException(parser, StorableText.refusal(text), text);
            }
            return value;
        }
    }

    /**
     * An enum by its exact name: Jackson retries a name it does not know with {@code String.trim()}, which
     * also strips NUL and the other controls, so {@code " MINOR"} and {@code "MINOR\u0000"} were MINOR.
     */
    static final class ExactEnumDeserializer extends DelegatingDeserializer {
        ExactEnumDeserializer(ValueDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
            return new ExactEnumDeserializer(delegate);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) {
            if (parser.hasToken(JsonToken.VALUE_STRING)) {
                String text = parser.getString();
                if (!text.equals(text.trim())) {
                    Object[] constants = handledType().getEnumConstants();
                    return context.handleWeirdStringValue(handledType(), text,
                            "not one of the values accepted for Enum class: %s", java.util.Arrays.toString(constants));
                }
            }
            return super.deserialize(parser, context);
        }
    }

    /** Map keys are text too (the body of no endpoint has a map today; the rule must not depend on that). */
    static final class StorableKeyDeserializer extends KeyDeserializer {
        private final KeyDeserializer delegate;

        StorableKeyDeserializer(KeyDeserializer delegate) {
            this.delegate = delegate;
        }

        @Override
        public Object deserializeKey(String key, DeserializationContext context) {
            if (!StorableText.isStorable(key)) {
                throw new UnstorableTextException(context.getParser(), "property name " + StorableText.refusal(key), key);
            }
            return delegate == null ? key : delegate.deserializeKey(key, context);
        }
    }

    /**
     * Jackson reads dates from epoch numbers and arrays too; this API only speaks ISO-8601 strings, with
     * four-digit years (0001 to 9999): the extended years ISO allows ({@code +999999999-12-31},
     * {@code -1000000000-01-01T00:00:00Z}) overflowed date arithmetic and PostgreSQL (500, found by the
     * malformed-request corpus). A date is {@code yyyy-MM-dd} exactly: Jackson would take the day of an
     * instant ({@code 2026-01-01T00:00:00Z}) for one.
     */
    static final class TextualTimeDeserializer extends DelegatingDeserializer {
        private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
        private static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
        private static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999999999Z");

        TextualTimeDeserializer(ValueDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
            return new TextualTimeDeserializer(delegate);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return context.handleUnexpectedToken(handledType(), parser);
            }
            String text = parser.getString();
            if (handledType() == LocalDate.class && !DATE.matcher(text).matches()) {
                return context.handleWeirdStringValue(handledType(), text, "not a date yyyy-MM-dd");
            }
            Object value = super.deserialize(parser, context);
            boolean outside = value instanceof Instant instant && (instant.isBefore(FIRST) || instant.isAfter(LAST))
                    || value instanceof TemporalAccessor time
                    && time.isSupported(ChronoField.YEAR)
                    && (time.get(ChronoField.YEAR) < 1 || time.get(ChronoField.YEAR) > 9999);
            if (outside) {
                return context.handleWeirdStringValue(handledType(), text, "year outside 0001..9999");
            }
            return value;
        }
    }

    /** Text that {@link StorableText} refuses; its message is already in the user's terms. */
    static final class UnstorableTextException extends InvalidFormatException {
        UnstorableTextException(JsonParser parser, String message, String value) {
            super(parser, message, value, String.class);
        }
    }
}
