package org.parley.screening;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.parley.comments.Reason;
import org.parley.comments.Submission;
import org.parley.moderation.ModerationRules;
import org.parley.moderation.OtherLanguages;
import org.parley.words.WordMatch;
import org.parley.words.WordTerm;
import org.parley.words.Words;

/**
 * The site's word lists: a banned term rejects the comment, a suspect term flags it, whether it stands in
 * the text as typed, in the text as readers will see it (markup and character references can join a word
 * the typed text splits) or in the commenter's name. Each reason names the terms and carries every match's
 * place in the typed comment, so the moderator sees what matched where (including "b!tch" matching "bitch").
 */
final class WordListSignal implements Signal {

    static final String NAME = "words";

    @Override
    public String name() {
        return NAME;
    }

    private final Words words;
    private final AbuseScores scores;

    WordListSignal(Words words, AbuseScores scores) {
        this.words = words;
        this.scores = scores;
    }

    @Override
    public List<Reason> inspect(Submission submission, ModerationRules rules, Keep keep) {
        String typed = submission.body().source();
        List<Found> found = new ArrayList<>();
        words.find(submission.site(), typed).forEach(match -> found.add(new Found(match.term(), Optional.of(match), "")));
        String seen = submission.html().text().strip();
        if (!ScreenedText.same(typed, seen)) {
            // Markup can split a word the reader reads whole: match what readers see too, placed in the typed text if it stands there.
            Set<WordTerm> terms = new HashSet<>(found.stream().map(Found::term).toList());
            for (WordMatch match : words.find(submission.site(), seen)) {
                if (terms.add(match.term())) {
                    found.add(new Found(match.term(), ScreenedText.find(typed, match.matched())
                            .map(at -> new WordMatch(match.term(), at, at + match.matched().length(), match.matched())), ""));
                }
            }
        }
        submission.authorName().ifPresent(name -> words.find(submission.site(), name)
                .forEach(match -> found.add(new Found(match.term(), Optional.empty(), " in the commenter's name"))));
        List<Reason> reasons = new ArrayList<>(2);
        reason(found, WordTerm.Kind.BANNED, Reason.Level.REJECT, "Banned").ifPresent(reasons::add);
        // The abuse model cannot judge a comment in another language: by the site's rule, its word lists hold it instead.
        boolean suspect = found.stream().anyMatch(f -> f.term().kind() == WordTerm.Kind.SUSPECT);
        boolean holdSuspect = suspect && rules.otherLanguages() == OtherLanguages.WORDS && notEnglish(submission);
        reason(found, WordTerm.Kind.SUSPECT, holdSuspect ? Reason.Level.HOLD : Reason.Level.FLAG,
                holdSuspect ? "Not in English, so held for review: suspect" : "Suspect").ifPresent(reasons::add);
        return reasons;
    }

    /**
     * Whether the abuse model found the comment not in English. If the model fails, the comment counts as
     * English: the abuse signal reports that failure itself, and the word lists still flag as usual.
     */
    private boolean notEnglish(Submission submission) {
        try {
            return !scores.of(submission).reliable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** A term found: where it stands in the typed text when it does, and where else it was found. */
    private record Found(WordTerm term, Optional<WordMatch> placed, String where) {
    }

    private static Optional<Reason> reason(List<Found> found, WordTerm.Kind kind, Reason.Level level, String label) {
        List<Found> these = found.stream().filter(f -> f.term().kind() == kind).toList();
        if (these.isEmpty()) {
            return Optional.empty();
        }
        Set<String> terms = new LinkedHashSet<>();
        these.forEach(f -> terms.add("\"" + f.term().text() + "\"" + f.where()));
        List<Reason.Span> spans = these.stream().flatMap(f -> f.placed().stream())
                .map(m -> new Reason.Span(m.start(), m.end(), m.matched(), 1.0)).toList();
        return Optional.of(new Reason(NAME, level, label + (terms.size() == 1 ? " term " : " terms ")
                + String.join(", ", terms) + " (" + these.size() + (these.size() == 1 ? " match)." : " matches)."), spans));
    }
}
