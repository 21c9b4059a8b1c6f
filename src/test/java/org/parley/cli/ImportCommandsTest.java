package org.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.store.StoreConfig;
import org.parley.testing.TestDatabases;

/** {@code parley import disqus|wordpress}: what it prints, what it refuses, and that it works on both databases. */
class ImportCommandsTest {

    @TempDir
    Path dir;

    static String export(String name) {
        try {
            return Path.of(ImportCommandsTest.class.getResource("/imports/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    MainTest.Run run(Map<String, String> env, String... argv) {
        return MainTest.run(env, "", argv);
    }

    Map<String, String> sqlite() {
        return Map.of("PARLEY_DATA", dir.toString());
    }

    Map<String, String> withSite(Map<String, String> env) {
        MainTest.Run saved = run(env, "site", "save", "--id", "courier", "--name", "The Courier", "--origin", "https://courier.example");
        assertThat(saved.status()).as(saved.err()).isZero();
        return env;
    }

    @Test
    void importsADisqusExportAndPrintsWhatItBroughtIn() {
        Map<String, String> env = withSite(sqlite());

        MainTest.Run run = run(env, "import", "disqus", "--site", "courier", "--page-key", "id", export("disqus.xml"));

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("imported 11 comments on 2 pages: 2 deleted, 8 published, 1 rejected",
                "skipped 1 comments: 1 unknown-page", "warnings: 3", "2999");
        assertThat(run.err()).contains("opened", "2/2 pages, 11/11 comments",
                "8 imported comments wait to be screened; a running 'parley serve' screens them in the background");
    }

    @Test
    void importingTheSameFileAgainAddsNothing() {
        Map<String, String> env = withSite(sqlite());
        run(env, "import", "wordpress", "--site", "courier", export("wordpress.xml"));

        MainTest.Run again = run(env, "import", "wordpress", "--site", "courier", export("wordpress.xml"));

        assertThat(again.status()).as(again.err()).isZero();
        assertThat(again.out()).contains("imported 0 comments on 0 pages", "7 already-imported", "1 pingback", "1 trackback");
    }

    @Test
    void aDryRunPrintsTheMappingWritesNothingAndJsonIsForScripts() throws Exception {
        Map<String, String> env = withSite(sqlite());

        MainTest.Run dry = run(env, "import", "wordpress", "--site", "courier", "--dry-run", export("wordpress.xml"));
        assertThat(dry.out()).contains("dry run: nothing was written",
                "/2018/03/bridge-closed/  <-  https://courier.example/2018/03/bridge-closed/  (6 comments, \"Bridge closed for repairs\")",
                "would import 7 comments on 2 pages");

        MainTest.Run json = run(env, "import", "wordpress", "--site", "courier", "--json", export("wordpress.xml"));
        JsonNode summary = new ObjectMapper().readTree(json.out());
        assertThat(summary.get("imported").get("published").asInt()).isEqualTo(4);
        assertThat(summary.get("imported").get("pending").asInt()).isEqualTo(1);
        assertThat(summary.get("skipped").get("pingback").asInt()).isEqualTo(1);
        assertThat(summary.get("dryRun").asBoolean()).isFalse();
    }

    @Test
    void aFileWithExternalEntitiesFailsWithOneClearLineAndNoStackTrace() {
        Map<String, String> env = withSite(sqlite());

        MainTest.Run run = run(env, "import", "disqus", "--site", "courier", export("xxe.xml"));

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("xxe.xml", "DOCTYPE").doesNotContain("Exception", "\tat ", "root:");
        assertThat(run(env, "import", "disqus", "--site", "courier", export("malformed.xml")).err())
                .contains("malformed.xml", "line 6", "not well-formed XML").doesNotContain("Exception");
    }

    @Test
    void mistakesInTheCommandLineAreReportedBeforeAnythingIsOpened() {
        Map<String, String> env = sqlite();

        assertThat(run(env, "import", "disqus", "--site", "courier", dir.resolve("nope.xml").toString()).err()).contains("does not exist");
        assertThat(run(env, "import", "disqus", "--site", "courier", "--page-key", "slug", export("disqus.xml")).err())
                .contains("--page-key must be url, path or id");
        assertThat(run(env, "import", "remark42", "--site", "courier", "--page-key", "id", export("remark42.json")).err())
                .contains("a Remark42 backup names pages only by their URL");
        MainTest.Run noFile = run(env, "import", "disqus", "--site", "courier");
        assertThat(noFile.status()).isEqualTo(2);
        assertThat(noFile.err()).contains("missing FILE");
        assertThat(dir.resolve("parley.db")).doesNotExist();
        assertThat(run(withSite(env), "import", "disqus", "--site", "elsewhere", export("disqus.xml")).err()).contains("elsewhere");
    }

    @Test
    void aSiteExportedAsJsonImportsIntoAnotherDatabaseAsItWas() throws Exception {
        Map<String, String> env = withSite(sqlite());
        run(env, "import", "disqus", "--site", "courier", "--page-key", "id", export("disqus.xml"));

        MainTest.Run exported = run(env, "export", "--site", "courier");
        assertThat(exported.status()).as(exported.err()).isZero();
        assertThat(exported.err()).contains("exported 11 comments on 2 pages of site courier");
        JsonNode json = new ObjectMapper().readTree(exported.out());
        assertThat(json.get("format").asText()).isEqualTo("parley-export");
        assertThat(exported.out()).doesNotContain("@example.org");
        java.nio.file.Path file = dir.resolve("courier.json");
        java.nio.file.Files.writeString(file, exported.out());

        Map<String, String> elsewhere = withSite(Map.of("PARLEY_DATA", dir.resolve("elsewhere").toString()));
        MainTest.Run imported = run(elsewhere, "import", "parley", "--site", "courier", file.toString());
        assertThat(imported.out()).as(imported.err()).contains("imported 11 comments on 2 pages: 2 deleted, 8 published, 1 rejected");
        // Ids are each database's own, and so is the readers section: there the authors are guests the import made, listed
        // by their new ids and created at the import's time.
        String ownIds = "\"(id|parentId|authorId|exportedAt)\":\"[^\"]*\"|(?s)\"readers\":\\[.*\\]";
        assertThat(run(elsewhere, "export", "--site", "courier").out().replaceAll(ownIds, ""))
                .isEqualTo(exported.out().replaceAll(ownIds, ""));
    }

    @Test
    void onATerminalProgressIsABarWithPagesCommentsRateAndTimeLeft() {
        org.parley.imports.ImportProgress third = new org.parley.imports.ImportProgress(310, 1_000, 31_000, 100_000,
                java.time.Duration.ofSeconds(10));

        assertThat(ImportCommands.bar(third)).isEqualTo("[#########---------------------]  31%  310/1,000 pages, 31,000/100,000"
                + " comments, 3,100 comments/s, about 22 s left");
        assertThat(ImportCommands.line(new org.parley.imports.ImportProgress(2, 2, 9, 9, java.time.Duration.ofSeconds(1))))
                .isEqualTo("2/2 pages, 9/9 comments, 9 comments/s");
    }

    @Test
    void helpShowsTheFlagsAndTheFileOperand() {
        MainTest.Run help = run(sqlite(), "import", "wordpress", "--help");

        assertThat(help.out()).contains("Usage: parley import wordpress --site ID [--page-key url|path|id] [--dry-run] [--json]",
                "FILE", "--dry-run ");
    }

    @Test
    void worksOnPostgresql() {
        StoreConfig pg = TestDatabases.postgres(dir);
        try {
            Map<String, String> env = new HashMap<>(Map.of("PARLEY_DB_URL", pg.url(), "PARLEY_DB_USER", pg.user()));
            withSite(env);

            MainTest.Run run = run(env, "import", "disqus", "--site", "courier", "--page-key", "id", export("disqus.xml"));
            MainTest.Run again = run(env, "import", "disqus", "--site", "courier", "--page-key", "id", export("disqus.xml"));

            assertThat(run.out()).as(run.err()).contains("imported 11 comments on 2 pages");
            assertThat(again.out()).contains("imported 0 comments", "11 already-imported");
        } finally {
            TestDatabases.dropPostgres(pg);
        }
    }
}
