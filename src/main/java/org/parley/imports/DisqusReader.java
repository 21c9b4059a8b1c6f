package org.parley.imports;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Reads a Disqus export: a {@code <disqus>} root holding {@code <thread>} elements (pages: {@code dsq:id},
 * {@code <id>}, {@code <link>}, {@code <title>}, {@code <createdAt>}) and {@code <post>} elements (comments:
 * {@code dsq:id}, {@code <thread dsq:id>}, {@code <parent dsq:id>}, {@code <message>} HTML, {@code <createdAt>},
 * {@code <author>} with name, email and username, {@code <isDeleted>}, {@code <isSpam>}, and {@code <isApproved>}
 * where present). Posts are not grouped by thread in the file, so they wait in a temporary file ({@link PostSpill})
 * until it is read through, then are handed out a page at a time, threads in file order.
 */
final class DisqusReader {

    private DisqusReader() {
    }

    /** Hands each thread with posts to {@code pages}, in file order; posts naming no thread of the file go to {@code strays}. */
    static void read(Path file, Consumer<SourcePage> pages, Consumer<SourceComment> strays) {
        Map<String, SourcePage> threads = new LinkedHashMap<>();
        try (XmlExport xml = XmlExport.open(file); PostSpill posts = new PostSpill()) {
            parse(xml, threads, posts::add);
            for (SourcePage thread : threads.values()) {
                List<SourceComment> comments = posts.posts(thread.sourceId());
                if (!comments.isEmpty()) {
                    pages.accept(new SourcePage(thread.sourceId(), thread.identifier(), thread.url(), thread.title(),
                            thread.createdAt(), comments, thread.line()));
                }
            }
            posts.threads().stream().filter(id -> !threads.containsKey(id)).toList()
                    .forEach(id -> posts.posts(id).forEach(strays));
        }
    }

    /**
     * Checks the whole export as {@link #read} reads it (refusing what it would refuse), without keeping its posts: a
     * first pass that only counts need not write them all to a temporary file and read them back. {@code pages} gets
     * the number of posts of each thread that has any, {@code strays} the number of those naming no thread of the file.
     */
    static void check(Path file, IntConsumer pages, IntConsumer strays) {
        Map<String, SourcePage> threads = new LinkedHashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        try (XmlExport xml = XmlExport.open(file)) {
            parse(xml, threads, (thread, post) -> counts.merge(thread, 1, Integer::sum));
        }
        threads.keySet().forEach(id -> {
            Integer posts = counts.remove(id);
            if (posts != null) {
                pages.accept(posts);
            }
        });
        counts.values().forEach(strays::accept);
    }

    /** Reads the file's threads into {@code threads} (the first of each id) and hands each post, with its thread's id, to {@code posts}. */
    private static void parse(XmlExport xml, Map<String, SourcePage> threads, BiConsumer<String, SourceComment> posts) {
        String root = xml.root();
        if (!root.equals("disqus")) {
            throw new BadExport(xml.at() + "this is not a Disqus export: its root element is <" + root + ">, not <disqus>"
                    + (root.equals("rss") ? "; for a WordPress export (WXR) use 'parley import wordpress'" : ""));
        }
        for (Optional<String> next = xml.nextElement(); next.isPresent(); next = xml.nextElement()) {
            switch (next.get()) {
                case "thread" -> {
                    SourcePage thread = thread(xml);
                    threads.putIfAbsent(thread.sourceId(), thread);
                }
                case "post" -> {
                    int line = xml.line();
                    Map<String, String> post = xml.flatten("", x -> { });
                    String thread = required(xml, line, "post", post, "thread@id", "a <thread dsq:id=\"…\"> naming its thread");
                    posts.accept(thread, post(xml, line, post));
                }
                default -> xml.skip();
            }
        }
    }

    private static SourcePage thread(XmlExport xml) {
        int line = xml.line();
        Map<String, String> thread = xml.flatten("", x -> { });
        String id = required(xml, line, "thread", thread, "@id", "a dsq:id attribute");
        Optional<Instant> created = optionalTime(xml, line, "thread", thread.get("createdAt"));
        return new SourcePage(id, text(thread.get("id")), text(thread.get("link")), text(thread.get("title")), created,
                List.of(), line);
    }

    private static SourceComment post(XmlExport xml, int line, Map<String, String> post) {
        String id = required(xml, line, "post", post, "@id", "a dsq:id attribute");
        Instant created = optionalTime(xml, line, "post " + id, post.get("createdAt")).orElseThrow(() -> new BadExport(
                xml.file() + " line " + line + ": <post dsq:id=\"" + id + "\"> has no <createdAt>; every post needs the time it was written"));
        SourceComment.State state = yes(post.get("isSpam")) ? SourceComment.State.REJECTED
                : yes(post.get("isDeleted")) ? SourceComment.State.DELETED
                : "false".equalsIgnoreCase(strip(post.get("isApproved"))) ? SourceComment.State.PENDING
                : SourceComment.State.PUBLISHED;
        return new SourceComment(id, text(post.get("parent@id")), text(post.get("author/name")), text(post.get("author/email")),
                text(post.get("author/username")), post.getOrDefault("message", ""), state, created, line);
    }

    private static String required(XmlExport xml, int line, String element, Map<String, String> values, String key, String what) {
        return text(values.get(key)).orElseThrow(() -> new BadExport(xml.file() + " line " + line + ": <" + element
                + "> has no " + what + "; is this a complete Disqus export?"));
    }

    static Optional<Instant> optionalTime(XmlExport xml, int line, String element, String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(SourceTimes.parse(raw).orElseThrow(() -> new BadExport(xml.file() + " line " + line + ": <" + element
                + ">: '" + raw.strip() + "' is not a time (expected like 2019-05-01T10:00:00Z)")));
    }

    private static boolean yes(String value) {
        return "true".equalsIgnoreCase(strip(value)) || "1".equals(strip(value));
    }

    private static String strip(String value) {
        return value == null ? "" : value.strip();
    }

    static Optional<String> text(String value) {
        return Optional.ofNullable(value).map(String::strip).filter(v -> !v.isEmpty());
    }
}
