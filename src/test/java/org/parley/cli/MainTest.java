package org.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands newsroom scripts rely on, run as the jar would run them. */
class MainTest {

    @TempDir
    Path dir;

    String run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new Main(new PrintStream(out, true, StandardCharsets.UTF_8), Map.of("PARLEY_DATA", dir.toString())).run(args);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void creatingASitePrintsItsSecretOnceAndListingShowsItsOrigins() {
        String created = run("site", "save", "--id", "courier", "--name", "The Courier", "--origin", "https://courier.example/");
        assertThat(created).contains("courier", "https://courier.example").containsPattern("secret: [A-Za-z0-9_-]{43}");

        String updated = run("site", "save", "--id", "courier", "--name", "The Courier", "--origin", "https://courier.example",
                "--origin", "https://www.courier.example", "--edit-window-minutes", "5");
        assertThat(updated).doesNotContain("secret:").contains("edit window: 5 min");

        assertThat(run("site", "list")).contains("courier", "https://www.courier.example");
        assertThat(run("site", "rotate-secret", "--id", "courier")).containsPattern("secret: [A-Za-z0-9_-]{43}");
    }

    @Test
    void mistakesInTheCommandLineSayWhatIsWrong() {
        assertThatThrownBy(() -> run("serv")).hasMessageContaining("unknown command 'serv'");
        assertThatThrownBy(() -> run("site", "save", "--id", "Bad Id", "--name", "x")).hasMessageContaining("--id");
        assertThatThrownBy(() -> run("site", "save", "--id", "ok", "--name", "x", "--colour", "red"))
                .hasMessageContaining("unknown flag --colour");
        assertThatThrownBy(() -> run("site", "save", "--id", "ok")).hasMessageContaining("missing --name");
        assertThatThrownBy(() -> run("site", "save", "--id", "ok", "--name", "x", "--origin", "ftp://x"))
                .hasMessageContaining("origin must look like");
        assertThatThrownBy(() -> run("serve", "--port")).hasMessageContaining("--port needs a value");
    }

    @Test
    void helpListsEveryCommand() {
        String help = run("help");
        for (String command : Main.commands()) {
            assertThat(help).contains(command);
        }
        assertThat(help).contains("--port", "--data", "--config");
    }
}
