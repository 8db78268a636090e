package com.itvision.maintenance.app.audit;

import com.itvision.maintenance.app.MaintenanceProperties;
import com.itvision.maintenance.app.database.DatabaseMode;
import java.time.Clock;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.TaskScheduler;

/** Tamper evidence (ADR 0014): the sealer after commit, signed checkpoints, verification and export. */
@Configuration(proxyBeanMethods = false)
public class AuditConfiguration {
    private static final Logger log = LoggerFactory.getLogger(AuditConfiguration.class);

    @Bean
    SigningKey auditSigningKey(AuditProperties audit, MaintenanceProperties properties, Environment environment) {
        boolean embedded = DatabaseMode.of(environment) == DatabaseMode.EMBEDDED;
        Boolean demo = properties.demo().enabled();
        boolean embeddedDemo = embedded && (demo == null || demo) && properties.embeddedDb() != null
                && properties.embeddedDb().dataDir() != null;
        return SigningKey.load(audit, embeddedDemo ? properties.embeddedDb().dataDir() : null);
    }

    @Bean
    AuditSealer auditSealer(DataSource dataSource, AuditProperties audit) {
        return new AuditSealer(dataSource, audit.sealBatchSize());
    }

    @Bean
    AuditVerification auditVerification(DataSource dataSource) {
        return new AuditVerification(dataSource, 2);
    }

    @Bean
    AuditCheckpoints auditCheckpoints(JdbcClient jdbc, SigningKey key, AuditSealer sealer, Clock clock) {
        return new AuditCheckpoints(jdbc, key, sealer, clock);
    }

    @Bean
    AuditSchedule auditSchedule(AuditSealer sealer, AuditCheckpoints checkpoints, AuditProperties audit,
                                TaskScheduler scheduler) {
        return new AuditSchedule(sealer, checkpoints, audit, scheduler);
    }

    /** Starts sealing once the application is ready; stops before the pool closes. */
    static final class AuditSchedule {
        private final AuditSealer sealer;
        private final AuditCheckpoints checkpoints;
        private final AuditProperties audit;
        private final TaskScheduler scheduler;
        private final AtomicBoolean failing = new AtomicBoolean();
        private ScheduledFuture<?> sealing;
        private ScheduledFuture<?> signing;

        AuditSchedule(AuditSealer sealer, AuditCheckpoints checkpoints, AuditProperties audit, TaskScheduler scheduler) {
            this.sealer = sealer;
            this.checkpoints = checkpoints;
            this.audit = audit;
            this.scheduler = scheduler;
        }

        @EventListener(ApplicationReadyEvent.class)
        synchronized void start() {
            sealing = scheduler.scheduleWithFixedDelay(this::seal, audit.sealInterval());
            if (!audit.checkpointInterval().isZero() && !audit.checkpointInterval().isNegative()
                    && checkpoints.key().present()) {
                signing = scheduler.scheduleWithFixedDelay(this::sign,
                        java.time.Instant.now().plus(audit.checkpointInterval()), audit.checkpointInterval());
            }
        }

        @EventListener(ContextClosedEvent.class)
        synchronized void stop() {
            if (sealing != null) {
                sealing.cancel(false);
            }
            if (signing != null) {
                signing.cancel(false);
            }
        }

        private void seal() {
            try {
                sealer.sealAvailable();
                if (failing.compareAndSet(true, false)) {
                    log.info("The audit sealer works again");
                }
            } catch (Exception e) {
                // the database is down or busy: the next round retries; one WARN per outage, not one per round
                if (failing.compareAndSet(false, true)) {
                    log.warn("The audit sealer cannot seal now (retrying every {}): {}", audit.sealInterval(),
                            e.getMessage());
                }
            }
        }

        private void sign() {
            try {
                checkpoints.createIfMoved();
            } catch (Exception e) {
                log.warn("The scheduled audit checkpoint failed (next in {}): {}", audit.checkpointInterval(),
                        e.getMessage());
            }
        }
    }
}
