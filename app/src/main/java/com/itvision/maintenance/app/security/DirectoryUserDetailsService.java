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

    /** Longest user name the directory holds ({@code directory_user.username}). */
    static final int MAX_USERNAME_LENGTH = 64;

    @Override
    public UserDetails loadUserByUsername(String username) {
        String normalised = username.strip().toLowerCase(Locale.ROOT);
        // no such user can exist, and PostgreSQL text cannot even carry a NUL: refused without a query,
        // so a crafted user name is a plain failed sign-in and never a database error
        if (normalised.length() > MAX_USERNAME_LENGTH || normalised.chars().anyMatch(Character::isISOControl)) {
            throw new UsernameNotFoundException("unknown user");
        }
        var user = directory.userByUsername(normalised)
                .orElseThrow(() -> new UsernameNotFoundException("unknown user"));
        String hash = directory.passwordHash(user.userId())
                .orElseThrow(() -> new UsernameNotFoundException("no credential"));
        return new AppUser(user.userId(), user.username(), hash, user.roles(), user.clientId());
    }
}
