package org.parley.imports;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.parley.comments.Reason;
import org.parley.http.Json;

/**
 * Reads Parley's own export ({@link ParleyExportWriter}, {@code docs/export-schema.json}, versions 1 and 2) as a stream,
 * one page at a time. Each exported reader becomes one author (by the reader id the export gives), each comment keeps
 * its id as its source id, so importing the same export again adds nothing. What version 2 holds about the whole site
 * (blocks, sanctions, audit log, readers) follows the pages; it is kept in memory and handed over with the last page,
 * which is held back until the file is read through, so that it is stored in that page's transaction.
 */
final class ParleyExportReader {

    private static final TypeReference<List<Reason>> REASONS = new TypeReference<>() {
    };
    /** Parley's JSON settings, reading a comment's reasons in the middle of the file (more follows them). */
    private static final ObjectMapper JSON = Json.mapper().disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ParleyExportReader() {
    }

    static void read(Path file, Consumer<SourcePage> pages) {
        String name = file.getFileName().toString();
        try (InputStream in = Files.newInputStream(file); JsonParser json = JSON.getFactory().createParser(in)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new BadExport(at(name, json) + "a Parley export is one JSON object; this file starts otherwise");
            }
            boolean recognised = false;
            SourcePage held = null;
            SiteSections site = new SiteSections();
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                switch (field) {
                    case "format" -> {
                        if (!ParleyExportWriter.FORMAT.equals(json.getValueAsString())) {
                            throw new BadExport(at(name, json) + "this is not a Parley export: its \"format\" is "
                                    + json.getText() + ", not \"" + ParleyExportWriter.FORMAT + "\"");
                        }
                        recognised = true;
                    }
                    case "version" -> {
                        int version = json.getValueAsInt(-1);
                        if (version < 1 || version > ParleyExportWriter.VERSION) {
                            throw new BadExport(at(name, json) + "export format version " + json.getText()
                                    + " is not one this Parley reads (it reads versions 1 to " + ParleyExportWriter.VERSION + ")");
                        }
                    }
                    case "pages" -> {
                        if (!recognised) {
                            throw new BadExport(at(name, json) + "\"pages\" comes before \"format\": is this a Parley export?");
                        }
                        if (value != JsonToken.START_ARRAY) {
                            throw new BadExport(at(name, json) + "\"pages\" must be a list");
                        }
                        while (json.nextToken() == JsonToken.START_OBJECT) {
                            if (held != null) {
                                pages.accept(held);
                            }
                            held = page(name, json);
                        }
                    }
                    case "blocks", "sanctions", "moderation", "readers" -> {
                        if (value != JsonToken.START_ARRAY) {
                            throw new BadExport(at(name, json) + "\"" + field + "\" must be a list");
                        }
                        while (json.nextToken() == JsonToken.START_OBJECT) {
                            site.add(name, field, json.currentLocation().getLineNr(), scalars(json));
                        }
                    }
                    default -> json.skipChildren();
                }
            }
            if (held != null) {
                pages.accept(site.isEmpty() ? held : held.with(site.toSource()));
            }
            if (!recognised) {
                throw new BadExport(name + ": this is not a Parley export: it has no \"format\": \"" + ParleyExportWriter.FORMAT + "\"");
            }
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            throw new BadExport(name + (where == null ? "" : " line " + where.getLineNr() + ", column " + where.getColumnNr())
                    + ": not well-formed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static SourcePage page(String name, JsonParser json) throws IOException {
        int line = json.currentLocation().getLineNr();
        Map<String, String> fields = new HashMap<>();
        List<SourceComment> comments = new ArrayList<>();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            if (field.equals("comments") && value == JsonToken.START_ARRAY) {
                while (json.nextToken() == JsonToken.START_OBJECT) {
                    comments.add(comment(name, json));
                }
            } else if (value.isScalarValue()) {
                fields.put(field, value == JsonToken.VALUE_NULL ? null : json.getText());
            } else {
                json.skipChildren();
            }
        }
        String key = DisqusReader.text(fields.get("key")).orElseThrow(() -> new BadExport(name + " line " + line
                + ": a page has no \"key\""));
        return new SourcePage(key, Optional.of(key), DisqusReader.text(fields.get("url")), DisqusReader.text(fields.get("title")),
                SourceTimes.parse(fields.get("createdAt")), comments, line);
    }

    private static SourceComment comment(String name, JsonParser json) throws IOException {
        int line = json.currentLocation().getLineNr();
        Map<String, String> fields = new HashMap<>();
        List<SourceTrail.Vote> votes = new ArrayList<>();
        List<Reason> reasons = new ArrayList<>();
        boolean trail = false;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            if (field.equals("votes") && value == JsonToken.START_ARRAY) {
                trail = true;
                while (json.nextToken() == JsonToken.START_OBJECT) {
                    votes.add(vote(name, json));
                }
            } else if (field.equals("reasons") && value == JsonToken.START_ARRAY) {
                trail = true;
                try {
                    reasons.addAll(json.readValueAs(REASONS));
                } catch (JsonProcessingException e) {
                    throw new BadExport(name + " line " + line + ": a comment's \"reasons\" are not readable: " + e.getOriginalMessage());
                }
            } else if (value.isScalarValue()) {
                trail |= field.equals("review") || field.equals("featured");
                fields.put(field, value == JsonToken.VALUE_NULL ? null : json.getText());
            } else {
                json.skipChildren();
            }
        }
        String id = DisqusReader.text(fields.get("id")).orElseThrow(() -> new BadExport(name + " line " + line
                + ": a comment has no \"id\""));
        Instant created = SourceTimes.parse(fields.get("createdAt")).orElseThrow(() -> new BadExport(name + " line " + line
                + ": comment " + id + " has no \"createdAt\" time"));
        String status = String.valueOf(fields.get("status"));
        SourceComment.State state = switch (status) {
            case "published" -> SourceComment.State.PUBLISHED;
            case "pending" -> SourceComment.State.PENDING;
            case "rejected" -> SourceComment.State.REJECTED;
            case "deleted" -> SourceComment.State.DELETED;
            default -> throw new BadExport(name + " line " + line + ": comment " + id + " has status '" + status
                    + "'; a Parley export has published, pending, rejected or deleted");
        };
        return new SourceComment(id, DisqusReader.text(fields.get("parentId")), DisqusReader.text(fields.get("authorName")),
                Optional.empty(), DisqusReader.text(fields.get("authorId")), fields.getOrDefault("html", "") == null ? ""
                : fields.getOrDefault("html", ""), state, created, line, count(name, line, id, fields.get("up")),
                count(name, line, id, fields.get("down")), trail ? Optional.of(trail(name, line, id, fields, votes, reasons))
                : Optional.empty());
    }

    /** A version 2 comment's votes and moderation; a review other than none, open or done is refused. */
    private static SourceTrail trail(String name, int line, String id, Map<String, String> fields, List<SourceTrail.Vote> votes,
                                     List<Reason> reasons) {
        String review = Optional.ofNullable(fields.get("review")).orElse("none");
        if (!org.parley.comments.ArchivedTrail.REVIEWS.contains(review)) {
            throw new BadExport(name + " line " + line + ": comment " + id + " has review '" + review
                    + "'; a Parley export has none, open or done");
        }
        return new SourceTrail(votes, review, reasons, Boolean.parseBoolean(fields.get("featured")),
                DisqusReader.text(fields.get("note")));
    }

    private static SourceTrail.Vote vote(String name, JsonParser json) throws IOException {
        int line = json.currentLocation().getLineNr();
        Map<String, String> fields = scalars(json);
        String voter = SiteSections.reader(name, line, "a vote", fields.get("voterId"));
        int value = "1".equals(fields.get("value")) ? 1 : "-1".equals(fields.get("value")) ? -1 : 0;
        if (value == 0) {
            throw new BadExport(name + " line " + line + ": a vote's \"value\" is " + fields.get("value") + "; it is 1 or -1");
        }
        return new SourceTrail.Vote(voter, value, SiteSections.time(name, line, "a vote", fields.get("votedAt")));
    }

    /** The scalar fields of the object the parser is in, by name (null for JSON null); nested values are skipped. */
    static Map<String, String> scalars(JsonParser json) throws IOException {
        Map<String, String> fields = new HashMap<>();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            JsonToken value = json.nextToken();
            if (value.isScalarValue()) {
                fields.put(json.currentName(), value == JsonToken.VALUE_NULL ? null : json.getText());
            } else {
                json.skipChildren();
            }
        }
        return fields;
    }

    /** A vote count of the export: a whole number from 0; absent is 0. */
    private static int count(String name, int line, String id, String raw) {
        if (raw == null) {
            return 0;
        }
        try {
            int value = Integer.parseInt(raw.strip());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadExport(name + " line " + line + ": comment " + id + " has a vote count of '" + raw + "'; counts are whole numbers from 0");
    }

    private static String at(String name, JsonParser json) {
        return name + " line " + json.currentLocation().getLineNr() + ": ";
    }
}
