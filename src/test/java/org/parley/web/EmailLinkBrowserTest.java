package org.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMultipart;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.parley.logins.LoginSettings;
import org.parley.sites.NewSite;
import org.parley.sites.Site;
import org.parley.sites.SiteId;
import org.parley.testing.Browsers;
import org.parley.testing.RunningParley;
import org.parley.testing.TestSmtp;
import org.parley.testing.WidgetPage;

/**
 * A reader signs in with a link sent by email, in real headless Chromium against a real SMTP server: they ask in the
 * account panel, open the link from the email, are signed in on the article with the token gone from the address bar,
 * bring the comment they wrote as a guest to their account, turn reply emails on, and delete their account.
 */
@Tag("browser")
class EmailLinkBrowserTest {

    private static final SiteId DEMO = new SiteId("demo");
    private static final String POST_FORM = "//form[.//button[normalize-space()='Post comment']]";

    @TempDir
    Path dir;
    TestSmtp smtp;
    RunningParley parley;
    ChromeDriver reader;
    WidgetPage page;

    @BeforeEach
    void start() {
        smtp = TestSmtp.started();
        parley = RunningParley.start(dir, Clock.systemUTC(), true, smtp.parleyConfig("comments@courier.example"));
        // The demo lists the origins of its configured port (0 here); the article page is on the port bound.
        Site demo = parley.parley().sites().find(DEMO).orElseThrow();
        Set<String> origins = new LinkedHashSet<>(demo.origins());
        origins.add("http://localhost:" + parley.port());
        parley.parley().sites().save(new NewSite(DEMO, demo.name(), origins, demo.editWindow(), demo.maxCommentLength(), demo.images()));
        parley.parley().logins().save(DEMO, new LoginSettings(Optional.empty(), Optional.empty(), Optional.empty(), "demo",
                Optional.<URI>empty(), true, false));
        reader = Browsers.open();
        page = new WidgetPage(reader);
    }

    @AfterEach
    void stop() {
        if (reader != null) {
            reader.quit();
        }
        parley.close();
        smtp.close();
    }

    void comment(String text) {
        reader.findElement(By.xpath(POST_FORM)).findElement(By.tagName("textarea")).sendKeys(text);
        reader.findElement(By.xpath(POST_FORM)).findElement(By.xpath(".//button[@type='submit']")).click();
        page.waiting("the comment '" + text + "'").until(d -> d.findElements(By.cssSelector("article.parley-comment")).stream()
                .anyMatch(a -> a.getText().contains(text)));
    }

    WebElement commentBy(String text) {
        return reader.findElements(By.cssSelector("article.parley-comment")).stream().filter(a -> a.getText().contains(text))
                .findFirst().orElseThrow();
    }

    @Test
    void aReaderSignsInWithAnEmailedLinkKeepsTheirGuestCommentTurnsOnReplyEmailsAndLeaves() throws Exception {
        String article = "http://localhost:" + parley.port() + "/demo";
        reader.get(article);
        page.awaitThread();
        comment("Written before signing in.");

        page.accountButton("Sign in").click();
        page.waiting("the email field").until(d -> d.findElement(By.cssSelector(".parley-account input[type=email]"))).sendKeys("ada@mail.example");
        page.panelButton("Email me a sign-in link").click();
        page.waiting("the panel to say the link is on its way").until(d -> d.findElement(By.cssSelector(".parley-account"))
                .getText().contains("Check your inbox"));

        String text = (String) ((MimeMultipart) smtp.awaitReceived(1).getFirst().getContent()).getBodyPart(0).getContent();
        Matcher link = Pattern.compile(Pattern.quote(article) + "#parley-link=[A-Za-z0-9_-]+").matcher(text);
        assertThat(link.find()).as(text).isTrue();
        reader.get(link.group());
        page.awaitThread();
        page.waiting("the reader signed in").until(d -> page.sessionAccountId() != null);
        assertThat(reader.getCurrentUrl()).as("the token leaves the address bar").doesNotContain("parley-link");

        page.accountButtons("Reader").stream().findFirst().orElseGet(() -> reader.findElement(By.cssSelector(".parley-account > button"))).click();
        page.panelButton("Add my guest comments from this browser").click();
        page.waiting("the guest comment to move").until(d -> d.findElement(By.cssSelector(".parley-account")).getText()
                .contains("1 comment added to your account."));
        WebElement replies = page.waiting("the reply emails box").until(d -> d.findElements(By.xpath(
                "//label[contains(.,'Email me when someone replies')]/input")).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
        replies.click();
        page.waiting("the setting saved").until(d -> d.findElement(By.cssSelector(".parley-account")).getText().contains("Saved."));
        String token = (String) page.js("return JSON.parse(localStorage.getItem('parley.session')).token");
        assertThat(parley.http().get("/api/v1/sites/demo/me/notifications", "Authorization", "Bearer " + token).json()
                .get("replies").asBoolean()).isTrue();
        String accountId = page.sessionAccountId();
        assertThat(parley.http().get("/api/v1/sites/demo/comments/" + commentBy("Written before signing in.").getAttribute("data-comment-id"))
                .json().get("author").get("id").asText()).isEqualTo(accountId);

        page.panelButton("Delete my account").click();
        reader.switchTo().alert().accept();
        reader.switchTo().alert().accept(); // keep the comments, signed "Deleted user"
        page.awaitThread();
        page.accountButton("Sign in");
        page.waiting("the kept comment signed 'Deleted user'").until(d -> commentBy("Written before signing in.")
                .findElement(By.cssSelector(".parley-author")).getText().equals("Deleted user"));
        assertThat(parley.http().get("/api/v1/sites/demo/me", "Authorization", "Bearer " + token).status()).isEqualTo(401);
    }
}
