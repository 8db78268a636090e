package com.itvision.maintenance.app.web;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What a value of a Java type must look like, said in the API's terms: refusals name JSON shapes and
 * formats ("must be a date YYYY-MM-DD"), never Java classes, packages or parser internals.
 */
final class InputTypes {
    private static final Set<Class<?>> INTEGERS = Set.of(int.class, long.class, short.class, byte.class, Integer.class,
            Long.class, Short.class, Byte.class, BigInteger.class);
    private static final Set<Class<?>> NUMBERS = Set.of(double.class, float.class, Double.class, Float.class,
            BigDecimal.class);

    private InputTypes() {
    }

    /** "must be ..." for a value that should have been of {@code type}. */
    static String expected(Class<?> type) {
        if (type == null) {
            return "is not a valid value";
        }
        if (type.isEnum()) {
            return "must be one of " + Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name())
                    .collect(Collectors.joining(", "));
        }
        if (CharSequence.class.isAssignableFrom(type) || type == char.class || type == Character.class) {
            return "must be text";
        }
        if (INTEGERS.contains(type)) {
            return "must be an integer";
        }
        if (NUMBERS.contains(type)) {
            return "must be a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "must be true or false";
        }
        if (type == LocalDate.class) {
            return "must be a date YYYY-MM-DD";
        }
        if (type == Instant.class || type == OffsetDateTime.class || type == ZonedDateTime.class) {
            return "must be an instant like 2026-01-31T08:00:00Z";
        }
        if (type == LocalDateTime.class) {
            return "must be a date and time like 2026-01-31T08:00:00";
        }
        if (type == LocalTime.class) {
            return "must be a time like 08:00";
        }
        if (type == ZoneId.class) {
            return "must be a time zone like Africa/Abidjan";
        }
        if (type == UUID.class) {
            return "must be a UUID";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "must be a list";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "must be an object";
        }
        return type.isPrimitive() || type.getName().startsWith("java.") ? "is not a valid value" : "must be an object";
    }

    /** The range of an integer type, for a value that does not fit in it. */
    static String range(Class<?> type) {
        if (type == int.class || type == Integer.class) {
            return "must be an integer between %d and %d".formatted(Integer.MIN_VALUE, Integer.MAX_VALUE);
        }
        if (type == long.class || type == Long.class) {
            return "must be an integer between %d and %d".formatted(Long.MIN_VALUE, Long.MAX_VALUE);
        }
        if (type == short.class || type == Short.class) {
            return "must be an integer between %d and %d".formatted(Short.MIN_VALUE, Short.MAX_VALUE);
        }
        return expected(type);
    }
}
