package org.parley.screening;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.parley.comments.Reason;
import org.parley.comments.Submission;
import org.parley.moderation.ModerationRules;
import org.parley.store.Database;

/**
 * Repeat posting: the same or nearly the same text, posted again and again by one commenter or by
 * several, surfaces as a spam wave. Every comment long enough to judge leaves a SimHash fingerprint;
 * a new one near enough to {@code repeatsToFlag - 1} recent ones is flagged, naming them. An edit is
 * compared like a new comment, but never with the comment's own earlier text, whose fingerprint it replaces.
 */
final class RepeatSignal implements Signal {

    static final String NAME = "repeat";

    @Override
    public String name() {
        return NAME;
    }

    /** How many recent fingerprints of a site are compared: bounds the work per comment. */
    private static final int WINDOW_ROWS = 5_000;

    private final RecentFingerprints fingerprints;

    RepeatSignal(Database db) {
        this.fingerprints = new RecentFingerprints(db, new FingerprintRepository(), WINDOW_ROWS);
    }

    @Override
    public List<Reason> inspect(Submission submission, ModerationRules rules, Keep keep) {
        String commentId = submission.id().value();
        if (submission.isEdit()) {
            // The edited text replaces the comment's fingerprint; it is no copy of the comment's own earlier text.
            keep.add(() -> fingerprints.forget(submission.site(), commentId, submission.at()));
        }
        List<String> words = SimHash.words(submission.body().source());
        if (words.size() < SimHash.MIN_WORDS) {
            return List.of();
        }
        long simhash = SimHash.of(words);
        Instant since = submission.at().minus(Duration.ofHours(rules.repeatHours()));
        List<FingerprintRepository.Fingerprint> similar = fingerprints.near(submission.site(), simhash, since).stream()
                .filter(f -> !f.commentId().equals(commentId)).toList();
        keep.add(() -> fingerprints.add(submission.site(), new FingerprintRepository.Fingerprint(submission.id().value(),
                submission.author().value(), simhash, submission.at().toEpochMilli())));
        int copies = similar.size() + 1;
        if (copies < rules.repeatsToFlag()) {
            return List.of();
        }
        long authors = similar.stream().map(FingerprintRepository.Fingerprint::authorId).distinct()
                .filter(id -> !id.equals(submission.author().value())).count() + 1;
        List<String> others = similar.stream().map(FingerprintRepository.Fingerprint::commentId).limit(5).toList();
        return List.of(new Reason(NAME, Reason.Level.FLAG, "Spam wave: the same text " + copies + " times in "
                + rules.repeatHours() + " h by " + authors + (authors == 1 ? " commenter" : " commenters")
                + "; also in " + String.join(", ", others) + (similar.size() > others.size() ? ", …" : "") + ".", List.of()));
    }
}
