package org.parley.desk;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.parley.comments.Reason;

/**
 * Cuts a comment's markdown source where the spans of its reasons begin and end, so the case page can
 * put a {@code <mark>} around exactly the text each reason points at. Spans may overlap; offsets are
 * UTF-16 indices into the source, clamped to it, and never split a surrogate pair.
 */
final class DashboardHighlight {

    private DashboardHighlight() {
    }

    /**
     * The source in order, as pieces of text each with the reasons whose spans cover it (none for plain
     * text). Map entries, because the templates that read them see only public types.
     */
    static List<Map.Entry<String, List<Reason>>> segments(String source, List<Reason> reasons) {
        TreeSet<Integer> cuts = new TreeSet<>(List.of(0, source.length()));
        for (Reason reason : reasons) {
            for (Reason.Span span : reason.spans()) {
                int start = clamp(span.start(), source);
                int end = clamp(span.end(), source);
                if (start < end) {
                    cuts.add(start);
                    cuts.add(end);
                }
            }
        }
        List<Integer> bounds = List.copyOf(cuts);
        List<Map.Entry<String, List<Reason>>> pieces = new ArrayList<>();
        for (int i = 0; i + 1 < bounds.size(); i++) {
            int from = bounds.get(i);
            int to = bounds.get(i + 1);
            List<Reason> covering = reasons.stream().filter(reason -> reason.spans().stream()
                    .anyMatch(s -> clamp(s.start(), source) <= from && to <= clamp(s.end(), source))).toList();
            pieces.add(Map.entry(source.substring(from, to), covering));
        }
        return pieces;
    }

    /** The offset within the source, moved back off the second half of a surrogate pair. */
    private static int clamp(int offset, String source) {
        int at = Math.max(0, Math.min(offset, source.length()));
        if (at > 0 && at < source.length() && Character.isLowSurrogate(source.charAt(at))
                && Character.isHighSurrogate(source.charAt(at - 1))) {
            return at - 1;
        }
        return at;
    }
}
