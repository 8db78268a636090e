package com.itvision.maintenance.app.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.context.annotation.Configuration;
import org.springframework.format.Formatter;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Path variables and query parameters of java.time types speak ISO-8601 only, as request bodies do
 * ({@link StrictJsonConfiguration}). Spring's default would read {@code ?openedFrom=20260101} as epoch
 * milliseconds (1970-01-01T05:37:40.101Z), accept RFC 1123 dates, and read a {@code LocalDate} in the
 * server locale's short style ("1/31/26").
 */
@Configuration(proxyBeanMethods = false)
public class IsoParameterFormats implements WebMvcConfigurer {

    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addFormatterForFieldType(Instant.class, new Formatter<Instant>() {
            @Override
            public Instant parse(String text, Locale locale) {
                return DateTimeFormatter.ISO_INSTANT.parse(text, Instant::from);
            }

            @Override
            public String print(Instant instant, Locale locale) {
                return instant.toString();
            }
        });
        registry.addFormatterForFieldType(LocalDate.class, new Formatter<LocalDate>() {
            @Override
            public LocalDate parse(String text, Locale locale) {
                return LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
            }

            @Override
            public String print(LocalDate date, Locale locale) {
                return date.toString();
            }
        });
    }
}
