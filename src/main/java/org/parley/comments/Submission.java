package org.parley.comments;

import java.time.Instant;
import java.util.Optional;
import org.parley.identity.ReaderId;
import org.parley.sites.SiteId;

/**
 * A comment about to be stored, with what screening needs to judge it: a new comment, or an author's
 * edit of a stored one (then {@code edit} says what it replaces). An edit is judged as if its text were
 * posted now: the same signals, rules and sanctions apply.
 *
 * @param id              the id it will get if stored; an edit's is the comment's own
 * @param section         the page's section, for section-scoped settings
 * @param html            the sanitized rendering (links counted from it)
 * @param parentAuthor    who wrote the comment it replies to
 * @param clientAddress   the poster's network address, for rate limits; never shown
 * @param at              when it is posted or edited
 * @param authorPublished the author's published comments on this site so far, this one left out (trust)
 * @param images          how many images it shows
 * @param edit            for an edit, the text it replaces and where that text stood
 */
public record Submission(
        CommentId id,
        SiteId site,
        PageKey page,
        Optional<String> section,
        ReaderId author,
        Optional<String> authorName,
        Markdown body,
        SafeHtml html,
        Optional<CommentId> parentId,
        Optional<ReaderId> parentAuthor,
        String clientAddress,
        Instant at,
        int authorPublished,
        int images,
        Optional<Edit> edit) {

    /** A new comment. */
    public Submission(CommentId id, SiteId site, PageKey page, Optional<String> section, ReaderId author,
                      Optional<String> authorName, Markdown body, SafeHtml html, Optional<CommentId> parentId,
                      Optional<ReaderId> parentAuthor, String clientAddress, Instant at, int authorPublished, int images) {
        this(id, site, page, section, author, authorName, body, html, parentId, parentAuthor, clientAddress, at,
                authorPublished, images, Optional.empty());
    }

    /** True when this is an edit of a stored comment rather than a new one. */
    public boolean isEdit() {
        return edit.isPresent();
    }

    /**
     * What an edit replaces.
     *
     * @param previous     the text before the edit
     * @param wasPublished readers could see the comment before the edit (its images included)
     * @param approved     a moderator had approved the text it replaces
     */
    public record Edit(Markdown previous, boolean wasPublished, boolean approved) {
    }
}
