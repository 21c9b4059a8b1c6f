package org.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.parley.demo.DemoNewsroom;
import org.parley.testing.Browsers;
import org.parley.testing.RunningParley;

/**
 * The demo article in real headless Chromium: a reader sees the demo thread with its reply structure,
 * posts a reply as a guest, and a second reader sees it arrive live, without reloading.
 */
@Tag("browser")
class DemoBrowserTest {

    @TempDir
    static Path dir;
    static RunningParley parley;
    static WebDriver reader;
    static WebDriver otherReader;
    static DemoNewsroom newsroom = DemoNewsroom.load();

    @BeforeAll
    static void start() {
        parley = RunningParley.start(dir, Clock.systemUTC(), true, Map.of());
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
        parley.close();
    }

    static String demoUrl() {
        return "http://localhost:" + parley.port() + "/demo";
    }

    static WebDriverWait waiting(WebDriver driver, String what) {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(10));
        wait.withMessage(what);
        return wait;
    }

    static String body(String ref) {
        String text = newsroom.comments().stream().filter(c -> c.ref().equals(ref)).findFirst().orElseThrow().body();
        return text.split("\n")[0].replaceAll("[*_]", "").substring(0, 30);
    }

    /** The comment article whose own text (not its replies') starts with {@code text}. */
    static WebElement comment(WebDriver driver, String text) {
        return (WebElement) ((JavascriptExecutor) driver).executeScript("""
                return [...document.querySelectorAll('article[data-comment-id]')]
                  .find(a => a.querySelector(':scope > div .parley-body')?.textContent.includes(arguments[0]));""", text);
    }

    static long depth(WebDriver driver, WebElement article) {
        return (Long) ((JavascriptExecutor) driver).executeScript("""
                let d = 0, e = arguments[0].parentElement;
                while (e) { if (e.matches('article[data-comment-id]')) d++; e = e.parentElement; }
                return d;""", article);
    }

    @Test
    void readersSeeTheThreadWithRepliesNestedAndAReplyArrivesLiveInASecondWindow() {
        reader.get(demoUrl());
        otherReader.get(demoUrl());
        for (WebDriver driver : List.of(reader, otherReader)) {
            waiting(driver, "the demo thread's comments").until(d ->
                    d.findElements(By.cssSelector("article[data-comment-id]")).size() == newsroom.comments().size());
        }
        assertThat(reader.findElement(By.cssSelector("h1")).getText()).isEqualTo(newsroom.page().title());
        assertThat(reader.findElement(By.cssSelector(".parley-title")).getText()).isEqualTo("10 comments");

        WebElement flameStart = comment(reader, body("c3"));
        WebElement insult = comment(reader, body("c4"));
        WebElement retort = comment(reader, body("c5"));
        assertThat(depth(reader, flameStart)).isZero();
        assertThat(depth(reader, insult)).isEqualTo(1);
        assertThat(depth(reader, retort)).as("replies two levels deep").isEqualTo(2);
        assertThat((Boolean) ((JavascriptExecutor) reader).executeScript("return arguments[0].contains(arguments[1])", flameStart, retort))
                .as("replies are nested inside the article they answer").isTrue();
        assertThat(reader.findElements(By.cssSelector(".parley-guest"))).extracting(WebElement::getText).containsExactly("Guest");

        ((JavascriptExecutor) otherReader).executeScript("window.parleyTestMarker = 'not reloaded'");

        WebElement target = comment(reader, body("c10"));
        target.findElement(By.xpath("./div//button[normalize-space()='Reply']")).click();
        WebElement form = waiting(reader, "the reply form").until(d -> target.findElement(By.cssSelector("form.parley-form")));
        assertThat(reader.switchTo().activeElement()).as("focus moves into the reply box").isEqualTo(form.findElement(By.tagName("textarea")));
        form.findElement(By.tagName("input")).sendKeys("Selenium Reader");
        form.findElement(By.tagName("textarea")).sendKeys("Agreed: name the confirmations, or say there are none.");
        form.findElement(By.xpath(".//button[@type='submit']")).click();

        String replyText = "Agreed: name the confirmations";
        waiting(reader, "the posted reply in the writer's window").until(d -> comment(d, replyText) != null);
        WebElement mine = comment(reader, replyText);
        assertThat(depth(reader, mine)).isEqualTo(1);
        assertThat(mine.findElement(By.cssSelector(".parley-author")).getText()).isEqualTo("Selenium Reader");

        waiting(otherReader, "the reply arriving live in the second window").until(d -> comment(d, replyText) != null);
        WebElement arrived = comment(otherReader, replyText);
        WebElement parentThere = comment(otherReader, body("c10"));
        assertThat((Boolean) ((JavascriptExecutor) otherReader).executeScript("return arguments[0].contains(arguments[1])", parentThere, arrived))
                .as("the live reply lands under the comment it answers").isTrue();
        assertThat(otherReader.findElement(By.cssSelector(".parley-title")).getText()).isEqualTo("11 comments");
        assertThat(((JavascriptExecutor) otherReader).executeScript("return window.parleyTestMarker")).isEqualTo("not reloaded");
    }
}
