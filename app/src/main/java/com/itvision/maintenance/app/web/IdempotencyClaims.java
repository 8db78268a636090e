package com.itvision.maintenance.app.web;

import com.itvision.maintenance.command.support.CommandReceipt;
import com.itvision.maintenance.command.web.CommandDispatcher.Answer;
import com.itvision.maintenance.kernel.common.DomainException;
import com.itvision.maintenance.kernel.common.ErrorCode;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The records behind {@code Idempotency-Key} ({@code idempotency_record}) and how a claim on one is
 * settled. ADR 0009.
 *
 * <p>The first request with a key claims it (a row with a fresh {@code claim_id}, in its own short
 * transaction). The command it sends carries the claim in its metadata; inside the command's own
 * transaction, after its events are appended, {@link #handlerInterceptor()} marks the row committed with
 * a receipt of what was stored, and only if the claim is still that request's: a claim released in the
 * meantime fails the command, so a released key can never also commit. After the response is sent the
 * row keeps the response, to be replayed.
 *
 * <p>So when a retry finds a row without a response (the first request died, or its database went away
 * before it could record the answer), the row says what happened: committed → the response is rebuilt
 * from the receipt; not committed and older than the transaction limit → the command cannot commit any
 * more, the key is released and the retry runs; otherwise the first request may still be running
 * ({@code IDEMPOTENCY_KEY_IN_FLIGHT}).
 */
@Component
public class IdempotencyClaims {
    /** Request attribute holding the {@link Claim} of the request being processed. */
    static final String ATTRIBUTE = IdempotencyClaims.class.getName();
    private static final String METADATA = "idempotencyClaim";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    public IdempotencyClaims(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Claim(String principal, String key, String claimId) {
    }

    /** A record as a retry finds it. {@code status} null: no response recorded yet. */
    record Existing(String requestHash, Integer status, String location, String contentType, byte[] body,
                    Instant createdAt, String claimId, boolean committed, String receipt) {
    }

    /** A response recorded, or rebuilt from a receipt. */
    record Response(int status, String location, String contentType, byte[] body) {
    }

    /** Claims {@code key} for a new request, or returns the record that already holds it. */
    Optional<Existing> claim(String principal, String key, String hash, Instant now, Duration retention,
                             Consumer<Claim> onClaimed) {
        jdbc.sql("DELETE FROM idempotency_record WHERE principal = ? AND idem_key = ? AND created_at < ?")
                .params(principal, key, Timestamp.from(now.minus(retention)))
                .update();
        String claimId = UUID.randomUUID().toString();
        int claimed = jdbc.sql("""
                        INSERT INTO idempotency_record (principal, idem_key, request_hash, created_at, claim_id)
                        VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                .params(principal, key, hash, Timestamp.from(now), claimId)
                .update();
        if (claimed == 1) {
            onClaimed.accept(new Claim(principal, key, claimId));
            return Optional.empty();
        }
        return jdbc.sql("""
                        SELECT request_hash, status, location, content_type, body, created_at, claim_id,
                               committed_at IS NOT NULL, receipt
                        FROM idempotency_record WHERE principal = ? AND idem_key = ?""")
                .params(principal, key)
                .query((rs, n) -> new Existing(rs.getString(1), (Integer) rs.getObject(2), rs.getString(3),
                        rs.getString(4), rs.getBytes(5), rs.getTimestamp(6).toInstant(), rs.getString(7),
                        rs.getBoolean(8), rs.getString(9)))
                .optional()
                // released between our insert and this read: report it as in flight, the caller retries
                .or(() -> Optional.of(new Existing(hash, null, null, null, null, now, null, false, null)));
    }

    /**
     * Releases the claim {@code claimId} if its command never committed. A command still running finds its
     * claim gone and fails instead of committing. True when released.
     */
    boolean releaseUncommitted(String principal, String key, String claimId) {
        return jdbc.sql("""
                        DELETE FROM idempotency_record WHERE principal = ? AND idem_key = ? AND claim_id = ?
                        AND status IS NULL AND committed_at IS NULL""")
                .params(principal, key, claimId)
                .update() == 1;
    }

    /** Keeps {@code response} as the answer to replay. */
    void record(Claim claim, Response response) {
        jdbc.sql("""
                        UPDATE idempotency_record SET status = ?, location = ?, content_type = ?, body = ?
                        WHERE principal = ? AND idem_key = ? AND claim_id = ?""")
                .params(response.status(), response.location(), response.contentType(), response.body(),
                        claim.principal(), claim.key(), claim.claimId())
                .update();
    }

    /** The response rebuilt from a committed record's receipt, if it has one. */
    Optional<Response> committedResponse(String principal, String key) {
        return jdbc.sql("SELECT receipt FROM idempotency_record WHERE principal = ? AND idem_key = ? AND committed_at IS NOT NULL")
                .params(principal, key).query(String.class).optional().flatMap(this::rebuild);
    }

    Optional<Response> rebuild(String receiptJson) {
        return Optional.ofNullable(receiptJson).map(JSON::readTree).map(this::response);
    }

    private Response response(JsonNode receipt) {
        String id = receipt.path("id").asString();
        String location = receipt.path("location").isMissingNode() || receipt.path("location").isNull() ? null
                : receipt.path("location").asString();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        jdbc.sql("SELECT number FROM aggregate_registry WHERE aggregate_id = ?").param(id).query(String.class)
                .optional().ifPresent(number -> body.put("number", number));
        if (receipt.hasNonNull("version")) {
            body.put("version", receipt.path("version").asLong());
        }
        if (receipt.hasNonNull("position")) {
            body.put("position", receipt.path("position").asLong());
        }
        body.put("events", JSON.convertValue(receipt.path("events"), List.class));
        return new Response(location != null ? 201 : 200, location, "application/json",
                JSON.writeValueAsBytes(body));
    }

    /** Adds the current request's claim, if any, to every command it sends. */
    public MessageDispatchInterceptor<CommandMessage<?>> dispatchInterceptor() {
        return messages -> (index, command) -> {
            RequestAttributes request = RequestContextHolder.getRequestAttributes();
            Object claim = request == null ? null : request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
            if (!(claim instanceof Claim c) || command.getMetaData().containsKey(METADATA)) {
                return command;
            }
            return command.andMetaData(Map.of(METADATA, c.principal() + "\n" + c.key() + "\n" + c.claimId()));
        };
    }

    /**
     * Settles the claim in the command's transaction. Register it before {@link CommandReceipt}'s
     * interceptor: its step then runs after the receipt has located the command's events.
     */
    public MessageHandlerInterceptor<CommandMessage<?>> handlerInterceptor() {
        return (unitOfWork, chain) -> {
            Object result = chain.proceed();
            Object claim = unitOfWork.getMessage().getMetaData().get(METADATA);
            if (unitOfWork.isRoot() && claim != null && result instanceof CommandReceipt receipt) {
                String[] parts = claim.toString().split("\n", 3);
                Answer answer = Answer.from(unitOfWork.getMessage().getMetaData()).orElse(null);
                unitOfWork.onPrepareCommit(u -> markCommitted(new Claim(parts[0], parts[1], parts[2]), receipt, answer));
            }
            return result;
        };
    }

    private void markCommitted(Claim claim, CommandReceipt receipt, Answer answer) {
        Map<String, Object> stored = new HashMap<>();
        if (answer != null) {
            stored.put("id", answer.id());
            stored.put("location", answer.location());
            receipt.version(answer.versionOf()).ifPresent(version -> stored.put("version", version));
        }
        stored.put("position", receipt.position());
        stored.put("events", receipt.eventTypes());
        int marked = jdbc.sql("""
                        UPDATE idempotency_record SET committed_at = now(), receipt = ?
                        WHERE principal = ? AND idem_key = ? AND claim_id = ?""")
                .params(JSON.writeValueAsString(stored), claim.principal(), claim.key(), claim.claimId())
                .update();
        if (marked == 0) {
            throw DomainException.rule(ErrorCode.IDEMPOTENCY_KEY_IN_FLIGHT, "This request's Idempotency-Key was "
                    + "released while it ran (it outlived the transaction limit); a retry with the key owns it now");
        }
    }
}
