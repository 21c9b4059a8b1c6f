package org.parley.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SQLite's writer set for a long run of inserts, and set back after. Three things slowed an import of a million
 * comments most: index pages read back from the file again and again (a bigger page cache), every page a commit
 * dirtied copied from the log into the database after each commit (a longer log between copies writes each page
 * once for many commits), and one index whose entries land all over it, one page read and written per comment (left
 * out while the inserts run, then built in one sorted pass). Leaving an index out is crash-safe: it is dropped in
 * the transaction that notes its definition in {@code deferred_indexes} and built again in the one that deletes the
 * note, so a run that stops half-way leaves the note, and the next opening of the database builds the index.
 */
final class BulkWrites {

    private static final Logger LOG = LoggerFactory.getLogger(BulkWrites.class);
    /** SQLite's own default page cache, in KiB when negative: what a connection keeps when nobody asks for more. */
    private static final int DEFAULT_CACHE_KIB = -2000;
    /** SQLite's own default: the log is copied into the database once it holds this many pages. */
    private static final int DEFAULT_CHECKPOINT_PAGES = 1000;

    private BulkWrites() {
    }

    static <R> R run(Database db, Jdbi writer, BulkWrite bulk, Supplier<R> work) {
        writer.useHandle(h -> {
            h.execute("PRAGMA cache_size = " + (-1024L * bulk.cacheMebibytes()));
            long pageBytes = h.createQuery("PRAGMA page_size").mapTo(Long.class).one();
            h.execute("PRAGMA wal_autocheckpoint = " + (bulk.checkpointMebibytes() * 1024L * 1024 / pageBytes));
        });
        try {
            if (!bulk.deferredIndexes().isEmpty()) {
                db.write(h -> {
                    defer(h, bulk.deferredIndexes());
                    return null;
                });
            }
            return work.get();
        } finally {
            if (!bulk.deferredIndexes().isEmpty()) {
                db.write(h -> {
                    restore(h);
                    return null;
                });
            }
            writer.useHandle(h -> {
                h.execute("PRAGMA cache_size = " + DEFAULT_CACHE_KIB);
                h.execute("PRAGMA wal_autocheckpoint = " + DEFAULT_CHECKPOINT_PAGES);
                h.createQuery("PRAGMA wal_checkpoint(TRUNCATE)").mapToMap().list();
            });
        }
    }

    /** Drops each of {@code indexes} that exists, noting how to build it again; inside the caller's write. */
    private static void defer(Handle h, List<String> indexes) {
        for (String index : indexes) {
            Optional<String> definition = h.createQuery("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = :name")
                    .bind("name", index).mapTo(String.class).findOne();
            if (definition.isEmpty()) {
                continue; // left out already (a note from a run that stopped), or no such index
            }
            h.createUpdate("INSERT INTO deferred_indexes (name, definition, deferred_at) VALUES (:name, :definition, :at)"
                            + " ON CONFLICT (name) DO NOTHING")
                    .bind("name", index).bind("definition", definition.get()).bind("at", System.currentTimeMillis()).execute();
            h.execute("DROP INDEX " + quoted(index));
        }
    }

    /** Whether a run left an index out and has not built it again (it stopped half-way, or it is still running). */
    static boolean anyDeferred(Handle h) {
        return h.createQuery("SELECT COUNT(*) FROM deferred_indexes").mapTo(Integer.class).one() > 0;
    }

    /** Builds every index a note says was left out, and deletes the notes; inside the caller's write. */
    static void restore(Handle h) {
        List<Map.Entry<String, String>> deferred = h.createQuery("SELECT name, definition FROM deferred_indexes ORDER BY name")
                .map((rs, ctx) -> Map.entry(rs.getString("name"), rs.getString("definition"))).list();
        for (Map.Entry<String, String> index : deferred) {
            String name = index.getKey();
            String definition = index.getValue();
            long started = System.nanoTime();
            // A server that opened the database meanwhile may have built it already.
            h.execute(definition.replaceFirst("(?i)^CREATE\\s+(UNIQUE\\s+)?INDEX\\s+(?!IF\\s+NOT\\s+EXISTS)", "CREATE $1INDEX IF NOT EXISTS "));
            h.createUpdate("DELETE FROM deferred_indexes WHERE name = :name").bind("name", name).execute();
            LOG.info("built index {} again in {} ms", name, (System.nanoTime() - started) / 1_000_000);
        }
    }

    private static String quoted(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
