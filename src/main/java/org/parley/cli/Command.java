package org.parley.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One {@code parley} command: its words ({@code site save}), what it does, its flags, and what it does with
 * the configured database, and the operand that follows its flags, if it takes one ({@code FILE}). {@link Commands} lists them all; usage text, {@code --help}, the flag check and the
 * README's command table are all checked against these records.
 */
record Command(String name, String summary, DatabaseUse database, List<Flag> flags, java.util.Optional<String> operand) {

    /** A command that takes flags only, no operand after them. */
    Command(String name, String summary, DatabaseUse database, List<Flag> flags) {
        this(name, summary, database, flags, java.util.Optional.empty());
    }

    /** What a command does with the database that {@code --data}, {@code --config} and the environment name. */
    enum DatabaseUse {
        /** Opens none (the model commands, help). */
        NONE,
        /** Runs the server on it, creating it the first time. */
        SERVE,
        /** Adds something to it, and may create it: a newsroom's first site or admin comes before the first serve. */
        CREATE_IF_MISSING,
        /** Reads or changes what is in it, so a missing database is a mistake (usually a missing --data), never created. */
        EXISTING_ONLY
    }

    static final Flag DATA = Flag.optional("data", "DIR",
            "The server's data directory, holding parley.db (env PARLEY_DATA, default ./data)");
    static final Flag CONFIG = Flag.optional("config", "FILE",
            "Configuration file (env PARLEY_CONFIG, default ./parley.properties if present)");
    private static final int WIDTH = 100;

    /** The command's own flags, then {@code --data} and {@code --config} for commands that open the database. */
    List<Flag> allFlags() {
        List<Flag> all = new ArrayList<>(flags);
        if (database != DatabaseUse.NONE) {
            all.add(DATA);
            all.add(CONFIG);
        }
        return all;
    }

    /** One of this command's flags, by name. */
    Flag flag(String name) {
        return allFlags().stream().filter(flag -> flag.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("'parley " + this.name + "' has no flag --" + name));
    }

    Set<String> flagNames() {
        return allFlags().stream().map(Flag::name).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** The command line in full, e.g. {@code site rotate-secret --id ID [--data DIR] [--config FILE]}. */
    String synopsis() {
        return String.join(" ", synopsisParts());
    }

    /** The synopsis and summary as the full usage lists each command. */
    String entry() {
        return "  " + wrap(synopsisParts(), "        ") + "\n      " + wrap(summary, "      ") + "\n";
    }

    private List<String> synopsisParts() {
        List<String> parts = new ArrayList<>(List.of(name));
        allFlags().forEach(flag -> parts.add(flag.synopsis()));
        operand.ifPresent(parts::add);
        return parts;
    }

    /** {@code parley <command> --help}. */
    String usage() {
        StringBuilder out = new StringBuilder("Usage: parley ").append(wrap(synopsisParts(), "         ")).append("\n\n")
                .append(wrap(summary, "")).append("\n");
        String database = switch (this.database) {
            case NONE -> "";
            case SERVE -> "It opens the database named by --data (or PARLEY_DATA, or PARLEY_DB_URL), creating it the first time.";
            case CREATE_IF_MISSING -> "It opens the server's database, named by --data (or PARLEY_DATA, or PARLEY_DB_URL); if there "
                    + "is none yet it creates one and says so.";
            case EXISTING_ONLY -> "It opens the server's database, named by --data (or PARLEY_DATA, or PARLEY_DB_URL), and stops "
                    + "without creating anything if there is none.";
        };
        if (!database.isEmpty()) {
            out.append("\n").append(wrap(database, "")).append("\n");
        }
        out.append("\nFlags:\n");
        allFlags().forEach(flag -> out.append(flag.helpLine()).append("\n"));
        return out.append(Flag.line("--help, -h", "Show this text")).append("\n").toString();
    }

    static String wrap(String text, String indent) {
        return wrap(List.of(text.split(" ")), indent);
    }

    /** Joins {@code words} with spaces, breaking lines before {@link #WIDTH} and indenting the continuations. */
    static String wrap(List<String> words, String indent) {
        StringBuilder out = new StringBuilder();
        int lineStart = 0;
        for (String word : words) {
            if (out.length() > lineStart && out.length() - lineStart + word.length() + 1 > WIDTH - indent.length()) {
                out.append("\n").append(indent);
                lineStart = out.length();
            } else if (out.length() > lineStart) {
                out.append(' ');
            }
            out.append(word);
        }
        return out.toString();
    }
}
