package org.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.parley.demo.DemoNewsroom;
import org.parley.demo.DemoNewsroom.DemoComment;
import org.parley.testing.Browsers;
import org.parley.testing.Http;
import org.parley.testing.RunningParley;

/**
 * The embedded widget as a reader uses it, in real headless Chromium against a real server with the demo
 * newsroom: voting, editing and deleting one's own comment, sorting, loading more, live arrivals that do
 * not move the text being read, and keyboard use of the reply form.
 *
 * <p>All tests share one server and so one demo thread. They run in a fixed order: sorting first, while the
 * thread's top-level comments are still only the demo's, and the tests that add many top-level comments
 * last. Counts that depend on what earlier tests left behind are read from the page or the API, never
 * hard-coded.
 */
@Tag("browser")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WidgetBrowserTest {

    private static final String SITE = "demo";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HEADING = Pattern.compile("(\\d+) comments?");
    private static final String TOP_LEVEL = ".parley-list > article.parley-comment";

    @TempDir
    static Path dir;
    static RunningParley parley;
    static Http http;
    static WebDriver reader;
    static WebDriver otherReader;
    static final DemoNewsroom newsroom = DemoNewsroom.load();

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
    void aReaderSortsTheThreadByNewestAndByOldest() {
        openDemo(reader);
        List<DemoComment> demoTopLevel = newsroom.comments().stream().filter(c -> c.parent() == null).toList();
        List<String> newestFirst = demoTopLevel.stream()
                .sorted(Comparator.comparingInt(DemoComment::minutesAfterPublish).reversed()).map(DemoComment::ref).toList();
        List<String> oldestFirst = newestFirst.reversed();

        sortBy(reader, "Newest");
        waiting(reader, "the newest top-level demo comment (" + newestFirst.getFirst() + ") first after sorting by Newest")
                .until(d -> newestFirst.getFirst().equals(topLevelRefs(d).getFirst()));
        assertThat(topLevelRefs(reader)).as("top-level comments, newest first").containsExactlyElementsOf(newestFirst);

        sortBy(reader, "Oldest");
        waiting(reader, "the oldest top-level demo comment (" + oldestFirst.getFirst() + ") first after sorting by Oldest")
                .until(d -> oldestFirst.getFirst().equals(topLevelRefs(d).getFirst()));
        assertThat(topLevelRefs(reader)).as("top-level comments, oldest first").containsExactlyElementsOf(oldestFirst);
        assertThat(new Select(sortSelect(reader)).getFirstSelectedOption().getText()).isEqualTo("Oldest");
    }

    @Test
    @Order(2)
    void aReaderUpvotesACommentThatStaysUpvotedAfterAReloadThenWithdrawsTheVoteAndCannotVoteOnTheirOwnComment() {
        openDemo(reader);
        String target = demoCommentId(reader, "c8");
        assertVote(reader, target, false, 0);

        upvote(reader, target).click();
        waiting(reader, "the upvote on c8 to be pressed with 1 vote").until(d ->
                "true".equals(upvote(d, target).getAttribute("aria-pressed")) && voteCount(d, target) == 1);
        assertVote(reader, target, true, 1);

        reader.navigate().refresh();
        awaitThread(reader);
        assertVote(reader, target, true, 1);

        upvote(reader, target).click();
        waiting(reader, "the upvote on c8 to be withdrawn").until(d ->
                "false".equals(upvote(d, target).getAttribute("aria-pressed")) && voteCount(d, target) == 0);
        assertVote(reader, target, false, 0);
        assertThat(http.get("/api/v1/sites/demo/comments/" + target).json().get("up").asInt())
                .as("the server no longer counts the withdrawn vote").isZero();

        String own = postTopLevelThroughTheForm(reader, "Voting Reader", "My own note on the *Euphrates* figures.");
        assertOwnVoteButtonsDisabled(reader, own);
        assertThat(voteButtons(reader, target)).allMatch(WebElement::isEnabled);

        reader.navigate().refresh();
        awaitThread(reader);
        assertOwnVoteButtonsDisabled(reader, own);
    }

    @Test
    @Order(3)
    void aKeyboardUserOpensAReplyFormWithEnterAndClosesItWithEscapeBackOnTheReplyButton() {
        openDemo(reader);
        String target = demoCommentId(reader, "c10");
        WebElement article = byId(reader, target);
        WebElement replyButton = ownButton(reader, target, "Reply");
        assertThat(replyButton.getAttribute("aria-expanded")).isEqualTo("false");

        // The widget focuses an article itself (after posting); from there Tab reaches its first control.
        js(reader, "arguments[0].focus()", article);
        new Actions(reader).sendKeys(Keys.TAB).perform();
        assertThat(reader.switchTo().activeElement()).as("Tab from the comment lands on its Reply button").isEqualTo(replyButton);

        new Actions(reader).sendKeys(Keys.ENTER).perform();
        WebElement form = waiting(reader, "the reply form after pressing Enter on Reply").until(d ->
                article.findElements(By.cssSelector(":scope > form.parley-form")).stream().findFirst().orElse(null));
        WebElement textarea = form.findElement(By.tagName("textarea"));
        assertThat(reader.switchTo().activeElement()).as("focus moves into the reply box").isEqualTo(textarea);
        assertThat(labelOf(reader, textarea)).isEqualTo("Reply to Helen Fairweather");
        assertThat(replyButton.getAttribute("aria-expanded")).isEqualTo("true");

        new Actions(reader).sendKeys("Half a thought").sendKeys(Keys.ESCAPE).perform();
        waiting(reader, "the reply form to close after Escape").until(d ->
                article.findElements(By.cssSelector(":scope > form.parley-form")).isEmpty());
        assertThat(reader.switchTo().activeElement()).as("focus returns to the Reply button").isEqualTo(replyButton);
        assertThat(replyButton.getAttribute("aria-expanded")).isEqualTo("false");
    }

    @Test
    @Order(4)
    void anAuthorEditsTheirCommentIntoBoldTextAndDeletesItWhileAnotherReaderGetsNoEditOrDeleteButtons() {
        openDemo(reader);
        int before = headingCount(reader);
        String source = "Has anyone confirmed the *200* figure independently?";
        String id = postTopLevelThroughTheForm(reader, "Mira Okonkwo", source);
        assertThat(headingCount(reader)).as("the heading counts the new comment").isEqualTo(before + 1);
        WebElement mine = byId(reader, id);
        assertThat(mine.findElement(By.cssSelector(".parley-author")).getText()).isEqualTo("Mira Okonkwo");
        assertThat(mine.findElement(By.cssSelector(".parley-edited")).isDisplayed()).as("not edited yet").isFalse();

        ownButton(reader, id, "Edit").click();
        WebElement form = waiting(reader, "the edit form").until(d ->
                byId(d, id).findElements(By.cssSelector("form.parley-form")).stream().findFirst().orElse(null));
        WebElement box = form.findElement(By.tagName("textarea"));
        assertThat(labelOf(reader, box)).isEqualTo("Edit your comment");
        assertThat(box.getAttribute("value")).as("the edit box holds the Markdown source, not the rendered text").isEqualTo(source);
        assertThat(reader.switchTo().activeElement()).as("focus moves into the edit box").isEqualTo(box);

        box.clear();
        box.sendKeys("Has anyone **independently** confirmed the 200 figure?");
        form.findElement(By.xpath(".//button[@type='submit' and normalize-space()='Save']")).click();
        waiting(reader, "the edited comment with bold text").until(d ->
                !byId(d, id).findElements(By.cssSelector(".parley-body strong")).isEmpty());
        WebElement edited = byId(reader, id);
        assertThat(edited.findElement(By.cssSelector(".parley-body strong")).getText()).isEqualTo("independently");
        assertThat(edited.findElement(By.cssSelector(".parley-body")).getText())
                .isEqualTo("Has anyone independently confirmed the 200 figure?");
        assertThat(edited.findElement(By.cssSelector(".parley-edited")).isDisplayed()).as("(edited) shows").isTrue();
        assertThat(edited.findElement(By.cssSelector(".parley-edited")).getText()).isEqualTo("(edited)");
        assertThat(edited.findElements(By.cssSelector("form.parley-form"))).as("the edit form closes").isEmpty();

        // A second reader, a different guest, sees the comment but not its author's controls.
        JsonNode stranger = newGuest();
        assertThat(stranger.get("id").asText()).isNotEqualTo(guestIdIn(reader));
        otherReader.get(demoUrl());
        js(otherReader, "localStorage.setItem('parley.guest', arguments[0])", stranger.toString());
        otherReader.navigate().refresh();
        awaitThread(otherReader);
        waiting(otherReader, "the edited comment in the second reader's window").until(d -> !d.findElements(byIdSelector(id)).isEmpty());
        assertThat(byId(otherReader, id).findElement(By.cssSelector(".parley-body strong")).getText()).isEqualTo("independently");
        assertThat(ownButtons(otherReader, id)).extracting(WebElement::getText)
                .as("another reader gets Reply and votes, no Edit or Delete").containsExactly("Reply", "\u25B2 0", "\u25BC 0");
        assertThat(ownButtons(reader, id)).extracting(WebElement::getText).contains("Edit", "Delete");

        int withIt = headingCount(reader);
        ownButton(reader, id, "Delete").click();
        Alert confirm = waiting(reader, "the delete confirmation dialog").until(ExpectedConditions.alertIsPresent());
        assertThat(confirm.getText()).isEqualTo("Delete this comment?");
        reader.switchTo().alert().accept();
        waiting(reader, "the deleted comment to leave the page").until(d -> d.findElements(byIdSelector(id)).isEmpty());
        waiting(reader, "the heading to count one comment fewer").until(d -> headingCount(d) == withIt - 1);
        assertThat(reader.findElements(By.cssSelector(".parley-gone"))).as("no placeholder for a comment without replies").isEmpty();
        waiting(otherReader, "the deleted comment to leave the second reader's window").until(d -> d.findElements(byIdSelector(id)).isEmpty());
    }

    @Test
    @Order(5)
    void aThreadWithMoreThanTwentyTopLevelCommentsShowsTwentyAndLoadsTheRestOnRequest() {
        String token = newGuest().get("token").asText();
        for (int i = 1; i <= 25; i++) {
            postThroughTheApi(token, "Queue comment number " + i + " about the river towns.", "Queue Reader");
        }
        List<String> all = topLevelIdsFromTheApi();
        assertThat(all.size()).as("the thread now has more than one page of top-level comments").isGreaterThan(20);

        openDemo(reader);
        WebElement loadMore = reader.findElement(By.xpath("//button[normalize-space()='Load more comments']"));
        assertThat(topLevelIds(reader)).as("the first page of top-level comments").containsExactlyElementsOf(all.subList(0, 20));
        assertThat(loadMore.isDisplayed()).as("a Load more button under the first page").isTrue();

        loadMore.click();
        waiting(reader, "all " + all.size() + " top-level comments after Load more").until(d -> topLevelIds(d).size() >= all.size());
        assertThat(topLevelIds(reader)).as("every top-level comment once, in order").containsExactlyElementsOf(all);
        waiting(reader, "the Load more button to disappear").until(d -> !loadMore.isDisplayed());
    }

    @Test
    @Order(6)
    void aCommentArrivingLiveAboveTheViewportDoesNotMoveWhatTheReaderIsLookingAt() {
        Dimension size = reader.manage().window().getSize();
        reader.manage().window().setSize(new Dimension(1000, 700));
        try {
            openDemo(reader);
            // Chromium anchors scrolling itself (CSS overflow-anchor), which alone would keep the text still.
            // First as Chromium readers get it (the widget must not add to the browser's correction), then
            // with the browser's anchoring off, as in browsers without it, where only the widget keeps it.
            arriveLiveAboveTheViewport("Live Reader", "Breaking: the SDF says al-Baghuz is next.");
            js(reader, "document.documentElement.style.overflowAnchor = document.body.style.overflowAnchor = 'none'");
            arriveLiveAboveTheViewport("Second Live Reader", "Correction: the SDF says al-Baghuz is last.");
        } finally {
            reader.manage().window().setSize(size);
        }
    }

    /** Scrolls to the bottom of the thread, posts a top-level comment as another guest, checks it arrived unobtrusively. */
    static void arriveLiveAboveTheViewport(String name, String body) {
        List<WebElement> tops = reader.findElements(By.cssSelector(TOP_LEVEL));
        WebElement watched = tops.getLast();
        js(reader, "window.scrollTo(0, document.documentElement.scrollHeight)");
        double before = top(reader, watched);
        double viewport = ((Number) js(reader, "return window.innerHeight")).doubleValue();
        assertThat(before).as("the watched comment is on screen").isBetween(0.0, viewport - 1);
        assertThat(bottom(reader, tops.getFirst())).as("the top of the list is above the viewport").isNegative();

        String id = postThroughTheApi(newGuest().get("token").asText(), body, name).get("id").asText();

        waiting(reader, "the live comment by " + name + " in the page, marked new").until(d -> Boolean.TRUE.equals(js(d, """
                const a = document.querySelector('article[data-comment-id="' + arguments[0] + '"]');
                return !!a && a.classList.contains('parley-new');""", id)));
        assertThat(top(reader, watched)).as("the comment being read stays where it was (px from the viewport top)")
                .isCloseTo(before, Offset.offset(2.0));
        WebElement arrived = byId(reader, id);
        assertThat(reader.findElements(By.cssSelector(TOP_LEVEL)).getFirst()).as("a new top-level comment goes first").isEqualTo(arrived);
        assertThat(bottom(reader, arrived)).as("it arrived above the viewport").isNegative();

        WebElement sr = reader.findElement(By.cssSelector(".parley-sr"));
        assertThat(sr.getAttribute("aria-live")).isEqualTo("polite");
        waiting(reader, "the live region to announce the comment by " + name).until(d ->
                ("New comment by " + name).equals(d.findElement(By.cssSelector(".parley-sr")).getAttribute("textContent")));
    }

    // ---- the page --------------------------------------------------------------------------------

    static String demoUrl() {
        return "http://localhost:" + parley.port() + "/demo";
    }

    static void openDemo(WebDriver driver) {
        driver.get(demoUrl());
        awaitThread(driver);
    }

    /** Waits until the widget has rendered the thread: comments listed and the heading counting them. */
    static void awaitThread(WebDriver driver) {
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

    static WebElement sortSelect(WebDriver driver) {
        return driver.findElement(By.cssSelector("label.parley-sort select"));
    }

    static void sortBy(WebDriver driver, String label) {
        new Select(sortSelect(driver)).selectByVisibleText(label);
    }

    static By byIdSelector(String id) {
        return By.cssSelector("article.parley-comment[data-comment-id='" + id + "']");
    }

    static WebElement byId(WebDriver driver, String id) {
        return driver.findElement(byIdSelector(id));
    }

    /** The buttons of the comment itself, not of its replies. */
    static List<WebElement> ownButtons(WebDriver driver, String id) {
        return byId(driver, id).findElements(By.cssSelector(":scope > div > .parley-actions > button"));
    }

    static WebElement ownButton(WebDriver driver, String id, String text) {
        return ownButtons(driver, id).stream().filter(b -> b.getText().equals(text)).findFirst()
                .orElseThrow(() -> new AssertionError("comment " + id + " has no '" + text + "' button"));
    }

    static List<WebElement> voteButtons(WebDriver driver, String id) {
        return byId(driver, id).findElements(By.cssSelector(":scope > div > .parley-actions > button.parley-vote"));
    }

    static WebElement upvote(WebDriver driver, String id) {
        return voteButtons(driver, id).getFirst();
    }

    static int voteCount(WebDriver driver, String id) {
        return Integer.parseInt(upvote(driver, id).findElement(By.tagName("span")).getText());
    }

    static void assertVote(WebDriver driver, String id, boolean pressed, int votes) {
        WebElement up = upvote(driver, id);
        assertThat(up.getText()).as("the upvote button's visible count").isEqualTo("\u25B2 " + votes);
        assertThat(up.getAttribute("aria-pressed")).as("upvote pressed").isEqualTo(String.valueOf(pressed));
        assertThat(up.getAttribute("aria-label")).isEqualTo("Upvote, " + votes + (votes == 1 ? " vote" : " votes"));
        assertThat(up.isEnabled()).isTrue();
    }

    static void assertOwnVoteButtonsDisabled(WebDriver driver, String id) {
        List<WebElement> votes = voteButtons(driver, id);
        assertThat(votes).as("an up and a down vote button on one's own comment").hasSize(2);
        assertThat(votes).as("vote buttons on one's own comment are disabled").noneMatch(WebElement::isEnabled);
        assertThat(votes).extracting(b -> b.getAttribute("title")).containsOnly("You cannot vote on your own comment");
    }

    static String labelOf(WebDriver driver, WebElement field) {
        return (String) js(driver, "return arguments[0].labels[0].firstChild.textContent", field);
    }

    static String guestIdIn(WebDriver driver) {
        String stored = (String) js(driver, "return localStorage.getItem('parley.guest')");
        assertThat(stored).as("the reader's browser holds a guest").isNotNull();
        try {
            return JSON.readTree(stored).get("id").asText();
        } catch (java.io.IOException e) {
            throw new AssertionError("stored guest is not JSON: " + stored, e);
        }
    }

    /** Posts through the top comment form and returns the new comment's id once it is on the page. */
    static String postTopLevelThroughTheForm(WebDriver driver, String name, String markdown) {
        WebElement form = driver.findElement(By.xpath("//form[.//button[normalize-space()='Post comment']]"));
        WebElement nameField = form.findElement(By.cssSelector("input"));
        nameField.clear();
        nameField.sendKeys(name);
        form.findElement(By.tagName("textarea")).sendKeys(markdown);
        form.findElement(By.xpath(".//button[@type='submit']")).click();
        String text = markdown.replaceAll("[*_]", "");
        return waiting(driver, "the posted comment '" + text + "' on the page").until(d -> commentIdWithText(d, text));
    }

    /** Top-level comments in page order, each as its demo ref ("c1") or null when it is not a demo comment. */
    static List<String> topLevelRefs(WebDriver driver) {
        @SuppressWarnings("unchecked")
        List<String> bodies = (List<String>) js(driver, """
                return [...document.querySelectorAll(arguments[0])]
                  .map(a => a.querySelector(':scope > div > .parley-body')?.textContent ?? '');""", TOP_LEVEL);
        return bodies.stream().map(body -> newsroom.comments().stream()
                .filter(c -> body.startsWith(excerpt(c))).map(DemoComment::ref).findFirst().orElse(null)).toList();
    }

    static List<String> topLevelIds(WebDriver driver) {
        return driver.findElements(By.cssSelector(TOP_LEVEL)).stream().map(a -> a.getAttribute("data-comment-id")).toList();
    }

    static String demoCommentId(WebDriver driver, String ref) {
        DemoComment demo = newsroom.comments().stream().filter(c -> c.ref().equals(ref)).findFirst().orElseThrow();
        return Objects.requireNonNull(commentIdWithText(driver, excerpt(demo)), "demo comment " + ref + " on the page");
    }

    /** The first words of a demo comment as the page shows them (Markdown emphasis marks gone). */
    static String excerpt(DemoComment demo) {
        return demo.body().split("\n")[0].replaceAll("[*_]", "").substring(0, 30);
    }

    /** The id of the comment whose own body (not a reply's) starts with {@code text}, or null. */
    static String commentIdWithText(WebDriver driver, String text) {
        return (String) js(driver, """
                const a = [...document.querySelectorAll('article.parley-comment')]
                  .find(a => (a.querySelector(':scope > div > .parley-body')?.textContent ?? '').startsWith(arguments[0]));
                return a ? a.dataset.commentId : null;""", text);
    }

    static double top(WebDriver driver, WebElement element) {
        return ((Number) js(driver, "return arguments[0].getBoundingClientRect().top", element)).doubleValue();
    }

    static double bottom(WebDriver driver, WebElement element) {
        return ((Number) js(driver, "return arguments[0].getBoundingClientRect().bottom", element)).doubleValue();
    }

    // ---- the API ---------------------------------------------------------------------------------

    static JsonNode newGuest() {
        Http.Reply reply = http.post("/api/v1/sites/" + SITE + "/guests", "{}");
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        return reply.json();
    }

    static JsonNode postThroughTheApi(String token, String body, String name) {
        ObjectNode comment = JSON.createObjectNode()
                .put("page", newsroom.page().key())
                .put("body", body)
                .put("name", name);
        Http.Reply reply = http.post("/api/v1/sites/" + SITE + "/comments", comment.toString(), "Authorization", "Bearer " + token);
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        return reply.json();
    }

    /** Every top-level comment's id in the widget's default order (best), page by page as the widget reads them. */
    static List<String> topLevelIdsFromTheApi() {
        List<String> ids = new ArrayList<>();
        Function<String, String> enc = s -> URLEncoder.encode(s, StandardCharsets.UTF_8);
        String after = null;
        do {
            Http.Reply reply = http.get("/api/v1/sites/" + SITE + "/thread?page=" + enc.apply(newsroom.page().key())
                    + "&sort=best&limit=20" + (after == null ? "" : "&after=" + enc.apply(after)));
            assertThat(reply.status()).as(reply.text()).isEqualTo(200);
            JsonNode page = reply.json();
            page.get("comments").forEach(c -> ids.add(c.get("id").asText()));
            after = page.path("next").isTextual() ? page.get("next").asText() : null;
        } while (after != null);
        assertThat(new HashSet<>(ids)).as("no comment twice across pages").hasSameSizeAs(ids);
        return ids;
    }
}
