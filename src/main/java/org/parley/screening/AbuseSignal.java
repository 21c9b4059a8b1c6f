package org.parley.screening;

import java.util.List;
import java.util.Locale;
import org.parley.abuse.AbuseAssessment;
import org.parley.abuse.AbuseThresholds;
import org.parley.comments.Reason;
import org.parley.comments.Submission;
import org.parley.moderation.ModerationRules;
import org.parley.moderation.OtherLanguages;

/**
 * The abuse model as a signal: above the site's flag threshold a comment is flagged, above its hold
 * threshold it waits for a moderator. The reason carries the words and phrases that drove the score,
 * as places in the comment. Scores from the low line up are kept as notes without marks (the words
 * behind a low score say little), so a moderator still sees them.
 */
final class AbuseSignal implements Signal {

    static final String NAME = "abuse";

    @Override
    public String name() {
        return NAME;
    }

    private final AbuseScores scores;

    AbuseSignal(AbuseScores scores) {
        this.scores = scores;
    }

    @Override
    public List<Reason> inspect(Submission submission, ModerationRules rules, Keep keep) {
        AbuseAssessment assessment = scores.of(submission);
        double p = assessment.probability();
        if (!assessment.reliable() && rules.otherLanguages() != OtherLanguages.SCORE) {
            return otherLanguage(p, rules);
        }
        if (p < AbuseThresholds.DEFAULT_LOW && p < rules.abuseFlag()) {
            return List.of();
        }
        Reason.Level level = p >= rules.abuseHold() ? Reason.Level.HOLD : p >= rules.abuseFlag() ? Reason.Level.FLAG : Reason.Level.INFO;
        List<Reason.Span> spans = level == Reason.Level.INFO ? List.of() : assessment.spans().stream()
                .map(span -> new Reason.Span(span.start(), span.end(), span.text(), span.weight())).toList();
        String drivers = spans.isEmpty() ? "" : "; driven by " + String.join(", ",
                spans.stream().map(span -> "\"" + span.text() + "\"").toList());
        return List.of(new Reason(NAME, level, String.format(Locale.ROOT, "Abuse model: %.2f (flag at %.2f, hold at %.2f)%s.",
                p, rules.abuseFlag(), rules.abuseHold(), drivers), spans));
    }

    /** A comment not in English: the score is kept as a note, and the site's rule decides. */
    private static List<Reason> otherLanguage(double p, ModerationRules rules) {
        String note = String.format(Locale.ROOT, "Abuse model: %.2f, not acted on: the comment is not in English, which the model"
                + " cannot judge", p);
        return rules.otherLanguages() == OtherLanguages.HOLD
                ? List.of(new Reason(NAME, Reason.Level.HOLD, note + "; this site holds such comments for review.", List.of()))
                : List.of(new Reason(NAME, Reason.Level.INFO, note + "; the site's word lists decide.", List.of()));
    }
}
