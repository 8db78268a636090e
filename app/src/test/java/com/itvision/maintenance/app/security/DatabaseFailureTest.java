package com.itvision.maintenance.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.kernel.common.ErrorCode;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;

/** Which failures while signing in are the database's (503) and which are defects (500). */
class DatabaseFailureTest {

    private static InternalAuthenticationServiceException wrapped(Throwable cause) {
        return new InternalAuthenticationServiceException("while signing in", cause);
    }

    @Test
    void a_server_that_cannot_be_reached_is_unavailable() {
        SQLTransientConnectionException poolGaveUp = new SQLTransientConnectionException(
                "Connection is not available, request timed out after 3000ms", "08001",
                new SQLException("Connection refused", "08001", new ConnectException("refused")));
        assertThat(DatabaseFailure.of(wrapped(new CannotGetJdbcConnectionException("no connection", poolGaveUp))))
                .contains(ErrorCode.DATABASE_UNAVAILABLE);
        assertThat(DatabaseFailure.of(wrapped(new SQLException("I/O error", "08006"))))
                .contains(ErrorCode.DATABASE_UNAVAILABLE);
        assertThat(DatabaseFailure.of(wrapped(new SQLException("terminating connection", "57P01"))))
                .contains(ErrorCode.DATABASE_UNAVAILABLE);
    }

    @Test
    void a_server_that_does_not_answer_in_time_or_a_full_pool_is_busy() {
        assertThat(DatabaseFailure.of(wrapped(new QueryTimeoutException("statement timeout"))))
                .contains(ErrorCode.DATABASE_BUSY);
        assertThat(DatabaseFailure.of(wrapped(new SQLException("canceling statement", "57014"))))
                .contains(ErrorCode.DATABASE_BUSY);
        assertThat(DatabaseFailure.of(wrapped(new CannotGetJdbcConnectionException("no connection",
                new SQLTransientConnectionException("Connection is not available (total=20, active=20)")))))
                .as("every pooled connection in use, the server fine").contains(ErrorCode.DATABASE_BUSY);
    }

    @Test
    void anything_else_is_not_the_databases_availability() {
        assertThat(DatabaseFailure.of(wrapped(new BadSqlGrammarException("select", "SELECT nope",
                new SQLException("syntax error", "42601"))))).isEmpty();
        assertThat(DatabaseFailure.of(wrapped(new NullPointerException()))).isEmpty();
    }
}
