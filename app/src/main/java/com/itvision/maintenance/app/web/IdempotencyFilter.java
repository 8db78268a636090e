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
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * {@code IDEMPOTENCY_KEY_IN_FLIGHT}. A 5xx answer releases the key so the request can be retried.
 */
@Component
public class IdempotencyFilter extends OncePerRequestFilter {
    public static final String HEADER = "Idempotency-Key";
    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final MaintenanceProperties properties;

    public IdempotencyFilter(JdbcClient jdbc, Clock clock, MaintenanceProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    private record Stored(String requestHash, Integer status, String location, String contentType, byte[] body) {
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
        }
        String principal = auth.getName();
        String hash = hash(request, body);
        Instant now = clock.instant();
        jdbc.sql("DELETE FROM idempotency_record WHERE principal = ? AND idem_key = ? AND created_at < ?")
                .params(principal, key, Timestamp.from(now.minus(properties.idempotency().retention())))
                .update();
        int claimed = jdbc.sql("""
                        INSERT INTO idempotency_record (principal, idem_key, request_hash, created_at)
                        VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                .params(principal, key, hash, Timestamp.from(now))
                .update();
        if (claimed == 0) {
            replay(request, response, principal, key, hash);
            return;
        }
        ContentCachingResponseWrapper recorder = new ContentCachingResponseWrapper(response);
        boolean completed = false;
        try {
            chain.doFilter(new Replayable(request, body), recorder);
            completed = true;
        } finally {
            remember(principal, key, recorder, completed);
            recorder.copyBodyToResponse();
        }
    }

    private void replay(HttpServletRequest request, HttpServletResponse response, String principal, String key,
                        String hash) throws IOException {
        Optional<Stored> stored = jdbc.sql("""
                        SELECT request_hash, status, location, content_type, body FROM idempotency_record
                        WHERE principal = ? AND idem_key = ?""")
                .params(principal, key)
                .query((rs, n) -> new Stored(rs.getString(1), (Integer) rs.getObject(2), rs.getString(3),
                        rs.getString(4), rs.getBytes(5)))
                .optional();
        if (stored.isEmpty()) {
            Problems.write(request, response, ErrorCode.IDEMPOTENCY_KEY_IN_FLIGHT,
                    "A request with this Idempotency-Key has just been released; retry");
            return;
        }
        Stored first = stored.get();
        if (!first.requestHash().equals(hash)) {
            Problems.write(request, response, ErrorCode.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was used for a different request");
            return;
        }
        if (first.status() == null) {
            Problems.write(request, response, ErrorCode.IDEMPOTENCY_KEY_IN_FLIGHT,
                    "The first request with this Idempotency-Key is still being processed; retry later");
            return;
        }
        response.setStatus(first.status());
        response.setHeader("Idempotency-Replayed", "true");
        if (first.location() != null) {
            response.setHeader("Location", first.location());
        }
        if (first.contentType() != null) {
            response.setContentType(first.contentType());
        }
        if (first.body() != null) {
            response.getOutputStream().write(first.body());
        }
    }

    private void remember(String principal, String key, ContentCachingResponseWrapper recorder, boolean completed) {
        try {
            int status = recorder.getStatus();
            if (!completed || status >= 500) {
                jdbc.sql("DELETE FROM idempotency_record WHERE principal = ? AND idem_key = ?")
                        .params(principal, key).update();
                return;
            }
            jdbc.sql("""
                            UPDATE idempotency_record SET status = ?, location = ?, content_type = ?, body = ?
                            WHERE principal = ? AND idem_key = ?""")
                    .params(status, recorder.getHeader("Location"), recorder.getContentType(),
                            recorder.getContentAsByteArray(), principal, key)
                    .update();
        } catch (RuntimeException e) {
            log.error("Could not record the response of Idempotency-Key {} for {}", key, principal, e);
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
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((request.getMethod() + " " + request.getRequestURI() + "?" + request.getQueryString() + "\n")
                    .getBytes(StandardCharsets.UTF_8));
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
