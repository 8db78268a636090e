package com.itvision.maintenance.app.ops;

import com.itvision.maintenance.app.database.DatabaseMode;
import com.itvision.maintenance.app.demo.DemoDataLoader;
import java.lang.management.ManagementFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Tells whoever started the application where it listens, on which database, and how to log in. */
@Component
public class StartupBanner {
    private static final Logger log = LoggerFactory.getLogger(StartupBanner.class);

    private final Environment environment;
    private final DemoDataLoader demo;

    public StartupBanner(Environment environment, DemoDataLoader demo) {
        this.environment = environment;
        this.demo = demo;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void ready() {
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        String url = "http://localhost:" + port;
        DatabaseMode mode = DatabaseMode.of(environment);
        StringBuilder banner = new StringBuilder()
                .append("\n  Maintenance backend ready in ").append(ManagementFactory.getRuntimeMXBean().getUptime())
                .append(" ms\n  API:        ").append(url).append("/api/v1")
                .append("\n  Swagger UI: ").append(url).append("/swagger-ui.html")
                .append("\n  Health:     ").append(url).append("/actuator/health")
                .append("\n  Database:   ").append(mode == DatabaseMode.EMBEDDED
                        ? "embedded PostgreSQL (data in " + environment.getProperty("maintenance.embedded-db.data-dir") + ")"
                        : "external PostgreSQL " + environment.getProperty("spring.datasource.url"));
        if (demo.demoEnabled()) {
            banner.append("\n  Demo mode:  logins (password = user name): admin, lead, tech, tech2, client (client A), ")
                    .append("client2 (client B), sales, sales2, manager, auditor, analyst")
                    .append("\n  Try:        curl -u admin:admin ").append(url).append("/api/v1/contracts/contract-a-preventive");
        }
        log.info(banner.toString());
    }
}
