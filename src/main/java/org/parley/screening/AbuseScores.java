package org.parley.screening;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.parley.abuse.AbuseAssessment;
import org.parley.comments.Submission;

/**
 * The abuse model's assessment of each new comment or edit, computed once however many signals ask (the abuse
 * signal for its reason, flame-war detection for hostility). Remembers only the last few comments.
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
        return recent.computeIfAbsent(key, k -> model.apply(submission.body().source()));
    }

    /** Hostility of a comment for flame-war detection: the model's probability. */
    double hostility(Submission submission) {
        return of(submission).probability();
    }
}
