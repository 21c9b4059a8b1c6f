package org.parley.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Allowances in one process's memory, which also bounds how many keys it tracks. */
class AllowancesInMemoryTest extends AllowancesContract {

    @Override
    Allowances allowances() {
        return Allowances.inMemory(clock, 1_000);
    }

    @Test
    void atTheKeyBoundFullBucketsGoFirstAndUsedUpOnesStayLimited() {
        Allowances allowances = Allowances.inMemory(clock, 3);
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
