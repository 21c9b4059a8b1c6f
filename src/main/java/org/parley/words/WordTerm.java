package org.parley.words;

/**
 * One entry of a site's word list, as a moderator typed it: a word or a phrase ({@code "go back to"}),
 * and what a comment containing it gets.
 *
 * <p>A term matches whole words unless it is marked for partial-word matching with a {@code *} at
 * either end: {@code *hole} also matches inside {@code asshole}, {@code idiot*} inside {@code idiots},
 * {@code *rat*} anywhere. A {@code *} anywhere else is rejected, so a typo cannot silently become a
 * literal asterisk that never matches. Case, look-alike letters, leetspeak and repeated letters need no
 * spelling out: {@link MatchText} folds them on both sides.
 */
public record WordTerm(String text, Kind kind) {

    /** What a match of the term does to a comment. */
    public enum Kind {
        /** The comment is rejected. */
        BANNED,
        /** The comment is published but flagged for a moderator. */
        SUSPECT
    }

    private static final char WILDCARD = '*';
    /** A term is a word or a short phrase; the cap keeps a pasted paragraph out of the matcher. */
    static final int MAX_LENGTH = 200;

    public WordTerm {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a word-list term must not be blank");
        }
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("term '" + text.substring(0, 20) + "…' is longer than "
                    + MAX_LENGTH + " characters");
        }
        if (kind == null) {
            throw new IllegalArgumentException("term '" + text + "' has no kind (BANNED or SUSPECT)");
        }
        String core = core(text);
        if (core.isBlank()) {
            throw new IllegalArgumentException("term '" + text + "' is only wildcards");
        }
        if (core.indexOf(WILDCARD) >= 0) {
            throw new IllegalArgumentException(
                    "term '" + text + "' has a '*' inside; '*' is allowed only at the start or end (partial-word match)");
        }
    }

    public static WordTerm banned(String text) {
        return new WordTerm(text, Kind.BANNED);
    }

    public static WordTerm suspect(String text) {
        return new WordTerm(text, Kind.SUSPECT);
    }

    /** True when the term may start inside a word ({@code *hole}). */
    boolean partialStart() {
        return text.strip().charAt(0) == WILDCARD;
    }

    /** True when the term may end inside a word ({@code idiot*}). */
    boolean partialEnd() {
        String stripped = text.strip();
        return stripped.length() > 1 && stripped.charAt(stripped.length() - 1) == WILDCARD;
    }

    /** The text to match: the term without its wildcards and surrounding blanks. */
    String core() {
        return core(text);
    }

    private static String core(String text) {
        String stripped = text.strip();
        int from = 0;
        int to = stripped.length();
        if (from < to && stripped.charAt(from) == WILDCARD) {
            from++;
        }
        if (from < to && stripped.charAt(to - 1) == WILDCARD) {
            to--;
        }
        return stripped.substring(from, to);
    }
}
