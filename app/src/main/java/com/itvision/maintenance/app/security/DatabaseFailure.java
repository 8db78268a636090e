package com.itvision.maintenance.app.security;

import com.itvision.maintenance.kernel.common.ErrorCode;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Recognises, in a cause chain, that PostgreSQL could not be reached ({@code DATABASE_UNAVAILABLE}) or
 * did not answer in time ({@code DATABASE_BUSY}), so authentication answers 503 with Retry-After
 * instead of 401 (the caller's credentials were never judged).
 */
final class DatabaseFailure {
    private DatabaseFailure() {
    }

    static Optional<ErrorCode> of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof QueryTimeoutException || t instanceof PessimisticLockingFailureException
                    || t instanceof CannotAcquireLockException) {
                return Optional.of(ErrorCode.DATABASE_BUSY);
            }
            if (t instanceof SQLTransientConnectionException pool) {
                // Hikari's "connection is not available": with the server's refusal as cause it is down,
                // without one every pooled connection is in use
                return Optional.of(pool.getCause() == null ? ErrorCode.DATABASE_BUSY : ErrorCode.DATABASE_UNAVAILABLE);
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                        || state.equals("57P03")) {
                    return Optional.of(ErrorCode.DATABASE_UNAVAILABLE);
                }
                if (state.equals("57014") || state.equals("55P03") || state.equals("40001") || state.equals("40P01")) {
                    return Optional.of(ErrorCode.DATABASE_BUSY);
                }
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DataAccessResourceFailureException || t instanceof CannotCreateTransactionException) {
                return Optional.of(ErrorCode.DATABASE_UNAVAILABLE);
            }
        }
        return Optional.empty();
    }
}
