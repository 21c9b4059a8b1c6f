package org.parley.imports;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;
import org.parley.comments.Comment;
import org.parley.comments.Comments;
import org.parley.comments.ExportedPage;
import org.parley.sites.SiteId;

/**
 * Writes a site's pages and comments in Parley's own export format ({@code docs/export-schema.json}), streaming: one
 * page at a time, never the whole site in memory. {@link ParleyExportReader} reads it back.
 */
final class ParleyExportWriter {

    static final String FORMAT = "parley-export";
    static final int VERSION = 1;

    private ParleyExportWriter() {
    }

    static ExportSummary write(Comments comments, SiteId site, Instant now, OutputStream out) {
        int[] pages = {0};
        long[] written = {0};
        try (JsonGenerator json = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.writeStartObject();
            json.writeStringField("format", FORMAT);
            json.writeNumberField("version", VERSION);
            json.writeStringField("site", site.value());
            json.writeStringField("exportedAt", now.toString());
            json.writeArrayFieldStart("pages");
            comments.exportSite(site, page -> {
                try {
                    page(json, page);
                } catch (IOException e) {
                    throw new UncheckedIOException("writing the export: " + e.getMessage(), e);
                }
                pages[0]++;
                written[0] += page.comments().size();
            });
            json.writeEndArray();
            json.writeEndObject();
            json.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("writing the export: " + e.getMessage(), e);
        }
        return new ExportSummary(pages[0], written[0]);
    }

    private static void page(JsonGenerator json, ExportedPage page) throws IOException {
        json.writeStartObject();
        json.writeStringField("key", page.page().key().value());
        optional(json, "title", page.page().title());
        optional(json, "url", page.page().url());
        json.writeStringField("createdAt", page.createdAt().toString());
        json.writeBooleanField("open", page.page().open());
        json.writeArrayFieldStart("comments");
        for (Comment comment : page.comments()) {
            json.writeStartObject();
            json.writeStringField("id", comment.id().value());
            optional(json, "parentId", comment.parentId().map(Object::toString));
            optional(json, "authorId", comment.author().map(a -> a.id().value()));
            optional(json, "authorName", comment.author().flatMap(a -> a.name()));
            json.writeStringField("status", comment.status().apiName());
            json.writeStringField("html", comment.html().html());
            json.writeStringField("createdAt", comment.createdAt().toString());
            optional(json, "editedAt", comment.editedAt().map(Instant::toString));
            json.writeNumberField("up", comment.up());
            json.writeNumberField("down", comment.down());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
        json.flush();
    }

    private static void optional(JsonGenerator json, String field, Optional<String> value) throws IOException {
        if (value.isPresent()) {
            json.writeStringField(field, value.get());
        } else {
            json.writeNullField(field);
        }
    }
}
