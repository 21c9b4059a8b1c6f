package org.parley.imports;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.parley.comments.CommentId;
import org.parley.comments.Comments;
import org.parley.comments.ScreenedImport;
import org.parley.comments.Submission;
import org.parley.comments.Verdict;
import org.parley.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imported comments waiting for screening, worked off a batch at a time: each comment is judged and its reasons
 * kept (one short transaction each, so the abuse model never runs while a write lock is held), then the batch
 * leaves the waiting list. A run that stops between the two finds those comments again and skips them, as
 * {@link Comments#screenImported} adds nothing to a comment screened before. A comment that fails is logged and left
 * as it was; a batch where every comment fails stops the run and stays waiting.
 */
final class ScreeningBacklog {

    /** Comments per batch: about a second of the abuse model's time with its sentence encoder. */
    static final int BATCH = 200;
    private static final Logger LOG = LoggerFactory.getLogger(ScreeningBacklog.class);

    private final Database db;
    private final Comments comments;
    private final ImportRepository repository;

    ScreeningBacklog(Database db, Comments comments, ImportRepository repository) {
        this.db = db;
        this.comments = comments;
        this.repository = repository;
    }

    ScreeningRun run(Function<Submission, Verdict> judge, Duration budget) {
        long started = System.nanoTime();
        long deadline = started + budget.toNanos();
        int screened = 0;
        int flagged = 0;
        int held = 0;
        while (System.nanoTime() < deadline) {
            List<String> batch = db.read(h -> repository.awaitingScreening(h, BATCH));
            if (batch.isEmpty()) {
                break;
            }
            RuntimeException failure = null;
            int failed = 0;
            for (String id : batch) {
                ScreenedImport outcome;
                try {
                    outcome = comments.screenImported(new CommentId(id), judge);
                } catch (RuntimeException e) {
                    // One comment that cannot be screened (damaged stored reasons) must not stop the rest for ever.
                    LOG.warn("could not screen imported comment {}; it stays as it was: {}", id, e.toString());
                    failure = e;
                    failed++;
                    continue;
                }
                screened += outcome == ScreenedImport.SKIPPED ? 0 : 1;
                flagged += outcome == ScreenedImport.FLAGGED ? 1 : 0;
                held += outcome == ScreenedImport.HELD ? 1 : 0;
            }
            if (failed == batch.size()) {
                // Nothing worked: more likely the database or the model than the comments; keep them for the next run.
                throw new IllegalStateException("could not screen any of " + failed + " imported comments; they wait for the next run",
                        failure);
            }
            db.write(h -> {
                repository.screened(h, batch);
                return null;
            });
        }
        long waiting = db.read(repository::countAwaitingScreening);
        return new ScreeningRun(screened, flagged, held, waiting, Duration.ofNanos(System.nanoTime() - started));
    }
}
