package org.parley.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.TestDatabases;

/** A long run of inserts on SQLite: the index it leaves out comes back whatever happens, and SQLite's writer is set back. */
class BulkWritesOnSqliteTest {

    static final String INDEX = "comments_by_author_page";
    static final BulkWrite LEAVING_IT_OUT = new BulkWrite(32, 64, List.of(INDEX));

    @TempDir
    Path dir;
    StoreConfig config;
    Database db;

    @BeforeEach
    void open() {
        config = TestDatabases.sqlite(dir);
        db = Database.open(config);
    }

    @AfterEach
    void close() {
        db.close();
    }

    boolean indexExists() {
        return db.read(h -> h.createQuery("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = :name")
                .bind("name", INDEX).mapTo(Integer.class).one()) == 1;
    }

    String indexDefinition() {
        return db.read(h -> h.createQuery("SELECT sql FROM sqlite_master WHERE name = :name").bind("name", INDEX)
                .mapTo(String.class).one());
    }

    long writerSetting(String pragma) {
        return db.write(h -> h.createQuery("PRAGMA " + pragma).mapTo(Long.class).one());
    }

    @Test
    void anIndexLeftOutWhileTheInsertsRunIsBuiltAgainAsItWasAndTheWriterIsSetBack() {
        String before = indexDefinition();

        boolean presentDuring = db.bulkWriting(LEAVING_IT_OUT, () -> {
            assertThat(writerSetting("cache_size")).isEqualTo(-32L * 1024);
            return indexExists();
        });

        assertThat(presentDuring).isFalse();
        assertThat(indexExists()).isTrue();
        assertThat(indexDefinition()).isEqualTo(before);
        assertThat(writerSetting("cache_size")).isEqualTo(-2000L);
        assertThat(writerSetting("wal_autocheckpoint")).isEqualTo(1000L);
        int notes = db.read(h -> h.createQuery("SELECT COUNT(*) FROM deferred_indexes").mapTo(Integer.class).one());
        assertThat(notes).isZero();
    }

    @Test
    void anIndexLeftOutComesBackWhenTheInsertsFail() {
        assertThatThrownBy(() -> db.bulkWriting(LEAVING_IT_OUT, () -> {
            throw new IllegalStateException("the disk is full");
        })).hasMessage("the disk is full");

        assertThat(indexExists()).isTrue();
    }

    @Test
    void anIndexARunLeftOutWhenItStoppedHalfWayIsBuiltWhenTheDatabaseIsOpenedNext() {
        // What a run that was killed leaves: the index gone, and the note saying how to build it.
        String definition = indexDefinition();
        db.write(h -> {
            h.createUpdate("INSERT INTO deferred_indexes (name, definition, deferred_at) VALUES (:name, :definition, 0)")
                    .bind("name", INDEX).bind("definition", definition).execute();
            return h.execute("DROP INDEX " + INDEX);
        });
        db.close();

        db = Database.open(config);

        assertThat(indexExists()).isTrue();
        assertThat(indexDefinition()).isEqualTo(definition);
    }
}
