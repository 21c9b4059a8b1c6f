package org.parley.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Which networks an address stands for: what guest limits, rate limits and voice counting group by. */
class ClientAddressTest {

    @Test
    void anIpv4AddressIsItsOwnNetworkWhateverPortOrSpellingTheProxyReports() {
        assertThat(ClientAddress.network("203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(ClientAddress.network(" 203.0.113.7:51123 ")).isEqualTo("203.0.113.7");
        assertThat(ClientAddress.network("203.000.113.007")).isEqualTo("203.0.113.7");
        assertThat(ClientAddress.network("203.0.113.8")).isNotEqualTo(ClientAddress.network("203.0.113.7"));
    }

    @Test
    void everyAddressOfOneIpv6SlashSixtyFourIsOneNetwork() {
        String network = ClientAddress.network("2001:db8:1:2::1");
        assertThat(network).isEqualTo("20010db800010002/64");
        assertThat(ClientAddress.network("2001:DB8:1:2:aaaa:bbbb:cccc:dddd")).isEqualTo(network);
        assertThat(ClientAddress.network("[2001:db8:1:2::99]:443")).isEqualTo(network);
        assertThat(ClientAddress.network("2001:db8:1:2::5%eth0")).isEqualTo(network);
        assertThat(ClientAddress.network("2001:db8:1:3::1")).isNotEqualTo(network);
    }

    @Test
    void anIpv6AddressBelongsToItsSlashFiftySixHouseholdAndSlashFortyEightDelegation() {
        assertThat(ClientAddress.household("2001:db8:1:2::1")).isEqualTo("20010db8000100/56")
                .isEqualTo(ClientAddress.household("[2001:db8:1:ff:aaaa::9]:443"))
                .isNotEqualTo(ClientAddress.household("2001:db8:1:100::1"));
        assertThat(ClientAddress.delegation("2001:db8:1:2::1")).isEqualTo("20010db80001/48")
                .isEqualTo(ClientAddress.delegation("2001:db8:1:ffff:ffff:ffff:ffff:ffff%eth0"))
                .isNotEqualTo(ClientAddress.delegation("2001:db8:2::1"));
        assertThat(ClientAddress.network("2001:db8:1:2::1")).as("each reach has its own name")
                .isNotEqualTo(ClientAddress.household("2001:db8:1:2::1")).isNotEqualTo(ClientAddress.delegation("2001:db8:1:2::1"));
    }

    @Test
    void anIpv4AddressOrTextThatIsNoAddressIsTheSameNetworkAtEveryReach() {
        for (String address : new String[] {"203.0.113.7:51123", "::ffff:203.0.113.7", "unknown", "999.1.1.1"}) {
            assertThat(ClientAddress.household(address)).as(address).isEqualTo(ClientAddress.network(address));
            assertThat(ClientAddress.delegation(address)).as(address).isEqualTo(ClientAddress.network(address));
        }
        assertThat(ClientAddress.delegation("203.0.113.7")).isNotEqualTo(ClientAddress.delegation("203.0.113.8"));
    }

    @Test
    void anIpv4MappedIpv6AddressIsTheIpv4Address() {
        assertThat(ClientAddress.network("::ffff:203.0.113.7")).isEqualTo("203.0.113.7");
    }

    @Test
    void textThatIsNoAddressIsItsOwnNetworkAndIsNeverLookedUp() {
        long started = System.nanoTime();
        assertThat(ClientAddress.network("unknown")).isEqualTo("unknown");
        assertThat(ClientAddress.network("999.1.1.1")).isEqualTo("999.1.1.1");
        assertThat(ClientAddress.network("parley-test-no-such-host.invalid")).isEqualTo("parley-test-no-such-host.invalid");
        assertThat(ClientAddress.network("dead:beef:zz::1")).isEqualTo("dead:beef:zz::1");
        assertThat(ClientAddress.network("x".repeat(500))).hasSize(64);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("no DNS lookup").isLessThan(Duration.ofSeconds(1));
    }
}
