package org.parley.moderation;

import java.util.ArrayList;
import java.util.List;
import org.parley.comments.Reason;
import org.parley.comments.Screening;
import org.parley.comments.Submission;
import org.parley.comments.Verdict;
import org.parley.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moderation's side of posting: refuses sanctioned commenters and floods, runs every signal, and lets
 * the policy decide. Runs inside the posting transaction, so what signals record commits with the
 * comment or not at all.
 *
 * <p>A signal that fails (a defect, a bad stored rule) never fails the reader's post: its writes are
 * undone, the failure is logged as an incident, and the comment waits for a moderator with the failed
 * signal named among its reasons.
 */
final class Pipeline implements Screening {

    static final String FAILED = "signal-failed";
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    private final Database db;
    private final RulesBook rules;
    private final Sanctions sanctions;
    private final RateLimits limits;
    private final List<Signal> signals;

    Pipeline(Database db, RulesBook rules, Sanctions sanctions, RateLimits limits, List<Signal> signals) {
        this.db = db;
        this.rules = rules;
        this.sanctions = sanctions;
        this.limits = limits;
        this.signals = List.copyOf(signals);
    }

    @Override
    public Verdict screen(Submission submission) {
        ModerationRules pageRules = rules.forPage(submission.site(), submission.page());
        sanctions.refuseIfRestricted(submission.site(), submission.section(), submission.author(), submission.at());
        limits.take(submission, pageRules);
        List<Reason> reasons;
        try {
            // One savepoint for all signals: on the usual path a post pays for one, not one per signal.
            reasons = db.undoableOnFailure(() -> inspect(signals, submission, pageRules));
        } catch (RuntimeException failed) {
            reasons = inspectOneByOne(submission, pageRules);
        }
        return Policy.decide(reasons, pageRules, submission);
    }

    private static List<Reason> inspect(List<Signal> signals, Submission submission, ModerationRules rules) {
        List<Reason> reasons = new ArrayList<>();
        for (Signal signal : signals) {
            reasons.addAll(signal.inspect(submission, rules));
        }
        return reasons;
    }

    /** The slow path after a failure: each signal on its own, so only the failed ones are set aside. */
    private List<Reason> inspectOneByOne(Submission submission, ModerationRules rules) {
        List<Reason> reasons = new ArrayList<>();
        for (Signal signal : signals) {
            try {
                reasons.addAll(db.undoableOnFailure(() -> signal.inspect(submission, rules)));
            } catch (RuntimeException e) {
                String incident = db.ids().next("i", submission.at().toEpochMilli());
                LOG.error("incident {}: screening signal '{}' failed on a comment on site {}, page {}; the comment is held "
                        + "for a moderator", incident, signal.name(), submission.site(), submission.page(), e);
                reasons.add(new Reason(FAILED, Reason.Level.HOLD, "The " + signal.name() + " check failed on this comment "
                        + "(incident " + incident + " in the server log), so it waits for a moderator.", List.of()));
            }
        }
        return reasons;
    }
}
