package org.parley.screening;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.parley.comments.Reason;
import org.parley.comments.Submission;
import org.parley.identity.Identity;
import org.parley.identity.ReaderId;
import org.parley.identity.Trace;
import org.parley.moderation.Moderation;
import org.parley.moderation.ModerationRules;

/**
 * Ban evasion as a signal: a reader who came to be after another reader was banned from the site, and who writes
 * from that reader's browser or household network (seen within {@code identity.traceDays}), is flagged, with the
 * banned reader named on the comment's case so a moderator can compare the two. A flag, never a refusal: housemates
 * and a café's customers share a network. Every post keeps its author's traces, as keyed hashes only.
 */
final class EvasionSignal implements Signal {

    static final String NAME = "evasion";
    /** The most banned readers named in one reason. */
    private static final int MOST_NAMED = 3;

    private final Identity identity;
    private final Moderation moderation;

    EvasionSignal(Identity identity, Moderation moderation) {
        this.identity = identity;
        this.moderation = moderation;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Reason> inspect(Submission submission, ModerationRules rules, Keep keep) {
        ReaderId author = submission.author();
        List<Trace> traces = identity.traces(author, submission.clientAddress(), submission.at());
        keep.add(() -> identity.keepTraces(author, traces, submission.at()));
        Optional<Instant> authorSince = identity.since(author);
        Map<ReaderId, Trace> sharing = identity.sharingTraces(author, traces, submission.at());
        List<String> named = new ArrayList<>();
        moderation.bannedSince(submission.site(), sharing.keySet(), submission.at()).forEach((banned, since) -> {
            // Only a reader who came after the ban is a suspect: the banned one's old neighbours are not.
            if (named.size() < MOST_NAMED && authorSince.map(came -> came.isAfter(since)).orElse(true)) {
                named.add(banned.value() + " (same " + (sharing.get(banned).kind() == Trace.Kind.BROWSER ? "browser" : "network") + ")");
            }
        });
        if (named.isEmpty()) {
            return List.of();
        }
        return List.of(new Reason(NAME, Reason.Level.FLAG, "A reader new since a ban writes from where a banned reader wrote: "
                + String.join(", ", named) + ".", List.of()));
    }
}
