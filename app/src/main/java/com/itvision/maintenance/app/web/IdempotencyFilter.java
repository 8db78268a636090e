package com.itvision.maintenance.app.web;

import com.itvision.maintenance.app.MaintenanceProperties;
import com.itvision.maintenance.kernel.common.ErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * {@code Idempotency-Key} on POST and PUT: the first request with a key runs and its response (any
 * status below 500) is kept for {@code maintenance.idempotency.retention}; the same key with the same
 * method, path and body replays that response ({@code Idempotency-Replayed: true}) and stores nothing;
 * with a different request it is refused with 409 {@code IDEMPOTENCY_KEY_REUSED}. Keys are scoped to
 * the authenticated user. A second request arriving while the first is still running gets 409
 * {@code IDEMPOTENCY_KEY_IN_FLIGHT}. A 5xx answer whose command did not commit releases the key so the
 * request can be retried; one whose command did commit (the database went away after the commit) is
 * answered on retry with the response rebuilt from what was stored. A first request that died
 * (crash, kill) leaves its key in flight only until the transaction limit has passed: then the
 * record itself tells whether its command committed (see {@link IdempotencyClaims}).
 */
@Component
public class IdempotencyFilter extends OncePerRequestFilter {
    public static final String HEADER = "Idempotency-Key";
    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);

    private final IdempotencyClaims claims;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final MaintenanceProperties properties;

    public IdempotencyFilter(IdempotencyClaims claims, JdbcClient jdbc, Clock clock, MaintenanceProperties properties) {
        this.claims = claims;
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        return request.getHeader(HEADER) == null || !("POST".equals(method) || "PUT".equals(method))
                || !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        String key = request.getHeader(HEADER).strip();
        if (auth == null || !auth.isAuthenticated()) {
            chain.doFilter(request, response);
            return;
        }
        if (key.isEmpty() || key.length() > 200) {
            Problems.write(request, response, ErrorCode.VALIDATION_FAILED, "Idempotency-Key must be 1 to 200 characters");
            return;
        }
        byte[] body;
        try {
            body = request.getInputStream().readAllBytes();
        } catch (PayloadTooLargeException e) {
            Problems.write(request, response, ErrorCode.PAYLOAD_TOO_LARGE, e.getMessage());
            return;
        } catch (Utf8BodyFilter.MalformedUtf8Exception e) {
            Problems.write(request, response, ErrorCode.MALFORMED_REQUEST, "The body is not valid UTF-8; JSON is UTF-8 "
                    + "(RFC 8259)");
            return;
        }
        String principal = auth.getName();
        String hash = hash(request, body);
        try {
            IdempotencyClaims.Claim[] mine = new IdempotencyClaims.Claim[1];
            Optional<IdempotencyClaims.Existing> existing = claim(principal, key, hash, c -> mine[0] = c);
            if (existing.isPresent() && releasedAfterItsTime(principal, key, hash, existing.get())) {
                existing = claim(principal, key, hash, c -> mine[0] = c);
            }
            if (existing.isPresent()) {
                replay(request, response, principal, key, hash, existing.get());
                return;
            }
            run(request, response, chain, body, mine[0]);
        } catch (DataAccessException e) {
            // the idempotency record itself could not be read or written: nothing ran, nothing was stored
            DatabaseFailures.Failure failure = DatabaseFailures.classify(e).orElseThrow(() -> e);
            log.warn("Idempotency-Key {} of {}: {} ({})", key, principal, failure.code(), e.getMessage());
            if (failure.retryAfter() != null) {
                response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(failure.retryAfter().toSeconds()));
            }
            Problems.write(request, response, failure.code(), failure.detail());
        }
    }

    private Optional<IdempotencyClaims.Existing> claim(String principal, String key, String hash,
                                                       Consumer<IdempotencyClaims.Claim> onClaimed) {
        return claims.claim(principal, key, hash, clock.instant(), properties.idempotency().retention(), onClaimed);
    }

    /**
     * A record without a response, older than the longest a transaction may last, and not committed: its
     * request died before its command could commit, and its command can no longer commit (it would find
     * its claim gone). Released, so that this retry runs.
     */
    private boolean releasedAfterItsTime(String principal, String key, String hash, IdempotencyClaims.Existing record) {
        boolean abandoned = record.status() == null && !record.committed() && record.claimId() != null
                && record.requestHash().equals(hash)
                && record.createdAt().isBefore(clock.instant().minus(properties.database().transactionTimeout()));
        if (abandoned && claims.releaseUncommitted(principal, key, record.claimId())) {
            log.warn("Idempotency-Key {} of {} released: its first request, started {}, never committed",
                    key, principal, record.createdAt());
            return true;
        }
        return false;
    }

    private void run(HttpServletRequest request, HttpServletResponse response, FilterChain chain, byte[] body,
                     IdempotencyClaims.Claim claim) throws ServletException, IOException {
        request.setAttribute(IdempotencyClaims.ATTRIBUTE, claim);
        ContentCachingResponseWrapper recorder = new ContentCachingResponseWrapper(response);
        boolean completed = false;
        try {
            chain.doFilter(new Replayable(request, body), recorder);
            completed = true;
        } finally {
            settle(claim, recorder, completed);
            recorder.copyBodyToResponse();
        }
    }

    /**
     * After the request: its response is kept for replays; a failure (5xx, or an exception) releases the
     * key unless its command committed anyway, whose response is then rebuilt from the receipt. If even
     * that fails (the database is gone), the record stays in flight and the next retry settles it.
     */
    private void settle(IdempotencyClaims.Claim claim, ContentCachingResponseWrapper recorder, boolean completed) {
        try {
            int status = recorder.getStatus();
            if (completed && status < 500) {
                claims.record(claim, new IdempotencyClaims.Response(status, recorder.getHeader("Location"),
                        recorder.getContentType(), recorder.getContentAsByteArray()));
            } else if (!claims.releaseUncommitted(claim.principal(), claim.key(), claim.claimId())) {
                claims.committedResponse(claim.principal(), claim.key()).ifPresent(rebuilt -> {
                    log.warn("Idempotency-Key {} of {}: the command committed but its answer failed ({}); a retry "
                            + "gets the stored result", claim.key(), claim.principal(), status);
                    claims.record(claim, rebuilt);
                });
            }
        } catch (RuntimeException e) {
            log.error("Could not settle Idempotency-Key {} for {}", claim.key(), claim.principal(), e);
        }
    }

    private void replay(HttpServletRequest request, HttpServletResponse response, String principal, String key,
                        String hash, IdempotencyClaims.Existing first) throws IOException {
        if (!first.requestHash().equals(hash)) {
            Problems.write(request, response, ErrorCode.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was used for a different request");
            return;
        }
        Optional<IdempotencyClaims.Response> answer = first.status() != null
                ? Optional.of(new IdempotencyClaims.Response(first.status(), first.location(), first.contentType(),
                        first.body()))
                : first.committed() ? claims.rebuild(first.receipt()) : Optional.empty();
        if (answer.isEmpty()) {
            Problems.write(request, response, ErrorCode.IDEMPOTENCY_KEY_IN_FLIGHT,
                    "The first request with this Idempotency-Key is still being processed; retry later");
            return;
        }
        IdempotencyClaims.Response stored = answer.get();
        response.setStatus(stored.status());
        response.setHeader("Idempotency-Replayed", "true");
        if (stored.location() != null) {
            response.setHeader("Location", stored.location());
        }
        if (stored.contentType() != null) {
            response.setContentType(stored.contentType());
        }
        if (stored.body() != null) {
            response.getOutputStream().write(stored.body());
        }
    }

    /** Forgets keys past their retention; the filter also ignores them on arrival. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    public void purgeExpired() {
        int purged = jdbc.sql("DELETE FROM idempotency_record WHERE created_at < ?")
                .param(Timestamp.from(clock.instant().minus(properties.idempotency().retention())))
                .update();
        if (purged > 0) {
            log.info("Purged {} expired idempotency records", purged);
        }
    }

    private static String hash(HttpServletRequest request, byte[] body) {
        return hash(request.getMethod(), request.getRequestURI(), request.getQueryString(), body);
    }

    /** What makes two requests "the same request": method, path, query and body. */
    static String hash(String method, String path, String query, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((method + " " + path + "?" + query + "\n").getBytes(StandardCharsets.UTF_8));
            sha.update(body);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Serves the already-read body to the rest of the chain. */
    private static final class Replayable extends HttpServletRequestWrapper {
        private final byte[] body;

        Replayable(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous only");
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
