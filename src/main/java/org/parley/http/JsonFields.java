package org.parley.http;

import com.fasterxml.jackson.databind.JsonNode;
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
    private final List<FieldError> errors = new ArrayList<>();

    public JsonFields(ObjectNode body, Set<String> known) {
        this.body = body;
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                errors.add(new FieldError(name, "unknown field; expected one of " + String.join(", ", known)));
            }
        }
    }

    /** A string field that must be present and not null. */
    public String requiredString(String name) {
        JsonNode node = body.get(name);
        if (node == null || node.isNull()) {
            errors.add(new FieldError(name, "is required"));
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
            errors.add(new FieldError(name, "is required"));
            return min;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < min || node.intValue() > max) {
            errors.add(new FieldError(name, "must be an integer from " + min + " to " + max));
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
            errors.add(new FieldError(name, "must be true or false, not " + describe(node)));
            return Optional.empty();
        }
        return Optional.of(node.booleanValue());
    }

    /** Records a rule violation found by the caller while reading, e.g. an unparseable date. */
    public void reject(String name, String message) {
        errors.add(new FieldError(name, message));
    }

    /** True when a mistake in field {@code name} was already recorded. */
    public boolean hasError(String name) {
        return errors.stream().anyMatch(error -> error.field().equals(name));
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
            errors.add(new FieldError(name, "must be a string, not " + describe(node)));
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
