package org.parley.moderation;

import org.parley.abuse.AbuseThresholds;

/**
 * How a site screens its comments. Every rule has a default that suits a news site; a page may set
 * its own pre-moderation mode.
 *
 * @param premoderation          which comments wait for a moderator
 * @param trustedAfter           published comments after which a commenter is no longer "new"
 * @param abuseFlag              abuse-model probability at which a comment is flagged for review
 * @param abuseHold              probability at which it is held for a moderator before publishing
 * @param blocksToFlag           distinct readers blocking one commenter within {@code blockWindowDays} that flag them
 * @param blockWindowDays        the window for counting blocks
 * @param commentsPerMinute      a commenter's comments per minute before 429 (per site)
 * @param commentsPerHour        a commenter's comments per hour before 429 (per site)
 * @param addressCommentsPerMinute comments per minute from one network address before 429 (per site)
 * @param flameWarMessages       alternating messages between two commenters that make a flame war
 * @param flameWarMinutes        within how many minutes
 * @param repeatsToFlag          near-identical comments within {@code repeatHours} that make a spam wave
 * @param repeatHours            the window for repeats
 * @param linksToFlag            links in one comment that flag it
 * @param nudgeAt                abuse-model probability at which the widget asks the writer to reconsider before posting
 * @param imagesTrustedAfter     published comments a commenter needs before their images appear without a moderator's look
 * @param otherLanguages         what to do with comments not in English, which the abuse model cannot judge
 * @param importedScreening      what screening may do to imported comments: flag them (the default) or hold them
 */
public record ModerationRules(
        Premoderation premoderation,
        int trustedAfter,
        double abuseFlag,
        double abuseHold,
        int blocksToFlag,
        int blockWindowDays,
        int commentsPerMinute,
        int commentsPerHour,
        int addressCommentsPerMinute,
        int flameWarMessages,
        int flameWarMinutes,
        int repeatsToFlag,
        int repeatHours,
        int linksToFlag,
        double nudgeAt,
        int imagesTrustedAfter,
        OtherLanguages otherLanguages,
        ImportedScreening importedScreening) {

    public ModerationRules {
        if (otherLanguages == null) {
            throw new IllegalArgumentException("otherLanguages must be one of score, words, hold");
        }
        if (importedScreening == null) {
            throw new IllegalArgumentException("importedScreening must be one of flag, hold");
        }
        check(trustedAfter, 0, 1_000, "trustedAfter");
        if (!(abuseFlag > 0 && abuseFlag <= 1 && abuseHold > 0 && abuseHold <= 1.0001 && abuseFlag <= abuseHold)) {
            throw new IllegalArgumentException("abuse thresholds must satisfy 0 < flag <= hold <= 1, were " + abuseFlag + " and " + abuseHold);
        }
        check(blocksToFlag, 1, 1_000, "blocksToFlag");
        check(blockWindowDays, 1, 365, "blockWindowDays");
        check(commentsPerMinute, 1, 1_000, "commentsPerMinute");
        check(commentsPerHour, 1, 100_000, "commentsPerHour");
        check(addressCommentsPerMinute, 1, 10_000, "addressCommentsPerMinute");
        check(flameWarMessages, 2, 100, "flameWarMessages");
        check(flameWarMinutes, 1, 10_080, "flameWarMinutes");
        check(repeatsToFlag, 2, 1_000, "repeatsToFlag");
        check(repeatHours, 1, 720, "repeatHours");
        check(linksToFlag, 1, 100, "linksToFlag");
        check(imagesTrustedAfter, 0, 1_000, "imagesTrustedAfter");
        if (!(nudgeAt > 0 && nudgeAt <= 1)) {
            throw new IllegalArgumentException("nudgeAt must satisfy 0 < nudgeAt <= 1, was " + nudgeAt);
        }
    }

    /** Rules that flag imported comments at most, as sites had them before imported comments were screened. */
    public ModerationRules(Premoderation premoderation, int trustedAfter, double abuseFlag, double abuseHold, int blocksToFlag,
                           int blockWindowDays, int commentsPerMinute, int commentsPerHour, int addressCommentsPerMinute,
                           int flameWarMessages, int flameWarMinutes, int repeatsToFlag, int repeatHours, int linksToFlag,
                           double nudgeAt, int imagesTrustedAfter, OtherLanguages otherLanguages) {
        this(premoderation, trustedAfter, abuseFlag, abuseHold, blocksToFlag, blockWindowDays, commentsPerMinute, commentsPerHour,
                addressCommentsPerMinute, flameWarMessages, flameWarMinutes, repeatsToFlag, repeatHours, linksToFlag, nudgeAt,
                imagesTrustedAfter, otherLanguages, ImportedScreening.FLAG);
    }

    /**
     * A newsroom's sensible start: nothing held by default, abusive and spammy comments flagged; a commenter's
     * images wait for a moderator until the site has published one of their comments.
     */
    public static ModerationRules defaults() {
        return new ModerationRules(Premoderation.OFF, 3, AbuseThresholds.DEFAULT_FLAG, AbuseThresholds.DEFAULT_HOLD,
                3, 7, 5, 30, 20, 3, 60, 3, 24, 3, AbuseThresholds.DEFAULT_FLAG, 1, OtherLanguages.WORDS);
    }

    /** The same rules with another pre-moderation mode (a page's own). */
    public ModerationRules withPremoderation(Premoderation mode) {
        return new ModerationRules(mode, trustedAfter, abuseFlag, abuseHold, blocksToFlag, blockWindowDays,
                commentsPerMinute, commentsPerHour, addressCommentsPerMinute, flameWarMessages, flameWarMinutes,
                repeatsToFlag, repeatHours, linksToFlag, nudgeAt, imagesTrustedAfter, otherLanguages, importedScreening);
    }

    /** The same rules with other abuse-model lines. */
    public ModerationRules withAbuseLines(double flag, double hold) {
        return new ModerationRules(premoderation, trustedAfter, flag, hold, blocksToFlag, blockWindowDays,
                commentsPerMinute, commentsPerHour, addressCommentsPerMinute, flameWarMessages, flameWarMinutes,
                repeatsToFlag, repeatHours, linksToFlag, nudgeAt, imagesTrustedAfter, otherLanguages, importedScreening);
    }

    /** The same rules with another rule for comments not in English. */
    public ModerationRules withOtherLanguages(OtherLanguages rule) {
        return new ModerationRules(premoderation, trustedAfter, abuseFlag, abuseHold, blocksToFlag, blockWindowDays,
                commentsPerMinute, commentsPerHour, addressCommentsPerMinute, flameWarMessages, flameWarMinutes,
                repeatsToFlag, repeatHours, linksToFlag, nudgeAt, imagesTrustedAfter, rule, importedScreening);
    }

    /** The same rules with another rule for what screening may do to imported comments. */
    public ModerationRules withImportedScreening(ImportedScreening rule) {
        return new ModerationRules(premoderation, trustedAfter, abuseFlag, abuseHold, blocksToFlag, blockWindowDays,
                commentsPerMinute, commentsPerHour, addressCommentsPerMinute, flameWarMessages, flameWarMinutes,
                repeatsToFlag, repeatHours, linksToFlag, nudgeAt, imagesTrustedAfter, otherLanguages, rule);
    }

    private static void check(int value, int min, int max, String name) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be " + min + ".." + max + ", was " + value);
        }
    }
}
