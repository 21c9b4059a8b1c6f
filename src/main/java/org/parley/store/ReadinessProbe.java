package org.parley.store;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the database whether it can serve: a trivial query on a pooled connection, then whether every
 * migration is applied (Flyway's list of those that are not, when a look at its history is not enough). The
 * probe runs on a thread of its own that the caller waits for at most a timeout, because a pool whose
 * database is gone blocks for its whole connection timeout (30 s), far longer than a health checker waits.
 * Callers arriving while a probe runs wait for that same probe, so an outage never piles up threads.
 * Thread-safe.
 */
final class ReadinessProbe {

    static final String DATABASE = "database";
    static final String MIGRATIONS = "migrations";
    private static final Logger LOG = LoggerFactory.getLogger(ReadinessProbe.class);

    private final Jdbi reader;
    private final MigrationCheck migrations;
    private final Supplier<Flyway> flyway;
    /** The probe in flight or last finished; guarded by this. */
    private CompletableFuture<List<HealthCheck>> probe;
    /** What the last finished probe found wrong, so each change is logged once, not at every probe. */
    private String lastProblem = "";

    ReadinessProbe(Jdbi reader, MigrationCheck migrations, Supplier<Flyway> flyway) {
        this.reader = reader;
        this.migrations = migrations;
        this.flyway = flyway;
    }

    List<HealthCheck> check(Duration timeout) {
        CompletableFuture<List<HealthCheck>> running;
        synchronized (this) {
            if (probe == null || probe.isDone()) {
                CompletableFuture<List<HealthCheck>> started = new CompletableFuture<>();
                Thread.ofVirtual().name("parley-readiness").start(() -> {
                    try {
                        started.complete(probe(timeout));
                    } catch (Throwable e) {
                        LOG.error("the readiness probe failed", e);
                        started.complete(unanswered("not checked: the check itself failed (the server log says why)"));
                    }
                });
                probe = started;
            }
            running = probe;
        }
        try {
            return running.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return unanswered("did not answer within " + Math.max(1, timeout.toSeconds()) + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unanswered("not checked: the check was interrupted");
        } catch (ExecutionException e) {
            throw new IllegalStateException("unreachable: the probe completes with a result", e.getCause());
        }
    }

    private List<HealthCheck> probe(Duration timeout) {
        List<HealthCheck> checks;
        Throwable cause = null;
        try {
            int seconds = (int) Math.max(1, timeout.toSeconds());
            reader.useHandle(h -> h.createQuery("SELECT 1").setQueryTimeout(seconds).mapTo(Integer.class).one());
        } catch (RuntimeException e) {
            cause = e;
        }
        if (cause != null) {
            checks = unanswered("failed a test query (the server log says why)");
        } else {
            try {
                // Flyway's list only when the quick look finds the schema is not simply up to date.
                List<String> pending = reader.withHandle(migrations::upToDate) ? List.of()
                        : Arrays.stream(flyway.get().info().pending())
                        .map(MigrationInfo::getVersion).filter(Objects::nonNull).map(Object::toString).toList();
                checks = List.of(HealthCheck.passed(DATABASE), pending.isEmpty() ? HealthCheck.passed(MIGRATIONS)
                        : HealthCheck.failed(MIGRATIONS, pending.size() + " not applied (version " + String.join(", ", pending)
                                + "); Parley applies them when it starts"));
            } catch (RuntimeException e) {
                cause = e;
                checks = List.of(HealthCheck.passed(DATABASE),
                        HealthCheck.failed(MIGRATIONS, "could not be listed (the server log says why)"));
            }
        }
        logChange(checks, cause);
        return checks;
    }

    private synchronized void logChange(List<HealthCheck> checks, Throwable cause) {
        String problem = String.join("; ", checks.stream().filter(check -> !check.ready())
                .map(check -> check.name() + " " + check.problem().orElseThrow()).toList());
        if (problem.equals(lastProblem)) {
            return;
        }
        if (problem.isEmpty()) {
            LOG.info("the database is ready again");
        } else if (cause != null) {
            LOG.warn("not ready: {}: {}", problem, cause.toString());
        } else {
            LOG.warn("not ready: {}", problem);
        }
        lastProblem = problem;
    }

    /** Both checks failed: the migrations cannot be listed without a database that answers. */
    private static List<HealthCheck> unanswered(String problem) {
        return List.of(HealthCheck.failed(DATABASE, problem),
                HealthCheck.failed(MIGRATIONS, "not checked: the database did not answer"));
    }
}
