package org.parley.imports;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The running counts of one pass over an export, turned into an {@link ImportSummary} at the end. Thread-safe: an import
 * counts what it skips on the thread that reads the export and what it stores on the thread that writes.
 */
final class Tally {

    private final Map<String, Long> imported = new TreeMap<>();
    private final Map<String, Long> skipped = new TreeMap<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<PageMapping> mapping = new ArrayList<>();
    private long warningCount;
    private int pages;
    private int pagesSeen;
    private long commentsSeen;

    synchronized void imported(String status, long count) {
        if (count > 0) {
            imported.merge(status, count, Long::sum);
        }
    }

    synchronized void skipped(String reason, long count) {
        if (count > 0) {
            skipped.merge(reason, count, Long::sum);
        }
    }

    synchronized void warn(String warning) {
        warningCount++;
        if (warnings.size() < Imports.WARNINGS_KEPT) {
            warnings.add(warning);
        }
    }

    synchronized void map(PageMapping page) {
        mapping.add(page);
    }

    /** A page of the export was dealt with, {@code stored} whether comments of it were stored (or would be). */
    synchronized void pageDone(int comments, boolean stored) {
        pagesSeen++;
        commentsSeen += comments;
        pages += stored ? 1 : 0;
    }

    synchronized int pagesSeen() {
        return pagesSeen;
    }

    synchronized long commentsSeen() {
        return commentsSeen;
    }

    synchronized ImportSummary summary(ImportFormat format, boolean dryRun, Duration elapsed) {
        return new ImportSummary(format, dryRun, pages, imported, skipped, warnings, warningCount, mapping, elapsed);
    }
}
