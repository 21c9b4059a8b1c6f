package org.parley.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One template file, parsed once: literal text and {@code {{name}}} placeholders. Parsing refuses a
 * placeholder the template may not use, and a {@code {{} that does not open a well-formed placeholder, so a
 * typo fails Parley's start instead of leaving a blank in a sent email. Rendering never interprets a value:
 * in HTML every value is escaped, so a commenter's name cannot add markup. Immutable.
 */
final class Template {

    /** How values are written into the text. */
    enum Escaping { NONE, HTML }

    private sealed interface Part permits Literal, Placeholder {
    }

    private record Literal(String text) implements Part {
    }

    private record Placeholder(String name) implements Part {
    }

    private final List<Part> parts;

    private Template(List<Part> parts) {
        this.parts = List.copyOf(parts);
    }

    /**
     * Parses {@code source}, read from {@code origin} (named in errors), allowing the placeholders in
     * {@code allowed}.
     *
     * @throws IllegalArgumentException naming the origin, the line and what is wrong
     */
    static Template parse(String source, String origin, Set<String> allowed) {
        List<Part> parts = new ArrayList<>();
        int at = 0;
        while (at < source.length()) {
            int open = source.indexOf("{{", at);
            if (open < 0) {
                parts.add(new Literal(source.substring(at)));
                break;
            }
            if (open > at) {
                parts.add(new Literal(source.substring(at, open)));
            }
            int close = source.indexOf("}}", open + 2);
            String name = close < 0 ? "" : source.substring(open + 2, close).strip();
            if (close < 0 || !isName(name)) {
                throw new IllegalArgumentException(origin + ", line " + line(source, open)
                        + ": '{{' must open a placeholder such as {{siteName}}, closed by '}}'");
            }
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException(origin + ", line " + line(source, open) + ": unknown placeholder {{"
                        + name + "}}; this template may use " + new java.util.TreeSet<>(allowed));
            }
            parts.add(new Placeholder(name));
            at = close + 2;
        }
        return new Template(parts);
    }

    /** The text with each placeholder replaced by its value, escaped as asked; every placeholder must have one. */
    String render(Map<String, String> values, Escaping escaping) {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            switch (part) {
                case Literal literal -> out.append(literal.text());
                case Placeholder placeholder -> {
                    String value = values.get(placeholder.name());
                    if (value == null) {
                        throw new IllegalArgumentException("no value for {{" + placeholder.name() + "}}");
                    }
                    out.append(escaping == Escaping.HTML ? escapeHtml(value) : value);
                }
            }
        }
        return out.toString();
    }

    static String escapeHtml(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isName(String name) {
        if (name.isEmpty() || !Character.isLetter(name.charAt(0))) {
            return false;
        }
        return name.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'));
    }

    private static int line(String source, int index) {
        return (int) source.substring(0, index).chars().filter(c -> c == '\n').count() + 1;
    }
}
