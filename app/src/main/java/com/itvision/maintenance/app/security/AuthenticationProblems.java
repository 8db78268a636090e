package com.itvision.maintenance.app.security;

import com.itvision.maintenance.app.web.DatabaseFailures;
import com.itvision.maintenance.app.web.Problems;
import com.itvision.maintenance.kernel.common.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Every authentication failure as an RFC 9457 problem: 401 {@code UNAUTHENTICATED} with the challenge
 * of the scheme that failed; 429 {@code TOO_MANY_ATTEMPTS} with {@code Retry-After} for a throttled
 * sign-in; 503 {@code DATABASE_UNAVAILABLE} / {@code DATABASE_BUSY} with {@code Retry-After} and no
 * challenge when the directory could not be read (the credentials were never judged, so asking for
 * them again would be wrong); 500 for anything else that broke while authenticating.
 */
final class AuthenticationProblems implements AuthenticationEntryPoint {
    private static final Logger log = LoggerFactory.getLogger(AuthenticationProblems.class);

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        if (failure instanceof LoginThrottledException throttled) {
            long seconds = throttled.retryAfterSeconds();
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
            Problems.write(request, response, ErrorCode.TOO_MANY_ATTEMPTS,
                    "Too many failed sign-ins for this account or from this address; try again in " + seconds + " s");
            return;
        }
        if (failure instanceof InternalAuthenticationServiceException || failure instanceof AuthenticationServiceException) {
            Optional<DatabaseFailures.Failure> database = DatabaseFailures.classify(failure)
                    .filter(f -> f.retryAfter() != null);
            if (database.isPresent()) {
                log.warn("Authentication could not read the directory ({}): {}", database.get().code(),
                        rootMessage(failure));
                response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(database.get().retryAfter().toSeconds()));
                Problems.write(request, response, database.get().code(), database.get().detail());
                return;
            }
            log.error("Authentication failed unexpectedly", failure);
            Problems.write(request, response, ErrorCode.INTERNAL_ERROR, "Authentication failed unexpectedly");
            return;
        }
        boolean bearer = failure instanceof OAuth2AuthenticationException;
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE,
                bearer ? "Bearer error=\"invalid_token\"" : "Basic realm=\"maintenance\"");
        Problems.write(request, response, ErrorCode.UNAUTHENTICATED,
                bearer ? "The bearer token is invalid or expired" : "Authentication is required");
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
