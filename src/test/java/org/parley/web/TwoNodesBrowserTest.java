package org.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.parley.demo.DemoNewsroom;
import org.parley.store.StoreConfig;
import org.parley.testing.Browsers;
import org.parley.testing.Http;
import org.parley.testing.RunningParley;
import org.parley.testing.TestDatabases;

/** A reader whose widget is served by node B sees, live, a reply that another reader posted through node A. */
@Tag("browser")
class TwoNodesBrowserTest {

    @TempDir
    static Path dir;
    static StoreConfig pg;
    static RunningParley a;
    static RunningParley b;
    static WebDriver reader;

    @BeforeAll
    static void start() {
        pg = TestDatabases.postgres(dir);
        Map<ConfigKey, String> shared = Map.of(ConfigKey.DB_URL, pg.url(), ConfigKey.DB_USER, pg.user());
        a = RunningParley.start(dir.resolve("a"), Clock.systemUTC(), true, shared);
        b = RunningParley.start(dir.resolve("b"), Clock.systemUTC(), true, shared);
        reader = Browsers.open();
    }

    @AfterAll
    static void stop() {
        if (reader != null) {
            reader.quit();
        }
        for (RunningParley node : new RunningParley[] {b, a}) {
            if (node != null) {
                node.close();
            }
        }
        TestDatabases.dropPostgres(pg);
    }

    @Test
    void aReplyPostedOnNodeAAppearsLiveForAReaderOnNodeB() throws Exception {
        reader.get("http://localhost:" + b.port() + "/demo");
        waiting("the demo thread, served by node B").until(d -> !d.findElements(By.cssSelector(".parley-list > article.parley-comment")).isEmpty());
        String page = DemoNewsroom.load().page().key();
        Http onA = a.http();
        String parent = onA.get("/api/v1/sites/demo/thread?page=" + page + "&sort=oldest").json().at("/comments/0/id").asText();

        String token = a.guestToken("demo");
        var reply = onA.post("/api/v1/sites/demo/comments", new ObjectMapper().createObjectNode()
                .put("page", page).put("parentId", parent).put("name", "Reader on A")
                .put("body", "Posted through node A, read through node B.").toString(), "Authorization", "Bearer " + token);
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        String id = reply.json().get("id").asText();

        String arrived = waiting("the reply posted on node A, live in the widget node B serves").until(d ->
                d.findElements(By.cssSelector("article[data-comment-id='" + id + "']")).stream().findFirst()
                        .map(article -> article.getText()).orElse(null));
        assertThat(arrived).contains("Posted through node A, read through node B.").contains("Reader on A");
        assertThat(reader.findElement(By.cssSelector("article[data-comment-id='" + parent + "'] article[data-comment-id='" + id + "']")))
                .as("shown under the comment it answers").isNotNull();
    }

    static WebDriverWait waiting(String what) {
        WebDriverWait wait = new WebDriverWait(reader, Duration.ofSeconds(10), Duration.ofMillis(50));
        wait.withMessage("waiting for " + what);
        return wait;
    }
}
