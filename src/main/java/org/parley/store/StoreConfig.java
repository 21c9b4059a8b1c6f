package org.parley.store;

import java.nio.file.Path;

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
}
