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
        return prepare(submission.body().source(), submission.html().text().strip());
    }

    /**
     * The assessment of a text as typed and as readers see it, kept for the next few calls: screening
     * scores it before the posting transaction opens, and its signals ask again inside. A pure function
     * of the two texts, so they are the key (an edit with the same text gets the same score).
     */
    AbuseAssessment prepare(String typed, String seen) {
        if (recent.size() > REMEMBERED) {
            recent.clear();
        }
        return recent.computeIfAbsent(typed + '\u0000' + seen, key -> assess(typed, seen));
    }

    private AbuseAssessment assess(String typed, String seen) {
        AbuseAssessment asTyped = model.apply(typed);
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
                .toList(), asTyped.reliable() && asSeen.reliable());
    }

    /** Hostility of a comment for flame-war detection: the model's probability. */
    double hostility(Submission submission) {
        return of(submission).probability();
    }
}
