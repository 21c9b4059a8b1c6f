package org.parley.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One flag of a command, as usage shows it and as the parser takes it: whether it must be given, whether
 * it may repeat, and for a number the range it accepts. The usage text, the flag check and the README
 * check all read these records, so what is listed and what is accepted cannot drift apart.
 *
 * @param value what usage shows for the value ({@code N}, {@code DIR}, {@code URL}…)
 * @param help  one line for {@code --help}, with the default when there is one
 */
record Flag(String name, String value, String help, boolean required, boolean repeatable, Optional<Range> range, boolean toggle) {

    private static final int HELP_COLUMN = 30;

    /** The whole numbers a numeric flag accepts, both ends included. */
    record Range(long min, long max) {
    }

    static Flag optional(String name, String value, String help) {
        return new Flag(name, value, help, false, false, Optional.empty(), false);
    }

    static Flag required(String name, String value, String help) {
        return new Flag(name, value, help, true, false, Optional.empty(), false);
    }

    /** An optional whole number within {@code min..max}; the range is added to the help line. */
    static Flag number(String name, long min, long max, String help) {
        return new Flag(name, "N", help, false, false, Optional.of(new Range(min, max)), false);
    }

    Flag mayRepeat() {
        return new Flag(name, value, help, required, true, range, toggle);
    }

    /** An optional switch that takes no value ({@code --dry-run}): given or not. */
    static Flag toggle(String name, String help) {
        return new Flag(name, "", help, false, false, Optional.empty(), true);
    }

    /** How a command's synopsis shows the flag: {@code --id ID}, {@code [--port N]}, {@code --origin URL [--origin URL …]}. */
    String synopsis() {
        String one = toggle ? "--" + name : "--" + name + " " + value;
        if (required) {
            return repeatable ? one + " [" + one + " …]" : one;
        }
        return "[" + one + (repeatable ? " …" : "") + "]";
    }

    /** The flag's line in a command's {@code --help}: the flag, its help, and what it must be. */
    String helpLine() {
        String left = toggle ? "--" + name : "--" + name + " " + value;
        List<String> notes = new ArrayList<>();
        if (required) {
            notes.add("required");
        }
        if (repeatable) {
            notes.add("may be repeated");
        }
        range.ifPresent(r -> notes.add(r.min() + " to " + r.max()));
        return line(left, help + (notes.isEmpty() ? "" : " (" + String.join(", ", notes) + ")"));
    }

    /** A line of a flag list: the flag in a column of its own, the text wrapped beside it. */
    static String line(String flag, String text) {
        String column = "  " + flag + " ".repeat(Math.max(2, HELP_COLUMN - 2 - flag.length()));
        return column + Command.wrap(text, " ".repeat(column.length()));
    }
}
