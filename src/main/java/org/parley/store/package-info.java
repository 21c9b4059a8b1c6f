/**
 * JDBC plumbing shared by features. Door: {@link org.parley.store.Database} — opens SQLite (one writer
 * connection, separate readers) or PostgreSQL, applies the vendor's Flyway migrations from
 * {@code db/migration/{sqlite,postgresql}} and runs transactions. Each feature owns its tables and SQL.
 * The door also says whether the database is ready to serve ({@link org.parley.store.HealthCheck}), copies a
 * SQLite database while it serves, and keeps a second server off a SQLite file ({@code parley.db.lock}).
 */
package org.parley.store;
