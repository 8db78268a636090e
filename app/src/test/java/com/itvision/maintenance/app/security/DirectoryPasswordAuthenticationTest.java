package com.itvision.maintenance.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.itvision.maintenance.kernel.common.Role;
import com.itvision.maintenance.kernel.common.UserId;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

class DirectoryPasswordAuthenticationTest {
    private final CountingBcrypt bcrypt = new CountingBcrypt();
    private final Map<String, AppUser> directory = Map.of(
            "ana", new AppUser(new UserId("u-ana"), "ana", bcrypt.encode("ana-password"), Set.of(Role.ANALYST), null),
            "gone", new AppUser(new UserId("u-gone"), "gone", bcrypt.encode("gone-password"), Set.of(), null));
    private boolean databaseDown;
    private final UserDetailsService users = name -> {
        if (databaseDown) {
            throw new DataAccessResourceFailureException("connection refused");
        }
        AppUser user = directory.get(name);
        if (user == null) {
            throw new UsernameNotFoundException("unknown user");
        }
        return new AppUser(user.actor().userId(), user.getUsername(), user.getPassword(), user.actor().roles(), null);
    };
    private final DirectoryPasswordAuthentication authentication;

    DirectoryPasswordAuthenticationTest() {
        DaoAuthenticationProvider unknownUsers = new DaoAuthenticationProvider(users);
        unknownUsers.setPasswordEncoder(bcrypt);
        authentication = new DirectoryPasswordAuthentication(users,
                new VerifiedPasswords(bcrypt, Clock.systemUTC(), Duration.ofMinutes(15), 100), unknownUsers);
    }

    @Test
    void a_known_user_costs_one_bcrypt_check_per_password_not_per_request() {
        for (int i = 0; i < 10; i++) {
            Authentication signedIn = authentication.authenticate(basic("ana", "ana-password"));
            assertThat(signedIn.isAuthenticated()).isTrue();
            assertThat(((AppUser) signedIn.getPrincipal()).actor().roles()).containsExactly(Role.ANALYST);
        }
        assertThat(bcrypt.checks).hasValue(1);
    }

    @Test
    void an_unknown_name_costs_a_bcrypt_check_every_time_whatever_the_password() {
        int before = bcrypt.checks.get();
        for (String password : new String[] {"userNotFoundPassword", "userNotFoundPassword", "anything"}) {
            assertThatThrownBy(() -> authentication.authenticate(basic("nobody", password)))
                    .isInstanceOf(BadCredentialsException.class);
        }
        assertThat(bcrypt.checks.get() - before).isEqualTo(3);
    }

    @Test
    void a_wrong_password_is_refused_every_time_even_after_the_right_one() {
        authentication.authenticate(basic("ana", "ana-password"));
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> authentication.authenticate(basic("ana", "ana-passwore")))
                    .isInstanceOf(BadCredentialsException.class);
        }
        assertThat(bcrypt.checks).hasValue(4);
    }

    @Test
    void a_disabled_account_tells_nothing_to_a_caller_without_its_password() {
        assertThatThrownBy(() -> authentication.authenticate(basic("gone", "a-guess")))
                .isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> authentication.authenticate(basic("gone", "gone-password")))
                .isInstanceOf(DisabledException.class);
    }

    @Test
    void a_directory_that_cannot_be_read_is_not_the_callers_failure() {
        databaseDown = true;
        assertThatThrownBy(() -> authentication.authenticate(basic("ana", "ana-password")))
                .isInstanceOf(InternalAuthenticationServiceException.class);
    }

    private static UsernamePasswordAuthenticationToken basic(String user, String password) {
        return UsernamePasswordAuthenticationToken.unauthenticated(user, password);
    }

}
