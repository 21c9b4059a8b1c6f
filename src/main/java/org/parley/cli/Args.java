package org.parley.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Command-line arguments: a command path ({@code site list}) and {@code --flag value} (or
 * {@code --flag=value}) pairs, plus {@code --help} or {@code -h} anywhere. Repeatable flags keep every
 * value; a switch that takes no value ({@link Flag#toggle}) is given or not. Which flags a command takes, and their ranges, come from its {@link Command}.
 *
 * @param valueless flags given last with no value after them, reported once the command is known (an
 *                  unknown flag is reported as unknown, not as missing its value)
 * @param help      true when {@code --help} or {@code -h} was given: the caller prints usage and runs nothing
 */
record Args(List<String> words, Map<String, List<String>> flags, Set<String> valueless, boolean help) {

    static Args parse(String[] argv) {
        java.util.Set<String> toggles = Commands.toggles();
        boolean help = List.of(argv).stream().anyMatch(Args::isHelp);
        List<String> words = new ArrayList<>();
        Map<String, List<String>> flags = new HashMap<>();
        Set<String> valueless = new TreeSet<>();
        for (int i = 0; i < argv.length; i++) {
            String arg = argv[i];
            if (isHelp(arg)) {
                continue;
            }
            if (arg.startsWith("--") && arg.length() > 2) {
                String name = arg.substring(2);
                String value;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                } else if (toggles.contains(name)) {
                    value = "yes";
                } else if (i + 1 < argv.length && !argv[i + 1].startsWith("--") && !isHelp(argv[i + 1])) {
                    value = argv[++i];
                } else {
                    valueless.add(name);
                    continue;
                }
                flags.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            } else if (arg.startsWith("-") && arg.length() > 1 && !help) {
                throw new UsageException("unknown flag " + arg + "; flags are written --name (only -h is short)");
            } else {
                words.add(arg);
            }
        }
        return new Args(List.copyOf(words), Map.copyOf(flags), Set.copyOf(valueless), help);
    }

    private static boolean isHelp(String arg) {
        return arg.equals("--help") || arg.equals("-h");
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

    /** The word after the command's name and flags ({@code FILE}), for a command that takes one. */
    Optional<String> operand(Command command) {
        int commandWords = command.name().split(" ").length;
        return words.size() > commandWords ? Optional.of(words.get(commandWords)) : Optional.empty();
    }

    /** True when the switch {@code name} ({@code --dry-run}) was given. */
    boolean toggled(String name) {
        return flags.containsKey(name);
    }

    /** A numeric flag's value within its range, or {@code fallback} when it was not given. */
    long number(Flag flag, long fallback) {
        Optional<String> raw = flag(flag.name());
        if (raw.isEmpty()) {
            return fallback;
        }
        Flag.Range range = flag.range().orElseThrow(() -> new IllegalStateException("--" + flag.name() + " is not a number flag"));
        String problem = "--" + flag.name() + " must be a whole number from " + range.min() + " to " + range.max() + ", was '" + raw.get() + "'";
        long value;
        try {
            value = Long.parseLong(raw.get().strip());
        } catch (NumberFormatException e) {
            throw new UsageException(problem);
        }
        if (value < range.min() || value > range.max()) {
            throw new UsageException(problem);
        }
        return value;
    }

    /** Fails when a flag {@code command} does not take was given, or one it requires was not. */
    void check(Command command) {
        Set<String> allowed = command.flagNames();
        Set<String> given = new TreeSet<>(flags.keySet());
        given.addAll(valueless);
        for (String name : given) {
            if (!allowed.contains(name)) {
                throw new UsageException("unknown flag --" + name + "; 'parley " + command.name() + "' takes "
                        + (allowed.isEmpty() ? "no flags" : "--" + String.join(", --", allowed)));
            }
        }
        if (!valueless.isEmpty()) {
            String name = valueless.iterator().next();
            throw new UsageException("flag --" + name + " needs a value (to give one starting with --, write --" + name + "=VALUE)");
        }
        int commandWords = command.name().split(" ").length;
        if (command.operand().isPresent() && words.size() <= commandWords) {
            throw new UsageException("missing " + command.operand().get() + " after the flags of 'parley " + command.name() + "'");
        }
        List<String> missing = command.allFlags().stream().filter(Flag::required).map(Flag::name)
                .filter(name -> !flags.containsKey(name)).map(name -> "--" + name).toList();
        if (!missing.isEmpty()) {
            throw new UsageException("missing " + String.join(", ", missing));
        }
        command.allFlags().stream().filter(flag -> flag.range().isPresent()).forEach(flag -> number(flag, 0));
    }

    /**
     * A well-formed command line asking for what cannot be done as asked (a backup onto a file that exists):
     * printed as one line, without usage, exit status 2.
     */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    /** A mistake in how Parley was invoked: printed with the command's usage, exit status 2. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
