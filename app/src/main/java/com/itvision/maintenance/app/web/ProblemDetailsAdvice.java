package com.itvision.maintenance.app.web;

import com.itvision.maintenance.kernel.common.DomainException;
import com.itvision.maintenance.kernel.common.ErrorCode;
import com.itvision.maintenance.kernel.common.InvalidFieldException;
import com.itvision.maintenance.kernel.common.StorableText;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingModificationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/** Maps every failure to an RFC 9457 problem with a stable {@code code}; nothing leaks as a bare 500. */
@RestControllerAdvice
public class ProblemDetailsAdvice {
    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    /**
     * Field constraints that restate a named domain rule: refused by bean validation before the command
     * exists, they still answer with the rule's documented code (field/constraint → code).
     */
    private static final Map<String, ErrorCode> RULE_CONSTRAINTS = Map.ofEntries(
            Map.entry("slaHours/Min", ErrorCode.INVALID_SLA),
            Map.entry("slaHours/Max", ErrorCode.INVALID_SLA),
            Map.entry("interventionsIncluded/Min", ErrorCode.INVALID_QUOTA),
            Map.entry("reason/NotBlank", ErrorCode.REASON_REQUIRED),
            Map.entry("hoursSpent/DecimalMin", ErrorCode.INVALID_HOURS),
            Map.entry("hoursSpent/DecimalMax", ErrorCode.INVALID_HOURS),
            Map.entry("hoursSpent/Digits", ErrorCode.INVALID_HOURS),
            Map.entry("estimatedHours/DecimalMin", ErrorCode.INVALID_HOURS),
            Map.entry("estimatedHours/DecimalMax", ErrorCode.INVALID_HOURS),
            Map.entry("estimatedHours/Digits", ErrorCode.INVALID_HOURS),
            Map.entry("score/Min", ErrorCode.INVALID_SCORE),
            Map.entry("score/Max", ErrorCode.INVALID_SCORE),
            Map.entry("quantity/Positive", ErrorCode.INVALID_QUANTITY));

    @ExceptionHandler(DomainException.class)
    ProblemDetail domain(DomainException e) {
        return Problems.of(e.code(), e.getMessage());
    }

    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<ProblemDetail> commandExecution(CommandExecutionException e) {
        return unexpected(e);
    }

