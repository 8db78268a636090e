package com.itvision.maintenance.app.security;

import com.itvision.maintenance.app.MaintenanceProperties;
import com.itvision.maintenance.app.web.Problems;
import com.itvision.maintenance.kernel.common.ErrorCode;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * HTTP Basic against the directory (BCrypt hashes outside the event store) behind the failed-sign-in
 * throttle, plus JWT bearer tokens when {@code spring.security.oauth2.resourceserver.jwt.*} is
 * configured. Stateless: no session, no CSRF token (no cookies are ever issued). Each scheme has its
 * own authentication manager, so a refused Basic sign-in can never fall through to an unthrottled
 * provider. See ADR 0003 and 0012.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    /** Spring Boot adds this to the JWT decoder it builds: exp required, nbf/iat, audience (JwtRules). */
    @Bean
    OAuth2TokenValidator<Jwt> maintenanceJwtRules(MaintenanceProperties properties, Clock clock) {
        return JwtRules.of(properties.security(), clock);
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, ObjectProvider<JwtDecoder> jwtDecoder, MaintenanceProperties properties,
                            DirectoryUserDetailsService users, PasswordEncoder passwords, LoginThrottle throttle,
                            Clock clock,
                            @Value("${maintenance.security.verified-password-ttl:15m}") Duration verifiedFor,
                            @Value("${maintenance.security.verified-password-entries:10000}") int verifiedEntries)
            throws Exception {
        AuthenticationEntryPoint problems = new AuthenticationProblems();
        AccessDeniedHandler denied = (request, response, e) ->
                Problems.write(request, response, ErrorCode.ROLE_NOT_ALLOWED, "Your role does not allow this");
        DaoAuthenticationProvider unknownUsers = new DaoAuthenticationProvider(users);
        unknownUsers.setPasswordEncoder(passwords);
        // BCrypt once per password, not per request (ADR 0017); unknown names still cost one BCrypt check
        DirectoryPasswordAuthentication directory = new DirectoryPasswordAuthentication(users,
                new VerifiedPasswords(passwords, clock, verifiedFor, verifiedEntries), unknownUsers);
        AuthenticationManager basic = new ProviderManager(new ThrottledAuthenticationProvider(directory, throttle));
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authenticationManager(basic)
                .authorizeHttpRequests(auth -> auth
                        // anonymous callers get the status only; details need ADMIN or ANALYST (management.*)
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll()
                        .requestMatchers("/error").permitAll()
                        .anyRequest().authenticated())
                .httpBasic(b -> b.authenticationEntryPoint(problems))
                .exceptionHandling(ex -> ex.authenticationEntryPoint(problems).accessDeniedHandler(denied));
        JwtDecoder decoder = jwtDecoder.getIfAvailable();
        if (decoder != null) {
            JwtAuthenticationProvider bearer = new JwtAuthenticationProvider(decoder);
            bearer.setJwtAuthenticationConverter(new JwtActorConverter(properties.security()));
            http.oauth2ResourceServer(oauth -> oauth
                    .authenticationEntryPoint(problems)
                    .jwt(jwt -> jwt.authenticationManager(new ProviderManager(bearer))));
        }
        return http.build();
    }
}
