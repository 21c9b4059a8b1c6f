package org.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.parley.staff.NewStaffUser;
import org.parley.staff.Role;
import org.parley.testing.Browsers;
import org.parley.testing.Http;
import org.parley.testing.RunningParley;

/**
 * A moderator's morning in real headless Chromium: sign in, find the demo thread's insult in the
 * flagged queue the demo filled by itself, see why it is there, reject it and suspend its author from
 * the keyboard, and find both actions in the audit log.
 */
@Tag("browser")
class DashboardBrowserTest {

    static final String PASSWORD = "a long enough password";
    static final String PAGE = "coalition-euphrates-losses";

    @TempDir
    static Path dir;
    static RunningParley parley;
    static WebDriver browser;

    @BeforeAll
    static void start() {
        parley = RunningParley.start(dir, Clock.systemUTC(), true, Map.of());
        parley.parley().staff().createUser(new NewStaffUser("ed", Role.ADMIN, List.of()), PASSWORD);
        browser = Browsers.open();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        parley.close();
    }

    static WebDriverWait waiting(String what) {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        wait.withMessage(what);
        return wait;
    }

    static String url(String path) {
        return "http://localhost:" + parley.port() + path;
    }

    static void press(CharSequence key) {
        new Actions(browser).sendKeys(key).perform();
    }

    static WebElement focused() {
        return browser.switchTo().activeElement();
    }

    /** The id of the demo thread's comment whose text contains {@code text}, replies included. */
    static String demoComment(String text) {
        Http.Reply thread = parley.http().get("/api/v1/sites/demo/thread?page=" + PAGE + "&limit=50");
        return find(thread.json().get("comments"), text).orElseThrow(() -> new AssertionError("no demo comment with " + text));
    }

    static Optional<String> find(JsonNode comments, String text) {
        for (JsonNode comment : comments) {
            if (comment.get("html").asText().contains(text)) {
                return Optional.of(comment.get("id").asText());
            }
            Optional<String> inReplies = find(comment.get("replies"), text);
            if (inReplies.isPresent()) {
                return inReplies;
            }
        }
        return Optional.empty();
    }

    @Test
    void aModeratorRejectsTheInsultAndSuspendsItsAuthorFromTheKeyboardAndFindsBothInTheAuditLog() {
        String insult = demoComment("brainless Yank troll");

        // Signing in from the dashboard's door leads back to it.
        browser.get(url("/admin"));
        waiting("the sign-in form").until(ExpectedConditions.urlContains("/admin/login"));
        browser.findElement(By.id("username")).sendKeys("ed");
        browser.findElement(By.id("password")).sendKeys(PASSWORD, Keys.ENTER);
        waiting("the overview").until(ExpectedConditions.textToBe(By.tagName("h1"), "Moderation"));
        assertThat(Integer.parseInt(browser.findElement(By.cssSelector("[data-count=flagged]")).getText().replace("+", "")))
                .as("the demo thread's flagged comments").isPositive();

        // The flagged queue: j moves from case to case, o opens the focused one.
        browser.findElement(By.linkText("Flagged")).click();
        waiting("the flagged queue").until(ExpectedConditions.textToBe(By.tagName("h1"), "Flagged queue"));
        WebElement row = browser.findElement(By.cssSelector("tr[data-case='" + insult + "']"));
        assertThat(row.getText()).contains("brainless Yank troll", "Des Harrowby", "world");
        for (int i = 0; i < 20 && !("case-" + insult).equals(focused().getAttribute("id")); i++) {
            press("j");
        }
        assertThat(focused().getAttribute("id")).isEqualTo("case-" + insult);
        press("?");
        WebElement help = browser.findElement(By.id("shortcuts"));
        waiting("the shortcut list").until(d -> help.isDisplayed());
        assertThat(help.getText()).contains("Focus the next / previous case", "Approve the focused case");
        press(Keys.ESCAPE);
        waiting("the shortcut list to close").until(d -> !help.isDisplayed());
        press("o");
        waiting("the case").until(ExpectedConditions.urlContains("/admin/comments/" + insult));

        // Why it is there: every reason screening gave, the suspect words among them, highlighted in its text.
        WebElement why = browser.findElement(By.cssSelector("section[aria-labelledby=why-title]"));
        List<WebElement> reasons = why.findElements(By.cssSelector("ol.reasons li"));
        assertThat(reasons).isNotEmpty().allSatisfy(reason -> assertThat(reason.getText()).matches("(?is)(info|flag|hold|reject) \\S+: .+"));
        assertThat(reasons).anySatisfy(reason -> assertThat(reason.getText()).startsWithIgnoringCase("flag words").containsIgnoringCase("yank"));
        assertThat(why.findElements(By.cssSelector("pre.source mark"))).isNotEmpty();
        for (WebElement mark : why.findElements(By.cssSelector("pre.source mark"))) {
            assertThat(mark.getAttribute("title")).as("each highlighted span names its reason").isNotBlank();
        }
        String author = browser.findElement(By.cssSelector("section[aria-labelledby=author-title] p.hint code")).getText();

        // r focuses the reason; Enter rejects and moves on to the queue's next case; the insult has left the queue.
        press("r");
        assertThat(focused().getAttribute("id")).isEqualTo("reject-reason");
        focused().sendKeys("Insults and a nationality slur break our rules.", Keys.ENTER);
        waiting("the next case").until(ExpectedConditions.urlContains("done=rejected"));
        assertThat(browser.findElement(By.cssSelector("p.done")).getText()).contains("Rejected. The author sees your reason.");
        browser.findElement(By.linkText("Flagged")).click();
        waiting("the flagged queue").until(ExpectedConditions.textToBe(By.tagName("h1"), "Flagged queue"));
        assertThat(browser.findElements(By.cssSelector("tr[data-case='" + insult + "']"))).isEmpty();

        // The rejected queue holds it; s jumps to the suspension form.
        browser.findElement(By.linkText("Rejected")).click();
        waiting("the rejected queue").until(ExpectedConditions.textToBe(By.tagName("h1"), "Rejected queue"));
        browser.findElement(By.id("case-" + insult)).click();
        waiting("the case again").until(ExpectedConditions.urlContains("/admin/comments/" + insult));
        press("s");
        assertThat(focused().getAttribute("id")).isEqualTo("suspend-duration");
        new Select(focused()).selectByVisibleText("1 day");
        browser.findElement(By.id("suspend-message")).sendKeys("A day off: insults and slurs are not debate.", Keys.ENTER);
        waiting("the suspension").until(ExpectedConditions.urlContains("done=suspended"));
        assertThat(focused().getAttribute("id")).as("focus lands on the case after an action").isEqualTo("case-title");

        WebElement record = browser.findElement(By.cssSelector("section[aria-labelledby=author-title]"));
        assertThat(record.findElement(By.cssSelector("table.sanctions")).getText())
                .contains("suspension", "A day off: insults and slurs are not debate.", "in force");
        assertThat(record.findElement(By.cssSelector("table.history")).getText()).contains("suspend", "A day off");
        assertThat(browser.findElement(By.cssSelector(".decide table.history")).getText())
                .contains("ed", "reject", "Insults and a nationality slur break our rules.");
        assertThat(browser.findElement(By.cssSelector(".the-comment .meta")).getText()).contains("status rejected");

        // The audit log, filtered by target: the comment's rejection, then the author's suspension.
        browser.findElement(By.linkText("Audit log")).click();
        waiting("the audit log").until(ExpectedConditions.textToBe(By.tagName("h1"), "Audit log"));
        filterByTarget(insult);
        assertThat(auditRows()).singleElement().asString()
                .contains("ed", "reject", insult, "Insults and a nationality slur break our rules.", "\"status\":\"rejected\"");
        filterByTarget(author);
        assertThat(auditRows()).as("everything about the commenter: their suspension and their comment's rejection").hasSize(2);
        assertThat(auditRows().getFirst()).contains("ed", "suspend", "commenter", author, "A day off");
        assertThat(auditRows().getLast()).contains("reject", insult);
    }

