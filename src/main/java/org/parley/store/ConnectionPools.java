package org.parley.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import javax.sql.DataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The connection pools of one database, by what they are for. SQLite allows one writer at a time, so
 * writes go through a pool of exactly one connection while reads use another (WAL lets them run beside the
 * writer); building cache entries reads there too. PostgreSQL writes and reads through one pool, and keeps
 * {@link Database#CACHE_CONNECTIONS} of its own for building cache entries, so that never waits for the pool
 * writers (possibly waiting for that very entry) hold.
 */
record ConnectionPools(HikariDataSource write, HikariDataSource read, HikariDataSource cache) {

    /** Opens the pools {@code config} describes, creating SQLite's data directory when it is missing. */
    static ConnectionPools open(StoreConfig config) {
        return switch (config.vendor()) {
            case SQLITE -> {
                createDataDir(config);
                HikariDataSource read = pool("parley-read", sqlite(config, false), config.poolSize());
                yield new ConnectionPools(pool("parley-write", sqlite(config, true), 1), read, read);
            }
            case POSTGRESQL -> {
                HikariDataSource both = postgres(config, "parley", config.poolSize());
                yield new ConnectionPools(both, both, postgres(config, "parley-cache", Database.CACHE_CONNECTIONS));
            }
        };
    }

    private static HikariDataSource postgres(StoreConfig config, String name, int size) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(config.effectiveUrl());
        if (!config.user().isEmpty()) {
            hikari.setUsername(config.user());
        }
        if (!config.password().isEmpty()) {
            hikari.setPassword(config.password());
        }
        hikari.setPoolName(name);
        hikari.setMaximumPoolSize(size);
        hikari.setMinimumIdle(1);
        return new HikariDataSource(hikari);
    }

    private static HikariDataSource pool(String name, DataSource source, int size) {
        HikariConfig hikari = new HikariConfig();
        hikari.setDataSource(source);
        hikari.setPoolName(name);
        hikari.setMaximumPoolSize(size);
        hikari.setMinimumIdle(1);
        return new HikariDataSource(hikari);
    }

    /**
     * SQLite connections in WAL mode. The writer's transactions take the write lock when they begin
     * (IMMEDIATE): another process writing meanwhile (a command beside the server) makes them wait out the
     * busy timeout, where a transaction that read first would fail when it came to write.
     */
    private static DataSource sqlite(StoreConfig config, boolean writer) {
        SQLiteConfig sqlite = new SQLiteConfig();
        if (writer) {
            sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        }
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        sqlite.enforceForeignKeys(true);
        sqlite.setBusyTimeout(10_000);
        SQLiteDataSource ds = new SQLiteDataSource(sqlite);
        ds.setUrl(config.effectiveUrl());
        return ds;
    }

    /** Creates SQLite's data directory when the configuration names no database URL of its own. */
    static void createDataDir(StoreConfig config) {
        if (!config.url().isEmpty()) {
            return;
        }
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + config.dataDir().toAbsolutePath(), e);
        }
    }
}
