package org.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;
import org.parley.logins.OidcProvider;
import org.parley.sites.NewSite;
import org.parley.sites.Site;
import org.parley.sites.SiteId;
import org.parley.testing.Browsers;
import org.parley.testing.RunningParley;
import org.parley.testing.WidgetPage;

/**
 * A reader signs in with an OpenID provider from the widget, in real headless Chromium against a real provider
 * (mock-oauth2-server): the account panel opens the provider in a popup, the provider sends the reader back to Parley,
 * and Parley's page hands the session to the article, which shows the reader signed in under the provider's name.
 */
@Tag("browser")
class OidcBrowserTest {

    private static final SiteId DEMO = new SiteId("demo");

    @TempDir
    Path dir;
    RunningParley parley;
    MockOAuth2Server provider;
    ChromeDriver reader;
    WidgetPage page;

    @BeforeEach
    void start() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort(); // the redirect URI is built from the public URL, so the port must be known first
        }
        parley = RunningParley.start(dir, Clock.systemUTC(), true, Map.of(ConfigKey.SERVER_PORT, Integer.toString(port),
                ConfigKey.SERVER_PUBLIC_URL, "http://localhost:" + port));
        Site demo = parley.parley().sites().find(DEMO).orElseThrow();
        Set<String> origins = new LinkedHashSet<>(demo.origins());
        origins.add("http://localhost:" + port);
        parley.parley().sites().save(new NewSite(DEMO, demo.name(), origins, demo.editWindow(), demo.maxCommentLength(), demo.images()));
        provider = new MockOAuth2Server();
        provider.start();
        URI issuer = URI.create(provider.issuerUrl("newsroom-idp").toString().replaceAll("/+$", ""));
        parley.parley().logins().addOidcProvider(DEMO, new OidcProvider("newsroom", "Newsroom ID", issuer, "parley-demo", "a-client-secret", null));
        provider.enqueueCallback(new DefaultOAuth2TokenCallback("newsroom-idp", "grace-1", "JWT", null,
                Map.of("name", "Grace Hopper", "email", "grace@readers.example", "email_verified", true), 3600));
        reader = Browsers.open();
        page = new WidgetPage(reader);
    }

    @AfterEach
    void stop() {
        if (reader != null) {
            reader.quit();
        }
        provider.shutdown();
        parley.close();
    }

    @Test
    void aReaderSignsInWithTheProviderInAPopupAndTheArticleShowsThemSignedIn() {
        String article = reader.getWindowHandle();
        reader.get("http://localhost:" + parley.port() + "/demo");
        page.awaitThread();
        page.accountButton("Sign in").click();
        page.panelButton("Sign in with Newsroom ID").click();

        page.waiting("the article to show the reader signed in under the provider's name")
                .until(d -> {
                    d.switchTo().window(article);
                    return !page.accountButtons("Grace Hopper").isEmpty();
                });
        assertThat(page.sessionAccountId()).startsWith("a_");
        page.waiting("the popup to close itself").until(d -> d.getWindowHandles().size() == 1);
    }
}
