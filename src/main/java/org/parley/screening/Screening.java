package org.parley.screening;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.parley.abuse.AbuseAssessment;
import org.parley.comments.Gate;
import org.parley.comments.Markdown;
import org.parley.comments.Reason;
import org.parley.comments.SafeHtml;
import org.parley.comments.Submission;
import org.parley.comments.Verdict;
import org.parley.identity.Identity;
import org.parley.moderation.Moderation;
import org.parley.moderation.ModerationRules;
import org.parley.moderation.Premoderation;
import org.parley.sites.SiteId;
import org.parley.store.Database;
import org.parley.words.Words;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The screening feature's door: what comments asks before storing a new comment or an author's edit.
 * It refuses sanctioned commenters and floods, runs every signal (words, the abuse model, links, the
 * author's standing, readers' blocks, repeats, flame wars, edits of approved text) and lets the policy
 * decide under the page's moderation rules. Runs before the comment's transaction, on what is committed;
 * what signals keep of the comment comes back in the verdict's records, written with the comment or not
 * at all. Thread-safe.
 *
 * <p>A signal that fails (a defect, a bad stored rule) never fails the reader's post: it keeps nothing,
 * the failure is logged as an incident, and the comment waits for a moderator with the failed signal
 * named among its reasons.
 */
public final class Screening implements Gate {

    /** The signal name of the reason a comment gets when a screening check failed on it. */
    public static final String FAILED_CHECK = "signal-failed";
    /** What an author is told when their comment waits for a moderator. */
    public static final String HELD_MESSAGE = Policy.HELD_MESSAGE;
    /** What an author is told when their comment is rejected for its words. */
    public static final String REJECTED_MESSAGE = Policy.REJECTED_MESSAGE;
    /** How many times the comment rates an author and a network may edit. */
    public static final int EDITS_PER_COMMENT = RateLimits.EDITS_PER_COMMENT;
    private static final Logger LOG = LoggerFactory.getLogger(Screening.class);

    private final Database db;
    private final Moderation moderation;
    private final Words words;
    private final RateLimits limits;
    private final AbuseScores scores;
    private final List<Signal> signals;
    /** What judges an imported comment: what its text says, not how or by whom it was posted. */
    private final List<Signal> textSignals;

    private Screening(Database db, Moderation moderation, Words words, RateLimits limits, AbuseScores scores, List<Signal> signals) {
        this.db = db;
        this.moderation = moderation;
        this.words = words;
        this.limits = limits;
        this.scores = scores;
        this.signals = List.copyOf(signals);
        this.textSignals = signals.stream().filter(s -> s instanceof WordListSignal || s instanceof AbuseSignal).toList();
    }

    /**
     * Screening for one Parley: the page's rules and the commenter's sanctions come from {@code moderation},
     * the site's word list from {@code words}, readers' blocks and the commenter's allowances from
     * {@code identity}, and {@code abuse} assesses a text (the abuse model: {@code Abuse::assess}).
     */
    public static Screening create(Database db, Clock clock, Moderation moderation, Words words, Identity identity,
                                  Function<String, AbuseAssessment> abuse) {
        AbuseScores scores = new AbuseScores(abuse);
        return new Screening(db, moderation, words, new RateLimits(db, clock, identity), scores, List.of(
                new WordListSignal(words, scores),
                new AbuseSignal(scores),
                new LinkSignal(),
                new TrustSignal(),
                new ImageSignal(),
                new BlockSignal(identity),
                new EvasionSignal(identity, moderation),
                new RepeatSignal(db),
                new FlameWarSignal(db, scores::hostility),
                new EditSignal()));
    }

    /**
     * Compiles the site's word list now if it is not in memory (0.2 s and more for a long list) and scores
     * the text with the abuse model, outside any transaction.
     */
    @Override
    public void prepare(SiteId site, Markdown body, SafeHtml html) {
        try {
            words.find(site, "");
            scores.prepare(body.source(), html.text().strip());
        } catch (RuntimeException e) {
            // Screening itself meets the same failure inside the transaction and holds the comment for it.
            LOG.warn("could not get ready to screen comments of site {}: {}", site, e.toString());
        }
    }

