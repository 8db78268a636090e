package com.itvision.maintenance.app.ops;

import com.itvision.maintenance.app.MaintenanceProperties;
import com.itvision.maintenance.command.ticket.ClosingPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class TicketConfiguration {

    @Bean
    ClosingPolicy closingPolicy(MaintenanceProperties properties) {
        return new ClosingPolicy(properties.tickets().closeAfterSilence());
    }
}
