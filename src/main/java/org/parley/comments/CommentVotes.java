package org.parley.comments;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.parley.http.ParleyException;
import org.parley.identity.ReaderId;
import org.parley.identity.Identity;
import org.parley.identity.Voice;
import org.parley.identity.Voices;
import org.parley.sites.Site;
import org.parley.sites.SiteId;
import org.parley.store.Database;

/**
 * Readers' votes on comments: one per reader and comment, counted as identity weighs the voter (brand-new
 * voters on one network count once together), each counted change a new page version for live readers.
 */
final class CommentVotes {

    private final Database db;
    private final Identity identity;
    private final PageRepository pages;
    private final CommentRepository comments;
    private final Consumer<CommentEvent> announce;

    /** {@code announce}, called inside the voting transaction, publishes an event once it has committed. */
    CommentVotes(Database db, Identity identity, PageRepository pages, CommentRepository comments, Consumer<CommentEvent> announce) {
        this.db = db;
        this.identity = identity;
        this.pages = pages;
        this.comments = comments;
        this.announce = announce;
    }

    /** Sets the voter's vote (1, -1, or 0 to withdraw) on a published comment of the site; see {@link Comments#vote}. */
    VoteTally vote(Site site, ReaderId voter, CommentId id, int value, String clientAddress, Instant now) {
        return db.write(h -> {
            var stored = comments.find(h, id.value()).orElseThrow(() -> Comments.unknownComment(id));
            if (!pages.find(h, stored.row().pageId()).orElseThrow().siteId().equals(site.id())) {
                throw Comments.unknownComment(id);
            }
            if (stored.row().status() != CommentStatus.PUBLISHED) {
                throw new ParleyException.Conflict(CommentProblem.COMMENT_DELETED, "Comment " + id + " was deleted; it takes no votes.");
            }
            if (stored.row().authorId().equals(voter.value())) {
                throw new ParleyException.Conflict(CommentProblem.OWN_COMMENT_VOTE, "You wrote comment " + id + "; vote on others' comments.");
            }
            int previous = comments.vote(h, id.value(), voter.value());
            if (previous == value) {
                return new VoteTally(id, stored.row().up(), stored.row().down(), value);
            }
            Voice voice = identity.voice(voter, clientAddress);
            CommentRepository.Counts counts = comments.setVote(h, id.value(), voter.value(), value, voice, now);
            if (!counts.moved()) {
                // The counts did not move (a brand-new voter whose network's vote already counts): no new version.
                return new VoteTally(id, counts.up(), counts.down(), value);
            }
            long version = pages.recordChange(h, stored.row().pageId(), 0, "voted", id.value(), now);
            announce.accept(new CommentEvent.CommentVoted(stored.row().pageId(), version, id));
            return new VoteTally(id, counts.up(), counts.down(), value);
        });
    }

    /** How the votes on each comment add up, for moderators: cast, counted, and from the busiest network. */
    Map<CommentId, Voices> voices(List<CommentId> ids) {
        Map<String, Voices> found = db.read(h -> comments.voteVoices(h, ids.stream().map(CommentId::value).toList()));
        Map<CommentId, Voices> voices = new LinkedHashMap<>();
        ids.forEach(id -> voices.put(id, found.getOrDefault(id.value(), Voices.NONE)));
        return voices;
    }

    /** The voter's votes on one page, by comment id (1 or -1); empty for an unknown page. */
    Map<CommentId, Integer> ofVoter(SiteId site, ReaderId voter, PageKey key) {
        return db.read(h -> pages.find(h, site, key)
                .map(page -> comments.votesOnPage(h, voter.value(), page.id()))
                .orElse(Map.of()))
                .entrySet().stream()
                .collect(Collectors.toMap(e -> new CommentId(e.getKey()), Map.Entry::getValue));
    }
}
