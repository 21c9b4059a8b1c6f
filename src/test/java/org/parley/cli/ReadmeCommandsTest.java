package org.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's commands are the commands Parley takes: its command table lists every command with exactly
 * the flags {@code --help} shows and the parser accepts, and every {@code parley} line in its examples parses.
 */
class ReadmeCommandsTest {

    static final Pattern TABLE_ROW = Pattern.compile("^\\| `([^`]+)` \\|");
    /** Commands of the ./parley launcher itself, not of the jar. */
    static final Set<String> LAUNCHER = Set.of("test", "build", "jdk");

    static List<String> readme() throws IOException {
        return Files.readAllLines(Path.of("README.md"));
    }

    @Test
    void theCommandTableListsEveryCommandWithExactlyItsFlags() throws IOException {
        List<String> lines = readme();
        int header = lines.indexOf("| command | what it does |");
        assertThat(header).as("the README's command table").isPositive();
        List<String> rows = new ArrayList<>();
        for (String line : lines.subList(header + 2, lines.size())) {
            if (!line.startsWith("|")) {
                break;
            }
            Matcher row = TABLE_ROW.matcher(line);
            assertThat(row.find()).as("a command in backquotes: %s", line).isTrue();
            rows.add(row.group(1).replace("\\|", "|"));
        }
        assertThat(rows).containsExactlyElementsOf(Commands.ALL.stream().map(Command::synopsis).toList());
    }

    @Test
    void everyParleyCommandInTheExamplesIsOneParleyTakes() throws IOException {
        List<List<String>> examples = new ArrayList<>();
        boolean code = false;
        for (String line : readme()) {
            if (line.startsWith("```")) {
                code = !code;
                continue;
            }
            Matcher call = Pattern.compile("(?:\\./parley|parley\\.jar)((?: [^#|]*)?)").matcher(line);
            if (code && call.find()) {
                List<String> argv = words(call.group(1).strip());
                if (!argv.isEmpty() && !LAUNCHER.contains(argv.getFirst())) {
                    examples.add(argv);
                }
            }
        }
        assertThat(examples.stream().map(argv -> argv.getFirst()).collect(Collectors.toSet()))
                .as("the README shows site, admin and model commands").contains("site", "admin", "model", "serve");
        for (List<String> argv : examples) {
            assertThatCode(() -> {
                Args args = Args.parse(argv.toArray(String[]::new));
                args.check(Commands.resolve(args.words()));
            }).as("parley %s", argv).doesNotThrowAnyException();
        }
    }

    /** Splits a shell line into words, keeping quoted strings whole. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        Matcher word = Pattern.compile("\"([^\"]*)\"|'([^']*)'|(\\S+)").matcher(line);
        while (word.find()) {
            words.add(word.group(1) != null ? word.group(1) : word.group(2) != null ? word.group(2) : word.group(3));
        }
        return words;
    }
}
