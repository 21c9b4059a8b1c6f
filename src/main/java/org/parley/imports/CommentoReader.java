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
 * Reads a Commento export (its "export data" JSON): {@code version}, a {@code comments} list ({@code commentHex},
 * {@code parentHex} or {@code root}, {@code commenterHex}, {@code domain}, {@code url} the page's path, {@code html},
 * {@code state} approved, unapproved or flagged, {@code creationDate}, {@code score}, {@code deleted}) and a
 * {@code commenters} list ({@code commenterHex}, {@code name}, {@code email}). Comments wait in a temporary file
 * ({@link PostSpill}) until the commenters, which come after them, are known. Unapproved and flagged comments wait for
 * a moderator (pending), never published.
 */
final class CommentoReader {

    private record Commenter(Optional<String> name, Optional<String> email) {
    }

    private CommentoReader() {
    }

    static void read(Path file, Consumer<SourcePage> pages) {
        String name = file.getFileName().toString();
        Map<String, SourcePage> seen = new LinkedHashMap<>();
        Map<String, Commenter> commenters = new HashMap<>();
        boolean version = false;
        try (InputStream in = Files.newInputStream(file); JsonParser json = new JsonFactory().createParser(in);
             PostSpill comments = new PostSpill()) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new BadExport(name + " line 1: a Commento export is one JSON object with \"version\", \"comments\" and \"commenters\"");
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                switch (field) {
                    case "version" -> {
                        if (json.getValueAsInt(-1) != 1) {
                            throw new BadExport(at(name, json) + "Commento export version " + json.getText() + " is not one this Parley reads (1)");
                        }
                        version = true;
                    }
                    case "comments" -> {
                        list(name, json, value, field);
                        while (json.nextToken() == JsonToken.START_OBJECT) {
                            int line = json.currentLocation().getLineNr();
                            Map<String, String> c = scalars(json);
                            SourceComment comment = comment(name, line, c);
                            Optional<String> url = page(c);
                            String key = url.orElse("");
                            seen.merge(key, new SourcePage(key, Optional.empty(), url, Optional.empty(), Optional.of(comment.createdAt()),
                                    List.of(), line), CommentoReader::earlier);
                            comments.add(key, comment);
                        }
                    }
                    case "commenters" -> {
                        list(name, json, value, field);
                        while (json.nextToken() == JsonToken.START_OBJECT) {
                            Map<String, String> c = scalars(json);
                            DisqusReader.text(c.get("commenterHex")).ifPresent(hex -> commenters.put(hex,
                                    new Commenter(DisqusReader.text(c.get("name")), DisqusReader.text(c.get("email")))));
                        }
                    }
                    default -> json.skipChildren();
                }
            }
            if (!version) {
                throw new BadExport(name + ": this is not a Commento export: it has no \"version\"");
            }
            for (SourcePage page : seen.values()) {
                List<SourceComment> signed = comments.posts(page.sourceId()).stream().map(c -> signed(c, commenters)).toList();
                pages.accept(new SourcePage(page.sourceId(), page.identifier(), page.url(), page.title(), page.createdAt(), signed,
                        page.line()));
            }
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            throw new BadExport(name + (where == null ? "" : " line " + where.getLineNr() + ", column " + where.getColumnNr())
                    + ": not well-formed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The page's address: {@code https://} and the domain before the path Commento keeps (the path alone without one). */
    private static Optional<String> page(Map<String, String> c) {
        Optional<String> path = DisqusReader.text(c.get("url"));
        Optional<String> domain = DisqusReader.text(c.get("domain"));
        return path.map(p -> domain.map(d -> "https://" + d + (p.startsWith("/") ? p : "/" + p)).orElse(p));
    }

    private static SourcePage earlier(SourcePage known, SourcePage next) {
        Optional<Instant> created = known.createdAt().filter(t -> next.createdAt().map(t::isBefore).orElse(true)).or(next::createdAt);
        return new SourcePage(known.sourceId(), known.identifier(), known.url(), known.title(), created, List.of(), known.line());
    }

    private static SourceComment comment(String name, int line, Map<String, String> c) {
        String id = DisqusReader.text(c.get("commentHex")).orElseThrow(() -> new BadExport(name + " line " + line
                + ": a comment has no \"commentHex\""));
        Instant created = DisqusReader.text(c.get("creationDate")).flatMap(SourceTimes::parse).orElseThrow(() -> new BadExport(
                name + " line " + line + ": comment " + id + " has no readable \"creationDate\""));
        SourceComment.State state = "true".equals(c.get("deleted")) ? SourceComment.State.DELETED
                : "approved".equals(c.get("state")) ? SourceComment.State.PUBLISHED
                : SourceComment.State.PENDING; // unapproved, flagged or unknown: a moderator decides
        int score = 0;
        try {
            score = Integer.parseInt(c.getOrDefault("score", "0").strip());
        } catch (NumberFormatException e) {
            // a score is a nicety: without one the comment counts no votes
        }
        Optional<String> parent = DisqusReader.text(c.get("parentHex")).filter(p -> !p.equals("root"));
        return new SourceComment(id, parent, Optional.empty(), Optional.empty(), DisqusReader.text(c.get("commenterHex")),
                c.getOrDefault("html", ""), state, created, line, Math.max(0, score), Math.max(0, -score));
    }

    /** {@code comment} signed with its commenter's name and email (the commenter's hex stays its author key). */
    private static SourceComment signed(SourceComment comment, Map<String, Commenter> commenters) {
        Commenter who = comment.authorUser().map(commenters::get).orElse(new Commenter(Optional.empty(), Optional.empty()));
        return new SourceComment(comment.sourceId(), comment.parentId(), who.name(), who.email(),
                comment.authorUser().map(hex -> "commento " + hex), comment.html(), comment.state(), comment.createdAt(),
                comment.line(), comment.up(), comment.down());
    }

    private static void list(String name, JsonParser json, JsonToken value, String field) {
        if (value != JsonToken.START_ARRAY) {
            throw new BadExport(at(name, json) + "\"" + field + "\" must be a list");
        }
    }

    private static Map<String, String> scalars(JsonParser json) throws IOException {
        Map<String, String> out = new HashMap<>();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            if (value.isStructStart()) {
                json.skipChildren();
            } else if (value != JsonToken.VALUE_NULL) {
                out.putIfAbsent(field, json.getText());
            }
        }
        return out;
    }

    private static String at(String name, JsonParser json) {
        return name + " line " + json.currentLocation().getLineNr() + ": ";
    }
}
