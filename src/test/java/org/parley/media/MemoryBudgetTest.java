package org.parley.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Heap shared by uploads: reserving, giving back, waiting for it, and being refused when it is spent. */
class MemoryBudgetTest {

    private static final long MIB = 1 << 20;
    private static final Duration NO_WAIT = Duration.ZERO;
    private static final Duration LONG_WAIT = Duration.ofSeconds(20);

    final MemoryBudget budget = new MemoryBudget(100 * MIB);

    @Test
    void reservationsTakeFromOneBudgetAndClosingGivesEverythingBack() {
        try (MemoryBudget.Reservation first = budget.reserve(60 * MIB, NO_WAIT).orElseThrow();
             MemoryBudget.Reservation second = budget.reserve(40 * MIB, NO_WAIT).orElseThrow()) {
            assertThat(first.heldBytes() + second.heldBytes()).isEqualTo(100 * MIB);

            assertThat(budget.availableBytes()).isZero();
        }
        assertThat(budget.availableBytes()).isEqualTo(100 * MIB);
    }

    @Test
    void aReservationThatFindsTheBudgetSpentIsRefusedWhenItsPatienceRunsOutAndTakesNothing() {
        try (MemoryBudget.Reservation holder = budget.reserve(90 * MIB, NO_WAIT).orElseThrow()) {
            long started = System.nanoTime();

            Optional<MemoryBudget.Reservation> late = budget.reserve(20 * MIB, Duration.ofMillis(50));

            assertThat(late).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
            assertThat(budget.availableBytes()).as("a refused reservation holds nothing").isEqualTo(10 * MIB);
        }
        assertThat(budget.availableBytes()).isEqualTo(100 * MIB);
    }

    @Test
    void aWaitingReservationGetsInAsSoonAsAnotherGivesMemoryBack() throws Exception {
        MemoryBudget.Reservation holder = budget.reserve(80 * MIB, NO_WAIT).orElseThrow();
        CountDownLatch waiting = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Boolean> late = threads.submit(() -> {
                waiting.countDown();
                Optional<MemoryBudget.Reservation> reservation = budget.reserve(50 * MIB, LONG_WAIT);
                reservation.ifPresent(MemoryBudget.Reservation::close);
                return reservation.isPresent();
            });
            assertThat(waiting.await(20, TimeUnit.SECONDS)).isTrue();

            holder.close();

            assertThat(late.get(20, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(budget.availableBytes()).isEqualTo(100 * MIB);
    }

    @Test
    void aLargeReservationAtTheHeadOfTheQueueIsNotOvertakenBySmallerOnes() throws Exception {
        MemoryBudget.Reservation holder = budget.reserve(60 * MIB, NO_WAIT).orElseThrow();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Boolean> large = threads.submit(() -> {
                try (MemoryBudget.Reservation reservation = budget.reserve(70 * MIB, LONG_WAIT).orElseThrow()) {
                    return reservation.heldBytes() == 70 * MIB;
                }
            });
            awaitWaiting(1);

            assertThat(budget.reserve(10 * MIB, Duration.ofMillis(50))).as("a small one behind the large one, though 40 MiB are free")
                    .isEmpty();
            holder.close();
            assertThat(large.get(20, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aPartTakesFromTheWholeBudgetAndNeverHoldsMoreThanItsCapacity() {
        MemoryBudget part = budget.part(30 * MIB);
        try (MemoryBudget.Reservation inPart = part.reserve(20 * MIB, NO_WAIT).orElseThrow()) {
            assertThat(budget.availableBytes()).as("taken from the whole budget too").isEqualTo(80 * MIB);
            assertThat(part.reserve(20 * MIB, Duration.ofMillis(20))).as("beyond the part, though the budget has room").isEmpty();
            try (MemoryBudget.Reservation outside = budget.reserve(75 * MIB, NO_WAIT).orElseThrow()) {
                assertThat(part.reserve(10 * MIB, Duration.ofMillis(20))).as("within the part, but the budget is spent").isEmpty();
                assertThat(part.availableBytes()).as("a refused reservation keeps nothing of the part").isEqualTo(10 * MIB);
            }
            inPart.shrinkTo(5 * MIB);
            assertThat(part.availableBytes()).isEqualTo(25 * MIB);
            assertThat(budget.availableBytes()).isEqualTo(95 * MIB);
        }
        assertThat(part.availableBytes()).isEqualTo(30 * MIB);
        assertThat(budget.availableBytes()).isEqualTo(100 * MIB);
    }

    @Test
    void shrinkingKeepsOnlyWhatIsStillNeededAndClosingTwiceGivesBackOnce() {
        MemoryBudget.Reservation reservation = budget.reserve(70 * MIB, NO_WAIT).orElseThrow();

        reservation.shrinkTo(2 * MIB);
        reservation.shrinkTo(50 * MIB);

        assertThat(budget.availableBytes()).as("shrinking never grows").isEqualTo(98 * MIB);
        reservation.close();
        reservation.close();
        assertThat(budget.availableBytes()).isEqualTo(100 * MIB);
    }

    @Test
    void bytesAreCountedInWholeKibibytesRoundedUp() {
        try (MemoryBudget.Reservation reservation = budget.reserve(1, NO_WAIT).orElseThrow()) {
            assertThat(reservation.heldBytes()).isEqualTo(1024);
        }
    }

    @Test
    void askingForMoreThanTheWholeBudgetIsABugNotSomethingToWaitFor() {
        assertThatThrownBy(() -> budget.reserve(100 * MIB + 1, LONG_WAIT))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("startup check");
        assertThat(budget.availableBytes()).isEqualTo(100 * MIB);
    }

    private void awaitWaiting(int reservations) {
        long deadline = System.nanoTime() + LONG_WAIT.toNanos();
        while (budget.waiting() < reservations) {
            assertThat(System.nanoTime()).as("%d reservation(s) waiting within %s", reservations, LONG_WAIT).isLessThan(deadline);
            Thread.yield();
        }
    }
}