    @Test
    void anAdminClicksExportTheSiteAndGetsTheWholeSiteAsAFile() throws Exception {
        // A browser of its own, signed in here, so the other test's sign-in does not depend on the order they run in.
        org.openqa.selenium.chrome.ChromeDriver own = Browsers.open();
        try {
            Path downloads = java.nio.file.Files.createDirectories(dir.resolve("downloads"));
            own.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", downloads.toString()));
            own.get(url("/admin"));
            new WebDriverWait(own, Duration.ofSeconds(10)).withMessage("the sign-in form")
                    .until(ExpectedConditions.urlContains("/admin/login"));
            own.findElement(By.id("username")).sendKeys("ed");
            own.findElement(By.id("password")).sendKeys(PASSWORD, Keys.ENTER);
            new WebDriverWait(own, Duration.ofSeconds(10)).withMessage("the overview")
                    .until(ExpectedConditions.textToBe(By.tagName("h1"), "Moderation"));

            own.findElement(By.cssSelector("form[action='/admin/sites/demo/export'] button")).click();

            Path[] file = new Path[1];
            org.parley.testing.Waiting.until("the export of site demo in " + downloads, () -> {
                try (var listed = java.nio.file.Files.list(downloads)) {
                    file[0] = listed.filter(f -> f.getFileName().toString().matches("parley-export-demo-\\d{4}-\\d{2}-\\d{2}\\.json"))
                            .findFirst().orElse(null);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return file[0] != null;
            });
            JsonNode export = new com.fasterxml.jackson.databind.ObjectMapper().readTree(file[0].toFile());
            assertThat(export.get("format").asText()).isEqualTo("parley-export");
            assertThat(export.get("site").asText()).isEqualTo("demo");
            assertThat(export.get("pages")).as("the demo newsroom's pages").isNotEmpty();
            own.get(url("/admin/audit?site=demo&action=site-export"));
            assertThat(own.findElements(By.cssSelector("table.audit tbody tr"))).isNotEmpty().first()
                    .satisfies(row -> assertThat(row.getText()).contains("ed", "site-export", "demo"));
        } finally {
            own.quit();
        }
    }

    static void filterByTarget(String target) {
        WebElement field = browser.findElement(By.id("filter-target"));
        field.clear();
        field.sendKeys(target, Keys.ENTER);
        waiting("the audit log filtered by " + target).until(ExpectedConditions.urlContains("target=" + target));
    }

    static List<String> auditRows() {
        return browser.findElements(By.cssSelector("table.audit tbody tr")).stream().map(WebElement::getText).toList();
    }
}
