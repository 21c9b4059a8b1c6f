package org.parley.imports;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.parley.comments.ArchivedTrail;
import org.parley.comments.Comment;
import org.parley.comments.Comments;
import org.parley.comments.ExportedPage;
import org.parley.comments.ReaderVote;
import org.parley.http.Json;
import org.parley.identity.Account;
import org.parley.identity.Identity;
import org.parley.identity.ReaderId;
import org.parley.identity.SiteBlock;
import org.parley.moderation.AuditEntry;
import org.parley.moderation.Moderation;
import org.parley.moderation.Sanction;
import org.parley.sites.SiteId;

/**
 * Writes everything of a site in Parley's own export format ({@code docs/export-schema.json}), streaming: one page at a
 * time, then the site's blocks, sanctions and audit log row by row, never the whole site in memory. The readers
 * section comes last: while the rest is written, one id (and the latest name it showed) is kept per reader met. No
 * email address, token, session, passkey, login or password is ever written. {@link ParleyExportReader} reads it back.
 */
final class ParleyExportWriter {

    static final String FORMAT = "parley-export";
    static final int VERSION = 2;

    private final JsonGenerator json;
    /** Each reader met so far, by id, with the name they last showed (and when), for the readers section. */
    private final Map<String, Named> readers = new TreeMap<>();
    private int pages;
    private long comments;
    private long votes;
    private int blocks;
    private int sanctions;
    private int audit;

    private record Named(Optional<String> name, Instant at) {
    }

    private ParleyExportWriter(JsonGenerator json) {
        this.json = json;
    }

    static ExportSummary write(Comments comments, Identity identity, Moderation moderation, SiteId site, Instant now,
                               OutputStream out) {
        try (JsonGenerator json = Json.mapper().getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            ParleyExportWriter writer = new ParleyExportWriter(json);
            json.writeStartObject();
            json.writeStringField("format", FORMAT);
            json.writeNumberField("version", VERSION);
            json.writeStringField("site", site.value());
            json.writeStringField("exportedAt", now.toString());
            json.writeArrayFieldStart("pages");
            comments.exportSite(site, page -> writer.unchecked(() -> writer.page(page)));
            json.writeEndArray();
            json.writeArrayFieldStart("blocks");
            identity.blocksOn(site, block -> writer.unchecked(() -> writer.block(block)));
            json.writeEndArray();
            json.writeArrayFieldStart("sanctions");
            moderation.sanctionsOn(site, sanction -> writer.unchecked(() -> writer.sanction(sanction)));
            json.writeEndArray();
            json.writeArrayFieldStart("moderation");
            moderation.auditOn(site, entry -> writer.unchecked(() -> writer.audit(entry)));
            json.writeEndArray();
            json.writeArrayFieldStart("readers");
            for (Map.Entry<String, Named> reader : writer.readers.entrySet()) {
                writer.reader(identity, new ReaderId(reader.getKey()), reader.getValue().name());
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeRaw('\n');
            return new ExportSummary(writer.pages, writer.comments, writer.votes, writer.readers.size(), writer.blocks,
                    writer.sanctions, writer.audit);
        } catch (IOException e) {
            throw new UncheckedIOException("writing the export: " + e.getMessage(), e);
        }
    }

    private interface Step {
        void run() throws IOException;
    }

    private void unchecked(Step step) {
        try {
            step.run();
        } catch (IOException e) {
            throw new UncheckedIOException("writing the export: " + e.getMessage(), e);
        }
    }

    private void page(ExportedPage page) throws IOException {
        json.writeRaw('\n'); // a line per page and per comment, so that an import's messages name a useful line
        json.writeStartObject();
        json.writeStringField("key", page.page().key().value());
        optional("title", page.page().title());
        optional("url", page.page().url());
        json.writeStringField("createdAt", page.createdAt().toString());
        json.writeBooleanField("open", page.page().open());
        json.writeArrayFieldStart("comments");
        for (Comment comment : page.comments()) {
            comment(comment, Optional.ofNullable(page.trails().get(comment.id())));
        }
        json.writeEndArray();
        json.writeEndObject();
        json.flush();
        pages++;
    }

    private void comment(Comment comment, Optional<ArchivedTrail> trail) throws IOException {
        json.writeRaw('\n');
        json.writeStartObject();
        json.writeStringField("id", comment.id().value());
        optional("parentId", comment.parentId().map(Object::toString));
        optional("authorId", comment.author().map(a -> a.id().value()));
        optional("authorName", comment.author().flatMap(a -> a.name()));
        json.writeStringField("status", comment.status().apiName());
        json.writeStringField("html", comment.html().html());
        json.writeStringField("createdAt", comment.createdAt().toString());
        optional("editedAt", comment.editedAt().map(Instant::toString));
        json.writeNumberField("up", comment.up());
        json.writeNumberField("down", comment.down());
        json.writeBooleanField("featured", comment.featured());
        optional("note", trail.flatMap(ArchivedTrail::note));
        json.writeStringField("review", trail.map(ArchivedTrail::review).orElse("none"));
        json.writeFieldName("reasons");
        json.writeObject(trail.map(ArchivedTrail::reasons).orElse(java.util.List.of()));
        json.writeArrayFieldStart("votes");
        for (ReaderVote vote : trail.map(ArchivedTrail::votes).orElse(java.util.List.of())) {
            json.writeStartObject();
            json.writeStringField("voterId", vote.voter().value());
            json.writeNumberField("value", vote.value());
            json.writeStringField("votedAt", vote.at().toString());
            json.writeEndObject();
            met(vote.voter().value(), Optional.empty(), vote.at());
            votes++;
        }
        json.writeEndArray();
        json.writeEndObject();
        comment.author().ifPresent(a -> met(a.id().value(), a.name(), comment.createdAt()));
        comments++;
    }

    private void block(SiteBlock block) throws IOException {
        json.writeStartObject();
        json.writeStringField("blockerId", block.blocker().value());
        json.writeStringField("blockedId", block.blocked().value());
        optional("blockedName", block.name());
        json.writeStringField("createdAt", block.since().toString());
        json.writeEndObject();
        met(block.blocker().value(), Optional.empty(), block.since());
        met(block.blocked().value(), Optional.empty(), block.since());
        blocks++;
    }

    private void sanction(Sanction sanction) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", sanction.id());
        json.writeStringField("readerId", sanction.commenter().value());
        json.writeStringField("kind", sanction.kind().apiName());
        optional("section", sanction.section());
        json.writeStringField("message", sanction.message());
        json.writeStringField("startsAt", sanction.startsAt().toString());
        optional("endsAt", sanction.endsAt().map(Instant::toString));
        json.writeStringField("createdBy", sanction.createdBy());
        optional("liftedAt", sanction.liftedAt().map(Instant::toString));
        json.writeEndObject();
        met(sanction.commenter().value(), Optional.empty(), sanction.startsAt());
        sanctions++;
    }