    /**
     * Two writers of the same aggregate at the same moment ({@link ConcurrencyException}), or a stale
     * If-Match (Axon's {@link ConflictingModificationException}, which is not a ConcurrencyException).
     */
    @ExceptionHandler({ConcurrencyException.class, ConflictingModificationException.class})
    ProblemDetail concurrency(RuntimeException e) {
        return Problems.of(ErrorCode.CONCURRENT_MODIFICATION,
                "The resource was changed by someone else; read it again and retry with its new version");
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ProblemDetail aggregateNotFound(AggregateNotFoundException e) {
        return Problems.of(ErrorCode.NOT_FOUND, "No such resource");
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ProblemDetail invalid(MethodArgumentNotValidException e) {
        List<Map<String, String>> errors = new ArrayList<>();
        e.getBindingResult().getFieldErrors().forEach(f -> errors.add(Map.of("field", f.getField(),
                "message", String.valueOf(f.getDefaultMessage()))));
        e.getBindingResult().getGlobalErrors().forEach(g -> errors.add(Map.of("field", g.getObjectName(),
                "message", String.valueOf(g.getDefaultMessage()))));
        return Problems.withErrors(ruleCode(e.getBindingResult().getFieldErrors(),
                e.getBindingResult().getGlobalErrorCount()), "The request has invalid fields", errors);
    }

    /** The rule's own code when every invalid field breaks the same named rule, else VALIDATION_FAILED. */
    private static ErrorCode ruleCode(List<FieldError> fieldErrors, int globalErrors) {
        ErrorCode code = null;
        for (FieldError error : fieldErrors) {
            // nested fields (coverage.equipment[0].quantity) break the rule of their last segment
            String field = error.getField().substring(error.getField().lastIndexOf('.') + 1);
            String key = field + "/" + error.getCode();
            ErrorCode rule = RULE_CONSTRAINTS.get(key);
            if (rule == null || (code != null && code != rule)) {
                return ErrorCode.VALIDATION_FAILED;
            }
            code = rule;
        }
        return code == null || globalErrors > 0 ? ErrorCode.VALIDATION_FAILED : code;
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ProblemDetail invalidParameters(HandlerMethodValidationException e) {
        List<Map<String, String>> errors = new ArrayList<>();
        e.getParameterValidationResults().forEach(r -> r.getResolvableErrors().forEach(err -> errors.add(Map.of(
                "field", String.valueOf(r.getMethodParameter().getParameterName()),
                "message", String.valueOf(err.getDefaultMessage())))));
        return Problems.withErrors(ErrorCode.VALIDATION_FAILED, "The request has invalid parameters", errors);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        // a body cut at the size limit also fails to parse: the limit is the real reason, however deep
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c instanceof PayloadTooLargeException tooLarge) {
                return tooLarge(tooLarge);
            }
            if (c instanceof Utf8BodyFilter.MalformedUtf8Exception) {
                return Problems.of(ErrorCode.MALFORMED_REQUEST, "The body is not valid UTF-8; JSON is UTF-8 (RFC 8259)");
            }
        }
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof JacksonException json) {
                PayloadTooLargeException tooLarge = restOverLimit(request);
                if (tooLarge != null) {
                    return tooLarge(tooLarge);
                }
                JsonInputErrors.Refusal refusal = JsonInputErrors.describe(json);
                if (refusal.malformed()) {
                    return Problems.of(ErrorCode.MALFORMED_REQUEST, "The body is not valid JSON");
                }
                ErrorCode code = json instanceof UnrecognizedPropertyException ? ErrorCode.UNKNOWN_FIELD
                        : ErrorCode.VALIDATION_FAILED;
                String detail = code == ErrorCode.UNKNOWN_FIELD ? "Unknown field '" + refusal.field() + "'"
                        : "Invalid value for '" + refusal.field() + "'";
                return Problems.withErrors(code, detail,
                        List.of(Map.of("field", refusal.field(), "message", refusal.message())));
            }
        }
        return Problems.of(ErrorCode.MALFORMED_REQUEST, "The request body is missing or unreadable");
    }

    /**
     * The parser stops at the first value it refuses, before the end of a streamed body (no Content-Length,
     * so the size filter could not judge it up front): the rest is read, counted by the size filter, so that a
     * body over the limit is 413 whatever came first in it. A declared length was checked by the filter.
     */
    private static PayloadTooLargeException restOverLimit(HttpServletRequest request) {
        if (request.getContentLengthLong() >= 0) {
            return null;
        }
        try {
            InputStream body = request.getInputStream();
            byte[] buffer = new byte[8192];
            while (body.read(buffer) >= 0) {
                // counted by BodySizeLimitFilter, which throws once the limit is passed
            }
            return null;
        } catch (PayloadTooLargeException tooLarge) {
            return tooLarge;
        } catch (IOException | IllegalStateException unreadable) {
            return null;
        }
    }

    /** A path variable or query parameter that does not convert: "must be one of ...", "must be a date ...". */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        return Problems.withErrors(ErrorCode.VALIDATION_FAILED, "Invalid value for '" + e.getName() + "'",
                List.of(Map.of("field", e.getName(), "message", InputTypes.expected(e.getRequiredType()))));
    }

    /**
     * Spring Security's firewall checks parameter names and header values when they are first read, which
     * for the handler's own parameters is inside Spring MVC: a control character there is a malformed
     * request, as the firewall's refusals before MVC are (ServerErrorsConfiguration), not a defect. Its
     * message echoes the offending text, so it is not passed on.
     */
    @ExceptionHandler(RequestRejectedException.class)
    ProblemDetail rejected(RequestRejectedException e) {
        return Problems.of(ErrorCode.MALFORMED_REQUEST, "A parameter name or header value is not text: they "
                + StorableText.RULE);
    }

    /** A field refused by a rule of its own (unstorable text in a parameter, hours beyond the interval...). */
    @ExceptionHandler(InvalidFieldException.class)
    ProblemDetail invalidField(InvalidFieldException e) {
        return Problems.withErrors(e.code(), e.getMessage(),
                List.of(Map.of("field", e.field(), "message", e.getMessage())));
    }

    /** A query parameter Tomcat could not decode (invalid UTF-8 percent-encoding). */
    @ExceptionHandler(InvalidParameterException.class)
    ProblemDetail undecodableParameter(InvalidParameterException e) {
        return Problems.of(ErrorCode.MALFORMED_REQUEST, "A query parameter is not valid percent-encoded UTF-8");
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ProblemDetail missingHeader(MissingRequestHeaderException e) {
        return Problems.of(ErrorCode.VALIDATION_FAILED, "Missing header " + e.getHeaderName());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ProblemDetail unsupportedMediaType(HttpMediaTypeNotSupportedException e) {
        return Problems.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send application/json");
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ProblemDetail notAcceptable(HttpMediaTypeNotAcceptableException e) {
        ProblemDetail problem = Problems.of(ErrorCode.MALFORMED_REQUEST, "This API answers application/json");
        problem.setStatus(HttpStatus.NOT_ACCEPTABLE);
        problem.setTitle(HttpStatus.NOT_ACCEPTABLE.getReasonPhrase());
        return problem;
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ProblemDetail methodNotAllowed(HttpRequestMethodNotSupportedException e) {
        return Problems.of(ErrorCode.METHOD_NOT_ALLOWED, e.getMessage());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ProblemDetail noResource(NoResourceFoundException e) {
        return Problems.of(ErrorCode.NOT_FOUND, "No such resource");
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    ProblemDetail tooLarge(PayloadTooLargeException e) {
        return Problems.of(ErrorCode.PAYLOAD_TOO_LARGE, e.getMessage());
    }

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail accessDenied(AccessDeniedException e) {
        return Problems.of(ErrorCode.ROLE_NOT_ALLOWED, "Your role does not allow this");
    }

    /**
     * Anything else: a rule or a concurrent write found deeper in the cause chain, a database failure
     * (503 with Retry-After, see {@link DatabaseFailures}), or a defect (500). None of them stored anything.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof DomainException domain) {
                return ResponseEntity.status(Problems.status(domain.code())).body(domain(domain));
            }
            if (cause instanceof ConcurrencyException || cause instanceof ConflictingModificationException) {
                return ResponseEntity.status(HttpStatus.CONFLICT).body(concurrency((RuntimeException) cause));
            }
        }
        Optional<DatabaseFailures.Failure> database = DatabaseFailures.classify(e);
        if (database.isPresent()) {
            return database(e, database.get());
        }
        log.error("Unexpected failure", e);
        return ResponseEntity.internalServerError()
                .body(Problems.of(ErrorCode.INTERNAL_ERROR, "An unexpected error occurred; quote the correlation id to support"));
    }

    private static ResponseEntity<ProblemDetail> database(Exception e, DatabaseFailures.Failure failure) {
        if (failure.code() == ErrorCode.INTERNAL_ERROR) {
            log.error("Database failure: {}", failure.detail(), e);
        } else {
            log.warn("Refused with {}: {} ({})", failure.code(), failure.detail(), rootMessage(e));
        }
        ResponseEntity.BodyBuilder response = ResponseEntity.status(Problems.status(failure.code()));
        if (failure.retryAfter() != null) {
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(failure.retryAfter().toSeconds()));
        }
        return response.body(Problems.of(failure.code(), failure.detail()));
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
