package com.itvision.maintenance.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.app.database.VerifiedCommitTransactionManager.SilentRollbackException;
import com.itvision.maintenance.kernel.common.ErrorCode;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;

/** Which failures are the database's availability (503) and which are not (a defect, or the request). */
class DatabaseFailuresTest {

    private static Optional<ErrorCode> code(Throwable failure) {
        return DatabaseFailures.classify(failure).map(DatabaseFailures.Failure::code);
    }

    private static InternalAuthenticationServiceException wrapped(Throwable cause) {
        return new InternalAuthenticationServiceException("while signing in", cause);
    }

    @Test
    void a_server_that_cannot_be_reached_is_unavailable() {
        SQLTransientConnectionException poolGaveUp = new SQLTransientConnectionException(
                "Connection is not available, request timed out after 3000ms", "08001",
                new SQLException("Connection refused", "08001", new ConnectException("refused")));
        assertThat(code(wrapped(new CannotGetJdbcConnectionException("no connection", poolGaveUp))))
                .contains(ErrorCode.DATABASE_UNAVAILABLE);
        assertThat(code(wrapped(new SQLException("I/O error", "08006"))))
                .contains(ErrorCode.DATABASE_UNAVAILABLE);
        assertThat(code(wrapped(new SQLException("terminating connection", "57P01"))))
                .contains(ErrorCode.DATABASE_UNAVAILABLE);
    }

    @Test
    void a_server_that_does_not_answer_in_time_or_a_full_pool_is_busy() {
        assertThat(code(wrapped(new QueryTimeoutException("statement timeout"))))
                .contains(ErrorCode.DATABASE_BUSY);
        assertThat(code(wrapped(new SQLException("canceling statement", "57014"))))
                .contains(ErrorCode.DATABASE_BUSY);
        assertThat(code(wrapped(new CannotGetJdbcConnectionException("no connection",
                new SQLTransientConnectionException("Connection is not available (total=20, active=20)")))))
                .as("every pooled connection in use, the server fine").contains(ErrorCode.DATABASE_BUSY);
    }

    @Test
    void anything_else_is_not_the_databases_availability() {
        assertThat(code(wrapped(new BadSqlGrammarException("select", "SELECT nope",
                new SQLException("syntax error", "42601"))))).isEmpty();
        assertThat(code(wrapped(new NullPointerException()))).isEmpty();
    }

    @Test
    void a_value_postgresql_cannot_store_is_the_request_s_fault_and_a_swallowed_failure_a_defect() {
        assertThat(code(new SQLException("invalid byte sequence for encoding UTF8: 0x00", "22021")))
                .contains(ErrorCode.VALIDATION_FAILED);
        assertThat(code(new SQLException("current transaction is aborted", "25P02"))).contains(ErrorCode.INTERNAL_ERROR);
        assertThat(code(new SilentRollbackException()))
                .contains(ErrorCode.INTERNAL_ERROR);
        assertThat(DatabaseFailures.classify(new SQLException("canceling statement due to lock timeout", "55P03"))
                .orElseThrow().retryAfter()).hasSeconds(1);
    }
}
