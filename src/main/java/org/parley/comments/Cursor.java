package org.parley.comments;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.parley.http.ParleyException;

/**
 * Where a page of comments ends, so the next request starts after it. A cursor names a position by
 * its sort key, not by an offset, so comments arriving meanwhile neither repeat nor vanish from the
 * next page. Opaque to clients: URL-safe base64 of {@code kind|sort|primary|time|id}.
 *
 * @param kind    {@code t} for top-level comments, {@code r} for replies
 * @param primary the rank (Wilson bound, controversy) or 0
 * @param time    creation time in epoch millis, negated for oldest-first orders
 * @param id      the comment id, the final tie-break
 */
record Cursor(char kind, Sort sort, double primary, long time, String id) {

    /** A replies cursor meaning "from the first reply". */
    static final Cursor FIRST_REPLY = new Cursor('r', Sort.OLDEST, 0, Long.MIN_VALUE, "");

    String encode() {
        String raw = kind + "|" + sort.apiName() + "|" + Double.toString(primary) + "|" + time + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Parses a cursor a client sent back; anything it did not get from Parley is a 400 problem. */
    static Cursor decode(String text, char expectedKind) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            String[] parts = raw.split("\\|", -1);
            if (parts.length != 5 || parts[0].length() != 1 || parts[0].charAt(0) != expectedKind) {
                throw invalid(text);
            }
            Sort sort = Sort.parse(parts[1]).orElseThrow(() -> invalid(text));
            double primary = Double.parseDouble(parts[2]);
            if (Double.isNaN(primary) || Double.isInfinite(primary)) {
                throw invalid(text);
            }
            String id = parts[4];
            if (!id.isEmpty() && !CommentId.isValid(id)) {
                throw invalid(text);
            }
            return new Cursor(expectedKind, sort, primary, Long.parseLong(parts[3]), id);
        } catch (IllegalArgumentException e) {
            throw invalid(text);
        }
    }

    private static ParleyException invalid(String text) {
        String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
        return new ParleyException.InvalidInput(CommentProblem.INVALID_CURSOR,
                "Cursor '" + shown + "' was not issued by this server; use the 'next' value from the previous page.");
    }
}
