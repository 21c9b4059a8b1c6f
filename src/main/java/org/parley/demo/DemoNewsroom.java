package org.parley.demo;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import org.parley.http.Json;

/**
 * The demo newsroom as shipped in {@code demo/newsroom.json}: one site, one article and a thread that
 * re-creates, in Parley's own words, every situation of the reference news thread. Each comment lists
 * the situations it stands for, so tests can find "the insult" or "the flame war" by name.
 */
public record DemoNewsroom(SiteInfo site, Article page, List<DemoComment> comments) {

    static final String RESOURCE = "demo/newsroom.json";

    /** The demo site, with the words its moderators chose to flag for review (a newsroom's own choice). */
    public record SiteInfo(String id, String name, List<String> suspectWords) {
    }

    public record Article(String key, String title, String byline, String section, Instant publishedAt,
                          List<String> paragraphs) {
    }

    /**
     * One comment: {@code parent} is another comment's {@code ref}; a null name posts as an unnamed guest;
     * {@code image}, when there is one, is shown with it.
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record DemoComment(String ref, String parent, String name, int minutesAfterPublish,
                              List<String> situations, String body, DemoImage image) {
    }

    /** An image shipped as demo data: a class-path resource under {@code demo/}, with its alt text. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record DemoImage(String resource, String alt) {
    }

    /** Reads the newsroom shipped in the jar. */
    public static DemoNewsroom load() {
        try (InputStream in = DemoNewsroom.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + RESOURCE + " in the Parley jar");
            }
            return Json.mapper().readValue(in, DemoNewsroom.class);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + RESOURCE, e);
        }
    }
}
