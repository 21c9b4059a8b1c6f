package org.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.virtualauthenticator.Credential;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;
import org.parley.logins.LoginSettings;
import org.parley.sites.NewSite;
import org.parley.sites.Site;
import org.parley.sites.SiteId;
import org.parley.testing.Browsers;
import org.parley.testing.RunningParley;
import org.parley.testing.WidgetPage;

/**
 * A reader on the demo article page makes an account with a passkey, in real headless Chromium with its DevTools
 * virtual authenticator (a platform authenticator that keeps discoverable credentials and verifies the user):
 * they write under the name they chose, sign out, sign in again with the passkey alone and find themselves the
 * same account, their comment still theirs; asked to add a passkey on that device, the panel says it holds one.
 * The page is http://localhost, a secure context, so the RP ID is {@code localhost}.
 */
@Tag("browser")
class PasskeyBrowserTest {

    private static final SiteId DEMO = new SiteId("demo");
    private static final String POST_FORM = "//form[.//button[normalize-space()='Post comment']]";
    private static final String NAME = "Ada Passkey";

    @TempDir
    Path dir;
    RunningParley parley;
    ChromeDriver reader;
    VirtualAuthenticator authenticator;
    WidgetPage page;

    @BeforeEach
    void start() {
        parley = RunningParley.start(dir, Clock.systemUTC(), true, Map.of());
        // The demo lists the origins of its configured port (0 here); the article page is on the port bound.
        Site demo = parley.parley().sites().find(DEMO).orElseThrow();
        Set<String> origins = new LinkedHashSet<>(demo.origins());
        origins.add("http://localhost:" + parley.port());
        parley.parley().sites().save(new NewSite(DEMO, demo.name(), origins, demo.editWindow(), demo.maxCommentLength(), demo.images()));
        parley.parley().logins().save(DEMO, new LoginSettings(Optional.empty(), Optional.empty(), Optional.empty(), "demo",
                Optional.<URI>empty(), false, true));
        reader = Browsers.open();
        page = new WidgetPage(reader);
        authenticator = reader.addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                .setHasResidentKey(true)
                .setHasUserVerification(true)
                .setIsUserVerified(true)
                .setIsUserConsenting(true));
    }

    @AfterEach
    void stop() {
        if (reader != null) {
            reader.quit();
        }
        if (parley != null) {
            parley.close();
        }
    }

    @Test
    void aReaderCreatesAnAccountWithAPasskeyWritesUnderItsNameSignsOutAndSignsInAgainAsTheSameAccount() {
        reader.get("http://localhost:" + parley.port() + "/demo");
        page.awaitThread();
        page.accountButton("Sign in").click();
        WebElement name = page.waiting("the account panel's name field").until(d -> d.findElement(By.cssSelector(".parley-account input")));
        name.sendKeys(NAME);
        page.panelButton("Create an account with a passkey").click();
        page.awaitThread();
        page.waiting("the widget to show the reader signed in by name").until(d -> !page.accountButtons(NAME).isEmpty());
        String accountId = page.sessionAccountId();
        assertThat(accountId).startsWith("a_");
        List<Credential> credentials = authenticator.getCredentials();
        assertThat(credentials).hasSize(1);
        assertThat(credentials.getFirst().isResidentCredential()).as("a discoverable passkey: signing in needs no name").isTrue();
        assertThat(credentials.getFirst().getRpId()).isEqualTo("localhost");

        reader.findElement(By.xpath(POST_FORM)).findElement(By.tagName("textarea")).sendKeys("Written after signing in with a passkey.");
        reader.findElement(By.xpath(POST_FORM)).findElement(By.xpath(".//button[@type='submit']")).click();
        WebElement comment = page.waiting("my comment, shown under my account's name").until(d -> d.findElements(By.cssSelector("article.parley-comment"))
                .stream().filter(a -> a.getText().contains("Written after signing in with a passkey.")).findFirst().orElse(null));
        assertThat(comment.findElement(By.cssSelector(".parley-author")).getText()).isEqualTo(NAME);

        page.accountButton(NAME).click();
        page.waiting("the panel naming who is signed in").until(d -> d.findElement(By.cssSelector(".parley-account")).getText()
                .contains("Signed in as " + NAME));
        page.panelButton("Sign out").click();
        page.awaitThread();
        page.accountButton("Sign in");
        assertThat(page.js("return localStorage.getItem('parley.session')")).as("the session is forgotten").isNull();

        page.accountButton("Sign in").click();
        page.panelButton("Sign in with a passkey").click();
        page.awaitThread();
        page.waiting("the widget to show the reader signed in again").until(d -> !page.accountButtons(NAME).isEmpty());
        assertThat(page.sessionAccountId()).as("the passkey signs in to the same account").isEqualTo(accountId);
        WebElement mine = page.waiting("my comment again").until(d -> d.findElements(By.cssSelector("article.parley-comment"))
                .stream().filter(a -> a.getText().contains("Written after signing in with a passkey.")).findFirst().orElse(null));
        assertThat(mine.findElements(By.xpath(".//button[normalize-space()='Edit']"))).as("the comment is still mine to edit").hasSize(1);
        assertThat(authenticator.getCredentials().getFirst().getSignCount()).as("the authenticator signed twice").isPositive();

        // Adding a passkey from a device that holds the account's already: the options exclude it, and the panel says so.
        page.accountButton(NAME).click();
        page.panelButton("Add a passkey").click();
        page.waiting("the panel to say this device has a passkey already").until(d -> d.findElement(By.cssSelector(".parley-account"))
                .getText().contains("This device already holds a passkey for your account."));
        assertThat(authenticator.getCredentials()).hasSize(1);
    }
}
