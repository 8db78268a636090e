package com.itvision.maintenance.app.web;

import com.itvision.maintenance.app.database.VerifiedCommitTransactionManager.SilentRollbackException;
import com.itvision.maintenance.kernel.common.ErrorCode;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * What a database failure means for the caller, read from the cause chain (Axon, Spring and Hikari wrap
 * the driver's exception at various depths) and PostgreSQL's SQLSTATE. In every case the command's
 * transaction did not commit, so nothing was stored:
 * <ul>
 *   <li>{@code DATABASE_UNAVAILABLE} (503, retry in 5 s): no connection could be had in time, the
 *       connection broke, the server is shutting down or out of resources;</li>
 *   <li>{@code DATABASE_BUSY} (503, retry in 1 s): a lock held by another transaction, a statement or
 *       transaction time limit, a deadlock or serialization failure, every pooled connection in use;</li>
 *   <li>{@code VALIDATION_FAILED} (400): a value PostgreSQL cannot store (SQLSTATE class 22);</li>
 *   <li>{@code CONCURRENT_MODIFICATION} (409): a concurrent transaction took the same unique key;</li>
 *   <li>{@code INTERNAL_ERROR} (500): a transaction that had already failed (a swallowed error).</li>
 * </ul>
 */
public final class DatabaseFailures {
    private DatabaseFailures() {
    }

    /** @param retryAfter null when retrying the same request cannot help */
    public record Failure(ErrorCode code, String detail, Duration retryAfter) {
    }

    private static final Failure UNAVAILABLE = new Failure(ErrorCode.DATABASE_UNAVAILABLE,
            "The database cannot be reached; nothing was changed. Retry later", Duration.ofSeconds(5));

    public static Optional<Failure> classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SilentRollbackException) {
                return Optional.of(new Failure(ErrorCode.INTERNAL_ERROR,
                        "A step of this change failed, so nothing was changed; quote the correlation id to support",
                        null));
            }
            if (t instanceof SQLTransientConnectionException pool && pool.getCause() == null) {
                // Hikari's "connection is not available" without a refusal from the server: the server is
                // fine, every pooled connection is in use
                return Optional.of(busy("no database connection became free in time"));
            }
            if (t instanceof SQLTransientConnectionException || t instanceof ConnectException) {
                return Optional.of(UNAVAILABLE);
            }
            if (t instanceof QueryTimeoutException) {
                return Optional.of(busy("a database statement took longer than its time limit"));
            }
            if (t instanceof PessimisticLockingFailureException) {
                return Optional.of(busy("it waited too long for a lock held by another change"));
            }
            if (t instanceof SQLException sql) {
                for (SQLException e = sql; e != null; e = e.getNextException()) {
                    Optional<Failure> known = bySqlState(e.getSQLState());
                    if (known.isPresent()) {
                        return known;
                    }
                }
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CannotGetJdbcConnectionException || t instanceof DataAccessResourceFailureException
                    || t instanceof CannotCreateTransactionException) {
                return Optional.of(UNAVAILABLE);
            }
        }
        return Optional.empty();
    }

    static Optional<Failure> bySqlState(String state) {
        if (state == null || state.length() != 5) {
            return Optional.empty();
        }
        String type = state.substring(0, 2);
        if (type.equals("08") || type.equals("53") || state.equals("57P01") || state.equals("57P02")
                || state.equals("57P03")) {
            return Optional.of(UNAVAILABLE);
        }
        return Optional.ofNullable(switch (state) {
            case "55P03" -> busy("it waited too long for a lock held by another change");
            case "57014" -> busy("a database statement took longer than its time limit");
            case "25P03", "25P04" -> busy("its database transaction took longer than its time limit");
            case "40001", "40P01" -> busy("it conflicted with a concurrent change");
            case "23505" -> new Failure(ErrorCode.CONCURRENT_MODIFICATION,
                    "A concurrent change took the same key; nothing was changed. Read again and retry", null);
            case "25P02" -> new Failure(ErrorCode.INTERNAL_ERROR,
                    "A step of this change failed, so nothing was changed; quote the correlation id to support", null);
            default -> type.equals("22") ? new Failure(ErrorCode.VALIDATION_FAILED,
                    "A value of the request is not valid for the database (SQLSTATE " + state + "); nothing was changed", null)
                    : null;
        });
    }

    private static Failure busy(String why) {
        return new Failure(ErrorCode.DATABASE_BUSY, "Nothing was changed: " + why + ". Retry", Duration.ofSeconds(1));
    }
}
