package org.parley.moderation;

import java.util.ArrayList;
import java.util.List;
import org.parley.comments.Reason;
import org.parley.comments.Screening;
import org.parley.comments.Submission;
import org.parley.comments.Verdict;

/**
 * Moderation's side of posting: refuses sanctioned commenters and floods, runs every signal, and lets
 * the policy decide. Runs inside the posting transaction, so what signals record commits with the
 * comment or not at all.
 */
final class Pipeline implements Screening {

    private final RulesBook rules;
    private final Sanctions sanctions;
    private final RateLimits limits;
    private final List<Signal> signals;

    Pipeline(RulesBook rules, Sanctions sanctions, RateLimits limits, List<Signal> signals) {
        this.rules = rules;
        this.sanctions = sanctions;
        this.limits = limits;
        this.signals = List.copyOf(signals);
    }

    @Override
    public Verdict screen(Submission submission) {
        ModerationRules pageRules = rules.forPage(submission.site(), submission.page());
        sanctions.refuseIfRestricted(submission.site(), submission.author(), submission.at());
        limits.take(submission, pageRules);
        List<Reason> reasons = new ArrayList<>();
        for (Signal signal : signals) {
            reasons.addAll(signal.inspect(submission, pageRules));
        }
        return Policy.decide(reasons, pageRules, submission);
    }
}
