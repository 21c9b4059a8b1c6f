package org.parley.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import org.parley.comments.Comments;
import org.parley.store.Database;
import org.parley.store.StoreConfig;
import org.parley.store.Vendor;

/**
 * {@code parley backup --to FILE}: a consistent copy of the SQLite database, made while Parley serves it.
 * A copy that cannot be made as asked is refused before any database is opened: onto a file that exists (a
 * backup never overwrites one: it may be the last good copy), into a directory that does not, and of
 * PostgreSQL, whose own pg_dump is the tool there. The copy is then opened as a Parley database and its
 * comments counted, so what is printed is what a restore would bring back.
 */
final class BackupCommand {

    private BackupCommand() {
    }

    /** The absolute file {@code --to} names, once it is known that a copy can be written there. */
    static Path target(Args args, StoreConfig store) {
        if (store.vendor() == Vendor.POSTGRESQL) {
            throw new Args.Refused("'parley backup' copies SQLite databases, and this is " + store.location() + ": back it up"
                    + " with pg_dump -Fc -f parley.dump DBNAME, restore it with pg_restore --clean --if-exists -d DBNAME parley.dump");
        }
        Path file = Path.of(args.required("to")).toAbsolutePath().normalize();
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new Args.Refused(file + " already exists; a backup never overwrites a file: name a new one");
        }
        if (!Files.isDirectory(file.getParent())) {
            throw new Args.Refused("directory " + file.getParent() + " does not exist; create it, or name a file in an existing directory");
        }
        if (file.toString().contains("?")) {
            // The SQLite driver reads what follows a '?' in its URL as options, so such a copy could not be opened.
            throw new Args.Refused("--to: a file name with '?' cannot be opened as a SQLite database; choose another name");
        }
        return file;
    }

    /** Writes the copy of {@code db} to {@code file} and says what it holds. */
    static void run(Path file, Database db, StoreConfig store, PrintStream out) {
        long bytes = db.backupTo(file);
        StoreConfig copy = new StoreConfig("jdbc:sqlite:" + file, "", "", 1, file.getParent());
        long comments;
        try (Database opened = Database.openExisting(copy).orElseThrow(() -> new IllegalStateException(
                "the copy at " + file + " does not open as a Parley database"))) {
            comments = Comments.stored(opened);
        }
        out.printf(Locale.ROOT, "wrote %s: %,d bytes, %,d comments, integrity check ok%n", file, bytes, comments);
        store.sqliteFile().ifPresent(live -> out.println("to restore it: stop Parley, put it in place of " + live
                + ", delete " + live.getFileName() + "-wal and " + live.getFileName() + "-shm beside it, start Parley"));
    }
}
