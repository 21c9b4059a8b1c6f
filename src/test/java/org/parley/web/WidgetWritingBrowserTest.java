package org.parley.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.web.WidgetBrowserTest.byId;
import static org.parley.web.WidgetBrowserTest.byIdSelector;
import static org.parley.web.WidgetBrowserTest.demoCommentId;
import static org.parley.web.WidgetBrowserTest.js;
import static org.parley.web.WidgetBrowserTest.labelOf;
import static org.parley.web.WidgetBrowserTest.ownButton;
import static org.parley.web.WidgetBrowserTest.ownButtons;
import static org.parley.web.WidgetBrowserTest.waiting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.parley.comments.CommentId;
import org.parley.comments.PageKey;
import org.parley.demo.DemoNewsroom;
import org.parley.moderation.ModeratorAction;
import org.parley.moderation.Premoderation;
import org.parley.sites.SiteId;
import org.parley.staff.NewStaffUser;
import org.parley.staff.Role;
import org.parley.staff.StaffUser;
import org.parley.testing.Browsers;
import org.parley.testing.Http;
import org.parley.testing.RunningParley;

/**
 * Writing in the widget, in real headless Chromium against a real server with the demo newsroom: drafts
 * survive Escape and a reload until they are sent or discarded on purpose; an author edits and deletes
 * their own comment while it waits for a moderator; a suspended or banned reader meets the notice, with
 * its end date, where the comment form would be, and a reader barred while writing keeps the draft.
 *
 * <p>One server, one browser; the tests run in order and each switches the browser to the guest it needs.
 */
