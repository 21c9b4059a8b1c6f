package org.parley.screening;

import java.time.Duration;
import java.util.List;
import org.parley.comments.Reason;
import org.parley.comments.Submission;
import org.parley.identity.Identity;
import org.parley.moderation.ModerationRules;

/**
 * Readers' blocks as a signal: when several readers blocked this commenter lately, their new comments
 * are flagged. Says how many, never who.
 */
final class BlockSignal implements Signal {

    static final String NAME = "blocks";

    @Override
    public String name() {
        return NAME;
    }

    private final Identity identity;

    BlockSignal(Identity identity) {
        this.identity = identity;
    }

    @Override
    public List<Reason> inspect(Submission submission, ModerationRules rules, Keep keep) {
        int blockers = identity.blockersSince(submission.author(), submission.site(),
                submission.at().minus(Duration.ofDays(rules.blockWindowDays())));
        if (blockers < rules.blocksToFlag()) {
            return List.of();
        }
        return List.of(new Reason(NAME, Reason.Level.FLAG, blockers + " readers blocked this commenter in the last "
                + rules.blockWindowDays() + " days.", List.of()));
    }
}
