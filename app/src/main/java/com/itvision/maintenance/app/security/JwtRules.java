package com.itvision.maintenance.app.security;

import com.itvision.maintenance.app.MaintenanceProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

/**
 * What a bearer token must satisfy besides its signature (and the issuer, when {@code issuer-uri} is
 * set): an {@code exp} (a token without one would be valid forever), {@code nbf} and {@code iat} not in
 * the future, all within a small clock skew, and this API named in {@code aud}, so a token issued by
 * the same identity provider for another application is refused. Spring Boot adds these validators to
 * the decoder it builds from {@code spring.security.oauth2.resourceserver.jwt.*}.
 */
final class JwtRules {
    private JwtRules() {
    }

    static OAuth2TokenValidator<Jwt> of(MaintenanceProperties.Security config, Clock clock) {
        Duration skew = config.jwtClockSkew();
        JwtTimestampValidator expiryAndNotBefore = new JwtTimestampValidator(skew);
        expiryAndNotBefore.setAllowEmptyExpiryClaim(false);
        expiryAndNotBefore.setClock(clock);
        String audience = config.jwtAudience();
        JwtClaimValidator<Collection<String>> audienceValidator = new JwtClaimValidator<>(JwtClaimNames.AUD,
                aud -> aud != null && aud.contains(audience));
        return new DelegatingOAuth2TokenValidator<>(expiryAndNotBefore, issuedInThePast(skew, clock),
                audienceValidator);
    }

    private static OAuth2TokenValidator<Jwt> issuedInThePast(Duration skew, Clock clock) {
        return jwt -> {
            Instant issuedAt = jwt.getIssuedAt();
            if (issuedAt != null && issuedAt.isAfter(clock.instant().plus(skew))) {
                return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
                        "The token was issued in the future", null));
            }
            return OAuth2TokenValidatorResult.success();
        };
    }
}
