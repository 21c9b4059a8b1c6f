package org.parley.screening;

import java.util.List;
import org.parley.comments.Reason;
import org.parley.comments.Submission;
import org.parley.moderation.ModerationRules;

/**
 * One thing screening looks at in a new comment or an author's edit ({@link Submission#isEdit()}) — its
 * words, links, author, the readers' blocks, the conversation it joins — and the reasons, with evidence,
 * it finds. Adding a signal is one class registered in {@link Screening#create}. Signals read what is committed,
 * before the comment's transaction opens; what one keeps of the comment goes to {@code keep}, written with it.
 */
interface Signal {

    /** The signal's name in reasons and in the dashboard ({@code words}, {@code abuse}, …). */
    String name();

    /** What this signal has to say about the submission under the site's rules; empty when nothing. */
    List<Reason> inspect(Submission submission, ModerationRules rules, Keep keep);
}
