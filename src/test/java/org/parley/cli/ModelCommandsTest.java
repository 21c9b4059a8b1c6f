package org.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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
        MainTest.Run run = MainTest.run(Map.of(), stdin, argv);
        assertThat(run.status()).as(run.err()).isZero();
        return run.out();
    }

    private String refused(int status, String... argv) {
        MainTest.Run run = MainTest.run(Map.of(), "", argv);
        assertThat(run.status()).as(run.err()).isEqualTo(status);
        return run.err();
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

        assertThat(refused(1, "model", "check", "--thread", page.toString(), "--flagged", "1"))
                .contains("1 should be flagged", "3 should not be flagged");
    }

    @Test
    void threadCaptureSplitsNamesAndLostNames() {
        ThreadCapture thread = ThreadCapture.parse(CAPTURE);
        assertThat(thread.comments()).extracting(ThreadCapture.Comment::name).containsExactly("Mara Quill", "Otto P", "", "Mara Quill");
        assertThat(thread.comments().get(3).body()).isEqualTo("Let's keep it civil.\n\nHere is the new table:\ncomment image");
    }

    @Test
    void mistakesSayWhatIsWrong() {
        assertThat(refused(2, "model", "train", "--out", "x.bin")).contains("missing --data");
        assertThat(refused(2, "model", "score", "--colour", "red")).contains("unknown flag --colour");
        assertThat(refused(2, "model", "check", "--thread", "x", "--flagged", "four")).contains("--flagged takes comment numbers");
        assertThat(refused(2, "model", "frobnicate")).contains("unknown command 'model frobnicate'");
        assertThat(refused(2, "model", "train", "--data", "d", "--out", "x.bin", "--seed", "-3")).contains("--seed must be a whole number from 0");
    }
}
