package org.parley.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.sites.Sites;
import org.parley.store.Database;
import org.parley.store.StoreConfig;
import org.parley.testing.TestDatabases;

class AccountsOnPostgresTest extends AccountsContract {

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
    void aSessionEndedOnOneNodeStopsWorkingOnTheOther() {
        Identity here = identity();
        try (Database otherNode = Database.open(config)) {
            Identity there = Identity.create(otherNode, clock, Sites.create(otherNode, clock));
            SignedIn session = here.signIn(COURIER, sso("u-1", "Rob G"));
            assertThat(there.authenticate(session.token())).hasValue(session.account().id());
            here.signOut(session.token());
            org.parley.testing.Waiting.until("the other node sees the sign-out",
                    () -> there.authenticate(session.token()).isEmpty());
        }
    }
}
