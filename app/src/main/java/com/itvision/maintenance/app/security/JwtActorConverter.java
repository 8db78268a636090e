package com.itvision.maintenance.app.security;

import com.itvision.maintenance.app.MaintenanceProperties;
import com.itvision.maintenance.kernel.common.Role;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Maps a bearer token to authorities: roles from the configured claim (a list or a space-separated
 * string; unknown role names are ignored), the subject as user id.
 */
final class JwtActorConverter implements Converter<Jwt, AbstractAuthenticationToken> {
    private final MaintenanceProperties.Security config;

    JwtActorConverter(MaintenanceProperties.Security config) {
        this.config = config;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        Object claim = jwt.getClaims().get(config.jwtRolesClaim());
        Collection<?> names = claim instanceof Collection<?> list ? list
                : claim instanceof String text ? List.of(text.split("[ ,]+")) : List.of();
        List<SimpleGrantedAuthority> authorities = names.stream()
                .map(name -> String.valueOf(name).toUpperCase(Locale.ROOT).replaceFirst("^ROLE_", ""))
                .filter(name -> java.util.Arrays.stream(Role.values()).anyMatch(r -> r.name().equals(name)))
                .map(name -> new SimpleGrantedAuthority("ROLE_" + name))
                .toList();
        return new JwtAuthenticationToken(jwt, authorities, jwt.getSubject());
    }
}