    @Override
    public Verdict screen(Submission submission) {
        List<Reason> reasons = new ArrayList<>();
        ModerationRules pageRules;
        try {
            pageRules = moderation.rulesForPage(submission.site(), submission.page());
        } catch (RuntimeException e) {
            // Rules nobody can read (a damaged stored setting) hold every comment until a moderator sees it.
            pageRules = ModerationRules.defaults().withPremoderation(Premoderation.ALL);
            reasons.add(failed("moderation rules", submission, e));
        }
        moderation.refuseIfRestricted(submission.site(), submission.section(), submission.author(), submission.at());
        limits.take(submission, pageRules);
        ModerationRules rules = pageRules;
        Keep keep = new Keep();
        try {
            reasons.addAll(inspect(signals, submission, rules, keep));
        } catch (RuntimeException failed) {
            LOG.warn("a screening signal failed on a comment on site {}, page {}; screening it signal by signal",
                    submission.site(), submission.page(), failed);
            keep = new Keep();
            reasons.addAll(inspectOneByOne(submission, rules, keep));
        }
        return Policy.decide(reasons, rules, submission).withRecords(recordsOf(keep, submission));
    }

    /**
     * Judges a comment an import brought in, after the import, by its text: the site's word lists and the abuse model,
     * under the page's rules (rates, standing, blocks, repeats and flame wars are about posting now, not about an
     * archive). Never rejects: under the site's {@code importedScreening} rule {@code flag} (the default) every reason
     * is at most a flag, so the comment stays published; under {@code hold}, what would hold or reject a new comment
     * holds it. A signal that fails is named among the reasons as a flag. Keeps nothing; thread-safe; costs
     * the abuse model's time (a few milliseconds with the sentence encoder).
     */
    public Verdict screenImported(Submission submission) {
        ModerationRules rules = moderation.rulesForPage(submission.site(), submission.page());
        List<Reason> reasons = new ArrayList<>();
        for (Signal signal : textSignals) {
            try {
                reasons.addAll(signal.inspect(submission, rules, new Keep()));
            } catch (RuntimeException e) {
                String incident = db.ids().next("i", submission.at().toEpochMilli());
                LOG.error("incident {}: the {} check failed on imported comment {} on site {}; it is flagged for a moderator",
                        incident, signal.name(), submission.id(), submission.site(), e);
                reasons.add(new Reason(FAILED_CHECK, Reason.Level.FLAG, "The " + signal.name() + " check failed on this imported"
                        + " comment (incident " + incident + " in the server log), so a moderator should look at it.", List.of()));
            }
        }
        return Policy.decideImported(reasons, rules.importedScreening());
    }

    /** The kept records as one write that never fails the comment's transaction: a record lost is logged. */
    private Runnable recordsOf(Keep keep, Submission submission) {
        Runnable all = keep.all();
        return () -> {
            try {
                db.undoableOnFailure(() -> {
                    all.run();
                    return null;
                });
            } catch (RuntimeException e) {
                LOG.error("could not keep screening's records of comment {} on site {}; the comment is stored without them",
                        submission.id(), submission.site(), e);
            }
        };
    }

    private static List<Reason> inspect(List<Signal> signals, Submission submission, ModerationRules rules, Keep keep) {
        List<Reason> reasons = new ArrayList<>();
        for (Signal signal : signals) {
            reasons.addAll(signal.inspect(submission, rules, keep));
        }
        return reasons;
    }

    /** The slow path after a failure: each signal on its own, so only the failed ones are set aside. */
    private List<Reason> inspectOneByOne(Submission submission, ModerationRules rules, Keep keep) {
        List<Reason> reasons = new ArrayList<>();
        for (Signal signal : signals) {
            Keep kept = new Keep();
            try {
                reasons.addAll(signal.inspect(submission, rules, kept));
                keep.addAll(kept);
            } catch (RuntimeException e) {
                reasons.add(failed(signal.name(), submission, e));
            }
        }
        return reasons;
    }

    /** Logs an incident for a check that failed on a comment, and the reason that holds the comment for it. */
    private Reason failed(String check, Submission submission, RuntimeException e) {
        String incident = db.ids().next("i", submission.at().toEpochMilli());
        LOG.error("incident {}: the {} check failed on a comment on site {}, page {}; the comment is held for a moderator",
                incident, check, submission.site(), submission.page(), e);
        return new Reason(FAILED_CHECK, Reason.Level.HOLD, "The " + check + " check failed on this comment (incident "
                + incident + " in the server log), so it waits for a moderator.", List.of());
    }
}
