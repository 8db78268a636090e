package com.itvision.maintenance.app.web;

import com.itvision.maintenance.kernel.common.ErrorCode;
import jakarta.servlet.RequestDispatcher;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.tomcat.util.ExceptionUtils;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's own error answers (a request it refuses before any filter or servlet runs: an encoded '/' or
 * NUL, invalid UTF-8 or a backslash in the path, a request line or headers over the size limit) as RFC
 * 9457 problems with a stable code, instead of Tomcat's HTML page. Answers that the application already
 * wrote are left alone.
 */
public class ProblemErrorReportValve extends ErrorReportValve {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        Throwable cause = throwable != null ? throwable
                : (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (status == 400 && cause != null && String.valueOf(cause.getMessage()).contains("header is too large")) {
            status = HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE.value();
            response.setStatus(status);
        }
        if (status == HttpStatus.NOT_IMPLEMENTED.value()) {
            // Tomcat's answer to a method it does not implement (CONNECT): the client's request, not a defect
            status = HttpStatus.METHOD_NOT_ALLOWED.value();
            response.setStatus(status);
        }
        ErrorCode code = codeFor(status);
        String correlationId = CorrelationIdFilter.of(request);
        response.setHeader(CorrelationIdFilter.HEADER, correlationId);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", Problems.type(code).toString());
        body.put("title", titleOf(status));
        body.put("status", status);
        body.put("detail", detailFor(code));
        body.put("code", code.name());
        body.put("correlationId", correlationId);
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(JSON.writeValueAsString(body));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            ExceptionUtils.handleThrowable(e);
        }
    }

    static ErrorCode codeFor(int status) {
        return switch (status) {
            case 400 -> ErrorCode.MALFORMED_REQUEST;
            case 401 -> ErrorCode.UNAUTHENTICATED;
            case 403 -> ErrorCode.ROLE_NOT_ALLOWED;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 414 -> ErrorCode.URI_TOO_LONG;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 431 -> ErrorCode.HEADERS_TOO_LARGE;
            default -> status < 500 ? ErrorCode.MALFORMED_REQUEST : ErrorCode.INTERNAL_ERROR;
        };
    }

    private static String detailFor(ErrorCode code) {
        return switch (code) {
            case MALFORMED_REQUEST -> "The request is malformed: its path has an encoded '/', NUL or '\\', invalid "
                    + "UTF-8, or its request line or headers cannot be read";
            case HEADERS_TOO_LARGE -> "The request line and headers are larger than the server accepts (16 KB)";
            case URI_TOO_LONG -> "The URL is longer than the server accepts";
            case PAYLOAD_TOO_LARGE -> "The request body is too large";
            case NOT_FOUND -> "No such resource";
            default -> "The request could not be processed";
        };
    }

    private static String titleOf(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return known == null ? "Error" : known.getReasonPhrase();
    }
}
