package org.parley.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.parley.testing.MutableClock;

/** Token buckets per key: refusal with the wait, refill over time, giving back, forgetting, the key bound. */
class AllowancesTest {

    private static final Allowances.Limit THREE_A_MINUTE = new Allowances.Limit(3, Duration.ofMinutes(1));

    private final MutableClock clock = new MutableClock(java.time.Instant.parse("2026-11-26T10:00:00Z"));

    @Test
    void aKeyIsRefusedWhenItsAllowanceIsUsedUpAndToldHowLongToWait() {
        Allowances allowances = new Allowances(clock, 100);
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
        Allowances allowances = new Allowances(clock, 100);
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
    void atTheKeyBoundFullBucketsGoFirstAndUsedUpOnesStayLimited() {
        Allowances allowances = new Allowances(clock, 3);
        for (int i = 0; i < 3; i++) {
            allowances.take("spammer", THREE_A_MINUTE);
        }
        allowances.take("reader-1", THREE_A_MINUTE);
        allowances.take("reader-2", THREE_A_MINUTE);
        clock.advance(Duration.ofSeconds(20));
        allowances.take("newcomer", THREE_A_MINUTE);
        assertThat(allowances.take("spammer", THREE_A_MINUTE)).as("the one token refilled").isEmpty();
        assertThat(allowances.take("spammer", THREE_A_MINUTE)).as("still limited after the readers were dropped").isPresent();
    }
}
