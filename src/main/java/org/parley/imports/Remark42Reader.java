package org.parley.imports;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads a Remark42 backup (its {@code export} or automatic backup, gunzipped): a first JSON object with the backup's
 * {@code version}, then one JSON object per comment ({@code id}, {@code pid}, {@code text} HTML, {@code user} with
 * {@code id} and {@code name}, {@code locator.url}, {@code time}, {@code votes}, {@code delete}, {@code title}).
 * Comments are grouped by page through a temporary file ({@link PostSpill}), so their order in the file does not
 * matter and memory does not grow with it. Remark42 has no pending or spam state: a comment is published or deleted.
 */
final class Remark42Reader {

    private Remark42Reader() {
    }

    static void read(Path file, Consumer<SourcePage> pages) {
        String name = file.getFileName().toString();
        Map<String, SourcePage> seen = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(file); JsonParser json = new JsonFactory().createParser(in);
             PostSpill comments = new PostSpill()) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new BadExport(name + " line 1: a Remark42 backup starts with a JSON object holding its \"version\"");
            }
            Map<String, String> meta = scalars(json);
            if (!meta.containsKey("version") || meta.containsKey("format")) {
                throw new BadExport(name + " line 1: this is not a Remark42 backup: its first object has no \"version\""
                        + (meta.containsKey("format") ? " but a \"format\" (for a Parley export use 'parley import parley')" : ""));
            }
            if (!List.of("0", "1").contains(meta.get("version"))) {
                throw new BadExport(name + " line 1: Remark42 backup version " + meta.get("version") + " is not one this Parley reads (0 or 1)");
            }
            while (json.nextToken() == JsonToken.START_OBJECT) {
                int line = json.currentLocation().getLineNr();
                Map<String, String> comment = scalars(json);
                String url = DisqusReader.text(comment.get("locator.url")).orElseThrow(() -> new BadExport(name + " line " + line
                        + ": a comment has no \"locator\": {\"url\": …} naming its page"));
                SourceComment parsed = comment(name, line, comment);
                seen.merge(url, new SourcePage(url, Optional.empty(), Optional.of(url), DisqusReader.text(comment.get("title")),
                        Optional.of(parsed.createdAt()), List.of(), line), Remark42Reader::earlier);
                comments.add(url, parsed);
            }
            if (json.currentToken() != null) {
                throw new BadExport(at(name, json) + "expected one JSON object per comment, found " + json.currentToken());
            }
            for (SourcePage page : seen.values()) {
                pages.accept(new SourcePage(page.sourceId(), page.identifier(), page.url(), page.title(), page.createdAt(),
                        comments.posts(page.sourceId()), page.line()));
            }
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            throw new BadExport(name + (where == null ? "" : " line " + where.getLineNr() + ", column " + where.getColumnNr())
                    + ": not well-formed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The page as first seen, with the earliest comment's time as its creation and the first title given. */
    private static SourcePage earlier(SourcePage known, SourcePage next) {
        Optional<Instant> created = known.createdAt().filter(t -> next.createdAt().map(t::isBefore).orElse(true)).or(next::createdAt);
        return new SourcePage(known.sourceId(), known.identifier(), known.url(), known.title().or(next::title), created,
                List.of(), known.line());
    }

    private static SourceComment comment(String name, int line, Map<String, String> c) {
        String id = DisqusReader.text(c.get("id")).orElseThrow(() -> new BadExport(name + " line " + line + ": a comment has no \"id\""));
        Instant created = DisqusReader.text(c.get("time")).flatMap(SourceTimes::parse).orElseThrow(() -> new BadExport(
                name + " line " + line + ": comment " + id + " has no readable \"time\""));
        boolean deleted = "true".equals(c.get("delete"));
        int up = 0;
        int down = 0;
        for (Map.Entry<String, String> vote : c.entrySet()) {
            if (vote.getKey().startsWith("votes.")) {
                if ("true".equals(vote.getValue())) {
                    up++;
                } else {
                    down++;
                }
            }
        }
        return new SourceComment(id, DisqusReader.text(c.get("pid")), DisqusReader.text(c.get("user.name")), Optional.empty(),
                DisqusReader.text(c.get("user.id")).map(u -> "remark42 " + u), c.getOrDefault("text", ""),
                deleted ? SourceComment.State.DELETED : SourceComment.State.PUBLISHED, created, line, up, down);
    }

    /**
     * The scalar values of the object the parser has just entered, by dotted path ({@code user.name},
     * {@code votes.<voter>}); lists are skipped. Leaves the parser on the object's end.
     */
    private static Map<String, String> scalars(JsonParser json) throws IOException {
        Map<String, String> out = new HashMap<>();
        scalars(json, "", out);
        return out;
    }

    private static void scalars(JsonParser json, String prefix, Map<String, String> out) throws IOException {
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = prefix + json.currentName();
            JsonToken value = json.nextToken();
            if (value == JsonToken.START_OBJECT) {
                scalars(json, field + ".", out);
            } else if (value == JsonToken.START_ARRAY) {
                json.skipChildren();
            } else if (value != JsonToken.VALUE_NULL) {
                out.putIfAbsent(field, json.getText());
            }
        }
    }

    private static String at(String name, JsonParser json) {
        return name + " line " + json.currentLocation().getLineNr() + ": ";
    }
}
