package org.parley.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/** A SQLite database copied to a new file while it serves; {@link Database#backupTo} says what callers get. */
final class SqliteBackup {

    private SqliteBackup() {
    }

    /** Copies through {@code reader} (a read connection: WAL runs it beside the writer); returns the copy's size. */
    static long write(Jdbi reader, Path file) {
        String target = file.toAbsolutePath().toString();
        // Bound, never spliced into the SQL: INTO and ATTACH take an expression, and a file name may hold quotes.
        try {
            reader.useHandle(h -> h.execute("VACUUM INTO ?", target));
        } catch (JdbiException e) {
            // Most often the file appeared since the caller looked, or its directory went.
            throw new IllegalStateException("could not write the copy to " + target + ": "
                    + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()), e);
        }
        List<String> integrity = reader.withHandle(h -> {
            h.execute("ATTACH DATABASE ? AS copy", target);
            try {
                return h.createQuery("PRAGMA copy.integrity_check").mapTo(String.class).list();
            } finally {
                h.execute("DETACH DATABASE copy");
            }
        });
        try {
            if (!integrity.equals(List.of("ok"))) {
                Files.delete(file);
                throw new IllegalStateException("the copy failed SQLite's integrity check and was deleted: " + integrity.getFirst());
            }
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("reading back " + file, e);
        }
    }
}
