package org.parley.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.parley.store.StoreConfig;

/**
 * Databases for store tests: a SQLite file in a temporary directory, or a fresh schema in the
 * PostgreSQL cluster CI starts (127.0.0.1:5432, database {@code test}; override with
 * {@code PARLEY_TEST_PG_URL} and {@code PARLEY_TEST_PG_USER}). Each PostgreSQL schema is dropped by
 * {@link #dropPostgres}.
 */
public final class TestDatabases {

    private static final String PG_URL = System.getenv().getOrDefault("PARLEY_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String PG_USER = System.getenv().getOrDefault("PARLEY_TEST_PG_USER", "postgres");

    private TestDatabases() {
    }

    public static StoreConfig sqlite(Path dir) {
        return new StoreConfig("", "", "", 4, dir);
    }

    /** A new, empty schema; the returned config connects to it. */
    public static StoreConfig postgres(Path dir) {
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "");
             Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is not reachable at " + PG_URL + " as " + PG_USER
                    + "; .ci/run starts it (see README)", e);
        }
        return new StoreConfig(PG_URL + "?currentSchema=" + schema, PG_USER, "", 4, dir);
    }

    public static void dropPostgres(StoreConfig config) {
        administer("DROP SCHEMA " + schema(config) + " CASCADE");
    }

    /** The schema a config from {@link #postgres} connects to. */
    public static String schema(StoreConfig config) {
        String url = config.url();
        return url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
    }

    /**
     * Runs statements as the cluster's administrator, in order: for tests that change what PostgreSQL allows
     * (roles, sessions) and for dropping what they made.
     */
    public static void administer(String... statements) {
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "");
             Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + PG_URL + " refused " + String.join("; ", statements), e);
        }
    }
}
