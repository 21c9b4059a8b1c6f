package org.parley.screening;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.parley.comments.Reason;
import org.parley.comments.Submission;
import org.parley.moderation.ModerationRules;
import org.parley.store.Database;

/**
 * Flame wars: two commenters answering each other again and again within a short time, getting
 * nastier. Every comment leaves a turn (who answered whom, how hostile); a reply that extends an
 * alternating chain of two people to {@code flameWarMessages} messages within {@code flameWarMinutes},
 * with hostility rising or already high, is flagged and names the whole conversation. An edit re-scores
 * its own turn rather than adding one, so rewording a reply never lengthens the exchange.
 */
final class FlameWarSignal implements Signal {

    static final String NAME = "flame-war";

    @Override
    public String name() {
        return NAME;
    }

    /** Hostility must climb at least this much from the first message to count as rising. */
    static final double RISE = 0.15;

    private final Database db;
    private final ToDoubleFunction<Submission> hostility;
    private final TurnRepository turns = new TurnRepository();

    /** {@code hostility} scores a comment from 0 (calm) to 1 (abusive). */
    FlameWarSignal(Database db, ToDoubleFunction<Submission> hostility) {
        this.db = db;
        this.hostility = hostility;
    }

    @Override
    public List<Reason> inspect(Submission submission, ModerationRules rules, Keep keep) {
        double heat = hostility.applyAsDouble(submission);
        TurnRepository.Turn said = new TurnRepository.Turn(submission.id().value(), submission.author().value(),
                submission.parentId().map(id -> id.value()), submission.parentAuthor().map(id -> id.value()),
                submission.at().toEpochMilli(), heat);
        // An edit is no new turn: it keeps its place (and time) in the conversation and takes the new text's heat.
        Optional<TurnRepository.Turn> earlier = submission.isEdit()
                ? db.read(h -> turns.find(h, said.commentId())) : Optional.empty();
        TurnRepository.Turn turn = earlier.map(t -> t.withHostility(heat)).orElse(said);
        keep.add(() -> db.write(h -> {
            if (earlier.isPresent()) {
                turns.updateHostility(h, turn.commentId(), heat);
            } else {
                turns.insert(h, submission.site().value(), submission.page().value(), turn);
            }
            return null;
        }));
        List<TurnRepository.Turn> chain = db.read(h -> chain(h, turn,
                Instant.ofEpochMilli(turn.at()).minus(Duration.ofMinutes(rules.flameWarMinutes())).toEpochMilli()));
        if (chain.size() < rules.flameWarMessages()) {
            return List.of();
        }
        double first = chain.getFirst().hostility();
        double peak = chain.stream().mapToDouble(TurnRepository.Turn::hostility).max().orElse(0);
        boolean rising = heat - first >= RISE || peak >= rules.abuseFlag();
        if (!rising) {
            return List.of();
        }
        List<String> trend = chain.stream().map(t -> String.format(Locale.ROOT, "%.2f", t.hostility())).toList();
        List<String> ids = chain.stream().map(TurnRepository.Turn::commentId).toList();
        return List.of(new Reason(NAME, Reason.Level.FLAG, "Flame war: " + chain.size()
                + " messages back and forth between two commenters within " + rules.flameWarMinutes()
                + " minutes, hostility " + String.join(" → ", trend) + ". Conversation: " + String.join(", ", ids) + ".",
                List.of()));
    }

    /**
     * The conversation ending with {@code last}: walks up the replies while they alternate between the
     * same two commenters and stay within the window. Oldest first.
     */
    private List<TurnRepository.Turn> chain(org.jdbi.v3.core.Handle h, TurnRepository.Turn last, long since) {
        List<TurnRepository.Turn> chain = new ArrayList<>(List.of(last));
        if (last.parentAuthorId().isEmpty() || last.parentAuthorId().get().equals(last.authorId())) {
            return chain;
        }
        String other = last.parentAuthorId().get();
        TurnRepository.Turn current = last;
        while (current.parentId().isPresent() && chain.size() < 50) {
            Optional<TurnRepository.Turn> parent = turns.find(h, current.parentId().get());
            String expected = current.authorId().equals(last.authorId()) ? other : last.authorId();
            if (parent.isEmpty() || !parent.get().authorId().equals(expected) || parent.get().at() < since) {
                break;
            }
            chain.addFirst(parent.get());
            current = parent.get();
        }
        return chain;
    }
}
