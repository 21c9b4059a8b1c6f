package org.parley.comments;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.parley.sites.Site;

/**
 * The wire format of threads, written with Jackson's streaming generator: the read path's hottest
 * serialization, so no intermediate trees. Field names here are the public API (see openapi.json).
 */
final class ThreadJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private ThreadJson() {
    }

    static byte[] threadPage(ThreadPage page) {
        return bytes(g -> {
            g.writeStartObject();
            site(g, page.site());
            g.writeFieldName("page");
            page(g, page.page());
            g.writeStringField("sort", page.sort().apiName());
            g.writeNumberField("version", page.page().version());
            nodes(g, "comments", page.comments());
            optional(g, "next", page.next());
            g.writeEndObject();
        });
    }

    static byte[] replyPage(ReplyPage page) {
        return bytes(g -> {
            g.writeStartObject();
            g.writeStringField("parentId", page.parentId().value());
            nodes(g, "comments", page.comments());
            optional(g, "next", page.next());
            g.writeEndObject();
        });
    }

    /** A single comment without replies; with its markdown source when given. */
    static byte[] comment(Comment comment, Optional<Markdown> source) {
        return bytes(g -> {
            g.writeStartObject();
            commentFields(g, comment);
            g.writeArrayFieldStart("replies");
            g.writeEndArray();
            optional(g, "moreReplies", comment.replyCount() > 0 ? Optional.of(Cursor.FIRST_REPLY.encode()) : Optional.empty());
            if (source.isPresent()) {
                g.writeStringField("markdown", source.get().source());
            }
            g.writeEndObject();
        });
    }

    static byte[] page(Page page) {
        return bytes(g -> page(g, page));
    }

    /**
     * A comment leaving public view: deleted by its author, removed ({@code rejected}) by a moderator, or
     * held ({@code pending}) for a moderator after its author edited it.
     */
    static byte[] removed(CommentId id, boolean placeholder, CommentStatus why) {
        return bytes(g -> {
            g.writeStartObject();
            g.writeStringField("id", id.value());
            g.writeBooleanField("placeholder", placeholder);
            g.writeStringField("status", why.apiName());
            g.writeEndObject();
        });
    }

    static byte[] votes(CommentId id, int up, int down, Optional<Integer> myVote) {
        return bytes(g -> {
            g.writeStartObject();
            g.writeStringField("id", id.value());
            g.writeNumberField("up", up);
            g.writeNumberField("down", down);
            if (myVote.isPresent()) {
                g.writeNumberField("myVote", myVote.get());
            }
            g.writeEndObject();
        });
    }

    static byte[] myVotes(Map<CommentId, Integer> votes) {
        return bytes(g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("votes");
            for (var vote : votes.entrySet()) {
                g.writeNumberField(vote.getKey().value(), vote.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    static byte[] block(org.parley.identity.Block block) {
        return bytes(g -> block(g, block));
    }

    static byte[] blocks(List<org.parley.identity.Block> blocks, String liveTicket) {
        return bytes(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("blocks");
            for (var block : blocks) {
                block(g, block);
            }
            g.writeEndArray();
            g.writeStringField("liveTicket", liveTicket);
            g.writeEndObject();
        });
    }

    private static void block(JsonGenerator g, org.parley.identity.Block block) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", block.blocked().value());
        optional(g, "name", block.name());
        g.writeStringField("since", block.since().toString());
        g.writeEndObject();
    }

    static byte[] counts(Map<PageKey, Integer> counts) {
        return bytes(g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("counts");
            for (var count : counts.entrySet()) {
                g.writeNumberField(count.getKey().value(), count.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    private static void site(JsonGenerator g, Site site) throws IOException {
        g.writeObjectFieldStart("site");
        g.writeStringField("id", site.id().value());
        g.writeStringField("name", site.name());
        g.writeNumberField("editWindowSeconds", site.editWindow().toSeconds());
        g.writeNumberField("maxCommentLength", site.maxCommentLength());
        g.writeNumberField("imagesPerComment", site.images().perComment());
        g.writeNumberField("maxImageBytes", site.images().maxBytes());
        g.writeEndObject();
    }

    private static void page(JsonGenerator g, Page page) throws IOException {
        g.writeStartObject();
        g.writeStringField("key", page.key().value());
        optional(g, "title", page.title());
        optional(g, "url", page.url());
        optional(g, "byline", page.byline());
        optional(g, "section", page.section());
        optional(g, "publishedAt", page.publishedAt().map(Instant::toString));
        g.writeBooleanField("open", page.open());
        g.writeNumberField("commentCount", page.commentCount());
        g.writeNumberField("version", page.version());
        g.writeEndObject();
    }

    private static void nodes(JsonGenerator g, String field, List<ThreadNode> nodes) throws IOException {
        g.writeArrayFieldStart(field);
        for (ThreadNode node : nodes) {
            g.writeStartObject();
            commentFields(g, node.comment());
            nodes(g, "replies", node.replies());
            optional(g, "moreReplies", node.moreReplies());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void commentFields(JsonGenerator g, Comment c) throws IOException {
        g.writeStringField("id", c.id().value());
        optional(g, "parentId", c.parentId().map(CommentId::value));
        g.writeNumberField("depth", c.depth());
        if (c.author().isPresent()) {
            g.writeObjectFieldStart("author");
            g.writeStringField("id", c.author().get().id().value());
            optional(g, "name", c.author().get().name());
            if (c.author().get().id().departed()) {
                g.writeBooleanField("deleted", true);
            }
            if (!c.author().get().badges().isEmpty()) {
                g.writeArrayFieldStart("badges");
                for (String badge : c.author().get().badges()) {
                    g.writeString(badge);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        } else {
            g.writeNullField("author");
        }
        g.writeStringField("status", c.status().apiName());
        g.writeStringField("html", c.html().html());
        g.writeStringField("createdAt", c.createdAt().toString());
        optional(g, "editedAt", c.editedAt().map(Instant::toString));
        g.writeNumberField("up", c.up());
        g.writeNumberField("down", c.down());
        g.writeNumberField("replyCount", c.replyCount());
        g.writeBooleanField("featured", c.featured());
        optional(g, "note", c.note());
        g.writeArrayFieldStart("images");
        for (CommentImage image : c.images()) {
            g.writeStartObject();
            g.writeStringField("id", image.id().value());
            g.writeStringField("url", image.url());
            g.writeNumberField("width", image.width());
            g.writeNumberField("height", image.height());
            g.writeStringField("thumbUrl", image.thumbUrl());
            g.writeNumberField("thumbWidth", image.thumbWidth());
            g.writeNumberField("thumbHeight", image.thumbHeight());
            g.writeStringField("alt", image.alt());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void optional(JsonGenerator g, String field, Optional<String> value) throws IOException {
        if (value.isPresent()) {
            g.writeStringField(field, value.get());
        } else {
            g.writeNullField(field);
        }
    }

    private static byte[] bytes(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory", e);
        }
        return out.toByteArray();
    }
}
