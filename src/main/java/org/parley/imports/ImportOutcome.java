package org.parley.imports;

/**
 * How an import ended: {@link Done} (also for a dry run), or {@link Refused} when the export could not be read as
 * the format asked for; a refused export was checked before anything was written, so nothing was.
 */
public sealed interface ImportOutcome {

    /** The export was read through; the summary says what it brought in (or, for a dry run, would). */
    record Done(ImportSummary summary) implements ImportOutcome {
    }

    /** The export is not what was asked for: {@code reason} names the line and element and what is wrong. */
    record Refused(String reason) implements ImportOutcome {
    }
}
