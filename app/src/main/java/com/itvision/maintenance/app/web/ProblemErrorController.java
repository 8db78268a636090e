package com.itvision.maintenance.app.web;

import com.itvision.maintenance.kernel.common.ErrorCode;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Boot's BasicErrorController: an error forwarded to {@code /error} by the servlet container
 * (a {@code sendError} outside Spring MVC) is a problem with a code like every other answer. Asked
 * for directly, {@code /error} does not exist.
 */
@RestController
public class ProblemErrorController implements ErrorController {

    @RequestMapping(path = "${server.error.path:/error}", produces = MediaType.APPLICATION_PROBLEM_JSON_VALUE)
    ResponseEntity<ProblemDetail> error(HttpServletRequest request, HttpServletResponse response) {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int code = status instanceof Integer value ? value : HttpStatus.NOT_FOUND.value();
        ErrorCode errorCode = code == 404 || status == null ? ErrorCode.NOT_FOUND : ProblemErrorReportValve.codeFor(code);
        ProblemDetail problem = Problems.of(errorCode, status == null ? "No such resource"
                : "The request could not be processed (" + code + ")");
        problem.setStatus(code);
        // the error dispatch runs after the request's filters have cleared the log context (or without them:
        // Tomcat refuses TRACE itself)
        String correlationId = CorrelationIdFilter.of(request);
        problem.setProperty("correlationId", correlationId);
        response.setHeader(CorrelationIdFilter.HEADER, correlationId);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri != null) {
            try {
                problem.setInstance(URI.create(uri.toString()));
            } catch (IllegalArgumentException notAUri) {
                // the request's own path may be what was wrong with it: leave the instance out
            }
        }
        return ResponseEntity.status(code).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
