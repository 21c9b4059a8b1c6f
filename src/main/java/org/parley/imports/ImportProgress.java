package org.parley.imports;

import java.time.Duration;

/** How far an import has got: pages and comments stored so far, of how many the export holds, and the time taken. */
public record ImportProgress(int pagesDone, int pagesTotal, long commentsDone, long commentsTotal, Duration elapsed) {

    /** Comments stored per second so far. */
    public long rate() {
        long millis = Math.max(1, elapsed.toMillis());
        return commentsDone * 1000 / millis;
    }
}
