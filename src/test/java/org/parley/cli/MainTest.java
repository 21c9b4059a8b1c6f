package org.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.sites.ImageRules;
import org.parley.sites.Site;
import org.parley.sites.SiteId;
import org.parley.sites.Sites;
import org.parley.store.Database;
import org.parley.testing.TestDatabases;

/** The commands newsroom scripts rely on, run as the jar runs them: exit status, standard output and standard error. */
class MainTest {

    @TempDir
    Path dir;

    /** What one command line did. */
    record Run(int status, String out, String err) {
    }

    static Run run(Map<String, String> env, String stdin, String... argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Terminal terminal = new Terminal(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), null);
        int status = new Main(terminal, env).run(argv);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    Run run(String... argv) {
        return run(Map.of("PARLEY_DATA", dir.toString()), "", argv);
    }

    Site saved(String id) {
        try (Database db = Database.open(TestDatabases.sqlite(dir))) {
            return Sites.create(db, Clock.systemUTC()).find(new SiteId(id)).orElseThrow();
        }
    }

    @Test
    void creatingASitePrintsItsSecretOnceAndListingShowsItsOrigins() {
        Run created = run("site", "save", "--id", "courier", "--name", "The Courier", "--origin", "https://courier.example/");
        assertThat(created.status()).as(created.err()).isZero();
        assertThat(created.out()).contains("courier", "https://courier.example").containsPattern("secret: [A-Za-z0-9_-]{43}");

        Run updated = run("site", "save", "--id", "courier", "--name", "The Courier", "--origin", "https://courier.example",
                "--origin", "https://www.courier.example", "--edit-window-minutes", "5");
        assertThat(updated.out()).doesNotContain("secret:").contains("edit window: 5 min");

        assertThat(run("site", "list").out()).contains("courier", "https://www.courier.example");
        assertThat(run("site", "rotate-secret", "--id", "courier").out()).containsPattern("secret: [A-Za-z0-9_-]{43}");
    }

    @Test
    void siteSaveTakesEachImageFlagAndKeepsWhatALaterSaveLeavesOut() {
        String[] site = {"site", "save", "--id", "courier", "--name", "The Courier", "--origin", "https://courier.example"};
        assertThat(run(with(site, "--images-per-comment", "0")).status()).isZero();
        assertThat(saved("courier").images()).isEqualTo(new ImageRules(0, ImageRules.DEFAULT_MAX_BYTES, ImageRules.DEFAULT_MAX_PIXELS));

        assertThat(run(with(site, "--max-image-mb", "12")).status()).isZero();
        assertThat(saved("courier").images()).isEqualTo(new ImageRules(0, 12L << 20, ImageRules.DEFAULT_MAX_PIXELS));

        Run megapixels = run(with(site, "--max-image-megapixels", "150"));
        assertThat(megapixels.status()).isZero();
        assertThat(saved("courier").images()).isEqualTo(new ImageRules(0, 12L << 20, 150_000_000L));
        assertThat(megapixels.out()).contains("images: 0 per comment, up to 12 MiB and 150 MP");
        assertThat(megapixels.err()).as("the server's own limits come first, and it says so")
                .contains("this server takes images up to 5 MiB and 40 MP");

        assertThat(run(with(site, "--images-per-comment", "20", "--max-image-mb", "1", "--max-image-megapixels", "1",
                "--max-comment-length", "100000", "--edit-window-minutes", "10080")).status()).isZero();
        Site highest = saved("courier");
        assertThat(highest.images()).isEqualTo(new ImageRules(20, 1L << 20, 1_000_000L));
        assertThat(highest.maxCommentLength()).isEqualTo(100_000);
        assertThat(highest.editWindow().toMinutes()).isEqualTo(10_080);
        assertThat(run(site).status()).isZero();
        assertThat(saved("courier")).as("a save without the setting flags keeps the settings").isEqualTo(highest);
    }

    @Test
    void outOfRangeSettingsNameTheFlagAndItsRangeAndChangeNothing() {
        String[] site = {"site", "save", "--id", "courier", "--name", "The Courier", "--origin", "https://courier.example"};
        assertThat(run(site).status()).isZero();
        Site before = saved("courier");
        Map<String, String> expected = Map.of(
                "--images-per-comment", "from 0 to 20", "--max-image-mb", "from 1 to 64", "--max-image-megapixels", "from 1 to 200",
                "--max-comment-length", "from 1 to 100000", "--edit-window-minutes", "from 0 to 10080");
        for (var flag : expected.entrySet()) {
            for (String bad : List.of("-1", "999999999999", "lots", "2.5")) {
                Run refused = run(with(site, flag.getKey(), bad));
                assertThat(refused.status()).as("%s %s", flag.getKey(), bad).isEqualTo(2);
                assertThat(refused.err()).contains("parley: " + flag.getKey() + " must be a whole number " + flag.getValue()
                        + ", was '" + bad + "'");
                assertThat(refused.out()).isEmpty();
            }
        }
        assertThat(saved("courier")).isEqualTo(before);
    }

