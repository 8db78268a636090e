package com.itvision.maintenance.app.database;

import com.itvision.maintenance.app.MaintenanceProperties;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Caps every application session so no transaction can stay open longer than Axon's gap timeout
 * (a late commit below the tracking token would be skipped forever, see ADR 0002). Works on the
 * embedded and on external servers: {@code transaction_timeout} is only set on PostgreSQL 17+.
 * Flyway's own connection (not a pooled one) is exempt, so long migrations are not cut. A lock wait is cut sooner
 * ({@code lock_timeout}): a command queued behind a stuck transaction answers 503 DATABASE_BUSY in
 * seconds rather than holding its thread and connection for the whole statement limit.
 */
@Configuration(proxyBeanMethods = false)
public class SessionLimitsConfiguration {

    @Bean
    static BeanPostProcessor hikariSessionLimits(org.springframework.beans.factory.ObjectProvider<MaintenanceProperties> properties) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof HikariDataSource hikari && hikari.getConnectionInitSql() == null) {
                    MaintenanceProperties.Database db = properties.getObject().database();
                    hikari.setConnectionInitSql(initSql(db.statementTimeout(), db.idleInTransactionTimeout(),
                            db.transactionTimeout(), db.lockTimeout()));
                }
                return bean;
            }
        };
    }

    /**
     * Flyway migrates on a connection of its own, outside the pool, without the limits. It used to borrow
     * pooled connections and run its unlimited init SQL on them, which they kept when returned to the pool:
     * commands on those connections then had no statement, lock or transaction limit at all.
     */
    @Bean
    FlywayConfigurationCustomizer flywayOnItsOwnConnectionWithoutSessionLimits(JdbcConnectionDetails database,
                                                                              Environment environment) {
        return configuration -> {
            if (environment.getProperty("spring.flyway.url", "").isBlank()) {
                configuration.dataSource(database.getJdbcUrl(), database.getUsername(), database.getPassword());
            }
            configuration.initSql(initSql(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO));
        };
    }

    static String initSql(Duration statement, Duration idle, Duration transaction, Duration lock) {
        return "SELECT set_config('statement_timeout', '" + statement.toMillis() + "', false), "
                + "set_config('lock_timeout', '" + lock.toMillis() + "', false), "
                + "set_config('idle_in_transaction_session_timeout', '" + idle.toMillis() + "', false), "
                + "CASE WHEN current_setting('server_version_num')::int >= 170000 "
                + "THEN set_config('transaction_timeout', '" + transaction.toMillis() + "', false) END";
    }
}
