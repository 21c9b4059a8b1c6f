/**
 * Imports: brings a newsroom's comment history in from another system's export (Disqus XML, WordPress WXR, a Remark42
 * backup, a Commento export, or Parley's own), and writes Parley's own export of a site ({@code docs/export-schema.json}) for leaving.
 * Door: {@link org.parley.imports.Imports}. An export is read as a stream (StAX with DTDs and external entities
 * refused, or Jackson's streaming parser) and checked in full before anything is written; then whole pages are stored
 * per transaction through {@link org.parley.comments.Comments#importThread}, their authors becoming guests (or the
 * account whose verified email matches). Parley's own export (version 2) also carries votes, each comment's review and
 * reasons, blocks, sanctions and the audit log, restored through the comments, identity and moderation doors in the
 * page's transaction; {@link org.parley.imports.Imports#exportFor} is the dashboard's audited, admin-only download.
 * Owns table {@code import_sources} (what each source id became: pages, comments, authors, sanctions, audit entries), which
 * makes a second import of the same export add nothing, and table {@code import_screening} (published comments an
 * import stored that screening has not judged yet), worked off later by {@link org.parley.imports.Imports#screenImported}
 * from a running server's leased job. Publishes no events of its own.
 */
package org.parley.imports;
