package org.parley.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where Parley keeps its data.
 *
 * @param url          JDBC URL; empty means SQLite in {@code dataDir/parley.db}
 * @param user         database user (PostgreSQL); empty for SQLite
 * @param password     database password; empty when the server trusts the connection
 * @param poolSize     connections kept open for reads (PostgreSQL also writes through them)
 * @param dataDir      directory for the SQLite file and other local state
 */
public record StoreConfig(String url, String user, String password, int poolSize, Path dataDir) {

    private static final String SQLITE_PREFIX = "jdbc:sqlite:";
    private static final Pattern SECRET_PARAMETER = Pattern.compile("pass|secret|token|key");

    public StoreConfig {
        if (poolSize < 1 || poolSize > 200) {
            throw new IllegalArgumentException("store.poolSize must be 1..200, was " + poolSize);
        }
        url = url == null ? "" : url.strip();
        user = user == null ? "" : user;
        password = password == null ? "" : password;
    }

    /** The JDBC URL actually used, filling in the SQLite default. */
    public String effectiveUrl() {
        return url.isEmpty() ? "jdbc:sqlite:" + dataDir.resolve("parley.db").toAbsolutePath() : url;
    }

    public Vendor vendor() {
        return Vendor.of(effectiveUrl());
    }

    /** The SQLite database file, absolute, when the store is a SQLite file (not an in-memory database). */
    public Optional<Path> sqliteFile() {
        String target = effectiveUrl();
        if (!target.startsWith(SQLITE_PREFIX)) {
            return Optional.empty();
        }
        target = target.substring(SQLITE_PREFIX.length()).split("\\?", 2)[0];
        target = target.startsWith("file:") ? target.substring("file:".length()) : target;
        if (target.isEmpty() || target.contains(":memory:") || target.startsWith("memory")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(target).toAbsolutePath().normalize());
    }

    /**
     * Which database this is, for a person to check: the SQLite file's absolute path, or the JDBC URL
     * without the user, password or any other secret it may carry.
     */
    public String location() {
        Optional<Path> file = sqliteFile();
        if (file.isPresent()) {
            return "SQLite database " + file.get();
        }
        String target = effectiveUrl();
        int query = target.indexOf('?');
        String base = query < 0 ? target : target.substring(0, query);
        // jdbc:postgresql://user:secret@host/db: drop the user information before the host.
        base = base.replaceFirst("^(jdbc:[a-z]+://)[^/@]*@", "$1");
        List<String> kept = new ArrayList<>();
        if (query >= 0) {
            for (String parameter : target.substring(query + 1).split("&")) {
                String name = parameter.split("=", 2)[0].toLowerCase(Locale.ROOT);
                if (!parameter.isEmpty() && !name.equals("user") && !SECRET_PARAMETER.matcher(name).find()) {
                    kept.add(parameter);
                }
            }
        }
        return (vendor() == Vendor.POSTGRESQL ? "PostgreSQL" : "SQLite") + " database " + base
                + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
    }
}
