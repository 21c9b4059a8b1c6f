package org.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.parley.logins.LoginSettings;
import org.parley.sites.SiteId;
import org.parley.testing.Browsers;
import org.parley.testing.RunningParley;

/**
 * The newsroom's login in a real browser: an article page on the newsroom's own origin (another port, so another
 * origin than Parley's) renders the widget with a JWT its server signed; the reader comments under their account's
 * name with its badge, without typing a name, and is signed out of the widget when the newsroom's page says no one
 * is signed in any more.
 */
class SsoBrowserTest {

    static final String SECRET = "the-courier-signs-reader-tokens-with-this-secret";

    @TempDir
    Path dir;
    RunningParley parley;
    HttpServer newsroom;
    WebDriver reader;
    /** The token the newsroom's page hands the widget: empty when no one is signed in at the newsroom. */
    final AtomicReference<String> signedInAtNewsroom = new AtomicReference<>("");

    @BeforeEach
    void start() throws IOException {
        parley = RunningParley.start(dir, Clock.systemUTC(), false, Map.of());
        newsroom = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String origin = "http://127.0.0.1:" + newsroom.getAddress().getPort();
        parley.site("courier", origin);
        parley.parley().logins().save(new SiteId("courier"), new LoginSettings(Optional.of(SECRET), Optional.empty(), Optional.empty(),
                "courier", Optional.of(URI.create(origin + "/login")), false, false));
        newsroom.createContext("/article", exchange -> {
            byte[] page = ("""
                    <!doctype html><html lang="en"><head><meta charset="utf-8"><title>River report</title></head><body>
                    <h1>River report</h1>
                    <div id="parley" data-site="courier" data-page="river" data-sso-token="%s"></div>
                    <script src="http://localhost:%d/widget/parley.js" async></script>
                    </body></html>""").formatted(signedInAtNewsroom.get(), parley.port()).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        newsroom.start();
        reader = Browsers.open();
    }

    @AfterEach
    void stop() {
        if (reader != null) {
            reader.quit();
        }
        newsroom.stop(0);
        parley.close();
    }

    static String token(String subject, String name, List<String> roles) throws JOSEException {
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder().subject(subject).claim("name", name)
                .claim("roles", roles).audience("courier").issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(10))))
                .build());
        jwt.sign(new MACSigner(SECRET));
        return jwt.serialize();
    }

    String article() {
        return "http://127.0.0.1:" + newsroom.getAddress().getPort() + "/article";
    }

    WebDriverWait waiting(String what) {
        WebDriverWait wait = new WebDriverWait(reader, Duration.ofSeconds(10), Duration.ofMillis(50));
        wait.withMessage("waiting for " + what);
        return wait;
    }

    @Test
    void aReaderSignedInAtTheNewsroomCommentsUnderTheirAccountAndIsSignedOutWithIt() throws JOSEException {
        signedInAtNewsroom.set(token("reader-77", "Jane Reporter", List.of("staff")));
        reader.get(article());
        waiting("the comment form to say whom the reader comments as").until(d -> d.findElements(By.cssSelector(".parley-form b")).stream()
                .anyMatch(b -> b.getText().equals("Jane Reporter")));
        assertThat(reader.findElements(By.cssSelector(".parley-form input[autocomplete=nickname]"))).as("no name to type").isEmpty();

        reader.findElement(By.cssSelector(".parley-form textarea")).sendKeys("The water level figures come from the gauge upstream.");
        reader.findElement(By.cssSelector(".parley-form button[type=submit]")).click();
        waiting("the comment to show its author and badge").until(d -> d.findElements(By.cssSelector("article.parley-comment")).stream()
                .anyMatch(c -> c.getText().contains("Jane Reporter") && c.getText().contains("Staff")
                        && c.getText().contains("gauge upstream")));
        String stored = parley.http().get("/api/v1/sites/courier/thread?page=river").json().get("comments").get(0).get("author").toString();
        assertThat(stored).contains("\"name\":\"Jane Reporter\"", "\"staff\"").startsWith("{\"id\":\"a_");

        signedInAtNewsroom.set("");
        reader.get(article());
        waiting("the name field of a guest again").until(d -> !d.findElements(By.cssSelector(".parley-form input[autocomplete=nickname]")).isEmpty());
        assertThat(reader.findElements(By.cssSelector(".parley-form b"))).isEmpty();
    }
}
