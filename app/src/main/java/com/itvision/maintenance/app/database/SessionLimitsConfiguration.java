package com.itvision.maintenance.app.database;

import com.itvision.maintenance.app.MaintenanceProperties;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.flyway.autoconfigure.FlywayConnectionDetails;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Caps every application session so no transaction can stay open longer than Axon's gap timeout
 * (a late commit below the tracking token would be skipped forever, see ADR 0002). Works on the
 * embedded and on external servers: {@code transaction_timeout} is set on PostgreSQL 17+, and on 15/16 the
 * {@link TransactionWatchdog} ends overlong transactions (ADR 0010). The pool's sessions are named
 * {@value #APPLICATION_NAME} ({@code application_name}) so the watchdog can tell them apart.
 * Flyway gets connections of its own, outside the pool and without limits, so long migrations are not cut
 * and no unlimited session is left behind in the pool. A lock wait is cut sooner ({@code lock_timeout}): a
 * command queued behind a stuck transaction answers 503 DATABASE_BUSY in seconds (ADR 0009).
 */
@Configuration(proxyBeanMethods = false)
public class SessionLimitsConfiguration {
    /** The pool's {@code application_name}, unless a data-source property or the URL names it otherwise. */
    static final String APPLICATION_NAME = "maintenance";

    @Bean
    static BeanPostProcessor hikariSessionLimits(ObjectProvider<MaintenanceProperties> properties) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof HikariDataSource hikari) {
                    if (hikari.getConnectionInitSql() == null) {
                        MaintenanceProperties.Database db = properties.getObject().database();
                        hikari.setConnectionInitSql(initSql(db.statementTimeout(), db.idleInTransactionTimeout(),
                                db.transactionTimeout(), db.lockTimeout()));
                    }
                    if (hikari.getDataSourceProperties().getProperty("ApplicationName") == null) {
                        hikari.addDataSourceProperty("ApplicationName", APPLICATION_NAME);
                    }
                }
                return bean;
            }
        };
    }

    @Bean
    FlywayConfigurationCustomizer flywayWithoutSessionLimits() {
        return configuration -> configuration.initSql(initSql(Duration.ZERO, Duration.ZERO, Duration.ZERO,
                Duration.ZERO));
    }

    /**
     * Without it Flyway borrows from the pool, and its unlimited session (the init SQL above) goes back to the
     * pool for commands to use. A configured {@code spring.flyway.url} or {@code user} keeps precedence.
     */
    @Bean
    @ConditionalOnExpression("'${spring.flyway.url:}'.isEmpty() and '${spring.flyway.user:}'.isEmpty()")
    FlywayConnectionDetails flywayOwnConnections(JdbcConnectionDetails application) {
        return new FlywayConnectionDetails() {
            @Override
            public String getUsername() {
                return application.getUsername();
            }

            @Override
            public String getPassword() {
                return application.getPassword();
            }

            @Override
            public String getJdbcUrl() {
                return application.getJdbcUrl();
            }

            @Override
            public String getDriverClassName() {
                return application.getDriverClassName();
            }
        };
    }

    @Bean
    TransactionWatchdog transactionWatchdog(DataSource dataSource, JdbcConnectionDetails connectionDetails,
                                            MaintenanceProperties properties) {
        return new TransactionWatchdog(dataSource, connectionDetails, properties.database());
    }

    static String initSql(Duration statement, Duration idle, Duration transaction, Duration lock) {
        return "SELECT set_config('statement_timeout', '" + statement.toMillis() + "', false), "
                + "set_config('lock_timeout', '" + lock.toMillis() + "', false), "
                + "set_config('idle_in_transaction_session_timeout', '" + idle.toMillis() + "', false), "
                + "CASE WHEN current_setting('server_version_num')::int >= 170000 "
                + "THEN set_config('transaction_timeout', '" + transaction.toMillis() + "', false) END";
    }
}
