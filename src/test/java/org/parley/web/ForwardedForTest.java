package org.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ForwardedForTest {

    private final ForwardedFor forwarded = new ForwardedFor(List.of("127.0.0.1", "10.0.0.2"));

    @Test
    void aDirectClientIsWhoItIsWhateverHeaderItSends() {
        assertThat(forwarded.resolve("203.0.113.7", List.of("198.51.100.1"))).isEqualTo("203.0.113.7");
    }

    @Test
    void behindTrustedProxiesTheClientIsTheLastAddressNoProxyAdded() {
        assertThat(forwarded.resolve("127.0.0.1", List.of("198.51.100.1"))).isEqualTo("198.51.100.1");
        assertThat(forwarded.resolve("127.0.0.1", List.of("6.6.6.6, 198.51.100.1, 10.0.0.2"))).isEqualTo("198.51.100.1");
        assertThat(forwarded.resolve("127.0.0.1", List.of("6.6.6.6", "198.51.100.1"))).isEqualTo("198.51.100.1");
    }

    @Test
    void aTrustedProxyWithoutAHeaderIsTheClient() {
        assertThat(forwarded.resolve("127.0.0.1", List.of())).isEqualTo("127.0.0.1");
    }

    @Test
    void anIpv6LoopbackProxyIsTrustedHoweverEitherSideSpellsIt() {
        ForwardedFor filter = new ForwardedFor(List.of("127.0.0.1", "::1"));
        assertThat(filter.resolve("0:0:0:0:0:0:0:1", List.of("203.0.113.9")))
                .isEqualTo("203.0.113.9");
        assertThat(filter.resolve("0:0:0:0:0:0:0:1%0", List.of("203.0.113.9")))
                .isEqualTo("203.0.113.9");
        assertThat(filter.resolve("2001:db8::1", List.of("203.0.113.9")))
                .as("an untrusted peer's header is ignored").isEqualTo("2001:db8::1");
    }
}
