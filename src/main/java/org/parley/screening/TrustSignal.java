package org.parley.screening;

import java.util.List;
import org.parley.comments.Reason;
import org.parley.comments.Submission;
import org.parley.moderation.ModerationRules;

/** Whether the site knows the commenter: a note for moderators (pre-moderation of new commenters acts on it). */
final class TrustSignal implements Signal {

    static final String NAME = "trust";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Reason> inspect(Submission submission, ModerationRules rules, Keep keep) {
        if (submission.authorPublished() >= rules.trustedAfter()) {
            return List.of();
        }
        String known = submission.authorPublished() == 0 ? "First comment on this site."
                : "New commenter: " + submission.authorPublished() + " published comments on this site.";
        return List.of(new Reason(NAME, Reason.Level.INFO, known, List.of()));
    }
}
