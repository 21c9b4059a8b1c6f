package org.parley.moderation;

import java.time.Instant;
import java.util.Optional;
import org.parley.comments.CommentId;
import org.parley.identity.ReaderId;
import org.parley.sites.SiteId;

/** A reader's report of a comment; resolved once a moderator acts on the comment. */
public record Report(String id, CommentId comment, SiteId site, ReaderId reporter, ReportReason reason,
                     Optional<String> note, Instant at, Optional<Instant> resolvedAt) {
}
