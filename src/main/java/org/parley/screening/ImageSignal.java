package org.parley.screening;

import java.util.List;
import org.parley.comments.Reason;
import org.parley.comments.Submission;
import org.parley.moderation.ModerationRules;

/**
 * Images from commenters the site does not know yet wait for a moderator: a picture is harder to screen
 * than words (no word list or model reads it) and does its harm the moment it is seen. Editing the text
 * of a published comment does not hold its images again: they were seen, and no edit changes them.
 */
final class ImageSignal implements Signal {

    static final String NAME = "images";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Reason> inspect(Submission submission, ModerationRules rules, Keep keep) {
        // An edit changes only the text: images readers already see stay; held ones still wait.
        boolean alreadyShown = submission.edit().map(Submission.Edit::wasPublished).orElse(false);
        if (submission.images() == 0 || alreadyShown || submission.authorPublished() >= rules.imagesTrustedAfter()) {
            return List.of();
        }
        String count = submission.images() == 1 ? "an image" : submission.images() + " images";
        return List.of(new Reason(NAME, Reason.Level.HOLD, "Held because it shows " + count + " and the commenter has "
                + submission.authorPublished() + " published comments here; " + rules.imagesTrustedAfter()
                + " needed before images appear without review.", List.of()));
    }
}
