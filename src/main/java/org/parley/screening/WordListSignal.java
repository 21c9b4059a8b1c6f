package org.parley.screening;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.parley.comments.Reason;
import org.parley.comments.Submission;
import org.parley.moderation.ModerationRules;
import org.parley.words.WordMatch;
import org.parley.words.WordTerm;
import org.parley.words.Words;

/**
 * The site's word lists: a banned term rejects the comment, a suspect term flags it. Each reason names
 * the terms and carries every match's place in the comment, so the moderator sees what matched where
 * (including "b!tch" matching "bitch").
 */
final class WordListSignal implements Signal {

    static final String NAME = "words";

    @Override
    public String name() {
        return NAME;
    }

    private final Words words;

    WordListSignal(Words words) {
        this.words = words;
    }

    @Override
    public List<Reason> inspect(Submission submission, ModerationRules rules) {
        List<WordMatch> matches = words.find(submission.site(), submission.body().source());
        if (matches.isEmpty()) {
            return List.of();
        }
        List<Reason> reasons = new ArrayList<>(2);
        reason(matches, WordTerm.Kind.BANNED, Reason.Level.REJECT, "Banned").ifPresent(reasons::add);
        reason(matches, WordTerm.Kind.SUSPECT, Reason.Level.FLAG, "Suspect").ifPresent(reasons::add);
        return reasons;
    }

    private static java.util.Optional<Reason> reason(List<WordMatch> matches, WordTerm.Kind kind, Reason.Level level, String label) {
        List<WordMatch> these = matches.stream().filter(m -> m.term().kind() == kind).toList();
        if (these.isEmpty()) {
            return java.util.Optional.empty();
        }
        Set<String> terms = new LinkedHashSet<>();
        these.forEach(m -> terms.add("\"" + m.term().text() + "\""));
        List<Reason.Span> spans = these.stream().map(m -> new Reason.Span(m.start(), m.end(), m.matched(), 1.0)).toList();
        return java.util.Optional.of(new Reason(NAME, level, label + (terms.size() == 1 ? " term " : " terms ")
                + String.join(", ", terms) + " (" + these.size() + (these.size() == 1 ? " match)." : " matches)."), spans));
    }
}
