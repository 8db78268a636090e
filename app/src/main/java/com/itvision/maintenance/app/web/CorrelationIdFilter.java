package com.itvision.maintenance.app.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One correlation id per HTTP request: the caller's {@code X-Correlation-Id} if it is a sane token,
 * else a new UUID. It is returned in the response, logged (MDC) and stored in every event's metadata.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class CorrelationIdFilter extends OncePerRequestFilter {
    public static final String HEADER = "X-Correlation-Id";
    public static final String ATTRIBUTE = CorrelationIdFilter.class.getName() + ".id";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{8,100}");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String given = request.getHeader(HEADER);
        String correlationId = sane(given) ? given : UUID.randomUUID().toString();
        MDC.put("correlationId", correlationId);
        response.setHeader(HEADER, correlationId);
        // for the answers written after this filter has returned (an error dispatch, Tomcat's error report)
        request.setAttribute(ATTRIBUTE, correlationId);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove("correlationId");
        }
    }

    /**
     * The correlation id of a request answered outside this filter (an error dispatch, Tomcat's refusals):
     * the one this filter gave it, else the caller's if its headers could be read, else a new one.
     */
    static String of(HttpServletRequest request) {
        if (request.getAttribute(ATTRIBUTE) instanceof String given) {
            return given;
        }
        String header = null;
        try {
            header = request.getHeader(HEADER);
        } catch (RuntimeException unreadable) {
            // headers that could not be parsed: nothing to echo
        }
        String correlationId = sane(header) ? header : UUID.randomUUID().toString();
        request.setAttribute(ATTRIBUTE, correlationId);
        return correlationId;
    }

    /** A caller's id is used when it is 8 to 100 letters, digits or {@code ._:-}. */
    static boolean sane(String given) {
        return given != null && SANE.matcher(given).matches();
    }
}
