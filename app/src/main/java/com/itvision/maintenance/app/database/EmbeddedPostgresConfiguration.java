package com.itvision.maintenance.app.database;

import com.itvision.maintenance.app.MaintenanceProperties;
import java.io.IOException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With no {@code spring.datasource.url} (env {@code SPRING_DATASOURCE_URL}), starts an embedded
 * PostgreSQL 17 whose cluster lives in {@code maintenance.embedded-db.data-dir} and survives restarts
 * (durable, password-protected, loopback only: {@link EmbeddedPostgresServer}, ADR 0010).
 * Hikari, Flyway and jOOQ stay Boot-managed: they only see a {@link JdbcConnectionDetails}, so the pool is
 * closed before the server stops.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
public class EmbeddedPostgresConfiguration {

    /** The server {@link EmbeddedPostgresEarlyStart} began starting with the context, else one started now. */
    @Bean(destroyMethod = "close")
    EmbeddedPostgresServer embeddedPostgres(MaintenanceProperties properties,
                                            ObjectProvider<EmbeddedPostgresEarlyStart.Starting> early)
            throws IOException {
        EmbeddedPostgresEarlyStart.Starting starting = early.getIfAvailable();
        EmbeddedPostgresServer server = starting == null ? null : starting.takeFor(properties.embeddedDb());
        return server != null ? server : EmbeddedPostgresServer.start(properties.embeddedDb());
    }

    @Bean
    JdbcConnectionDetails embeddedConnectionDetails(EmbeddedPostgresServer server) {
        return new JdbcConnectionDetails() {
            @Override
            public String getUsername() {
                return server.username();
            }

            @Override
            public String getPassword() {
                return server.password();
            }

            @Override
            public String getJdbcUrl() {
                return server.jdbcUrl();
            }
        };
    }
}
