package org.parley.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.parley.store.Database;
import org.parley.store.StoreConfig;

/**
 * Opens the database a command works on and says on standard error which one, in one line: a site or
 * admin command run without the server's {@code --data} must never work on a stray {@code ./data/parley.db}
 * unnoticed.
 *
 * <p>Commands that only read or change what is there ({@link Command.DatabaseUse#EXISTING_ONLY}) never create
 * a database: listing or changing an empty one cannot be what anyone meant, so a missing one is reported as
 * the likely mistake. Commands that add the first site or admin ({@link Command.DatabaseUse#CREATE_IF_MISSING})
 * may create it, because a newsroom sets those up before its first {@code serve}; they say loudly that the
 * database is new, and where, so a wrong location is seen at once.
 */
final class CommandDatabase {

    static final String ELSEWHERE = "is the server's data elsewhere? pass --data DIR or set PARLEY_DATA (PARLEY_DB_URL for PostgreSQL)";

    private CommandDatabase() {
    }

    static Database open(Command command, StoreConfig store, PrintStream err) {
        Database db = switch (command.database()) {
            case EXISTING_ONLY -> Database.openExisting(store).orElseThrow(() -> new IllegalStateException("found no Parley database (looked for "
                    + store.location() + "); 'parley " + command.name() + "' created nothing; " + ELSEWHERE));
            case CREATE_IF_MISSING, SERVE -> Database.open(store);
            case NONE -> throw new IllegalArgumentException("'parley " + command.name() + "' opens no database");
        };
        err.println("parley: " + (db.createdSchema() ? "created a new, empty " + store.location() + "; " + ELSEWHERE
                : "opened " + store.location()));
        return db;
    }

    /** Before {@code serve} opens the store itself: whether a SQLite file is already there (PostgreSQL: unknown, so true). */
    static boolean exists(StoreConfig store) {
        return store.sqliteFile().map(file -> Files.isRegularFile(file) && sizeOf(file) > 0).orElse(true);
    }

    /** After the server opened the store: which one, and whether it was just created. */
    /** What {@code serve} says about its database: opened, or created (a hint the data directory may be the wrong one). */
    static String served(StoreConfig store, boolean existed) {
        return existed ? "opened " + store.location() : "created a new, empty " + store.location() + "; " + ELSEWHERE;
    }

    private static long sizeOf(Path file) {
        return file.toFile().length();
    }
}
