package com.itvision.maintenance.app.web;

import com.itvision.maintenance.kernel.common.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the RFC 9457 problem documents of the API. Every problem has a stable {@code code} (an
 * {@link ErrorCode}), the {@code correlationId} of the request, and for validation errors a list of
 * {@code errors} ({@code field}, {@code message}).
 */
public final class Problems {
    private static final String TYPE_BASE = "https://docs.itvision.example/problems/";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {
    }

    public static HttpStatus status(ErrorCode code) {
        return switch (code.kind()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
            case URI_TOO_LONG -> HttpStatus.URI_TOO_LONG;
            case HEADERS_TOO_LARGE -> HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
            case UNSUPPORTED -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            case METHOD -> HttpStatus.METHOD_NOT_ALLOWED;
            case TOO_MANY -> HttpStatus.TOO_MANY_REQUESTS;
            case INTERNAL -> HttpStatus.INTERNAL_SERVER_ERROR;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
    }

    /** The problem type URI of {@code code}. */
    public static URI type(ErrorCode code) {
        return URI.create(TYPE_BASE + code.name().toLowerCase().replace('_', '-'));
    }

    public static ProblemDetail of(ErrorCode code, String detail) {
        HttpStatus status = status(code);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type(code));
        problem.setTitle(status.getReasonPhrase());
        problem.setProperty("code", code.name());
        String correlationId = MDC.get("correlationId");
        if (correlationId != null) {
            problem.setProperty("correlationId", correlationId);
        }
        return problem;
    }

    public static ProblemDetail withErrors(ErrorCode code, String detail, List<Map<String, String>> errors) {
        ProblemDetail problem = of(code, detail);
        problem.setProperty("errors", errors);
        return problem;
    }

    /** For filters and security handlers, which answer before Spring MVC. */
    public static void write(HttpServletRequest request, HttpServletResponse response, ErrorCode code, String detail)
            throws IOException {
        write(request, response, of(code, detail));
    }

    /** A problem whose status is not its code's own (406 is MALFORMED_REQUEST with the status that says why). */
    public static void write(HttpServletRequest request, HttpServletResponse response, ErrorCode code, HttpStatus status,
                             String detail) throws IOException {
        ProblemDetail problem = of(code, detail);
        problem.setStatus(status);
        problem.setTitle(status.getReasonPhrase());
        write(request, response, problem);
    }

    private static void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("type", problem.getType().toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        body.put("instance", problem.getInstance().toString());
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        response.getWriter().write(JSON.writeValueAsString(body));
    }
}
