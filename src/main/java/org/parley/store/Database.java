package org.parley.store;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's door: opens the database, brings its schema up to date and runs work in transactions.
 *
 * <p>SQLite allows one writer at a time, so writes go through a pool of exactly one connection while
 * reads use a separate pool (WAL lets them run beside the writer). PostgreSQL uses one pool for both.
 * A server opens SQLite through {@link #serve}, which keeps a second server off the same file; commands
 * open it beside the server with {@link #open} or {@link #openExisting}. Thread-safe; close it once at
 * shutdown.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    /** PostgreSQL connections kept for building cache entries, beside {@code db.poolSize}. */
    static final int CACHE_CONNECTIONS = 2;
    /** How long closing waits for writes in progress. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(10);
    /** PostgreSQL readiness: this node hears what the others change (its live readers depend on it). */
    static final String OTHER_NODES = "otherNodes";
    /** Where each vendor's migrations are on the class path. */
    private static final String MIGRATIONS = "db/migration/";

    private final Vendor vendor;
    private final StoreConfig config;
    /** Names this process to the others sharing the database (their signals and cache changes). */
    private final String node = UUID.randomUUID().toString().substring(0, 13);
    private final HikariDataSource writePool;
    private final HikariDataSource readPool;
    /** PostgreSQL: where caches read committed rows, apart from the pool writers hold (SQLite: the read pool). */
    private final HikariDataSource cachePool;
    private final Jdbi writer;
    private final Jdbi reader;
    private final Jdbi cacheReader;
    private final Ids ids = new Ids();
    private final Caches caches;
    private final SigningKeys signingKeys;
    private final ReadinessProbe readiness;
    /** Whether the schema already holds every bundled migration, answered without Flyway. */
    private final MigrationCheck migrations;
    /** PostgreSQL: signals to and from the other processes; set once while opening. */
    private Optional<Notifications> notifications = Optional.empty();
    /** Set once while opening, before the instance is handed out. */
    private boolean createdSchema;
    /** A server's hold on its SQLite file ({@link #serve}); set once while opening. */
    private Optional<SqliteLock> servingLock = Optional.empty();
    /** Held shared by each top-level write, and exclusively by {@link #close} while it waits for them. */
    private final ReentrantReadWriteLock writing = new ReentrantReadWriteLock();
    private volatile boolean closing;
    /** This thread's open write transaction, so nested door calls join it (per instance, not static). */
    private final ThreadLocal<WriteTransaction> current = new ThreadLocal<>();
    private final GroupCommit groupCommit;

    private Database(Vendor vendor, StoreConfig config, HikariDataSource writePool, HikariDataSource readPool,
                     HikariDataSource cachePool) {
        this.vendor = vendor;
        this.config = config;
        this.writePool = writePool;
        this.readPool = readPool;
        this.cachePool = cachePool;
        this.writer = Jdbi.create(writePool);
        this.reader = readPool == writePool ? writer : Jdbi.create(readPool);
        this.cacheReader = cachePool == readPool ? reader : Jdbi.create(cachePool);
        this.caches = new Caches(this, vendor, node);
        this.signingKeys = new SigningKeys(this);
        this.migrations = MigrationCheck.bundled(MIGRATIONS + vendor.migrationFolder());
        this.readiness = new ReadinessProbe(reader, migrations, () -> flyway(readPool));
        this.groupCommit = new GroupCommit(writer, current, vendor == Vendor.SQLITE);
    }

    /**
     * Opens the database described by {@code config} and applies pending migrations, creating the
     * database (the SQLite file and its directory) and Parley's schema when they do not exist yet.
     */
    public static Database open(StoreConfig config) {
        Database db = connect(config);
        db.migrateOrClose();
        return db;
    }

    /**
     * Opens the database for a server, as {@link #open} does. A SQLite file is served by one process at a
     * time: this first takes the operating system's lock on {@code parley.db.lock} beside it, held until
     * {@link #close}, and fails naming the file and the other server's pid when another server (in this
     * process or another) holds it. PostgreSQL takes no lock: several nodes on one database are the point.
     */
    public static Database serve(StoreConfig config) {
        Optional<Path> file = config.sqliteFile();
        if (file.isEmpty()) {
            return open(config);
        }
        ConnectionPools.createDataDir(config);
        SqliteLock lock = SqliteLock.acquire(file.get());
        try {
            Database db = connect(config);
            db.servingLock = Optional.of(lock);
            db.migrateOrClose();
            return db;
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * Opens the database only when it already holds Parley's schema (brought up to date as usual);
     * otherwise creates nothing, not even an empty SQLite file, and answers empty.
     */
    public static Optional<Database> openExisting(StoreConfig config) {
        Optional<Path> file = config.sqliteFile();
        if (file.isPresent() && !(Files.isRegularFile(file.get()) && file.get().toFile().length() > 0)) {
            return Optional.empty();
        }
        Database db = connect(config);
        try {
            if (!db.reader.withHandle(db.migrations::upToDate) && db.flyway().info().current() == null) {
                db.close();
                return Optional.empty();
            }
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        db.migrateOrClose();
        return Optional.of(db);
    }

    /** True when opening created Parley's schema here: the database was new and empty. */
    public boolean createdSchema() {
        return createdSchema;
    }

    private static Database connect(StoreConfig config) {
        ConnectionPools pools = ConnectionPools.open(config);
        return new Database(config.vendor(), config, pools.write(), pools.read(), pools.cache());
    }

    private void migrateOrClose() {
        try {
            // Flyway only when there is something for it to do (or to refuse): it costs a third of a second at start.
            if (!reader.withHandle(migrations::upToDate)) {
                createdSchema = flyway().migrate().initialSchemaVersion == null;
            }
            if (servingLock.isPresent()) {
                // Every table, not only those this connection has queried (none yet): a database an older
                // Parley or another tool filled may never have been analysed. Such a table is analysed in
                // full, once (2.4 s for a million comments); later starts find little to do. Only the server
                // does it: a command run beside it must not write statistics under the server's writes.
                writer.useHandle(h -> h.execute("PRAGMA optimize=0x10002"));
            }
            if (vendor == Vendor.SQLITE && reader.withHandle(BulkWrites::anyDeferred)) {
                // An index a bulk write left out when it stopped half-way (a crash) is built again before anyone reads.
                write(h -> {
                    BulkWrites.restore(h);
                    return null;
                });
            }
            if (vendor == Vendor.POSTGRESQL) {
                String schema = reader.withHandle(h -> h.createQuery("SELECT COALESCE(current_schema(), 'public')")
                        .mapTo(String.class).one());
                Notifications signals = new Notifications(this, config, schema, node);
                notifications = Optional.of(signals);
                signals.start();
            }
            caches.start(notifications);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public Vendor vendor() {
        return vendor;
    }

    /** Id generator shared by the features that write to this database. */
    public Ids ids() {
        return ids;
    }

    /** The caches features keep in memory, dropped on every node when what they hold changes. */
    public Caches caches() {
        return caches;
    }

    /**
     * Reports this database to {@code registry}: each connection pool through HikariCP's own meters
     * ({@code hikaricp.connections.*}, tagged {@code pool}: active, idle, pending, timeouts, acquire and
     * usage times) and each cache ({@link Caches#bindTo}). Call once, on a database that serves.
     */
    public void bindTo(MeterRegistry registry) {
        MicrometerMetricsTrackerFactory pools = new MicrometerMetricsTrackerFactory(registry);
        for (HikariDataSource pool : new LinkedHashSet<>(List.of(writePool, readPool, cachePool))) {
            pool.setMetricsTrackerFactory(pools);
        }
        caches.bindTo(registry);
    }

    /** How this process names itself to the others on the database (new at every start). */
    public String node() {
        return node;
    }

    /** Keys for signing short-lived tokens that every process on this database accepts. */
    public SigningKeys signingKeys() {
        return signingKeys;
    }

    /**
     * Runs {@code work} in one write transaction: all of it commits, or none of it. Called while this
     * thread already runs a write transaction of this database, it joins that transaction, so one door
     * can make another door's change part of its own (a moderator's action and its audit entry). On
     * SQLite, writes that arrive together commit together ({@link GroupCommit}), each still all or nothing;
     * the work may then run on another caller's thread, and this returns once it has committed.
     */
    public <R> R write(HandleCallback<R, RuntimeException> work) {
        WriteTransaction open = current.get();
        if (open != null) {
            return work.withHandle(open.handle);
        }
        if (closing || !writing.readLock().tryLock()) {
            throw new IllegalStateException("the database is closing; the write was not started");
        }
        GroupCommit.Piece<R> piece;
        try {
            piece = groupCommit.commit(new GroupCommit.Piece<>(work));
        } finally {
            writing.readLock().unlock();
        }
        return piece.finish();
    }

    /**
     * Runs {@code work} as {@link #write} does, for a write whose loss in a crash does no harm (taking from an
     * allowance): on PostgreSQL its own transaction commits without waiting for the WAL to reach the disk, so
     * a post's allowances cost no flush of their own. Inside a write transaction it joins that one, as durable
     * as the rest of it. On SQLite it is {@link #write}.
     */
    <R> R writeWithoutFlush(HandleCallback<R, RuntimeException> work) {
        if (vendor != Vendor.POSTGRESQL || current.get() != null) {
            return write(work);
        }
        return write(h -> {
            h.execute("SET LOCAL synchronous_commit = off");
            return work.withHandle(h);
        });
    }

    /**
     * Runs {@code action} once the current write transaction has committed (at once when there is
     * none); dropped if it rolls back. For events and cache invalidation, which must never announce a
     * change that did not happen.
     */
    public void afterCommit(Runnable action) {
        WriteTransaction open = current.get();
        if (open == null) {
            action.run();
        } else {
            open.afterCommit().add(action);
        }
    }


    /**
     * Runs {@code work} so that, if it throws, what it wrote is undone and the rest of the current write
     * transaction can go on (a savepoint; after-commit actions it registered are dropped too). Outside a
     * transaction it simply runs {@code work}. The exception is rethrown either way.
     */
    public <R> R undoableOnFailure(Supplier<R> work) {
        WriteTransaction open = current.get();
        if (open == null) {
            return work.get();
        }
        String name = open.nextSavepoint();
        List<Runnable> afterCommit = open.afterCommit();
        int actions = afterCommit.size();
        open.handle.savepoint(name);
        R result;
        try {
            result = work.get();
        } catch (RuntimeException e) {
            open.handle.rollbackToSavepoint(name);
            afterCommit.subList(actions, afterCommit.size()).clear();
            throw e;
        }
        open.handle.release(name);
        return result;
    }

    /** Notes that this thread's write transaction (if any) changes the source of a cache entry. */
    void noteCacheChange(String entry) {
        WriteTransaction open = current.get();
        if (open != null) {
            open.changedCacheEntries.add(entry);
        }
    }

    /** True while this thread's write transaction has changed the source of a cache entry. */
    boolean cacheChangePending(String entry) {
        WriteTransaction open = current.get();
        return open != null && open.changedCacheEntries.contains(entry);
    }

    /**
     * Runs {@code work} on what is committed, as one snapshot across its statements, on a connection of its
     * own also inside a write transaction: what it reads can never be this transaction's uncommitted
     * writes, and it never waits for the pool a writer holds (SQLite: the read pool, beside the one writer;
     * PostgreSQL: a small pool kept for this).
     */
    <R> R readCommitted(HandleCallback<R, RuntimeException> work) {
        return vendor == Vendor.POSTGRESQL
                ? cacheReader.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, work)
                : cacheReader.inTransaction(work);
    }

    /** Runs {@code work} on a read connection, or inside this thread's write transaction if one is open. */
    public <R> R read(HandleCallback<R, RuntimeException> work) {
        WriteTransaction open = current.get();
        return open != null ? work.withHandle(open.handle) : reader.withHandle(work);
    }

    /** Runs {@code work} in one read transaction, for reads that must see one snapshot across statements. */
    public <R> R readConsistent(HandleCallback<R, RuntimeException> work) {
        WriteTransaction open = current.get();
        if (open != null) {
            return work.withHandle(open.handle);
        }
        // SQLite transactions are already snapshots in WAL mode and reject other isolation levels.
        return vendor == Vendor.POSTGRESQL
                ? reader.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, work)
                : reader.inTransaction(work);
    }

    /**
     * On PostgreSQL, signals between the processes sharing this database (empty on SQLite, where one
     * process serves and commands beside it catch up through {@code cache_changes}).
     */
    public Optional<Notifications> notifications() {
        return notifications;
    }

    /**
     * Whether the database can serve, each part by name: {@code database} (a trivial query answers within
     * {@code timeout}), {@code migrations} (none is pending) and, on PostgreSQL, {@code otherNodes} (this
     * process listens to the others' signals). Never waits much longer than
     * {@code timeout}; problems name no host, file or driver message (the log has those).
     */
    public List<HealthCheck> readiness(Duration timeout) {
        List<HealthCheck> checks = new ArrayList<>(readiness.check(timeout));
        notifications.ifPresent(signals -> checks.add(signals.connected() ? HealthCheck.passed(OTHER_NODES)
                : HealthCheck.failed(OTHER_NODES, "not listening to the other nodes' changes; reconnecting")));
        return checks;
    }

    /**
     * SQLite: writes a copy of the whole database to {@code file}, a new file, while Parley keeps serving,
     * and returns its size in bytes. The copy is one snapshot ({@code VACUUM INTO} on a read connection,
     * which WAL lets run beside the writer), compacted, and passes SQLite's integrity check before this
     * returns; a damaged copy is deleted. Fails when {@code file} exists or its directory does not, and on
     * PostgreSQL, whose own {@code pg_dump} does this.
     */
    public long backupTo(Path file) {
        if (vendor != Vendor.SQLITE) {
            throw new IllegalStateException("Parley copies SQLite databases only; back up PostgreSQL with pg_dump");
        }
        return SqliteBackup.write(reader, file);
    }

    /**
     * Refreshes the query planner's statistics where tables changed much since they were taken. SQLite keeps
     * none unless told, and without them may read a growing table through the wrong index; this runs
     * {@code PRAGMA optimize}, which samples (milliseconds when little changed). A server's opening and
     * closing of the database run it too, and the server runs it now and then. Call it outside any write
     * transaction. PostgreSQL: nothing to do, autovacuum analyses tables as they change.
     */
    public void optimize() {
        if (vendor == Vendor.SQLITE) {
            writer.useHandle(h -> h.execute("PRAGMA optimize"));
        }
    }

    /**
     * Runs {@code work}, a long run of inserts (an import), with SQLite's writer set as {@code bulk} says, and sets it
     * back after ({@link BulkWrites}): a bigger page cache, a longer log between copies into the database, indexes
     * left out and built again at the end (crash-safe: the next opening of the database builds one a run left out).
     * While an index is left out, queries that would use it read the table another way. Call it outside any write
     * transaction. PostgreSQL keeps its own buffers and checkpoints: there this only runs {@code work}.
     */
    public <R> R bulkWriting(BulkWrite bulk, Supplier<R> work) {
        return vendor == Vendor.SQLITE ? BulkWrites.run(this, writer, bulk, work) : work.get();
    }

    @Override
    public void close() {
        closing = true;
        try {
            // Writes in progress finish (a stopping server's last requests) before the pools close under them.
            if (!writing.writeLock().tryLock(CLOSE_WAIT.toSeconds(), TimeUnit.SECONDS)) {
                LOG.warn("closing the database with writes still running after {} s", CLOSE_WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (servingLock.isPresent()) {
                optimize();
            }
        } catch (RuntimeException e) {
            // Statistics are an optimisation: closing must still release the pools and the lock.
            LOG.warn("could not refresh the query planner's statistics while closing", e);
        }
        notifications.ifPresent(Notifications::close);
        caches.close();
        if (cachePool != readPool) {
            cachePool.close();
        }
        readPool.close();
        writePool.close();
        servingLock.ifPresent(SqliteLock::close);
    }

    private Flyway flyway() {
        return flyway(writePool);
    }

    private Flyway flyway(DataSource source) {
        return Flyway.configure()
                .dataSource(source)
                .locations("classpath:" + MIGRATIONS + vendor.migrationFolder())
                .load();
    }
}
