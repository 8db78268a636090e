package com.itvision.maintenance.app.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.context.annotation.Configuration;
import org.springframework.format.Formatter;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Path variables and query parameters of java.time types speak ISO-8601 only, as request bodies do
 * ({@link StrictJsonConfiguration}). Spring's default would read {@code ?openedFrom=20260101} as epoch
 * milliseconds (1970-01-01T05:37:40.101Z), accept RFC 1123 dates, and read a {@code LocalDate} in the
 * server locale's short style ("1/31/26"). Years have four digits (0001 to 9999): the extended years
 * ISO allows ({@code +1000000000-12-31T23:59:59Z}) overflowed the queries' date arithmetic with 500.
 * Integers: {@link DecimalParameters}.
 */
@Configuration(proxyBeanMethods = false)
public class IsoParameterFormats implements WebMvcConfigurer {

    private static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999999999Z");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addFormatterForFieldType(Instant.class, new Formatter<Instant>() {
            @Override
            public Instant parse(String text, Locale locale) {
                Instant instant = DateTimeFormatter.ISO_INSTANT.parse(text, Instant::from);
                if (instant.isBefore(FIRST) || instant.isAfter(LAST)) {
                    throw new IllegalArgumentException("year outside 0001..9999: " + text);
                }
                return instant;
            }

            @Override
            public String print(Instant instant, Locale locale) {
                return instant.toString();
            }
        });
        registry.addFormatterForFieldType(LocalDate.class, new Formatter<LocalDate>() {
            @Override
            public LocalDate parse(String text, Locale locale) {
                if (!DATE.matcher(text).matches()) {
                    throw new IllegalArgumentException("not yyyy-MM-dd: " + text);
                }
                return LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
            }

            @Override
            public String print(LocalDate date, Locale locale) {
                return date.toString();
            }
        });
    }
}
