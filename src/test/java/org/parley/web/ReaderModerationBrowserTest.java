package org.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.parley.demo.DemoNewsroom;
import org.parley.demo.DemoNewsroom.DemoComment;
import org.parley.testing.Browsers;
import org.parley.testing.Http;
import org.parley.testing.RunningParley;

/**
 * Reporting and blocking as a reader does them in the widget, in real headless Chromium against a real
 * server with the demo newsroom: a report is received once and refused the second time; blocking a
 * commenter hides their comments (a collapsed placeholder keeps the replies others wrote to them), keeps
 * their new comments out of the live stream for the blocker alone, and unblocking brings them back.
 *
 * <p>The tests share one server and one reader, and run in order: the block list built up by the blocking
 * tests is undone by the last one. Counts are read from the page, never assumed.
 */
@Tag("browser")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReaderModerationBrowserTest {

    private static final String SITE = "demo";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HEADING = Pattern.compile("(\\d+) comments?");
    private static final String BLOCKED_PLACEHOLDER = "Comment from a commenter you blocked.";

    @TempDir
    static Path dir;
    static RunningParley parley;
    static Http http;
    static WebDriver reader;
    static WebDriver otherReader;
    static final DemoNewsroom newsroom = DemoNewsroom.load();
    /** A commenter this test creates, so it can post as someone the reader blocked. */
    static String magpieToken;
    static String magpieFirstId;

    @BeforeAll
    static void start() {
        parley = RunningParley.start(dir, Clock.systemUTC(), true, Map.of());
        http = parley.http();
        reader = Browsers.open();
        otherReader = Browsers.open();
    }

    @AfterAll
    static void stop() {
        if (reader != null) {
            reader.quit();
        }
        if (otherReader != null) {
            otherReader.quit();
        }
        if (parley != null) {
            parley.close();
        }
    }

    // ---- the flows -------------------------------------------------------------------------------

    @Test
    @Order(1)
    void aReaderReportsADemoCommentIsToldItWasReceivedAndIsToldSoWhenReportingItAgain() {
        openDemo(reader);
        String target = demoCommentId(reader, "c8");
        WebElement reportButton = tool(reader, target, "Report");
        assertThat(reportButton.getAttribute("aria-expanded")).isEqualTo("false");

        reportButton.click();
        WebElement form = panel(reader, target, "the report form");
        assertThat(form.getAttribute("aria-label")).isEqualTo("Report this comment");
        WebElement reason = form.findElement(By.tagName("select"));
        assertThat(reader.switchTo().activeElement()).as("focus moves to the reason").isEqualTo(reason);
        assertThat(labelOf(reader, reason)).isEqualTo("What is wrong with it?");
        assertThat(new Select(reason).getOptions()).extracting(o -> o.getAttribute("value"))
                .containsExactly("", "abuse", "hate", "spam", "off-topic", "misinformation", "other");
        assertThat(reportButton.getAttribute("aria-expanded")).isEqualTo("true");

        new Select(reason).selectByValue("misinformation");
        form.findElement(By.tagName("textarea")).sendKeys("The SDF figure quoted here was corrected on Monday.");
        form.findElement(By.xpath(".//button[@type='submit' and normalize-space()='Send report']")).click();

        waiting(reader, "the report receipt under the comment").until(d ->
                "Thank you. The moderators will look at this comment.".equals(receipt(d, target)));
        assertThat(byId(reader, target).findElement(By.cssSelector(":scope > div > .parley-st")).getAttribute("role"))
                .as("the receipt is announced").isEqualTo("status");
        assertThat(panels(reader, target)).as("the report form closes").isEmpty();
        assertThat(reader.switchTo().activeElement()).as("focus returns to the Report button").isEqualTo(tool(reader, target, "Report"));
        assertThat(tool(reader, target, "Report").getAttribute("aria-expanded")).isEqualTo("false");

        // Again, after a reload (the widget does not remember it): the server says it already has it.
        openDemo(reader);
        tool(reader, target, "Report").click();
        WebElement again = panel(reader, target, "the report form, a second time");
        new Select(again.findElement(By.tagName("select"))).selectByValue("spam");
        again.findElement(By.xpath(".//button[@type='submit']")).click();
        WebElement alert = again.findElement(By.cssSelector("[role=alert]"));
        waiting(reader, "the 'already reported' problem in the report form").until(d -> alert.getText().contains("already reported"));
        assertThat(receipt(reader, target)).as("no receipt the second time").isEmpty();

        // Escape closes the form and puts focus back on the button that opened it.
        new Actions(reader).sendKeys(Keys.ESCAPE).perform();
        waiting(reader, "the report form to close after Escape").until(d -> panels(d, target).isEmpty());
        assertThat(reader.switchTo().activeElement()).as("focus returns to the Report button").isEqualTo(tool(reader, target, "Report"));
    }

    @Test
    @Order(2)
    void aReaderBlocksTheFlameWarStarterWhoseCommentsDisappearWhileTheReplyToThemStays() {
        openDemo(reader);
        String c3 = demoCommentId(reader, "c3");
        String c4 = demoCommentId(reader, "c4");
        String c5 = demoCommentId(reader, "c5");
        int before = headingCount(reader);
        assertThat(reader.findElement(By.cssSelector(".parley-blocks")).isDisplayed()).as("no block list yet").isFalse();
        assertThat(tools(reader, c4)).as("Des Harrowby's reply has its own Report and Block buttons")
                .containsExactly("Report", "Block Des Harrowby");

        WebElement blockButton = tool(reader, c3, "Block Kestrel_Drift");
        blockButton.click();
        WebElement confirm = panel(reader, c3, "the block confirmation");
        WebElement yes = confirm.findElement(By.xpath(".//button[@type='submit']"));
        assertThat(yes.getText()).isEqualTo("Block");
        assertThat(reader.switchTo().activeElement()).as("focus moves to the confirming button").isEqualTo(yes);
        String explanation = (String) js(reader,
                "return document.getElementById(arguments[0].getAttribute('aria-describedby')).textContent", yes);
        assertThat(explanation).as("the confirming button is described by what blocking does")
                .startsWith("You will no longer see comments by Kestrel_Drift.");
        assertThat(confirm.getText()).contains(explanation);
        assertThat(blockButton.getAttribute("aria-expanded")).isEqualTo("true");

        yes.click();
        waiting(reader, "Kestrel_Drift's reply (c5) to leave the page").until(d -> d.findElements(byIdSelector(c5)).isEmpty());
        waiting(reader, "c3 to become the collapsed placeholder for a blocked commenter").until(d ->
                BLOCKED_PLACEHOLDER.equals(ownText(d, c3)));
        assertThat(byId(reader, c3).findElements(By.cssSelector(":scope > div > .parley-actions"))).as("a placeholder has no buttons").isEmpty();
        assertThat(contains(reader, c3, c4)).as("Des Harrowby's reply stays, inside the placeholder").isTrue();
        assertThat(ownText(reader, c4)).startsWith(excerpt("c4"));
        assertThat(headingCount(reader)).as("the heading no longer counts Kestrel_Drift's two comments").isEqualTo(before - 2);
        assertThat(reader.switchTo().activeElement()).as("focus goes to the heading of the reloaded thread")
                .isEqualTo(reader.findElement(By.cssSelector(".parley-title")));
        waiting(reader, "the live region to announce the block").until(d ->
                "You blocked Kestrel_Drift. Their comments are hidden.".equals(liveRegion(d)));
        assertThat(blockList(reader)).containsExactly("Kestrel_Drift");
        assertThat(reader.findElement(By.cssSelector(".parley-blocks summary")).getText()).isEqualTo("Blocked commenters (1)");

        // The server keeps it: a reload shows the same.
        openDemo(reader);
        assertThat(reader.findElements(byIdSelector(c5))).isEmpty();
        assertThat(ownText(reader, c3)).isEqualTo(BLOCKED_PLACEHOLDER);
        assertThat(headingCount(reader)).isEqualTo(before - 2);
        assertThat(blockList(reader)).containsExactly("Kestrel_Drift");

        // Others still see everything.
        openDemo(otherReader);
        assertThat(ownText(otherReader, c5)).startsWith(excerpt("c5"));
        assertThat(headingCount(otherReader)).isEqualTo(before);
    }

    @Test
    @Order(3)
    void aBlockedCommentersNewCommentArrivesLiveForAnotherReaderButNeverForTheBlocker() {
        JsonNode magpie = newGuest();
        magpieToken = magpie.get("token").asText();
        magpieFirstId = postThroughTheApi(magpieToken, "Where is the satellite imagery the piece promised?", "Magpie Vance");
        openDemo(reader);
        openDemo(otherReader);
        waiting(reader, "Magpie Vance's first comment").until(d -> !d.findElements(byIdSelector(magpieFirstId)).isEmpty());

        tool(reader, magpieFirstId, "Block Magpie Vance").click();
        panel(reader, magpieFirstId, "the block confirmation").findElement(By.xpath(".//button[@type='submit']")).click();
        waiting(reader, "Magpie Vance's comment to leave the blocker's page").until(d -> d.findElements(byIdSelector(magpieFirstId)).isEmpty());
        waiting(reader, "both blocked commenters in the block list").until(d -> blockList(d).size() == 2);
        assertThat(blockList(reader)).containsExactly("Magpie Vance", "Kestrel_Drift");
        int blockerCount = headingCount(reader);
        int otherCount = headingCount(otherReader);

        String blockedPost = postThroughTheApi(magpieToken, "Still waiting on that imagery, for the record.", "Magpie Vance");
        waiting(otherReader, "Magpie Vance's new comment arriving live for a reader who did not block them").until(d ->
                !d.findElements(byIdSelector(blockedPost)).isEmpty());
        waiting(otherReader, "the second reader's heading to count it").until(d -> headingCount(d) == otherCount + 1);

        // Live events arrive in order: once a later comment is in the blocker's window, the blocked one was skipped.
        String marker = postThroughTheApi(newGuest().get("token").asText(), "Thanks for the update on Baghuz.", "Wren Talbot");
        waiting(reader, "a later comment by someone not blocked arriving live for the blocker").until(d ->
                !d.findElements(byIdSelector(marker)).isEmpty());
        assertThat(reader.findElements(byIdSelector(blockedPost))).as("the blocked commenter's new comment never shows").isEmpty();
        assertThat(headingCount(reader)).as("and is not counted").isEqualTo(blockerCount + 1);
        waiting(reader, "the live region to announce the comment by Wren Talbot").until(d ->
                "New comment by Wren Talbot".equals(liveRegion(d)));
    }

    @Test
    @Order(4)
    void unblockingBringsTheCommentersBack() {
        openDemo(reader);
        String c3 = demoCommentId(otherReader, "c3");
        String c5 = demoCommentId(otherReader, "c5");
        int before = headingCount(reader);
        WebElement summary = reader.findElement(By.cssSelector(".parley-blocks summary"));
        assertThat(summary.getText()).isEqualTo("Blocked commenters (2)");
        summary.click();
        WebElement unblock = unblockButton(reader, "Kestrel_Drift");
        assertThat(unblock.getText()).isEqualTo("Unblock");
        unblock.click();

        waiting(reader, "Kestrel_Drift's reply (c5) back on the page").until(d -> !d.findElements(byIdSelector(c5)).isEmpty());
        waiting(reader, "c3 shown again in full").until(d -> ownText(d, c3).startsWith(excerpt("c3")));
        assertThat(contains(reader, c3, c5)).as("c5 is back under c3's thread").isTrue();
        assertThat(headingCount(reader)).isEqualTo(before + 2);
        assertThat(blockList(reader)).containsExactly("Magpie Vance");
        assertThat(reader.findElement(By.cssSelector(".parley-blocks summary")).getText()).isEqualTo("Blocked commenters (1)");
        assertThat(reader.switchTo().activeElement()).as("focus goes to the block list's summary")
                .isEqualTo(reader.findElement(By.cssSelector(".parley-blocks summary")));
        waiting(reader, "the live region to announce the unblock").until(d ->
                "You unblocked Kestrel_Drift. Their comments are shown again.".equals(liveRegion(d)));

        unblockButton(reader, "Magpie Vance").click();
        waiting(reader, "Magpie Vance's first comment back").until(d -> !d.findElements(byIdSelector(magpieFirstId)).isEmpty());
        waiting(reader, "the block list to disappear once empty").until(d ->
                !d.findElement(By.cssSelector(".parley-blocks")).isDisplayed());
        assertThat(headingCount(reader)).as("every comment counted again").isEqualTo(headingCount(otherReader));
        assertThat(reader.switchTo().activeElement()).as("focus goes to the heading").isEqualTo(reader.findElement(By.cssSelector(".parley-title")));
    }

    // ---- the page --------------------------------------------------------------------------------

    static void openDemo(WebDriver driver) {
        driver.get("http://localhost:" + parley.port() + "/demo");
        waiting(driver, "the widget to render the thread and its comment count").until(d -> Boolean.TRUE.equals(js(d, """
                const list = document.querySelector('.parley-list'), title = document.querySelector('.parley-title');
                return !!list && !!title && !list.hasAttribute('aria-busy')
                  && !!list.querySelector(':scope > article.parley-comment') && /^\\d+ comments?$/.test(title.textContent);""")));
    }

    static WebDriverWait waiting(WebDriver driver, String what) {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(10), Duration.ofMillis(50));
        wait.withMessage("waiting for " + what);
        return wait;
    }

    static Object js(WebDriver driver, String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    static int headingCount(WebDriver driver) {
        String text = driver.findElement(By.cssSelector(".parley-title")).getText();
        Matcher m = HEADING.matcher(text);
        assertThat(m.matches()).as("heading '%s' reads 'N comments'", text).isTrue();
        return Integer.parseInt(m.group(1));
    }

    static By byIdSelector(String id) {
        return By.cssSelector("article.parley-comment[data-comment-id='" + id + "']");
    }

    static WebElement byId(WebDriver driver, String id) {
        return driver.findElement(byIdSelector(id));
    }

    /** The text of the comment itself (its body or placeholder), not of its replies; "" when it is not on the page. */
    static String ownText(WebDriver driver, String id) {
        return (String) js(driver, """
                const a = document.querySelector('article[data-comment-id="' + arguments[0] + '"]');
                return a?.querySelector(':scope > div > .parley-body')?.textContent ?? '';""", id);
    }

    static boolean contains(WebDriver driver, String outer, String inner) {
        return Boolean.TRUE.equals(js(driver, "return arguments[0].contains(arguments[1])", byId(driver, outer), byId(driver, inner)));
    }

    /** The Report and Block buttons of the comment itself, by their text. */
    static List<String> tools(WebDriver driver, String id) {
        return byId(driver, id).findElements(By.cssSelector(":scope > div > .parley-actions .parley-tools > button"))
                .stream().map(WebElement::getText).toList();
    }

    static WebElement tool(WebDriver driver, String id, String text) {
        return byId(driver, id).findElements(By.cssSelector(":scope > div > .parley-actions .parley-tools > button")).stream()
                .filter(b -> b.getText().equals(text)).findFirst()
                .orElseThrow(() -> new AssertionError("comment " + id + " has no '" + text + "' button"));
    }

    static List<WebElement> panels(WebDriver driver, String id) {
        return byId(driver, id).findElements(By.cssSelector(":scope > div > form.parley-panel"));
    }

    static WebElement panel(WebDriver driver, String id, String what) {
        return waiting(driver, what).until(d -> panels(d, id).stream().findFirst().orElse(null));
    }

    static String receipt(WebDriver driver, String id) {
        return byId(driver, id).findElement(By.cssSelector(":scope > div > .parley-st")).getAttribute("textContent");
    }

    static String liveRegion(WebDriver driver) {
        return driver.findElement(By.cssSelector(".parley-sr")).getAttribute("textContent");
    }

    /** The names on the block list, as listed (newest first). */
    @SuppressWarnings("unchecked")
    static List<String> blockList(WebDriver driver) {
        return (List<String>) js(driver, """
                return [...document.querySelectorAll('.parley-blocks li')].map(li => li.firstChild.textContent);""");
    }

    static WebElement unblockButton(WebDriver driver, String name) {
        return driver.findElement(By.cssSelector(".parley-blocks button[aria-label='Unblock " + name + "']"));
    }

    static String labelOf(WebDriver driver, WebElement field) {
        return (String) js(driver, "return arguments[0].labels[0].firstChild.textContent", field);
    }

    static String excerpt(String ref) {
        DemoComment demo = newsroom.comments().stream().filter(c -> c.ref().equals(ref)).findFirst().orElseThrow();
        return demo.body().split("\n")[0].replaceAll("[*_]", "").substring(0, 30);
    }

    static String demoCommentId(WebDriver driver, String ref) {
        String text = excerpt(ref);
        return Objects.requireNonNull((String) js(driver, """
                const a = [...document.querySelectorAll('article.parley-comment')]
                  .find(a => (a.querySelector(':scope > div > .parley-body')?.textContent ?? '').startsWith(arguments[0]));
                return a ? a.dataset.commentId : null;""", text), "demo comment " + ref + " on the page");
    }

    // ---- the API ---------------------------------------------------------------------------------

    static JsonNode newGuest() {
        Http.Reply reply = http.post("/api/v1/sites/" + SITE + "/guests", "{}");
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        return reply.json();
    }

    /** Posts a top-level comment as the guest with {@code token}; returns its id once the server published it. */
    static String postThroughTheApi(String token, String body, String name) {
        ObjectNode comment = JSON.createObjectNode()
                .put("page", newsroom.page().key())
                .put("body", body)
                .put("name", name);
        Http.Reply reply = http.post("/api/v1/sites/" + SITE + "/comments", comment.toString(), "Authorization", "Bearer " + token);
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        assertThat(reply.json().get("status").asText()).as("published at once: " + reply.text()).isEqualTo("published");
        return reply.json().get("id").asText();
    }
}
