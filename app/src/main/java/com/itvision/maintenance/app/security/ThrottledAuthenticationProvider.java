package com.itvision.maintenance.app.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * HTTP Basic sign-in behind the {@link LoginThrottle}: a throttled account or address is refused before
 * the user is loaded and before BCrypt runs (~70 ms of CPU here), so refused guesses cost almost
 * nothing; every other failure is counted, and a success forgets the account's failures. The client
 * address is the one the servlet container reports ({@code getRemoteAddr}); it follows
 * {@code X-Forwarded-For} only when {@code server.forward-headers-strategy} is set for a trusted proxy.
 */
final class ThrottledAuthenticationProvider implements AuthenticationProvider {
    private final AuthenticationProvider passwords;
    private final LoginThrottle throttle;

    ThrottledAuthenticationProvider(AuthenticationProvider passwords, LoginThrottle throttle) {
        this.passwords = passwords;
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        LoginThrottle.Attempt attempt = throttle.check(authentication.getName(), address(authentication));
        Authentication authenticated;
        try {
            authenticated = passwords.authenticate(authentication);
        } catch (AuthenticationServiceException e) {
            throw e; // the directory could not be read (Internal... is one too): not the caller's failure
        } catch (AuthenticationException e) {
            attempt.failed();
            throw e;
        }
        attempt.succeeded();
        return authenticated;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private static String address(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress() : null;
    }
}
