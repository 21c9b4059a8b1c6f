package org.parley.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Optional;
import org.parley.comments.CommentStatus;
import org.parley.comments.Reason;
import org.parley.comments.ReviewItem;
import org.parley.http.Json;
import org.parley.moderation.AuditEntry;

/**
 * The JSON bodies webhooks carry: {@code {"type", "timestamp", "data"}}. Data names things by id and
 * describes them as a moderator would see them in a list; it never holds a reader's token, email or
 * network address, nor a comment's text.
 */
final class Payloads {

    private final ObjectMapper json = Json.mapper();

    ObjectNode object() {
        return json.createObjectNode();
    }

    /** A payload of {@code type} at {@code at}, with an empty {@code data} object to fill. */
    ObjectNode envelope(EventType type, Instant at) {
        ObjectNode root = json.createObjectNode().put("type", type.apiName()).put("timestamp", at.toString());
        root.putObject("data");
        return root;
    }

    /**
     * Site, comment, page and author of {@code item}, with the {@code status} the event gave it (the stored one
     * may have moved on since); the page's URL as the host site gave it.
     */
    ObjectNode comment(EventType type, Instant at, ReviewItem item, CommentStatus status,
                       Optional<String> reason) {
        ObjectNode root = envelope(type, at);
        ObjectNode data = (ObjectNode) root.get("data");
        data.put("site", item.site().value());
        ObjectNode comment = data.putObject("comment").put("id", item.id().value()).put("status", status.apiName())
                .put("createdAt", item.createdAt().toString());
        comment.put("parentId", item.parentId().map(id -> id.value()).orElse(null));
        ObjectNode page = data.putObject("page").put("key", item.page().value());
        page.put("title", item.pageTitle().orElse(null)).put("url", item.pageUrl().orElse(null)).put("section", item.section().orElse(null));
        data.putObject("author").put("id", item.author().value()).put("name", item.authorName().orElse(null));
        reason.ifPresent(text -> data.put("reason", text));
        item.reasons().stream().filter(r -> r.level() != Reason.Level.INFO).forEach(r -> data.withArray("signals")
                .addObject().put("signal", r.signal()).put("level", r.level().name().toLowerCase(java.util.Locale.ROOT))
                .put("summary", r.summary()));
        return root;
    }

    /** A sanction given or lifted, from its audit entry: the sanction's state is the entry's before/after JSON. */
    ObjectNode sanction(EventType type, AuditEntry entry, String kind, JsonNode state) {
        ObjectNode root = envelope(type, entry.at());
        ObjectNode data = (ObjectNode) root.get("data");
        data.put("site", entry.site().value());
        data.putObject("sanction").put("id", state.path("id").asText()).put("kind", kind)
                .put("section", text(state, "section")).put("until", text(state, "until")).put("lifted", text(state, "lifted"));
        data.putObject("commenter").put("id", entry.targetId());
        entry.reason().ifPresent(text -> data.put("reason", text));
        data.put("moderator", entry.actorName());
        return root;
    }

    /** Reads a before/after JSON state of the audit log; an empty object when there is none. */
    JsonNode state(Optional<String> text) {
        try {
            return text.isPresent() ? json.readTree(text.get()) : json.createObjectNode();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("an audit entry's state is not JSON", e);
        }
    }

    String text(ObjectNode payload) {
        return Json.text(json, payload);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }
}
