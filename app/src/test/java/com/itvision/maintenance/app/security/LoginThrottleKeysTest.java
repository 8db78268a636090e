package com.itvision.maintenance.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a failed sign-in is counted against: the normalised user name, and the address or its IPv6 network. */
class LoginThrottleKeysTest {

    @Test
    void an_account_is_its_user_name_as_the_directory_normalises_it_printable_and_bounded() {
        assertThat(LoginThrottle.account("  Admin ")).isEqualTo("admin");
        assertThat(LoginThrottle.account("a\u0000b\nc")).isEqualTo("a?b?c");
        assertThat(LoginThrottle.account("x".repeat(500))).hasSize(LoginThrottle.MAX_SUBJECT_LENGTH);
        assertThat(LoginThrottle.account(null)).isEmpty();
    }

    @Test
    void an_ipv4_address_is_counted_alone_and_an_ipv6_one_with_its_64_bit_network() {
        assertThat(LoginThrottle.address("203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(LoginThrottle.address("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).isEqualTo("2001:db8:1:2::/64");
        assertThat(LoginThrottle.address("2001:db8:1:2::ffff")).isEqualTo("2001:db8:1:2::/64");
        assertThat(LoginThrottle.address("0:0:0:0:0:0:0:1")).as("loopback").isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(LoginThrottle.address(null)).isEqualTo("unknown");
    }
}
