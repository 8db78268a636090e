package com.itvision.maintenance.app.ops;

import com.itvision.maintenance.command.contract.JdbcContractRegistry;
import com.itvision.maintenance.kernel.common.Actor;
import com.itvision.maintenance.kernel.common.ContractId;
import com.itvision.maintenance.kernel.contract.ContractCommands.ExpireContract;
import java.time.Clock;
import java.time.LocalDate;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Moves contracts whose last period has ended to EXPIRED: at startup, then every hour (the command is
 * idempotent, so overlapping runs or several nodes are harmless).
 */
@Component
public class ContractExpiryScheduler {
    private static final Logger log = LoggerFactory.getLogger(ContractExpiryScheduler.class);

    private final JdbcContractRegistry registry;
    private final CommandGateway commands;
    private final Clock clock;

    public ContractExpiryScheduler(JdbcContractRegistry registry, CommandGateway commands, Clock clock) {
        this.registry = registry;
        this.commands = commands;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void atStartup() {
        expireDueContracts();
    }

    @Scheduled(cron = "${maintenance.expiry.cron:0 5 * * * *}")
    public int expireDueContracts() {
        LocalDate today = LocalDate.now(clock);
        int expired = 0;
        for (ContractId id : registry.dueForExpiry(today)) {
            try {
                commands.sendAndWait(new ExpireContract(id, today.minusDays(1), Actor.SYSTEM));
                expired++;
            } catch (RuntimeException e) {
                log.warn("Could not expire contract {}: {}", id, e.getMessage());
            }
        }
        if (expired > 0) {
            log.info("Expired {} contracts whose period ended before {}", expired, today);
        }
        return expired;
    }
}
