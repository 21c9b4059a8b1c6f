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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads Parley's own export ({@link ParleyExportWriter}, {@code docs/export-schema.json}) as a stream, one page at a
 * time. Each exported reader becomes one author (by the reader id the export gives), each comment keeps its id as
 * its source id, so importing the same export again adds nothing.
 */
final class ParleyExportReader {

    private ParleyExportReader() {
    }

    static void read(Path file, Consumer<SourcePage> pages) {
        String name = file.getFileName().toString();
        try (InputStream in = Files.newInputStream(file); JsonParser json = new JsonFactory().createParser(in)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new BadExport(at(name, json) + "a Parley export is one JSON object; this file starts otherwise");
            }
            boolean recognised = false;
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
                        if (json.getValueAsInt(-1) != ParleyExportWriter.VERSION) {
                            throw new BadExport(at(name, json) + "export format version " + json.getText()
                                    + " is not one this Parley reads (it reads version " + ParleyExportWriter.VERSION + ")");
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
                            pages.accept(page(name, json));
                        }
                    }
                    default -> json.skipChildren();
                }
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
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            JsonToken value = json.nextToken();
            if (value.isScalarValue()) {
                fields.put(json.currentName(), value == JsonToken.VALUE_NULL ? null : json.getText());
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
                count(name, line, id, fields.get("down")));
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
