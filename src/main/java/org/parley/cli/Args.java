package org.parley.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Command-line arguments: a command path ({@code site list}) followed by {@code --flag value} pairs.
 * Repeatable flags keep every value. Unknown flags are refused, naming the ones the command takes.
 */
record Args(List<String> words, Map<String, List<String>> flags) {

    static Args parse(String[] argv, Set<String> booleanFlags) {
        List<String> words = new ArrayList<>();
        Map<String, List<String>> flags = new HashMap<>();
        for (int i = 0; i < argv.length; i++) {
            String arg = argv[i];
            if (arg.startsWith("--")) {
                String name = arg.substring(2);
                String value;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                } else if (booleanFlags.contains(name)) {
                    value = "true";
                } else if (i + 1 < argv.length) {
                    value = argv[++i];
                } else {
                    throw new UsageException("flag --" + name + " needs a value");
                }
                flags.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            } else {
                words.add(arg);
            }
        }
        return new Args(List.copyOf(words), Map.copyOf(flags));
    }

    Optional<String> flag(String name) {
        List<String> values = flags.getOrDefault(name, List.of());
        return values.isEmpty() ? Optional.empty() : Optional.of(values.getLast());
    }

    List<String> all(String name) {
        return flags.getOrDefault(name, List.of());
    }

    String required(String name) {
        return flag(name).orElseThrow(() -> new UsageException("missing --" + name));
    }

    int integer(String name, int fallback) {
        Optional<String> raw = flag(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(raw.get());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a whole number, was '" + raw.get() + "'");
        }
    }

    /** Fails when a flag outside {@code allowed} was given. */
    void allowOnly(Set<String> allowed) {
        for (String name : flags.keySet()) {
            if (!allowed.contains(name)) {
                throw new UsageException("unknown flag --" + name + "; this command takes "
                        + (allowed.isEmpty() ? "no flags" : "--" + String.join(", --", allowed.stream().sorted().toList())));
            }
        }
    }

    /** A mistake in how Parley was invoked; printed with the usage text, exit status 2. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
