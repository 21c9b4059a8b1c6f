package org.parley.imports;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads a WordPress export (WXR, any version: {@code wp:} is whatever {@code http://wordpress.org/export/…}
 * namespace the file declares). Each {@code <item>} of any post type is a page ({@code wp:post_id}, {@code link},
 * {@code title}, {@code wp:post_date_gmt}) holding its {@code wp:comment}s ({@code comment_id}, {@code comment_parent},
 * {@code comment_author}, {@code comment_author_email}, {@code comment_date_gmt}, {@code comment_content},
 * {@code comment_approved}, {@code comment_type}). Items come one at a time: memory holds one page, however big the file.
 */
final class WordPressReader {

    private static final String WXR_NAMESPACE = "http://wordpress.org/export/";
    private static final java.util.Set<String> BLOCK_TAGS = java.util.Set.of("p", "div", "blockquote", "ul", "ol", "pre", "table",
            "h1", "h2", "h3", "h4", "h5", "h6");

    private WordPressReader() {
    }

    /** Hands each item with comments to {@code pages}, in file order; what is guessed goes to {@code warnings}. */
    static void read(Path file, Consumer<SourcePage> pages, Consumer<String> warnings) {
        try (XmlExport xml = XmlExport.open(file)) {
            String root = xml.root();
            if (!root.equals("rss")) {
                throw new BadExport(xml.at() + "this is not a WordPress export (WXR): its root element is <" + root + ">, not <rss>"
                        + (root.equals("disqus") ? "; for a Disqus export use 'parley import disqus'" : ""));
            }
            boolean channel = false;
            for (Optional<String> next = xml.nextElement(); next.isPresent(); next = xml.nextElement()) {
                if (!next.get().equals("channel")) {
                    xml.skip();
                    continue;
                }
                channel = true;
                for (Optional<String> inner = xml.nextElement(); inner.isPresent(); inner = xml.nextElement()) {
                    if (inner.get().equals("item")) {
                        item(xml, warnings).ifPresent(pages);
                    } else {
                        xml.skip();
                    }
                }
            }
            if (!channel) {
                throw new BadExport(xml.file() + ": this <rss> file has no <channel>; is it a WordPress export (Tools → Export)?");
            }
        }
    }

    private static Optional<SourcePage> item(XmlExport xml, Consumer<String> warnings) {
        int line = xml.line();
        List<SourceComment> comments = new ArrayList<>();
        Map<String, String> item = xml.flatten("comment", nested -> {
            boolean wordpress = nested.namespace().startsWith(WXR_NAMESPACE);
            int at = nested.line();
            Map<String, String> comment = nested.flatten("", x -> { });
            if (wordpress) {
                comments.add(comment(nested, at, comment, warnings));
            }
        });
        if (comments.isEmpty()) {
            return Optional.empty();
        }
        String id = DisqusReader.text(item.get("post_id")).orElseThrow(() -> new BadExport(xml.file() + " line " + line
                + ": <item> has comments but no <wp:post_id>; is this a complete WordPress export?"));
        Optional<Instant> created = SourceTimes.parse(item.get("post_date_gmt")).or(() -> SourceTimes.parse(item.get("post_date")));
        return Optional.of(new SourcePage(id, Optional.of(id), DisqusReader.text(item.get("link")),
                DisqusReader.text(item.get("title")), created, comments, line));
    }

    private static SourceComment comment(XmlExport xml, int line, Map<String, String> comment, Consumer<String> warnings) {
        String id = DisqusReader.text(comment.get("comment_id")).orElseThrow(() -> new BadExport(xml.file() + " line " + line
                + ": <wp:comment> has no <wp:comment_id>"));
        Instant created = time(xml, line, id, comment.get("comment_date_gmt"))
                .or(() -> {
                    Optional<Instant> local = time(xml, line, id, comment.get("comment_date"));
                    local.ifPresent(t -> warnings.accept("line " + line + ": comment " + id + " has no <wp:comment_date_gmt>; its"
                            + " <wp:comment_date>, the blog's local time, is taken as UTC"));
                    return local;
                })
                .orElseThrow(() -> new BadExport(xml.file() + " line " + line + ": comment " + id
                        + " has no <wp:comment_date_gmt> or <wp:comment_date>; every comment needs the time it was written"));
        String type = comment.getOrDefault("comment_type", "").strip();
        String approved = comment.getOrDefault("comment_approved", "").strip();
        SourceComment.State state = switch (type) {
            case "pingback" -> SourceComment.State.PINGBACK;
            case "trackback" -> SourceComment.State.TRACKBACK;
            default -> switch (approved) {
                case "1", "approve", "approved" -> SourceComment.State.PUBLISHED;
                case "spam", "trash", "post-trashed" -> SourceComment.State.REJECTED;
                default -> SourceComment.State.PENDING; // "0", "hold", or anything unknown: a moderator decides, never published
            };
        };
        Optional<String> parent = DisqusReader.text(comment.get("comment_parent")).filter(p -> !p.equals("0"));
        Optional<String> user = DisqusReader.text(comment.get("comment_user_id")).filter(u -> !u.equals("0")).map(u -> "user " + u);
        return new SourceComment(id, parent, DisqusReader.text(comment.get("comment_author")),
                DisqusReader.text(comment.get("comment_author_email")), user, paragraphs(comment.getOrDefault("comment_content", "")),
                state, created, line);
    }

    private static Optional<Instant> time(XmlExport xml, int line, String id, String raw) {
        if (raw == null || raw.isBlank() || raw.startsWith("0000-00-00")) {
            return Optional.empty();
        }
        return Optional.of(SourceTimes.parse(raw).orElseThrow(() -> new BadExport(xml.file() + " line " + line + ": comment " + id
                + ": '" + raw.strip() + "' is not a time (expected like 2019-05-01 10:00:00)")));
    }

    /**
     * WordPress stores a comment as typed, lines and all, and makes paragraphs only when it shows it: so does this,
     * for text without block elements of its own (a blank line ends a paragraph, a line break is kept). Read by hand,
     * not by regular expressions: it runs once per comment of an archive that can hold millions.
     */
    static String paragraphs(String content) {
        String text = content.indexOf('\r') < 0 ? content.strip() : content.replace("\r\n", "\n").replace('\r', '\n').strip();
        if (text.isEmpty() || hasBlockTag(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        StringBuilder paragraph = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (line.isBlank()) {
                paragraph(out, paragraph);
            } else {
                paragraph.append(paragraph.isEmpty() ? "" : "\n").append(line);
            }
        }
        paragraph(out, paragraph);
        return out.toString();
    }

    /** Appends the lines gathered in {@code paragraph} as one paragraph, line breaks kept, and empties it. */
    private static void paragraph(StringBuilder out, StringBuilder paragraph) {
        String text = paragraph.toString().strip();
        if (!text.isEmpty()) {
            out.append("<p>").append(text.replace("\n", "<br>\n")).append("</p>\n");
        }
        paragraph.setLength(0);
    }

    /** Whether the text opens a block element of its own ({@code <p>}, {@code <div>}, a list, a table, a heading…). */
    private static boolean hasBlockTag(String text) {
        for (int at = text.indexOf('<'); at >= 0; at = text.indexOf('<', at + 1)) {
            int i = at + 1;
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int nameStart = i;
            while (i < text.length() && Character.isLetterOrDigit(text.charAt(i))) {
                i++;
            }
            if (BLOCK_TAGS.contains(text.substring(nameStart, i).toLowerCase(java.util.Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }
}
