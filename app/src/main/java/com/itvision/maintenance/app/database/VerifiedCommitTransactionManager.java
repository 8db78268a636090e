package com.itvision.maintenance.app.database;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;
import org.springframework.jdbc.datasource.JdbcTransactionObjectSupport;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * The transaction manager of every transaction in the application: commands, projections, the
 * idempotency records. It refuses to commit a transaction that PostgreSQL has already aborted.
 *
 * <p>After any failed statement PostgreSQL aborts the transaction and answers a later COMMIT with
 * ROLLBACK, which pgjdbc (42.7) reports as a successful commit. A handler that caught and swallowed a
 * database error would then let the command answer 2xx for events that were never stored. Here the
 * driver's own record of the transaction state (kept from the server's ReadyForQuery messages, no round
 * trip) is checked first: a failed transaction is rolled back and the commit throws
 * {@link SilentRollbackException}, so the caller learns that nothing was stored. ADR 0009.
 */
public class VerifiedCommitTransactionManager extends JdbcTransactionManager {

    public VerifiedCommitTransactionManager(DataSource dataSource) {
        super(dataSource);
        // the connection goes back to the pool rolled back, not with a failed transaction still open
        setRollbackOnCommitFailure(true);
    }

    @Override
    protected void doCommit(DefaultTransactionStatus status) {
        if (status.getTransaction() instanceof JdbcTransactionObjectSupport transaction
                && transaction.hasConnectionHolder() && failed(transaction.getConnectionHolder().getConnection())) {
            throw new SilentRollbackException();
        }
        super.doCommit(status);
    }

    private static boolean failed(Connection connection) {
        try {
            return connection.isWrapperFor(BaseConnection.class)
                    && connection.unwrap(BaseConnection.class).getTransactionState() == TransactionState.FAILED;
        } catch (SQLException e) {
            return false;
        }
    }

    /** A COMMIT that PostgreSQL would have turned into a ROLLBACK: a statement of the transaction failed. */
    public static final class SilentRollbackException extends TransactionSystemException {
        public SilentRollbackException() {
            super("A statement of this transaction failed, so PostgreSQL aborted it: nothing was committed");
        }
    }
}
