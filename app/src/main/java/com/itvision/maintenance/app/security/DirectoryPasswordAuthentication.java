package com.itvision.maintenance.app.security;

import org.springframework.security.authentication.AccountStatusUserDetailsChecker;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsChecker;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * HTTP Basic against the directory, with BCrypt run once per password (ADR 0017). A user the directory
 * knows is checked by {@link VerifiedPasswords} against its stored hash; a name it does not know goes to
 * Spring's {@code DaoAuthenticationProvider} over plain BCrypt, which spends a BCrypt check against a dummy
 * hash, so an unknown name costs what a wrong password costs. The remembered passwords never see that dummy
 * hash: remembering it would make "unknown user + the dummy's password" answer at once and tell unknown names
 * from known ones. The password is checked before the account's status, so a disabled account (no roles
 * left) says nothing to a caller who does not know its password. A directory that cannot be read is not the
 * caller's failure: {@link InternalAuthenticationServiceException}, answered as 503.
 */
final class DirectoryPasswordAuthentication implements AuthenticationProvider {
    private final UserDetailsService users;
    private final VerifiedPasswords passwords;
    private final AuthenticationProvider unknownUsers;
    private final UserDetailsChecker status = new AccountStatusUserDetailsChecker();

    DirectoryPasswordAuthentication(UserDetailsService users, VerifiedPasswords passwords,
                                    AuthenticationProvider unknownUsers) {
        this.users = users;
        this.passwords = passwords;
        this.unknownUsers = unknownUsers;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        if (!(authentication.getCredentials() instanceof String password)) {
            throw new BadCredentialsException("Bad credentials");
        }
        UserDetails user;
        try {
            user = users.loadUserByUsername(authentication.getName());
        } catch (UsernameNotFoundException unknown) {
            return unknownUsers.authenticate(authentication); // BCrypt against the dummy hash, then refused
        } catch (AuthenticationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InternalAuthenticationServiceException("The directory could not be read", e);
        }
        if (!passwords.matches(password, user.getPassword())) {
            throw new BadCredentialsException("Bad credentials");
        }
        status.check(user);
        UsernamePasswordAuthenticationToken result = UsernamePasswordAuthenticationToken.authenticated(user,
                authentication.getCredentials(), user.getAuthorities());
        result.setDetails(authentication.getDetails());
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
