package org.parley.screening;

import java.util.List;
import org.parley.comments.Reason;
import org.parley.comments.Submission;
import org.parley.moderation.ModerationRules;

/**
 * Edits of approved text: when an author changes a comment a moderator let through, the moderator's
 * decision no longer covers what readers see, so the comment goes back to a queue (flagged, or held when
 * other signals or the site's pre-moderation hold it) with this reason. The case page shows the text the
 * moderator approved beside the new one.
 */
final class EditSignal implements Signal {

    static final String NAME = "edited";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Reason> inspect(Submission submission, ModerationRules rules, Keep keep) {
        boolean changedApprovedText = submission.edit()
                .filter(edit -> edit.approved() && !edit.previous().equals(submission.body()))
                .isPresent();
        if (!changedApprovedText) {
            return List.of();
        }
        return List.of(new Reason(NAME, Reason.Level.FLAG, "Edited after a moderator approved it: compare it with the "
                + "approved text under \"Earlier texts\".", List.of()));
    }
}
