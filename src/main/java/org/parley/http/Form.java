package org.parley.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fields of an {@code application/x-www-form-urlencoded} body, decoded, in the order sent. A name
 * sent more than once keeps every value; {@link #optional} and {@link #required} refuse such repeats, so
 * a form field that should be single cannot be smuggled in twice with the second value winning.
 */
public record Form(Map<String, List<String>> fields) {

    public Form {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        fields.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        fields = java.util.Collections.unmodifiableMap(copy);
    }

    /** Every value sent under {@code name}, in order; empty when it was not sent. */
    public List<String> all(String name) {
        return fields.getOrDefault(name, List.of());
    }

    /** The single value of {@code name}, if sent; a 400 {@code invalid-field} problem when sent twice. */
    public Optional<String> optional(String name) {
        List<String> values = all(name);
        if (values.size() > 1) {
            throw new ParleyException.InvalidInput(RequestProblem.INVALID_FIELD,
                    "Form field '" + name + "' must be sent once, not " + values.size() + " times.",
                    List.of(new FieldError(name, "sent more than once")));
        }
        return values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    /** The single, non-empty value of {@code name}; a 400 {@code invalid-field} problem otherwise. */
    public String required(String name) {
        return optional(name).filter(value -> !value.isEmpty()).orElseThrow(() -> new ParleyException.InvalidInput(
                RequestProblem.INVALID_FIELD, "Form field '" + name + "' is required.",
                List.of(new FieldError(name, "is required"))));
    }
}
