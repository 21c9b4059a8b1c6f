package org.parley.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads typed fields out of a JSON object body and collects every mistake, so a client learns about all
 * of them in one response. Call {@link #done()} after reading: it throws if anything was wrong.
 */
public final class JsonFields {

    private final ObjectNode body;
    /** Shared with the fields of nested objects, so one {@link #done()} reports every mistake. */
    private final List<FieldError> errors;
    /** How this object's fields are named in errors: empty at the top, {@code images[1].} inside an array. */
    private final String prefix;

    public JsonFields(ObjectNode body, Set<String> known) {
        this(body, known, "", new ArrayList<>());
    }

    private JsonFields(ObjectNode body, Set<String> known, String prefix, List<FieldError> errors) {
        this.body = body;
        this.prefix = prefix;
        this.errors = errors;
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                reject(name, "unknown field; expected one of " + String.join(", ", known));
            }
        }
    }

    /**
     * The objects of an array field that may be absent or null (then none), at most {@code maxItems} of
     * them, each read like a body with its own known fields; their mistakes are named like
     * {@code images[1].alt} and reported by this object's {@link #done()}.
     */
    public List<JsonFields> optionalObjects(String name, Set<String> known, int maxItems) {
        JsonNode node = body.get(name);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            reject(name, "must be an array of objects, not " + describe(node));
            return List.of();
        }
        if (node.size() > maxItems) {
            reject(name, "must have at most " + maxItems + " items (it has " + node.size() + ")");
            return List.of();
        }
        List<JsonFields> items = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (item instanceof ObjectNode object) {
                items.add(new JsonFields(object, known, prefix + name + "[" + i + "].", errors));
            } else {
                reject(name + "[" + i + "]", "must be an object, not " + describe(item));
            }
        }
        return items;
    }

    /**
     * An object field that must be present, read like a body with its own known fields; its mistakes are named like
     * {@code response.signature} and reported by this object's {@link #done()}.
     */
    public JsonFields requiredObject(String name, Set<String> known) {
        JsonNode node = body.get(name);
        if (node instanceof ObjectNode object) {
            return new JsonFields(object, known, prefix + name + ".", errors);
        }
        reject(name, node == null || node.isNull() ? "is required" : "must be an object, not " + describe(node));
        return new JsonFields(JsonNodeFactory.instance.objectNode(), known, prefix + name + ".", errors);
    }

    /** A string field that must be present and not null. */
    public String requiredString(String name) {
        JsonNode node = body.get(name);
        if (node == null || node.isNull()) {
            reject(name, "is required");
            return "";
        }
        return string(name, node);
    }

    /** A string field that may be absent or null. */
    public Optional<String> optionalString(String name) {
        JsonNode node = body.get(name);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        return Optional.of(string(name, node));
    }

    /** An integer field that must be present and one of the allowed values. */
    public int requiredInt(String name, int min, int max) {
        JsonNode node = body.get(name);
        if (node == null || node.isNull()) {
            reject(name, "is required");
            return min;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < min || node.intValue() > max) {
            reject(name, "must be an integer from " + min + " to " + max);
            return min;
        }
        return node.intValue();
    }

    /** A boolean field that may be absent or null. */
    public Optional<Boolean> optionalBoolean(String name) {
        JsonNode node = body.get(name);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isBoolean()) {
            reject(name, "must be true or false, not " + describe(node));
            return Optional.empty();
        }
        return Optional.of(node.booleanValue());
    }

    /** Records a rule violation found by the caller while reading, e.g. an unparseable date. */
    public void reject(String name, String message) {
        errors.add(new FieldError(prefix + name, message));
    }

    /** True when a mistake in field {@code name} was already recorded. */
    public boolean hasError(String name) {
        return errors.stream().anyMatch(error -> error.field().equals(prefix + name));
    }

    /** Throws {@link ParleyException.InvalidInput} listing every field error seen so far. */
    public void done() {
        if (!errors.isEmpty()) {
            String detail = errors.size() == 1
                    ? "Field '" + errors.getFirst().field() + "' " + errors.getFirst().message() + "."
                    : errors.size() + " fields are invalid; see errors.";
            throw new ParleyException.InvalidInput(RequestProblem.INVALID_FIELD, detail, errors);
        }
    }

    private String string(String name, JsonNode node) {
        if (!node.isTextual()) {
            reject(name, "must be a string, not " + describe(node));
            return "";
        }
        return node.textValue();
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            default -> "null";
        };
    }
}
