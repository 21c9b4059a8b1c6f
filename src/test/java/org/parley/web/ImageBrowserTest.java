package org.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
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
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.parley.comments.CommentId;
import org.parley.comments.ModerationChange;
import org.parley.media.ImageId;
import org.parley.testing.Browsers;
import org.parley.testing.RunningParley;
import org.parley.testing.TestPictures;

/**
 * Images in the widget, in Chromium: the demo's image comment shows its chart, and a reader attaches a
 * picture to a reply (picked from disk, previewed, described) that a second reader sees arrive live, and leave
 * again when a moderator removes it.
 */
@Tag("browser")
class ImageBrowserTest {

    @TempDir
    static Path dir;
    static RunningParley parley;
    static WebDriver writer;
    static WebDriver reader;

    @BeforeAll
    static void start() {
        parley = RunningParley.start(dir, Clock.systemUTC(), true, Map.of());
        writer = Browsers.open();
        reader = Browsers.open();
    }

    @AfterAll
    static void stop() {
        for (WebDriver browser : new WebDriver[] {writer, reader}) {
            if (browser != null) {
                browser.quit();
            }
        }
        parley.close();
    }

    static WebDriverWait waiting(WebDriver browser, String what) {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        wait.withMessage(what);
        return wait;
    }

    static void openDemo(WebDriver browser) {
        browser.get("http://localhost:" + parley.port() + "/demo");
        waiting(browser, "the demo thread").until(d -> d.findElements(By.cssSelector("article.parley-comment")).size() >= 10);
    }

    static WebElement post(WebElement form, String text) {
        form.findElement(By.tagName("textarea")).sendKeys(text);
        form.findElement(By.xpath(".//button[@type='submit']")).click();
        return waiting(writer, "the comment '" + text + "'").until(d -> d.findElements(By.xpath("//article[contains(., '" + text + "')]"))
                .stream().findFirst().orElse(null));
    }

    @Test
    void theDemoImageCommentShowsItsChartWithAltTextAndReservedSpace() {
        openDemo(reader);
        WebElement image = reader.findElement(By.cssSelector("article.parley-comment .parley-images img"));
        assertThat(image.getAttribute("alt")).startsWith("Bar chart of ISIS-held area");
        assertThat(image.getAttribute("loading")).isEqualTo("lazy");
        assertThat(Integer.parseInt(image.getAttribute("width"))).isPositive();
        assertThat(Integer.parseInt(image.getAttribute("height"))).isPositive();
        assertThat(image.findElement(By.xpath("./ancestor::a")).getAttribute("href")).endsWith("/display");
        assertThat(reader.findElement(By.cssSelector(".parley-list")).getText().lines())
                .as("comments without images show nothing in their place").doesNotContain("null", "undefined");
    }

    @Test
    void aReplyWithAnImageArrivesLiveInASecondReadersWindowAndLosesItLiveWhenAModeratorRemovesIt() throws IOException {
        Path picture = Files.write(dir.resolve("street.png"), TestPictures.png(640, 480, 7));
        openDemo(writer);
        openDemo(reader);
        // A commenter's first comment makes them known: their images then appear without a moderator's look.
        post(writer.findElement(By.cssSelector("#parley > div > form.parley-form")), "Thanks for the chart, very clear.");

        WebElement parent = writer.findElements(By.cssSelector("article.parley-comment")).get(1);
        String parentId = parent.getAttribute("data-comment-id");
        parent.findElement(By.xpath("./div//button[normalize-space()='Reply']")).click();
        WebElement form = waiting(writer, "the reply form").until(d -> parent.findElement(By.cssSelector("form.parley-form")));
        form.findElement(By.cssSelector("input[type=file]")).sendKeys(picture.toString());
        WebElement preview = waiting(writer, "the preview of the stored image").until(d -> form.findElements(By.cssSelector(".parley-picked img"))
                .stream().findFirst().orElse(null));
        String thumb = preview.getAttribute("src");
        assertThat(thumb).contains("/media/").endsWith("/thumb");
        form.findElement(By.xpath(".//label[contains(., 'Describe the image')]/input")).sendKeys("A flooded street at dusk");
        post(form, "Here is the street outside my window.");

        WebElement arrived = waiting(reader, "the reply with its image in the second window").until(d -> d.findElements(
                By.xpath("//article[@data-comment-id='" + parentId + "']//article[contains(., 'street outside my window')]"))
                .stream().findFirst().orElse(null));
        WebElement image = arrived.findElement(By.cssSelector(".parley-images img"));
        assertThat(image.getAttribute("alt")).isEqualTo("A flooded street at dusk");
        assertThat(image.getAttribute("width")).isEqualTo("560");
        assertThat(image.getAttribute("height")).isEqualTo("420");
        assertThat(image.getAttribute("src")).isEqualTo(thumb.replace("/thumb", "/display"));

        // Its only image removed by a moderator, the reply stays in the open window, text and all, without the image.
        String imageId = image.getAttribute("src").replaceFirst(".*/media/([^/]+)/display$", "$1");
        parley.parley().comments().moderate(new CommentId(arrived.getAttribute("data-comment-id")), new ModerationChange.RemoveImage(new ImageId(imageId)));
        waiting(reader, "the removed image to leave the reply in the second window")
                .until(d -> arrived.findElements(By.cssSelector(".parley-images img")).isEmpty());
        assertThat(arrived.getText()).contains("Here is the street outside my window.");
    }

    @Test
    void aPastedImageIsPreviewedAndTheControlsWorkFromTheKeyboard() {
        openDemo(writer);
        WebElement form = writer.findElement(By.cssSelector("#parley > div > form.parley-form"));
        WebElement text = form.findElement(By.tagName("textarea"));
        String png = java.util.Base64.getEncoder().encodeToString(TestPictures.png(300, 200, 11));
        ((org.openqa.selenium.JavascriptExecutor) writer).executeScript("""
                const bytes = Uint8Array.from(atob(arguments[1]), c => c.charCodeAt(0));
                const data = new DataTransfer();
                data.items.add(new File([bytes], 'pasted.png', {type: 'image/png'}));
                arguments[0].dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}));
                """, text, png);

        WebElement preview = waiting(writer, "the pasted image's preview").until(d -> form.findElements(By.cssSelector(".parley-picked li"))
                .stream().findFirst().orElse(null));
        assertThat(preview.findElement(By.tagName("img")).getAttribute("src")).endsWith("/thumb");

        // Tab order: the text, the image's description, its remove button, then the picker for another image.
        text.click();
        WebElement description = preview.findElement(By.xpath(".//label[contains(., 'Describe the image')]/input"));
        WebElement remove = preview.findElement(By.xpath(".//button[normalize-space()='Remove image']"));
        for (WebElement expected : List.of(description, remove, form.findElement(By.cssSelector("input[type=file]")))) {
            new org.openqa.selenium.interactions.Actions(writer).sendKeys(org.openqa.selenium.Keys.TAB).perform();
            assertThat(writer.switchTo().activeElement()).isEqualTo(expected);
        }
        remove.sendKeys(org.openqa.selenium.Keys.ENTER);
        waiting(writer, "the image to be removed").until(d -> form.findElements(By.cssSelector(".parley-picked li")).isEmpty());
        assertThat(writer.switchTo().activeElement()).as("focus returns to the text").isEqualTo(text);
    }
}
