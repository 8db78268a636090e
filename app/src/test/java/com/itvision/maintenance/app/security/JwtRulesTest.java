package com.itvision.maintenance.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.app.MaintenanceProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;

/** Each rule of JwtRules refuses for its own reason, on a fixed clock (the HTTP test covers the wiring). */
class JwtRulesTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private final OAuth2TokenValidator<Jwt> rules = JwtRules.of(
            new MaintenanceProperties.Security(null, null, "maintenance-api", Duration.ofSeconds(30), null),
            Clock.fixed(NOW, ZoneOffset.UTC));

    private static Jwt jwt(UnaryOperator<Jwt.Builder> change) {
        Jwt.Builder builder = Jwt.withTokenValue("t").header("alg", "RS256").subject("someone")
                .audience(List.of("maintenance-api")).issuedAt(NOW.minusSeconds(60)).expiresAt(NOW.plusSeconds(240));
        return change.apply(builder).build();
    }

    private boolean valid(UnaryOperator<Jwt.Builder> change) {
        return !rules.validate(jwt(change)).hasErrors();
    }

    @Test
    void a_token_for_this_api_within_its_lifetime_is_valid() {
        assertThat(valid(b -> b)).isTrue();
        assertThat(valid(b -> b.audience(List.of("other-api", "maintenance-api")))).isTrue();
    }

    @Test
    void exp_is_required_and_checked_with_the_skew() {
        assertThat(valid(b -> b.claims(c -> c.remove("exp")))).as("no exp").isFalse();
        assertThat(valid(b -> b.expiresAt(NOW.minusSeconds(29)))).as("expired within the skew").isTrue();
        assertThat(valid(b -> b.expiresAt(NOW.minusSeconds(31)))).as("expired beyond the skew").isFalse();
    }

    @Test
    void nbf_and_iat_must_not_be_in_the_future_beyond_the_skew() {
        assertThat(valid(b -> b.notBefore(NOW.plusSeconds(29)))).isTrue();
        assertThat(valid(b -> b.notBefore(NOW.plusSeconds(31)))).isFalse();
        assertThat(valid(b -> b.issuedAt(NOW.plusSeconds(29)))).isTrue();
        assertThat(valid(b -> b.issuedAt(NOW.plusSeconds(31)))).isFalse();
    }

    @Test
    void the_audience_must_name_this_api() {
        assertThat(valid(b -> b.audience(List.of("billing-api")))).isFalse();
        assertThat(valid(b -> b.claims(c -> c.remove("aud")))).isFalse();
    }
}
