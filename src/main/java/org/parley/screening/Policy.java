package org.parley.screening;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.parley.comments.Reason;
import org.parley.comments.Submission;
import org.parley.comments.Verdict;
import org.parley.moderation.ImportedScreening;
import org.parley.moderation.ModerationRules;

/**
 * Turns the signals' reasons and the site's rules into one decision: any reason to reject rejects,
 * any reason to hold — or a pre-moderation rule that applies — holds, everything else is published
 * (flagged when a signal asked for a look). An edit is decided the same way; only what its author is
 * told differs. Pure: no I/O, testable on its own.
 */
final class Policy {

    static final String HELD_MESSAGE = "Thanks! Your comment will appear once a moderator has looked at it.";
    static final String REJECTED_MESSAGE = "Your comment was not published: it uses words this site does not publish. "
            + "You are welcome to rephrase it.";

    static final String HELD_EDIT_MESSAGE = "Thanks! Your edit will appear once a moderator has looked at it; "
            + "until then only you see the comment.";
    static final String REJECTED_EDIT_MESSAGE = "Your edit was not saved: it uses words this site does not publish. "
            + "The comment stays as it was; you are welcome to rephrase it.";

    private Policy() {
    }

    static Verdict decide(List<Reason> found, ModerationRules rules, Submission submission) {
        List<Reason> reasons = new ArrayList<>(found);
        premoderation(reasons, rules, submission).ifPresent(reasons::add);
        boolean edit = submission.isEdit();
        if (reasons.stream().anyMatch(r -> r.level() == Reason.Level.REJECT)) {
            return new Verdict(Verdict.Decision.REJECT, reasons, Optional.of(edit ? REJECTED_EDIT_MESSAGE : REJECTED_MESSAGE));
        }
        if (reasons.stream().anyMatch(r -> r.level() == Reason.Level.HOLD)) {
            return new Verdict(Verdict.Decision.HOLD, reasons, Optional.of(edit ? HELD_EDIT_MESSAGE : HELD_MESSAGE));
        }
        return new Verdict(Verdict.Decision.PUBLISH, reasons, Optional.empty());
    }

    /**
     * The verdict on an imported comment: never a rejection, and no hold unless the site's rule allows it; a reason
     * whose level is lowered says so, so the moderator knows what it would have done to a new comment.
     */
    static Verdict decideImported(List<Reason> found, ImportedScreening rule) {
        Reason.Level most = rule == ImportedScreening.HOLD ? Reason.Level.HOLD : Reason.Level.FLAG;
        List<Reason> reasons = found.stream().map(r -> r.level().compareTo(most) <= 0 ? r : new Reason(r.signal(), most,
                r.summary() + " Would " + (r.level() == Reason.Level.REJECT ? "reject" : "hold") + " a new comment; an imported one is "
                + (most == Reason.Level.HOLD ? "held" : "only flagged") + ".", r.spans())).toList();
        boolean held = reasons.stream().anyMatch(r -> r.level() == Reason.Level.HOLD);
        return new Verdict(held ? Verdict.Decision.HOLD : Verdict.Decision.PUBLISH, reasons, Optional.empty());
    }

    /** The pre-moderation rule that holds this comment, as a reason the moderator reads, if one applies. */
    private static Optional<Reason> premoderation(List<Reason> reasons, ModerationRules rules, Submission submission) {
        String why = switch (rules.premoderation()) {
            case OFF -> null;
            case ALL -> "This page holds every comment for a moderator.";
            case NEW_COMMENTERS -> submission.authorPublished() < rules.trustedAfter()
                    ? "Held because the commenter is new here (" + submission.authorPublished() + " published comments, "
                            + rules.trustedAfter() + " needed)." : null;
            case LINKS -> reasons.stream().anyMatch(r -> r.signal().equals(LinkSignal.NAME))
                    ? "Held because it contains links." : null;
            case FLAGGED -> reasons.stream().anyMatch(r -> r.level() == Reason.Level.FLAG)
                    ? "Held because a signal flagged it." : null;
        };
        return Optional.ofNullable(why).map(text -> new Reason("premoderation", Reason.Level.HOLD, text, List.of()));
    }
}
