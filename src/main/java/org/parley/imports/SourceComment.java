package org.parley.imports;

import java.time.Instant;
import java.util.Optional;

/**
 * One comment as an export describes it.
 *
 * @param html  its text as the export holds it: untrusted HTML (WordPress's plain lines already made paragraphs)
 * @param state what the export says became of it
 * @param line  where it starts in the file, for messages
 * @param up    up votes as they counted where it comes from (a Parley export); likewise {@code down}
 * @param trail what a Parley export (version 2) holds besides: each vote, the review, reasons, highlight and note
 */
record SourceComment(String sourceId, Optional<String> parentId, Optional<String> authorName, Optional<String> authorEmail,
                     Optional<String> authorUser, String html, State state, Instant createdAt, int line, int up, int down,
                     Optional<SourceTrail> trail) {

    /** A comment of an export that has vote counts but no voters (Remark42, Commento, a Parley export version 1). */
    SourceComment(String sourceId, Optional<String> parentId, Optional<String> authorName, Optional<String> authorEmail,
                  Optional<String> authorUser, String html, State state, Instant createdAt, int line, int up, int down) {
        this(sourceId, parentId, authorName, authorEmail, authorUser, html, state, createdAt, line, up, down, Optional.empty());
    }

    /** A comment of an export that has no votes (Disqus, WordPress). */
    SourceComment(String sourceId, Optional<String> parentId, Optional<String> authorName, Optional<String> authorEmail,
                  Optional<String> authorUser, String html, State state, Instant createdAt, int line) {
        this(sourceId, parentId, authorName, authorEmail, authorUser, html, state, createdAt, line, 0, 0);
    }

    /** What an export says became of a comment; pingbacks and trackbacks are not comments and are skipped. */
    enum State { PUBLISHED, PENDING, REJECTED, DELETED, PINGBACK, TRACKBACK }
}
