package org.parley.logins;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.store.Database;
import org.parley.store.Ids;
import org.parley.store.StoreConfig;
import org.parley.testing.TestDatabases;

class OidcRepositoryOnPostgresTest extends OidcRepositoryContract {

    @TempDir
    Path dir;
    StoreConfig config;
    Database db;

    @BeforeEach
    void open() {
        config = TestDatabases.postgres(dir);
        db = Database.open(config);
    }

    @AfterEach
    void close() {
        db.close();
        TestDatabases.dropPostgres(config);
    }

    @Override
    Database db() {
        return db;
    }

    @Test
    void aSignInStartedOnOneNodeIsFinishedOnAnotherAndThenOnNeither() {
        OidcSignInState kept = signIn("https://courier.example", NOW.plus(OidcFlow.LIFETIME));
        insert("across-nodes", kept);
        try (Database otherNode = Database.open(config)) {
            java.util.Optional<OidcSignInState> there = otherNode.write(h -> repository.takeSignIn(h, Ids.digest("across-nodes")));
            assertThat(there).hasValue(kept);
        }
        assertThat(take("across-nodes")).isEmpty();
    }
}
