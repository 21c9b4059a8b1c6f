package org.parley.words;

/**
 * One place where a term of a site's word list occurs in a comment. {@code start} and {@code end} are
 * UTF-16 offsets into the comment exactly as the author wrote it (before any normalization), end
 * exclusive, so a dashboard can highlight {@code comment.substring(start, end)}; {@code matched} is that
 * substring, e.g. {@code "ѕτuuuрiԁ"} for the term {@code stupid}.
 */
public record WordMatch(WordTerm term, int start, int end, String matched) {

    public WordMatch {
        if (term == null || matched == null) {
            throw new IllegalArgumentException("a word match needs its term and matched text");
        }
        if (start < 0 || end <= start || matched.length() != end - start) {
            throw new IllegalArgumentException(
                    "match of '" + term.text() + "' at [" + start + ", " + end + ") does not fit '" + matched + "'");
        }
    }

    /** What the match does to a comment: its term's kind. */
    public WordTerm.Kind kind() {
        return term.kind();
    }
}