@Tag("browser")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WidgetWritingBrowserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SiteId DEMO = new SiteId("demo");
    private static final String POST_FORM = "//form[.//button[normalize-space()='Post comment']]";
    /** The one date format the widget uses, computed in the browser for the browser's locale. */
    private static final String FORMAT = "return new Intl.DateTimeFormat(undefined, {dateStyle: 'medium', timeStyle: 'short'})"
            + ".format(new Date(arguments[0]))";

    @TempDir
    static Path dir;
    static RunningParley parley;
    static Http http;
    static WebDriver reader;
    static StaffUser admin;
    static final DemoNewsroom newsroom = DemoNewsroom.load();

    @BeforeAll
    static void start() {
        parley = RunningParley.start(dir, Clock.systemUTC(), true, Map.of());
        http = parley.http();
        admin = parley.parley().staff().createUser(new NewStaffUser("ed", Role.ADMIN, List.of()), "a long enough password");
        reader = Browsers.open();
    }

    @AfterAll
    static void stop() {
        if (reader != null) {
            reader.quit();
        }
        if (parley != null) {
            parley.close();
        }
    }

    // ---- the flows -------------------------------------------------------------------------------

    @Test
    @Order(1)
    void escapeKeepsAReplyDraftThroughAReloadUntilTheReaderDiscardsIt() {
        openDemo();
        String target = demoCommentId(reader, "c10");
        String draft = "Half a thought about the dam figures";

        ownButton(reader, target, "Reply").click();
        WebElement box = replyBox(target);
        box.sendKeys(draft);
        new Actions(reader).sendKeys(Keys.ESCAPE).perform();
        waiting(reader, "the reply form to collapse after Escape").until(d -> replyForms(target).isEmpty());
        assertThat(reader.switchTo().activeElement()).as("focus back on Reply").isEqualTo(ownButton(reader, target, "Reply"));

        ownButton(reader, target, "Reply").click();
        assertThat(replyBox(target).getAttribute("value")).as("the draft is there when the form opens again").isEqualTo(draft);
        assertThat(reader.switchTo().activeElement()).isEqualTo(replyBox(target));

        WebElement top = reader.findElement(By.xpath(POST_FORM)).findElement(By.tagName("textarea"));
        top.sendKeys("A comment I am still writing");
        reader.navigate().refresh();
        awaitThread();
        assertThat(reader.findElement(By.xpath(POST_FORM)).findElement(By.tagName("textarea")).getAttribute("value"))
                .as("the top-level draft survives a reload").isEqualTo("A comment I am still writing");
        ownButton(reader, target, "Reply").click();
        assertThat(replyBox(target).getAttribute("value")).as("and so does the reply draft").isEqualTo(draft);

        replyForms(target).getFirst().findElement(By.xpath(".//button[normalize-space()='Discard']")).click();
        var confirm = waiting(reader, "the discard confirmation").until(ExpectedConditions.alertIsPresent());
        assertThat(confirm.getText()).isEqualTo("Discard this draft?");
        confirm.accept();
        waiting(reader, "the reply form to close after Discard").until(d -> replyForms(target).isEmpty());
        ownButton(reader, target, "Reply").click();
        assertThat(replyBox(target).getAttribute("value")).as("a discarded draft is gone").isEmpty();
        reader.navigate().refresh();
        awaitThread();
        ownButton(reader, target, "Reply").click();
        assertThat(replyBox(target).getAttribute("value")).as("also after a reload").isEmpty();
        new Actions(reader).sendKeys(Keys.ESCAPE).perform();

        reader.findElement(By.xpath(POST_FORM)).findElement(By.xpath(".//button[normalize-space()='Discard']")).click();
        waiting(reader, "the discard confirmation of the top-level draft").until(ExpectedConditions.alertIsPresent()).accept();
        assertThat(reader.findElement(By.xpath(POST_FORM)).findElement(By.tagName("textarea")).getAttribute("value")).isEmpty();
    }

    @Test
    @Order(2)
    void anAuthorEditsAndDeletesTheirOwnCommentWhileItWaitsForAModerator() {
        PageKey page = new PageKey(newsroom.page().key());
        parley.parley().moderation().changePage(admin, DEMO, page, Optional.of(Premoderation.ALL), true, "held for the test");
        try {
            openDemo();
            String id = WidgetBrowserTest.postTopLevelThroughTheForm(reader, "Mira Okonkwo", "My held comment about the river");
            assertThat(byId(reader, id).findElement(By.cssSelector(".parley-pending")).getText()).isEqualTo("Awaiting moderation");
            assertThat(ownButtons(reader, id)).extracting(WebElement::getText).contains("Edit", "Delete").doesNotContain("Reply");

            ownButton(reader, id, "Edit").click();
            WebElement form = waiting(reader, "the edit form of the held comment").until(d ->
                    byId(d, id).findElements(By.cssSelector("form.parley-form")).stream().findFirst().orElse(null));
            WebElement box = form.findElement(By.tagName("textarea"));
            assertThat(labelOf(reader, box)).isEqualTo("Edit your comment");
            assertThat(box.getAttribute("value")).isEqualTo("My held comment about the river");
            box.clear();
            box.sendKeys("My held comment about the river, reworded");
            form.findElement(By.xpath(".//button[@type='submit']")).click();
            waiting(reader, "the reworded held comment").until(d -> Boolean.TRUE.equals(js(d, """
                    const a = document.querySelector('article[data-comment-id="' + arguments[0] + '"]');
                    return !!a && (a.querySelector(':scope > div > .parley-body')?.textContent ?? '').endsWith('reworded');""", id)));
            WebElement held = byId(reader, id);
            assertThat(held.findElement(By.cssSelector(".parley-pending")).getText()).isEqualTo("Awaiting moderation");
            assertThat(held.findElements(By.cssSelector("[role=alert]"))).allSatisfy(alert -> assertThat(alert.getText()).isEmpty());

            ownButton(reader, id, "Delete").click();
            waiting(reader, "the delete confirmation").until(ExpectedConditions.alertIsPresent()).accept();
            waiting(reader, "the held comment to leave the page").until(d -> d.findElements(byIdSelector(id)).isEmpty());
            String token = guestIn().get("token").asText();
            assertThat(http.get("/api/v1/sites/demo/comments/" + id, "Authorization", "Bearer " + token).status())
                    .as("the server deleted it").isEqualTo(404);
        } finally {
            parley.parley().moderation().changePage(admin, DEMO, page, Optional.empty(), true, "test over");
        }
    }

    @Test
    @Order(3)
    void aSuspendedReaderSeesTheNoticeWithItsEndDateInPlaceOfTheFormAndNoReplyButtons() {
        JsonNode guest = newGuest();
        String comment = postThroughTheApi(guest.get("token").asText(), "Before the suspension.");
        parley.parley().moderation().act(admin, new ModeratorAction.Suspend(new CommentId(comment), Duration.ofDays(7),
                "Please cool off for a week."));
        String until = http.get("/api/v1/sites/demo/notices", "Authorization", "Bearer " + guest.get("token").asText())
                .json().at("/notices/0/until").asText();

        becomeGuest(guest);

        String expected = "You can comment again after " + js(reader, FORMAT, until) + ". The moderators' message: Please cool off for a week.";
        assertThat(reader.findElement(By.cssSelector(".parley-barred")).getText()).isEqualTo(expected);
        assertThat(reader.findElements(By.xpath(POST_FORM))).as("no comment form to write in").isEmpty();
        assertThat(reader.findElements(By.xpath("//article//button[normalize-space()='Reply']"))).as("no Reply buttons").isEmpty();
        WebElement time = reader.findElement(By.cssSelector(".parley-meta time"));
        assertThat(time.getAttribute("title")).as("comment times use the same format")
                .isEqualTo(js(reader, FORMAT, time.getAttribute("datetime")));
    }

    @Test
    @Order(4)
    void aBannedReaderSeesTheNoticeAndAReaderBannedWhileWritingKeepsTheDraft() {
        JsonNode guest = newGuest();
        String comment = postThroughTheApi(guest.get("token").asText(), "Before the ban.");
        becomeGuest(guest);
        WebElement box = reader.findElement(By.xpath(POST_FORM)).findElement(By.tagName("textarea"));
        box.sendKeys("Something I will not get to post");

        parley.parley().moderation().act(admin, new ModeratorAction.Ban(new CommentId(comment), "Repeated abuse of other readers."));
        reader.findElement(By.xpath(POST_FORM)).findElement(By.xpath(".//button[@type='submit']")).click();

        String expected = "You can no longer comment here. The moderators' message: Repeated abuse of other readers.";
        waiting(reader, "the ban notice in place of the form").until(d ->
                d.findElements(By.cssSelector(".parley-barred")).stream().anyMatch(p -> p.getText().equals(expected)));
        assertThat(reader.findElements(By.xpath(POST_FORM))).isEmpty();
        waiting(reader, "the Reply buttons to go").until(d -> d.findElements(By.xpath("//article//button[normalize-space()='Reply']")).isEmpty());
        assertThat(js(reader, "return Object.keys(sessionStorage).filter(k => k.startsWith('parley.draft|'))"
                + ".map(k => sessionStorage.getItem(k))")).asInstanceOf(InstanceOfAssertFactories.list(String.class))
                .as("the draft is kept").contains("Something I will not get to post");

        reader.navigate().refresh();
        awaitThread();
        assertThat(reader.findElement(By.cssSelector(".parley-barred")).getText()).isEqualTo(expected);
        assertThat(reader.findElements(By.xpath(POST_FORM))).as("the form stays away after a reload").isEmpty();
    }

    @Test
    @Order(5)
    void aReaderSuspendedInAnotherSectionStillFindsTheFormOnThisArticle() {
        assertThat(newsroom.page().section()).as("the demo article's section").isNotEqualTo("sport");
        parley.parley().comments().upsertPage(DEMO, new PageKey("cup-final"), new org.parley.comments.PageMeta(Optional.of("Cup final"),
                Optional.empty(), Optional.empty(), Optional.of("sport"), Optional.empty(), Optional.of(true), java.util.Set.of()));
        StaffUser sportDesk = parley.parley().staff().createUser(new NewStaffUser("sam", Role.MODERATOR,
                List.of(org.parley.staff.Scope.parse("demo:sport"))), "a long enough password");
        JsonNode guest = newGuest();
        String token = guest.get("token").asText();
        Http.Reply posted = http.post("/api/v1/sites/demo/comments", "{\"page\":\"cup-final\",\"body\":\"The referee was bought.\"}",
                "Authorization", "Bearer " + token);
        assertThat(posted.status()).as(posted.text()).isEqualTo(201);
        parley.parley().moderation().act(sportDesk, new ModeratorAction.Suspend(new CommentId(posted.json().get("id").asText()),
                Duration.ofDays(1), "A day away from the sport pages."));
        assertThat(http.get("/api/v1/sites/demo/notices", "Authorization", "Bearer " + token).json().at("/notices/0/section").asText())
                .isEqualTo("sport");

        becomeGuest(guest);

        assertThat(reader.findElements(By.cssSelector(".parley-barred"))).as("no notice in place of the form here").isEmpty();
        assertThat(reader.findElements(By.xpath(POST_FORM))).as("the comment form of this article").hasSize(1);
    }

    // ---- helpers ---------------------------------------------------------------------------------

    static void openDemo() {
        reader.get("http://localhost:" + parley.port() + "/demo");
        awaitThread();
    }

    static void awaitThread() {
        WidgetBrowserTest.awaitThread(reader);
    }

    /** Switches the browser to {@code guest} (as if it had created it) and reloads the demo article. */
    static void becomeGuest(JsonNode guest) {
        openDemo();
        js(reader, "localStorage.setItem('parley.guest', arguments[0])",
                JSON.createObjectNode().put("id", guest.get("id").asText()).put("token", guest.get("token").asText()).toString());
        openDemo();
    }

    static JsonNode guestIn() {
        try {
            return JSON.readTree((String) js(reader, "return localStorage.getItem('parley.guest')"));
        } catch (java.io.IOException e) {
            throw new AssertionError("the browser holds no guest", e);
        }
    }

    static List<WebElement> replyForms(String id) {
        return byId(reader, id).findElements(By.cssSelector(":scope > form.parley-form"));
    }

    static WebElement replyBox(String id) {
        return waiting(reader, "the reply form of " + id).until(d -> replyForms(id).stream().findFirst().orElse(null))
                .findElement(By.tagName("textarea"));
    }

    static JsonNode newGuest() {
        Http.Reply reply = http.post("/api/v1/sites/demo/guests", "{}");
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        return reply.json();
    }

    static String postThroughTheApi(String token, String body) {
        String json = JSON.createObjectNode().put("page", newsroom.page().key()).put("body", body).put("name", "Restless Reader").toString();
        Http.Reply reply = http.post("/api/v1/sites/demo/comments", json, "Authorization", "Bearer " + token);
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        return reply.json().get("id").asText();
    }
}
