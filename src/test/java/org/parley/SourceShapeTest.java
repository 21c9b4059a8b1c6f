package org.parley;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/**
 * House-style rules read off the source tree (STYLE.md 18, 20, 21, 6, 23). Paths are relative to the
 * project root, which is where Maven runs tests.
 */
class SourceShapeTest {

    private static final Path MAIN = Path.of("src", "main", "java");
    private static final Path TEST = Path.of("src", "test", "java");
    private static final Path COMPOSITION_ROOT = MAIN.resolve(Path.of("org", "parley", "web", "Parley.java"));
    /** This file names the forbidden calls in its patterns and documentation, so it is not scanned for them. */
    private static final Path THIS_TEST = TEST.resolve(Path.of("org", "parley", "SourceShapeTest.java"));

    private static final int MAX_MAIN_FILE_LINES = 500;
    private static final int MAX_COMPOSITION_ROOT_LINES = 150;

    /** {@code Thread.sleep(…)}, {@code TimeUnit.SECONDS.sleep(…)} and a static import of either. */
    private static final Pattern SLEEP = Pattern.compile(
            "\\bThread\\s*\\.\\s*sleep\\b"
                    + "|\\bTimeUnit\\s*\\.\\s*[A-Z_]+\\s*\\.\\s*sleep\\b"
                    + "|\\bimport\\s+static\\s+java\\.lang\\.Thread\\.(sleep|\\*)\\s*;");

    private static final Pattern PACKAGE_DECLARATION = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;");

    @BeforeAll
    static void runFromTheProjectRoot() {
        assertThat(MAIN).as("run from the project root (Maven does), where %s lives", MAIN).isDirectory();
        assertThat(TEST).as("run from the project root (Maven does), where %s lives", TEST).isDirectory();
    }

    @Test
    void noMainSourceFileIsLongerThan500Lines() {
        Map<Path, Integer> tooLong = new TreeMap<>();
        for (Path file : javaFiles(MAIN)) {
            int lines = lineCount(file);
            if (lines > MAX_MAIN_FILE_LINES) {
                tooLong.put(file, lines);
            }
        }
        assertThat(tooLong)
                .as("main source files over %d lines (STYLE 21: split along a real seam, never into a *Helper)",
                        MAX_MAIN_FILE_LINES)
                .isEmpty();
    }

    @Test
    void compositionRootStaysWithin150Lines() {
        assertThat(COMPOSITION_ROOT).isRegularFile();
        assertThat(lineCount(COMPOSITION_ROOT))
                .as("%s is the composition root: DataSource, bus, features, routing and nothing else (STYLE 6)",
                        COMPOSITION_ROOT)
                .isLessThanOrEqualTo(MAX_COMPOSITION_ROOT_LINES);
    }

    @Test
    void testsWaitOnConditionsWithDeadlinesInsteadOfSleeping() {
        List<String> sleeps = new ArrayList<>();
        for (Path file : javaFiles(TEST)) {
            if (file.equals(THIS_TEST)) {
                continue;
            }
            List<String> lines = readLines(file);
            for (int i = 0; i < lines.size(); i++) {
                Matcher sleep = SLEEP.matcher(lines.get(i));
                if (sleep.find()) {
                    sleeps.add(file + ":" + (i + 1) + ": " + lines.get(i).strip());
                }
            }
        }
        assertThat(sleeps)
                .as("tests that sleep are slow when the machine is fast and flaky when it is slow; wait on a "
                        + "condition with a deadline and say what was awaited (STYLE 18)")
                .isEmpty();
    }

    @Test
    void staticFieldsAreOnlyConstantsAndPrivateLoggers() {
        JavaClasses main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.parley");
        DescribedPredicate<JavaField> writtenByUs = DescribedPredicate.describe(
                "are written in source (not synthetic, not an enum constant, not $VALUES)",
                (JavaField f) -> !f.getModifiers().contains(JavaModifier.SYNTHETIC)
                        && !f.getModifiers().contains(JavaModifier.ENUM)
                        && !f.getName().equals("$VALUES"));
        CompositeArchRule.of(fields().that().areStatic().and(writtenByUs)
                        .should().beFinal()
                        .because("no static singletons (STYLE 23): a static that can be reassigned is global state "
                                + "shared by every test and every Parley in the process"))
                .and(fields().that().areStatic().and().haveRawType(Logger.class)
                        .should().bePrivate()
                        .because("each class logs through its own private static final Logger (STYLE 23)"))
                .and(noFields().that().areStatic().and(writtenByUs)
                        .should().haveRawType(DescribedPredicate.describe(
                                "a ThreadLocal or a java.util.concurrent type",
                                (JavaClass type) -> type.isAssignableTo(ThreadLocal.class)
                                        || type.getPackageName().startsWith("java.util.concurrent")))
                        .because("a final field can still hide static state: no ThreadLocal DSLs, static caches or "
                                + "registries (STYLE 23); keep such state in an instance the composition root owns"))
                .check(main);
    }

    /**
     * STYLE 20: {@code package-info.java} states the package's job, its door, events and tables. Checks that
     * each main package has one, with a doc comment, declaring the package its folder says.
     */
    @Test
    void everyMainPackageHasAPackageInfo() {
        List<String> problems = new ArrayList<>();
        for (Path dir : packageDirectories(MAIN)) {
            String expected = MAIN.relativize(dir).toString().replace(dir.getFileSystem().getSeparator(), ".");
            Path info = dir.resolve("package-info.java");
            if (!Files.isRegularFile(info)) {
                problems.add(expected + ": no package-info.java");
                continue;
            }
            String text = String.join("\n", readLines(info));
            Matcher declared = PACKAGE_DECLARATION.matcher(text);
            if (!declared.find() || !declared.group(1).equals(expected)) {
                problems.add(info + ": does not declare 'package " + expected + ";'");
            }
            if (!text.contains("/**")) {
                problems.add(info + ": has no doc comment saying what the package is for");
            }
        }
        assertThat(problems)
                .as("each package says what it is for, its door, events and tables in package-info.java (STYLE 20)")
                .isEmpty();
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private static List<Path> javaFiles(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> file.getFileName().toString().endsWith(".java"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + root, e);
        }
    }

    /** Directories that hold at least one Java type (a file other than package-info.java). */
    private static List<Path> packageDirectories(Path root) {
        return javaFiles(root).stream()
                .filter(file -> !file.getFileName().toString().equals("package-info.java"))
                .map(Path::getParent)
                .distinct()
                .sorted()
                .toList();
    }

    private static int lineCount(Path file) {
        return readLines(file).size();
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file, e);
        }
    }
}
