package com.itvision.maintenance.app.demo;

import com.itvision.maintenance.app.MaintenanceProperties;
import com.itvision.maintenance.app.database.DatabaseMode;
import com.itvision.maintenance.kernel.common.Actor;
import com.itvision.maintenance.kernel.common.Role;
import com.itvision.maintenance.kernel.common.UserId;
import com.itvision.maintenance.kernel.directory.DirectoryCommands.RegisterUser;
import java.time.Clock;
import java.util.Set;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * On an empty event store: creates the demo world when demo mode is on (default with the embedded
 * database), else the bootstrap ADMIN when {@code maintenance.bootstrap-admin.password} is set.
 */
@Component
@Order(0)
public class DemoDataLoader implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);

    private final CommandGateway commands;
    private final PasswordEncoder passwords;
    private final Clock clock;
    private final JdbcClient jdbc;
    private final MaintenanceProperties properties;
    private final Environment environment;

    public DemoDataLoader(CommandGateway commands, PasswordEncoder passwords, Clock clock, JdbcClient jdbc,
                          MaintenanceProperties properties, Environment environment) {
        this.commands = commands;
        this.passwords = passwords;
        this.clock = clock;
        this.jdbc = jdbc;
        this.properties = properties;
        this.environment = environment;
    }

    public boolean demoEnabled() {
        Boolean configured = properties.demo().enabled();
        return configured != null ? configured : DatabaseMode.of(environment) == DatabaseMode.EMBEDDED;
    }

    @Override
    public void run(ApplicationArguments args) {
        boolean empty = !jdbc.sql("SELECT EXISTS (SELECT 1 FROM domain_event_entry)").query(Boolean.class).single();
        if (!empty) {
            return;
        }
        if (demoEnabled()) {
            long started = System.nanoTime();
            new DemoData(commands, passwords, clock).create();
            log.info("Demo data created in {} ms", (System.nanoTime() - started) / 1_000_000);
            return;
        }
        MaintenanceProperties.BootstrapAdmin admin = properties.bootstrapAdmin();
        if (admin.password() != null && !admin.password().isBlank()) {
            commands.sendAndWait(new RegisterUser(UserId.random(), admin.username(), "Administrator",
                    Set.of(Role.ADMIN), null, passwords.encode(admin.password()), Actor.SYSTEM));
            log.info("Bootstrap administrator '{}' created", admin.username());
        } else {
            log.warn("The event store is empty and no user exists: set MAINTENANCE_BOOTSTRAP_ADMIN_PASSWORD "
                    + "(and optionally MAINTENANCE_BOOTSTRAP_ADMIN_USERNAME) to create the first ADMIN");
        }
    }
}
