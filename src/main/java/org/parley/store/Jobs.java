package org.parley.store;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chores a running Parley does on its own, each run once per period across all the processes on the
 * database (the {@code jobs} table): a process takes a due job by leasing it, runs it, and records when it
 * finished. A job whose process dies keeps its lease only until the lease runs out; then another process
 * runs it. Every process looks for due jobs every {@link #CHECK_EVERY}. A job that throws is logged and
 * tried again at the next check. Thread-safe.
 */
public final class Jobs implements AutoCloseable {

    static final Duration CHECK_EVERY = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(Jobs.class);

    private record Job(String name, Duration every, Duration lease, Runnable work) {
    }

    private final Database db;
    private final Clock clock;
    private final String holder;
    private final List<Job> jobs = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("parley-jobs").daemon().factory());

    private Jobs(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.holder = db.node();
    }

    /** The jobs of this process on {@code db}, reading time from {@code clock}; none runs before {@link #start}. */
    public static Jobs create(Database db, Clock clock) {
        return new Jobs(db, clock);
    }

    /**
     * Runs {@code work} every {@code every} somewhere among the processes; it must finish within
     * {@code lease}, after which another process may take it over.
     */
    public void schedule(String name, Duration every, Duration lease, Runnable work) {
        jobs.add(new Job(name, every, lease, work));
        db.write(h -> h.createUpdate("INSERT INTO jobs (name) VALUES (:name) ON CONFLICT (name) DO NOTHING").bind("name", name).execute());
    }

    /** Starts looking for due jobs, first after {@code firstCheck}. */
    public void start(Duration firstCheck) {
        timer.scheduleWithFixedDelay(this::runDue, firstCheck.toMillis(), CHECK_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs, one after another, every job that is due and that no other process is running; returns how many ran. */
    public int runDue() {
        int ran = 0;
        for (Job job : jobs) {
            try {
                if (take(job)) {
                    job.work().run();
                    finish(job);
                    ran++;
                }
            } catch (RuntimeException e) {
                // The lease runs out and the job is due again at a later check, here or elsewhere.
                LOG.warn("job {} failed: {}", job.name(), e.toString(), e);
            }
        }
        return ran;
    }

    /** Leases {@code job} to this process if it is due and free; true when it did. */
    private boolean take(Job job) {
        long now = clock.millis();
        return db.write(h -> h.createUpdate("""
                        UPDATE jobs SET holder = :holder, lease_until = :until
                        WHERE name = :name AND lease_until < :now AND finished_at <= :due""")
                .bind("holder", holder)
                .bind("until", now + job.lease().toMillis())
                .bind("name", job.name())
                .bind("now", now)
                .bind("due", now - job.every().toMillis())
                .execute()) == 1;
    }

    /** Records the run, unless the lease ran out and another process took the job meanwhile. */
    private void finish(Job job) {
        db.write(h -> h.createUpdate("UPDATE jobs SET finished_at = :now, lease_until = 0 WHERE name = :name AND holder = :holder")
                .bind("now", clock.millis())
                .bind("name", job.name())
                .bind("holder", holder)
                .execute());
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
