package com.itvision.maintenance.app.security;

import com.itvision.maintenance.app.MaintenanceProperties;
import com.itvision.maintenance.kernel.common.Actor;
import com.itvision.maintenance.kernel.common.ClientId;
import com.itvision.maintenance.kernel.common.Role;
import com.itvision.maintenance.kernel.common.UserId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.core.MethodParameter;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Gives controllers the {@link Actor} of the authenticated caller, never anything from the request body. */
@Component
public class ActorArgumentResolver implements HandlerMethodArgumentResolver, WebMvcConfigurer {
    private final MaintenanceProperties properties;

    public ActorArgumentResolver(MaintenanceProperties properties) {
        this.properties = properties;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Actor.class;
    }

    @Override
    public Actor resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                 NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        return current(properties);
    }

    static Actor current(MaintenanceProperties properties) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated()) {
            throw new InsufficientAuthenticationException("not authenticated");
        }
        if (auth.getPrincipal() instanceof AppUser user) {
            return user.actor();
        }
        if (auth instanceof JwtAuthenticationToken jwt) {
            Object client = jwt.getToken().getClaims().get(properties.security().jwtClientClaim());
            return new Actor(UserId.of(jwt.getName()), roles(auth), client == null ? null : ClientId.of(client.toString()));
        }
        throw new InsufficientAuthenticationException("unsupported authentication " + auth.getClass().getSimpleName());
    }

    private static Set<Role> roles(Authentication auth) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (GrantedAuthority authority : auth.getAuthorities()) {
            String name = authority.getAuthority();
            if (name != null && name.startsWith("ROLE_")) {
                roles.add(Role.valueOf(name.substring(5)));
            }
        }
        return roles;
    }
}
