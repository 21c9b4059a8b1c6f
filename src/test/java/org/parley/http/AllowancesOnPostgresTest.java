package org.parley.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.store.Database;
import org.parley.store.StoreConfig;
import org.parley.testing.TestDatabases;

/** Allowances in the table nodes share: two processes on one database grant together what one would. */
class AllowancesOnPostgresTest extends AllowancesContract {

    @TempDir
    Path dir;
    StoreConfig config;
    Database db;
    Database otherNode;

    @BeforeEach
    void open() {
        config = TestDatabases.postgres(dir);
        db = Database.open(config);
        otherNode = Database.open(config);
    }

    @AfterEach
    void close() {
        otherNode.close();
        db.close();
        TestDatabases.dropPostgres(config);
    }

    @Override
    Allowances allowances() {
        return Allowances.create(db, clock, "test", 1_000);
    }

    @Test
    void twoNodesShareOneAllowance() {
        Allowances here = allowances();
        Allowances there = Allowances.create(otherNode, clock, "test", 1_000);
        assertThat(here.take("a", THREE_A_MINUTE)).isEmpty();
        assertThat(there.take("a", THREE_A_MINUTE)).isEmpty();
        assertThat(here.take("a", THREE_A_MINUTE)).isEmpty();
        assertThat(there.take("a", THREE_A_MINUTE)).as("the fourth, on either node").hasValue(20);
        assertThat(Allowances.create(otherNode, clock, "other use", 1_000).take("a", THREE_A_MINUTE))
                .as("another use keeps its keys apart").isEmpty();
        there.giveBack("a");
        assertThat(here.take("a", THREE_A_MINUTE)).as("given back on the other node").isEmpty();
    }

    @Test
    void concurrentTakesOnTwoNodesNeverOverdrawABucket() throws Exception {
        Allowances.Limit tenAnHour = new Allowances.Limit(10, Duration.ofHours(1));
        List<Allowances> nodes = List.of(allowances(), Allowances.create(otherNode, clock, "test", 1_000));
        List<Callable<Boolean>> attempts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Allowances node = nodes.get(i % 2);
            attempts.add(() -> node.take("crowded", tenAnHour).isEmpty());
        }
        int granted = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (Future<Boolean> attempt : pool.invokeAll(attempts)) {
                granted += attempt.get() ? 1 : 0;
            }
        }
        assertThat(granted).isEqualTo(10);
    }
}