    @Test
    void helpGoesToStandardOutputForEveryCommandAndGroupAndExitsZero() {
        List<List<String>> asks = new ArrayList<>(List.of(List.of(), List.of("help"), List.of("--help"), List.of("-h"),
                List.of("site", "--help"), List.of("admin", "--help"), List.of("model", "-h"), List.of("help", "site")));
        for (Command command : Commands.ALL) {
            List<String> words = List.of(command.name().split(" "));
            asks.add(with(words, "--help"));
            asks.add(with(words, "-h"));
            asks.add(with(List.of("help"), words.toArray(String[]::new)));
            if (!command.flags().isEmpty()) {
                asks.add(with(words, "--" + command.flags().getFirst().name(), "--help"));
            }
        }
        for (List<String> ask : asks) {
            Run help = run(ask.toArray(String[]::new));
            assertThat(help.status()).as("parley %s", ask).isZero();
            assertThat(help.err()).as("parley %s", ask).isEmpty();
            assertThat(help.out()).as("parley %s", ask).startsWith("Usage: parley").doesNotContain("needs a value");
        }
        String all = run("--help").out();
        Commands.ALL.forEach(command -> assertThat(all).contains("  " + command.name()));
        Run one = run("site", "save", "--help");
        for (Flag flag : Commands.find("site save").orElseThrow().allFlags()) {
            assertThat(one.out()).contains("--" + flag.name() + " " + flag.value());
        }
        assertThat(one.out()).contains("0 to 20", "1 to 64", "1 to 200").doesNotContain("model train");
        assertThat(run("admin", "--help").out()).contains("admin create-user", "admin list-users", "admin disable-user")
                .doesNotContain("site save");
        assertThat(run("model", "train", "-h").out()).contains("--hold-out NAME", "--seed N");
        assertThat(dir).as("help opens no database").isEmptyDirectory();
    }

    @Test
    void mistakesExitNonZeroWithAClearMessageOnStandardError() {
        Map<List<String>, String> mistakes = new java.util.LinkedHashMap<>();
        mistakes.put(List.of("serv"), "unknown command 'serv'");
        mistakes.put(List.of("site"), "'parley site' needs one of: site save, site list, site rotate-secret");
        mistakes.put(List.of("site", "erase"), "unknown command 'site erase'");
        mistakes.put(List.of("site", "save", "--id", "Bad Id", "--name", "x", "--origin", "https://x.example"), "--id must be");
        mistakes.put(List.of("site", "save", "--id", "ok", "--name", "x", "--origin", "https://x.example", "--colour", "red"),
                "unknown flag --colour");
        mistakes.put(List.of("site", "save", "--id", "ok"), "missing --name, --origin");
        mistakes.put(List.of("site", "save", "--id", "ok", "--name", "x", "--origin", "ftp://x"), "origin must look like");
        mistakes.put(List.of("site", "save", "--id", "ok", "--name", "The", "Courier", "--origin", "https://x.example"),
                "unexpected 'Courier' after 'parley site save'");
        mistakes.put(List.of("serve", "--port"), "flag --port needs a value");
        mistakes.put(List.of("serve", "--port", "70000"), "--port must be a whole number from 0 to 65535");
        mistakes.put(List.of("serve", "--colour"), "unknown flag --colour");
        mistakes.put(List.of("site", "list", "-x"), "unknown flag -x");
        mistakes.put(List.of("admin", "create-user", "--username", "ed", "--role", "owner"), "--role must be admin or moderator");
        mistakes.put(List.of("model", "score", "--thread", "x"), "unknown flag --thread");
        for (var mistake : mistakes.entrySet()) {
            Run refused = run(mistake.getKey().toArray(String[]::new));
            assertThat(refused.status()).as("parley %s", mistake.getKey()).isEqualTo(2);
            assertThat(refused.err()).as("parley %s", mistake.getKey()).startsWith("parley: ").contains(mistake.getValue()).contains("Usage: parley");
            assertThat(refused.out()).as("parley %s", mistake.getKey()).isEmpty();
        }
        assertThat(dir).as("no mistake created a database").isEmptyDirectory();
    }

