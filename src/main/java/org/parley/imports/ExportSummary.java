package org.parley.imports;

/**
 * What a full export of a site wrote: its pages, comments (every status) and votes, the readers they name, and the
 * site's blocks, sanctions and audit log entries.
 */
public record ExportSummary(int pages, long comments, long votes, int readers, int blocks, int sanctions, int auditEntries) {
}
