package org.parley.comments;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * HTML that came out of Parley's renderer and sanitizer: the only HTML a page may insert as markup.
 * Only {@link CommentRenderer} makes new values; the store hands back what the renderer wrote.
 */
public record SafeHtml(String html) {

    /** Elements whose start or end breaks a line in what a reader sees. */
    private static final Set<String> BLOCKS = Set.of("p", "br", "pre", "blockquote", "ul", "ol", "li", "hr");
    private static final Map<String, String> NAMED = Map.of("amp", "&", "lt", "<", "gt", ">", "quot", "\"", "apos", "'",
            "nbsp", "\u00A0");
    /** Longest character reference decoded: {@code &#x10FFFF;}. */
    private static final int LONGEST_REFERENCE = 10;

    public SafeHtml {
        if (html == null) {
            throw new IllegalArgumentException("html must not be null");
        }
    }

    /**
     * The text a reader sees: tags gone (a paragraph, list item or line break becomes a line break),
     * character references decoded. Screening judges this, not only the markdown typed, because markup can
     * split a word the reader reads whole ({@code zork*bad*}, {@code zork&#98;ad}).
     */
    public String text() {
        StringBuilder out = new StringBuilder(html.length());
        int i = 0;
        while (i < html.length()) {
            char c = html.charAt(i);
            if (c == '<') {
                int end = html.indexOf('>', i);
                if (end < 0) {
                    break;
                }
                if (BLOCKS.contains(tagName(i + 1, end))) {
                    out.append('\n');
                }
                i = end + 1;
            } else if (c == '&' && reference(out, i)) {
                i = html.indexOf(';', i) + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** The lower-case name of the tag between {@code from} and {@code end}: {@code <p class=x>} and {@code </P>} give {@code p}. */
    private String tagName(int from, int end) {
        int start = from < end && html.charAt(from) == '/' ? from + 1 : from;
        int stop = start;
        while (stop < end && html.charAt(stop) != '/' && !Character.isWhitespace(html.charAt(stop))) {
            stop++;
        }
        return html.substring(start, stop).toLowerCase(Locale.ROOT);
    }

    /** Appends the character reference at {@code at} decoded; false when there is none there. */
    private boolean reference(StringBuilder out, int at) {
        int semi = html.indexOf(';', at);
        if (semi < 0 || semi - at > LONGEST_REFERENCE) {
            return false;
        }
        String name = html.substring(at + 1, semi);
        try {
            if (name.startsWith("#x") || name.startsWith("#X")) {
                out.appendCodePoint(Integer.parseInt(name.substring(2), 16));
                return true;
            }
            if (name.startsWith("#")) {
                out.appendCodePoint(Integer.parseInt(name.substring(1)));
                return true;
            }
        } catch (IllegalArgumentException notACodePoint) {
            return false;
        }
        String named = NAMED.get(name);
        if (named != null) {
            out.append(named);
        }
        return named != null;
    }
}
