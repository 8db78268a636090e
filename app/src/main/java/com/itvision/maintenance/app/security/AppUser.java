package com.itvision.maintenance.app.security;

import com.itvision.maintenance.kernel.common.Actor;
import com.itvision.maintenance.kernel.common.ClientId;
import com.itvision.maintenance.kernel.common.Role;
import com.itvision.maintenance.kernel.common.UserId;
import java.util.Collection;
import java.util.Set;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** An authenticated user of the directory; its authorities are {@code ROLE_<Role>}. */
public final class AppUser implements UserDetails, CredentialsContainer {
    private final UserId userId;
    private final String username;
    private String passwordHash;
    private final Set<Role> roles;
    private final ClientId clientId;

    public AppUser(UserId userId, String username, String passwordHash, Set<Role> roles, ClientId clientId) {
        this.userId = userId;
        this.username = username;
        this.passwordHash = passwordHash;
        this.roles = Set.copyOf(roles);
        this.clientId = clientId;
    }

    public Actor actor() {
        return new Actor(userId, roles, clientId);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return roles.stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r.name())).toList();
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public boolean isEnabled() {
        return !roles.isEmpty();
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }
}
