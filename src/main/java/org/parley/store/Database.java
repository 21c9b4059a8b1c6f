package org.parley.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The store's door: opens the database, brings its schema up to date and runs work in transactions.
 *
 * <p>SQLite allows one writer at a time, so writes go through a pool of exactly one connection while
 * reads use a separate pool (WAL lets them run beside the writer). PostgreSQL uses one pool for both.
 * Thread-safe; close it once at shutdown.
 */
public final class Database implements AutoCloseable {

    private final Vendor vendor;
    private final HikariDataSource writePool;
    private final HikariDataSource readPool;
    private final Jdbi writer;
    private final Jdbi reader;
    private final Ids ids = new Ids();

    private Database(Vendor vendor, HikariDataSource writePool, HikariDataSource readPool) {
        this.vendor = vendor;
        this.writePool = writePool;
        this.readPool = readPool;
        this.writer = Jdbi.create(writePool);
        this.reader = readPool == writePool ? writer : Jdbi.create(readPool);
    }

    /** Opens the database described by {@code config} and applies pending migrations. */
    public static Database open(StoreConfig config) {
        Vendor vendor = config.vendor();
        Database db = switch (vendor) {
            case SQLITE -> {
                createDataDir(config);
                HikariDataSource write = pool("parley-write", sqlite(config), 1);
                yield new Database(vendor, write, pool("parley-read", sqlite(config), config.poolSize()));
            }
            case POSTGRESQL -> {
                HikariConfig hikari = new HikariConfig();
                hikari.setJdbcUrl(config.effectiveUrl());
                if (!config.user().isEmpty()) {
                    hikari.setUsername(config.user());
                }
                if (!config.password().isEmpty()) {
                    hikari.setPassword(config.password());
                }
                hikari.setPoolName("parley");
                hikari.setMaximumPoolSize(config.poolSize());
                HikariDataSource ds = new HikariDataSource(hikari);
                yield new Database(vendor, ds, ds);
            }
        };
        try {
            db.migrate();
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }

    public Vendor vendor() {
        return vendor;
    }

    /** Id generator shared by the features that write to this database. */
    public Ids ids() {
        return ids;
    }

    /** Runs {@code work} in one write transaction: all of it commits, or none of it. */
    public <R> R write(HandleCallback<R, RuntimeException> work) {
        return writer.inTransaction(work);
    }

    /** Runs {@code work} on a read connection (a consistent snapshot within one statement). */
    public <R> R read(HandleCallback<R, RuntimeException> work) {
        return reader.withHandle(work);
    }

    /** Runs {@code work} in one read transaction, for reads that must see one snapshot across statements. */
    public <R> R readConsistent(HandleCallback<R, RuntimeException> work) {
        // SQLite transactions are already snapshots in WAL mode and reject other isolation levels.
        return vendor == Vendor.POSTGRESQL
                ? reader.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, work)
                : reader.inTransaction(work);
    }

    /** The raw data source for tools that need JDBC (PostgreSQL LISTEN, backups). */
    public DataSource dataSource() {
        return writePool;
    }

    /** Opens a handle outside any transaction, for long-lived connections the caller closes. */
    public Handle openHandle() {
        return writer.open();
    }

    @Override
    public void close() {
        readPool.close();
        writePool.close();
    }

    private void migrate() {
        Flyway.configure()
                .dataSource(writePool)
                .locations("classpath:db/migration/" + vendor.migrationFolder())
                .load()
                .migrate();
    }

    private static HikariDataSource pool(String name, DataSource source, int size) {
        HikariConfig hikari = new HikariConfig();
        hikari.setDataSource(source);
        hikari.setPoolName(name);
        hikari.setMaximumPoolSize(size);
        hikari.setMinimumIdle(1);
        return new HikariDataSource(hikari);
    }

    private static DataSource sqlite(StoreConfig config) {
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        sqlite.enforceForeignKeys(true);
        sqlite.setBusyTimeout(10_000);
        SQLiteDataSource ds = new SQLiteDataSource(sqlite);
        ds.setUrl(config.effectiveUrl());
        return ds;
    }

    private static void createDataDir(StoreConfig config) {
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
