package com.itvision.maintenance.app.security;

import com.itvision.maintenance.command.directory.JdbcDirectory;
import java.util.Locale;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/** Loads users from the directory table and their BCrypt hash from the credential table. */
@Service
public class DirectoryUserDetailsService implements UserDetailsService {
    private final JdbcDirectory directory;

    public DirectoryUserDetailsService(JdbcDirectory directory) {
        this.directory = directory;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        var user = directory.userByUsername(username.strip().toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new UsernameNotFoundException("unknown user"));
        String hash = directory.passwordHash(user.userId())
                .orElseThrow(() -> new UsernameNotFoundException("no credential"));
        return new AppUser(user.userId(), user.username(), hash, user.roles(), user.clientId());
    }
}
