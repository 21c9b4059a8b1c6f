package org.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code parley model …}, run as Main will run it once wired in. */
class ModelCommandsTest {

    /** A captured page in the reference thread's layout, written for this test. */
    private static final String CAPTURE = """
            Ferry timetable changes from Monday

            by: harbour-desk.example

            The ferry company said on Friday that the early crossing will leave twenty minutes later.

            Commuters have asked for a later last crossing for years.

            Mara Quill

            Good news for the night shift at the hospital.

            Otto P

            Twenty minutes later means I miss my train. Did anyone at the company check?


            shut up, you clueless moron, nobody asked you

            Mara Quill

            Let's keep it civil.

            Here is the new table:
            comment image
            """;

    @TempDir
    Path dir;

    private String run(String stdin, String... argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelCommands.run(Args.parse(argv, Set.of()), new PrintStream(out, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void scorePrintsOneProbabilityPerInputLineInOrder() {
        String printed = run("thanks for the article\nyou pathetic idiot\n\nsee you at the meeting\n", "model", "score");
        String[] lines = printed.split("\n");
        assertThat(lines).hasSize(4).allMatch(line -> line.matches("[01]\\.\\d{4}"));
        assertThat(Double.parseDouble(lines[1])).isGreaterThan(Double.parseDouble(lines[0]));
        assertThat(Double.parseDouble(lines[1])).isGreaterThan(Double.parseDouble(lines[3]));
    }

    @Test
    void checkReadsTheCapturedCommentsAndHoldsThemToTheExpectations() throws Exception {
        Path page = dir.resolve("page.txt");
        Files.writeString(page, CAPTURE);
        String printed = run("", "model", "check", "--thread", page.toString(), "--flagged", "3");
        assertThat(printed).contains("Ferry timetable changes from Monday", "Mara Quill", "Otto P", "(no name)")
                .contains("check passed");
        assertThat(printed.lines().filter(line -> line.matches(" ?\\d+ .*"))).hasSize(4);

        assertThatThrownBy(() -> run("", "model", "check", "--thread", page.toString(), "--flagged", "1"))
                .hasMessageContaining("1 should be flagged").hasMessageContaining("3 should not be flagged");
    }

    @Test
    void threadCaptureSplitsNamesAndLostNames() {
        ThreadCapture thread = ThreadCapture.parse(CAPTURE);
        assertThat(thread.comments()).extracting(ThreadCapture.Comment::name).containsExactly("Mara Quill", "Otto P", "", "Mara Quill");
        assertThat(thread.comments().get(3).body()).isEqualTo("Let's keep it civil.\n\nHere is the new table:\ncomment image");
    }

    @Test
    void mistakesSayWhatIsWrong() {
        assertThatThrownBy(() -> run("", "model", "train", "--out", "x.bin")).hasMessageContaining("missing --data");
        assertThatThrownBy(() -> run("", "model", "score", "--colour", "red")).hasMessageContaining("unknown flag --colour");
        assertThatThrownBy(() -> run("", "model", "check", "--thread", "x", "--flagged", "four"))
                .hasMessageContaining("--flagged takes comment numbers");
        assertThatThrownBy(() -> run("", "model", "frobnicate")).hasMessageContaining("unknown command 'model frobnicate'");
    }
}