    @Test
    void everyCommandThatOpensTheDatabaseSaysWhichAndCommandsThatNeedOneCreateNothing() throws Exception {
        Path elsewhere = dir.resolve("not-the-server");
        Map<String, String> env = Map.of("PARLEY_DATA", elsewhere.toString());
        String file = elsewhere.resolve("parley.db").toAbsolutePath().toString();
        for (String[] command : List.of(new String[] {"site", "list"}, new String[] {"site", "rotate-secret", "--id", "courier"},
                new String[] {"admin", "list-users"}, new String[] {"admin", "disable-user", "--username", "ed"})) {
            Run refused = run(env, "", command);
            assertThat(refused.status()).as(String.join(" ", command)).isEqualTo(1);
            assertThat(refused.err()).as(String.join(" ", command)).isEqualTo("parley: found no Parley database (looked for SQLite database "
                    + file + "); 'parley " + String.join(" ", command).replaceFirst(" --.*", "") + "' created nothing; "
                    + CommandDatabase.ELSEWHERE + "\n");
            assertThat(elsewhere).as("nothing created by %s", String.join(" ", command)).doesNotExist();
        }

        Run first = run(env, "", "site", "save", "--id", "courier", "--name", "The Courier", "--origin", "https://courier.example");
        assertThat(first.status()).isZero();
        assertThat(first.err()).isEqualTo("parley: created a new, empty SQLite database " + file + "; " + CommandDatabase.ELSEWHERE + "\n");
        Run admin = run(env, "a long enough password\n", "admin", "create-user", "--username", "ed", "--role", "admin");
        assertThat(admin.err()).isEqualTo("parley: opened SQLite database " + file + "\n");
        assertThat(run(env, "", "site", "list").err()).isEqualTo("parley: opened SQLite database " + file + "\n");
        assertThat(run(env, "", "admin", "list-users").out()).contains("ed  admin");
        assertThat(run("--data", elsewhere.toString(), "site", "list").err()).as("--data, not the environment")
                .isEqualTo("parley: opened SQLite database " + file + "\n");
        assertThat(Files.list(dir).toList()).containsExactly(elsewhere);
    }

    @Test
    void createUserRefusesAMissingShortOrMalformedPasswordOrNameBeforeCreatingAnyDatabase() {
        Map<String, String> env = Map.of("PARLEY_DATA", dir.resolve("data").toString());
        Run noPassword = run(env, "", "admin", "create-user", "--username", "ed", "--role", "admin");
        Run shortPassword = run(env, "short\n", "admin", "create-user", "--username", "ed", "--role", "admin");
        Run badName = run(env, "a long enough password\n", "admin", "create-user", "--username", "-ed", "--role", "admin");
        for (Run refused : List.of(noPassword, shortPassword, badName)) {
            assertThat(refused.status()).as(refused.err()).isEqualTo(1);
            assertThat(refused.err()).doesNotContain("created");
        }
        assertThat(shortPassword.err()).contains("password");
        assertThat(badName.err()).contains("username");
        assertThat(dir.resolve("data")).as("no database created for a refused account").doesNotExist();
    }

    @Test
    void onPostgresqlTheUrlIsShownWithoutCredentialsAndAnEmptySchemaIsNotTakenForTheServers() {
        var store = TestDatabases.postgres(dir);
        try {
            Map<String, String> env = new HashMap<>(Map.of("PARLEY_DB_URL", store.url() + "&password=hunter2&ssl=false",
                    "PARLEY_DB_USER", store.user(), "PARLEY_DB_PASSWORD", "not-shown-either"));
            String shown = "PostgreSQL database " + store.url() + "&ssl=false";
            Run refused = run(env, "", "admin", "list-users");
            assertThat(refused.status()).isEqualTo(1);
            assertThat(refused.err()).contains("found no Parley database (looked for " + shown + ")");

            Run created = run(env, "a long enough password\n", "admin", "create-user", "--username", "ed", "--role", "admin");
            assertThat(created.status()).as(created.err()).isZero();
            assertThat(created.err()).as("the refused command created nothing").startsWith("parley: created a new, empty " + shown + "; ");
            Run listed = run(env, "", "admin", "list-users");
            assertThat(listed.err()).isEqualTo("parley: opened " + shown + "\n");
            assertThat(listed.out()).contains("ed  admin");
            for (Run each : List.of(refused, created, listed)) {
                assertThat(each.err()).doesNotContain("hunter2", "not-shown-either", "user=");
            }
        } finally {
            TestDatabases.dropPostgres(store);
        }
    }

    @Test
    void theRealProcessExitsZeroOnHelpAndRefusesToInventADatabaseBesideTheCheckout() throws Exception {
        Run help = process("--help");
        assertThat(help.status()).isZero();
        assertThat(help.out()).startsWith("Usage: parley");
        assertThat(help.err()).isEmpty();

        Run list = process("site", "list");
        assertThat(list.status()).isEqualTo(1);
        assertThat(list.err()).isEqualTo("parley: found no Parley database (looked for SQLite database "
                + dir.toRealPath().resolve("data").resolve("parley.db")
                + "); 'parley site list' created nothing; " + CommandDatabase.ELSEWHERE + "\n");
        assertThat(dir.resolve("data")).doesNotExist();

        Run unknown = process("serve", "--colour", "red");
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("parley: unknown flag --colour");
        assertThat(unknown.out()).isEmpty();
    }

    /** {@code parley ARGS} as its own JVM, started in the test's directory without any PARLEY_* setting. */
    Run process(String... argv) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xmx64m", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(argv));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("PARLEY_"));
        Path out = Files.createTempFile("parley-out", ".txt");
        Path err = Files.createTempFile("parley-err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).as("parley %s ended within a minute", List.of(argv)).isTrue();
            return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            process.destroyForcibly();
            Files.delete(out);
            Files.delete(err);
        }
    }

    static String[] with(String[] base, String... more) {
        List<String> all = new ArrayList<>(List.of(base));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    static List<String> with(List<String> base, String... more) {
        List<String> all = new ArrayList<>(base);
        all.addAll(List.of(more));
        return all;
    }
}
