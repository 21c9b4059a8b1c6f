package org.parley.screening;

import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;
import org.parley.comments.Submission;
import org.parley.http.Allowances;
import org.parley.http.ParleyException;
import org.parley.identity.Identity;
import org.parley.moderation.ModerationRules;
import org.parley.store.Database;

/**
 * How fast one commenter, and one network address, may post on a site: token buckets per minute and per
 * hour, sized by the site's rules. The commenter's allowance is the one identity names for them: their own,
 * or — for a brand-new guest made in a crowd of guests from one network — the one that network's such guests
 * share, so a new token buys no new allowance. The address's is its network's (an IPv6 /64 is one). Over the
 * limit is a 429 with Retry-After. Every node takes from the same buckets; a rule change starts fresh ones.
 *
 * <p>Edits have buckets of their own, {@value #EDITS_PER_COMMENT} times the comment rates. Not the
 * comment allowance: an author who just posted up to the limit must still be able to fix a typo, and an
 * edit adds no comment to the thread. But bounded: every edit is screened like a new comment (the word
 * list, the abuse model, a write) and changes what readers see, so a script flipping a comment's text
 * back and forth is held to the same order of cost as one posting comments.
 */
final class RateLimits {

    private static final int MAX_BUCKETS = 200_000;
    static final int EDITS_PER_COMMENT = 2;

    private final Allowances allowances;
    private final Identity identity;

    RateLimits(Database db, Clock clock, Identity identity) {
        this.allowances = Allowances.create(db, clock, "comments", MAX_BUCKETS);
        this.identity = identity;
    }

    /** Takes one comment's (or one edit's) allowance from the author and from their address, or throws a 429 problem. */
    void take(Submission submission, ModerationRules rules) {
        String site = submission.site().value();
        int factor = submission.isEdit() ? EDITS_PER_COMMENT : 1;
        String kind = submission.isEdit() ? "e" : "";
        ScreeningProblem problem = submission.isEdit() ? ScreeningProblem.TOO_MANY_EDITS : ScreeningProblem.TOO_MANY_COMMENTS;
        String author = kind + "a|" + site + "|" + identity.allowanceHolder(submission.author()) + "|" + rules.commentsPerMinute()
                + "|" + rules.commentsPerHour();
        refuse(allowances.take(author, limits(rules.commentsPerMinute() * factor, rules.commentsPerHour() * factor)), problem, "you");
        // The network's allowance, and its delegation's (an IPv6 /48) ten times larger: a delegated prefix is no endless supply of networks.
        OptionalLong crowded = allowances.takeForNetwork(kind + "n|" + site + "|" + rules.addressCommentsPerMinute(), submission.clientAddress(),
                limits(rules.addressCommentsPerMinute() * factor, rules.addressCommentsPerMinute() * 60 * factor));
        if (crowded.isPresent()) {
            // Nothing is posted: the author keeps what the refusal would otherwise have cost them.
            allowances.giveBack(author);
        }
        refuse(crowded, problem, "your network");
    }

    private static Allowances.Limit[] limits(int perMinute, int perHour) {
        return new Allowances.Limit[] {new Allowances.Limit(perMinute, Duration.ofMinutes(1)), new Allowances.Limit(perHour, Duration.ofHours(1))};
    }

    private static void refuse(OptionalLong refused, ScreeningProblem problem, String who) {
        refused.ifPresent(seconds -> {
            throw new ParleyException.RateLimited(problem, "That is more "
                    + (problem == ScreeningProblem.TOO_MANY_EDITS ? "edits" : "comments") + " than this site accepts from "
                    + who + " in a short time; try again in " + seconds + " seconds.", seconds);
        });
    }
}