    private void audit(AuditEntry entry) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", entry.id());
        json.writeStringField("at", entry.at().toString());
        json.writeStringField("actorName", entry.actorName());
        json.writeStringField("action", entry.action());
        json.writeStringField("targetKind", entry.targetKind());
        json.writeStringField("targetId", entry.targetId());
        optional("subjectId", entry.subject());
        optional("reason", entry.reason());
        // An entry an earlier import brought says so, through every later export and import.
        json.writeBooleanField("imported", entry.actorId().equals("imported"));
        json.writeEndObject();
        audit++;
    }

    /** A reader: their kind, the name an account holds (else the latest a comment of theirs showed), and since when. */
    private void reader(Identity identity, ReaderId id, Optional<String> shown) throws IOException {
        Optional<Account> account = id.isAccount() ? identity.account(id) : Optional.empty();
        json.writeStartObject();
        json.writeStringField("id", id.value());
        json.writeStringField("kind", id.isAccount() ? "account" : id.isGuest() ? "guest" : "departed");
        optional("name", account.map(Account::displayName).or(() -> shown));
        optional("createdAt", id.departed() ? Optional.empty() : identity.since(id).map(Instant::toString));
        json.writeEndObject();
    }

    /** Notes that the reader {@code id} appears in the export, showing {@code name} at {@code at} if any. */
    private void met(String id, Optional<String> name, Instant at) {
        readers.merge(id, new Named(name, at), (had, now) -> now.name().isPresent() && (had.name().isEmpty()
                || now.at().isAfter(had.at())) ? now : had);
    }

    private void optional(String field, Optional<String> value) throws IOException {
        if (value.isPresent()) {
            json.writeStringField(field, value.get());
        } else {
            json.writeNullField(field);
        }
    }
}
