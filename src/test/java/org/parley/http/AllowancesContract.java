package org.parley.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.parley.testing.MutableClock;

/**
 * Token buckets per key: refusal with the wait, refill over time, giving back, forgetting, and networks'
 * allowances with their delegation's on top; in memory and in the table nodes share.
 */
abstract class AllowancesContract {

    static final Allowances.Limit THREE_A_MINUTE = new Allowances.Limit(3, Duration.ofMinutes(1));

    final MutableClock clock = new MutableClock(java.time.Instant.parse("2026-11-26T10:00:00Z"));

    /** Allowances reading time from {@link #clock}. */
    abstract Allowances allowances();

    @Test
    void aKeyIsRefusedWhenItsAllowanceIsUsedUpAndToldHowLongToWait() {
        Allowances allowances = allowances();
        for (int i = 0; i < 3; i++) {
            assertThat(allowances.take("a", THREE_A_MINUTE)).as("take %d", i + 1).isEmpty();
        }
        assertThat(allowances.take("a", THREE_A_MINUTE)).hasValue(20);
        assertThat(allowances.take("b", THREE_A_MINUTE)).as("another key has its own allowance").isEmpty();
        clock.advance(Duration.ofSeconds(20));
        assertThat(allowances.take("a", THREE_A_MINUTE)).as("one refilled after a third of the window").isEmpty();
    }

    @Test
    void givingBackAndForgettingRestoreTheAllowance() {
        Allowances allowances = allowances();
        for (int i = 0; i < 3; i++) {
            allowances.take("a", THREE_A_MINUTE);
        }
        allowances.giveBack("a");
        assertThat(allowances.take("a", THREE_A_MINUTE)).isEmpty();
        assertThat(allowances.take("a", THREE_A_MINUTE)).isPresent();
        allowances.forget("a");
        for (int i = 0; i < 3; i++) {
            assertThat(allowances.take("a", THREE_A_MINUTE)).as("take %d after forgetting", i + 1).isEmpty();
        }
        allowances.giveBack("never-seen");
        assertThat(allowances.take("never-seen", THREE_A_MINUTE)).isEmpty();
    }

    @Test
    void theSlashSixtyFoursOfOneDelegationShareTenTimesOneNetworksAllowance() {
        Allowances allowances = allowances();
        for (int i = 0; i < 30; i++) {
            String address = "2001:db8:7:" + Integer.toHexString(i) + "::1";
            assertThat(allowances.takeForNetwork("guests", address, THREE_A_MINUTE)).as("guest %d, from its own /64", i + 1).isEmpty();
        }
        assertThat(allowances.takeForNetwork("guests", "2001:db8:7:ff::1", THREE_A_MINUTE)).as("an unused /64 of the same /48")
                .hasValue(2);
        assertThat(allowances.takeForNetwork("comments", "2001:db8:7:ff::1", THREE_A_MINUTE)).as("another scope").isEmpty();
        assertThat(allowances.takeForNetwork("guests", "2001:db8:8::1", THREE_A_MINUTE)).as("another /48").isEmpty();
        clock.advance(Duration.ofSeconds(2));
        assertThat(allowances.takeForNetwork("guests", "2001:db8:7:ff::1", THREE_A_MINUTE)).as("one refilled").isEmpty();
        for (int i = 0; i < 2; i++) {
            assertThat(allowances.takeForNetwork("guests", "2001:db8:7:ff::2", THREE_A_MINUTE)).as("refused by the /48").hasValue(2);
        }
        clock.advance(Duration.ofSeconds(4));
        for (int i = 0; i < 2; i++) {
            assertThat(allowances.takeForNetwork("guests", "2001:db8:7:ff::3", THREE_A_MINUTE))
                    .as("the /64 lost nothing to the refusals: its two are left").isEmpty();
        }
    }

    @Test
    void anIpv4AddressMeetsItsOwnAllowanceAloneHoweverManyNeighboursUseTheirs() {
        Allowances allowances = allowances();
        for (int i = 0; i < 40; i++) {
            for (int take = 0; take < 3; take++) {
                assertThat(allowances.takeForNetwork("guests", "198.51.100." + i, THREE_A_MINUTE)).isEmpty();
            }
            assertThat(allowances.takeForNetwork("guests", "198.51.100." + i, THREE_A_MINUTE)).hasValue(20);
        }
    }
}
