package com.itvision.maintenance.app.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document at /v3/api-docs (Swagger UI at /swagger-ui.html). */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    @Bean
    OpenAPI maintenanceOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Maintenance backend API").version("v1").description("""
                        Contracts, tickets, billets and interventions after an installation.
                        Conventions: commands are POSTs returning the id, number, aggregate version and global
                        event position; errors are RFC 9457 problems with a stable `code`; send
                        `Idempotency-Key` on POSTs to make retries safe and `If-Match: <version>` for
                        optimistic concurrency. Each operation lists the roles allowed and its error codes."""))
                .components(new Components()
                        .addSecuritySchemes("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic"))
                        .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList("basic"))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
