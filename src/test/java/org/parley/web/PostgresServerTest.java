package org.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.store.StoreConfig;
import org.parley.testing.RunningParley;
import org.parley.testing.TestDatabases;

/** The same Parley, configured with PARLEY_DB_URL, runs on PostgreSQL: the demo and a reader's comment. */
class PostgresServerTest {

    @TempDir
    Path dir;

    @Test
    void theDemoRunsOnPostgresqlWhenTheDatabaseUrlSaysSo() {
        StoreConfig pg = TestDatabases.postgres(dir);
        try (RunningParley parley = RunningParley.start(dir, Clock.systemUTC(), true,
                Map.of(ConfigKey.DB_URL, pg.url(), ConfigKey.DB_USER, pg.user()))) {
            var thread = parley.http().get("/api/v1/sites/demo/thread?page=coalition-euphrates-losses").json();
            assertThat(thread.at("/page/commentCount").asInt()).isEqualTo(10);

            String token = parley.guestToken("demo");
            var posted = parley.http().post("/api/v1/sites/demo/comments",
                    "{\"page\":\"coalition-euphrates-losses\",\"body\":\"Stored in PostgreSQL\"}", "Authorization", "Bearer " + token);
            assertThat(posted.status()).isEqualTo(201);
            assertThat(parley.http().get("/api/v1/sites/demo/thread?page=coalition-euphrates-losses").json()
                    .at("/page/commentCount").asInt()).isEqualTo(11);
            assertThat(dir.resolve("parley.db")).as("no SQLite file when PostgreSQL is configured").doesNotExist();
        } finally {
            TestDatabases.dropPostgres(pg);
        }
    }
}
