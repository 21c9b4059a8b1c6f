package org.parley.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdsTest {

    private final Ids ids = new Ids();

    @Test
    void idsMadeInTheSameMillisecondStillSortInTheOrderTheyWereMade() {
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            made.add(ids.next("c", 1_700_000_000_000L));
        }
        assertThat(made).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void aClockSteppingBackDoesNotBreakTheOrder() {
        String later = ids.next("c", 1_800_000_000_000L);
        String earlierClock = ids.next("c", 1_500_000_000_000L);
        assertThat(earlierClock).isGreaterThan(later);
    }

    @Test
    void idsHaveTheDocumentedShapeAndAreRecognised() {
        String id = ids.next("g", System.currentTimeMillis());
        assertThat(id).matches("g_[0-9a-z]{17}");
        assertThat(Ids.looksLike("g", id)).isTrue();
        assertThat(Ids.looksLike("c", id)).isFalse();
        assertThat(Ids.looksLike("g", id + "x")).isFalse();
        assertThat(Ids.looksLike("g", "g_../../etc/passwd")).isFalse();
        assertThat(Ids.looksLike("g", "g_iiiiiiiiiiiiiiiii")).as("i, l, o, u are never produced").isFalse();
    }

    @Test
    void secretsAreLongRandomAndDigestsAreStable() {
        String a = ids.secret();
        assertThat(a).hasSize(43).isNotEqualTo(ids.secret());
        assertThat(Ids.digest(a)).isEqualTo(Ids.digest(a)).hasSize(64).isNotEqualTo(Ids.digest(a + "x"));
    }
}
