package org.parley.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The heap uploads share: reserving, giving back, waiting for it, and being refused when it is spent. */
class MemoryBudgetTest {

    private static final long MIB = 1 << 20;
    private static final Duration NO_WAIT = Duration.ZERO;
    private static final Duration LONG_WAIT = Duration.ofSeconds(20);

    final MemoryBudget budget = new MemoryBudget(100 * MIB);

    @Test
    void reservationsTakeFromOneBudgetAndClosingGivesEverythingBack() {
        try (MemoryBudget.Reservation first = budget.open(); MemoryBudget.Reservation second = budget.open()) {
            assertThat(first.growTo(30 * MIB, NO_WAIT)).isTrue();
            assertThat(first.growTo(60 * MIB, NO_WAIT)).as("growing takes only the difference").isTrue();
            assertThat(second.growTo(40 * MIB, NO_WAIT)).isTrue();

            assertThat(budget.availableBytes()).isZero();
        }
        assertThat(budget.availableBytes()).isEqualTo(100 * MIB);
    }

    @Test
    void aReservationThatFindsTheBudgetSpentIsRefusedWhenItsPatienceRunsOutAndKeepsWhatItHad() {
        try (MemoryBudget.Reservation holder = budget.open(); MemoryBudget.Reservation late = budget.open()) {
            assertThat(holder.growTo(90 * MIB, NO_WAIT)).isTrue();
            assertThat(late.growTo(5 * MIB, NO_WAIT)).isTrue();

            assertThat(late.growTo(20 * MIB, Duration.ofMillis(50))).isFalse();

            assertThat(late.heldBytes()).isEqualTo(5 * MIB);
            assertThat(budget.availableBytes()).isEqualTo(5 * MIB);
        }
        assertThat(budget.availableBytes()).isEqualTo(100 * MIB);
    }

    @Test
    void aWaitingReservationGetsInAsSoonAsAnotherGivesMemoryBack() throws Exception {
        MemoryBudget.Reservation holder = budget.open();
        assertThat(holder.growTo(80 * MIB, NO_WAIT)).isTrue();
        CountDownLatch waiting = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Boolean> late = threads.submit(() -> {
                try (MemoryBudget.Reservation reservation = budget.open()) {
                    waiting.countDown();
                    return reservation.growTo(50 * MIB, LONG_WAIT);
                }
            });
            assertThat(waiting.await(20, TimeUnit.SECONDS)).isTrue();

            holder.close();

            assertThat(late.get(20, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(budget.availableBytes()).isEqualTo(100 * MIB);
    }

    @Test
    void shrinkingKeepsOnlyWhatIsStillNeededAndClosingTwiceGivesBackOnce() {
        MemoryBudget.Reservation reservation = budget.open();
        assertThat(reservation.growTo(70 * MIB, NO_WAIT)).isTrue();

        reservation.shrinkTo(2 * MIB);

        assertThat(budget.availableBytes()).isEqualTo(98 * MIB);
        reservation.close();
        reservation.close();
        assertThat(budget.availableBytes()).isEqualTo(100 * MIB);
    }

    @Test
    void bytesAreCountedInWholeKibibytesRoundedUp() {
        try (MemoryBudget.Reservation reservation = budget.open()) {
            assertThat(reservation.growTo(1, NO_WAIT)).isTrue();

            assertThat(reservation.heldBytes()).isEqualTo(1024);
        }
    }

    @Test
    void askingForMoreThanTheWholeBudgetIsABugNotSomethingToWaitFor() {
        try (MemoryBudget.Reservation reservation = budget.open()) {
            assertThatThrownBy(() -> reservation.growTo(100 * MIB + 1, LONG_WAIT))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("startup check");
            assertThat(reservation.heldBytes()).isZero();
        }
    }
}
