package org.parley.screening;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.parley.abuse.AbuseAssessment;
import org.parley.abuse.Span;
import org.parley.comments.Submission;

/**
 * The abuse model's assessment of each new comment or edit, computed once however many signals ask (the abuse
 * signal for its reason, flame-war detection for hostility). A comment is judged as typed and as readers will
 * see it (markup and character references can hide a word from the one but not the other), and counts as the
 * worse of the two. Remembers only the last few comments.
 */
final class AbuseScores {

    private static final int REMEMBERED = 256;

    private final Function<String, AbuseAssessment> model;
    private final Map<String, AbuseAssessment> recent = new ConcurrentHashMap<>();

    AbuseScores(Function<String, AbuseAssessment> model) {
        this.model = model;
    }

    AbuseAssessment of(Submission submission) {
        if (recent.size() > REMEMBERED) {
            recent.clear();
        }
        // Keyed by the text too: an edit keeps its comment's id and must be scored afresh.
        String key = submission.id().value() + '|' + submission.at().toEpochMilli() + '|' + submission.body().source().hashCode();
        return recent.computeIfAbsent(key, k -> assess(submission));
    }

    private AbuseAssessment assess(Submission submission) {
        String typed = submission.body().source();
        AbuseAssessment asTyped = model.apply(typed);
        String seen = submission.html().text().strip();
        if (ScreenedText.same(typed, seen)) {
            return asTyped;
        }
        AbuseAssessment asSeen = model.apply(seen);
        if (asSeen.probability() <= asTyped.probability()) {
            return asTyped;
        }
        // The spans point into the typed text, where the dashboard highlights; keep those found there.
        return new AbuseAssessment(asSeen.probability(), asSeen.spans().stream()
                .flatMap(span -> ScreenedText.find(typed, span.text())
                        .map(start -> new Span(start, start + span.text().length(), span.text(), span.weight())).stream())
                .toList());
    }

    /** Hostility of a comment for flame-war detection: the model's probability. */
    double hostility(Submission submission) {
        return of(submission).probability();
    }
}
