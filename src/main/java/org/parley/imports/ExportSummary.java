package org.parley.imports;

/** What a full export of a site wrote: its pages and comments (every status). */
public record ExportSummary(int pages, long comments) {
}
