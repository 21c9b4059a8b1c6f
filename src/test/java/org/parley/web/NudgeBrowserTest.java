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
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.parley.moderation.NudgeStats;
import org.parley.sites.SiteId;
import org.parley.staff.NewStaffUser;
import org.parley.staff.Role;
import org.parley.staff.StaffUser;
import org.parley.testing.Browsers;
import org.parley.testing.RunningParley;

/**
 * The pre-submit nudge in Chromium: a writer about to post something abusive sees "This may come
 * across as abusive" with the words that drove it, and either edits or posts anyway; moderators see how
 * writers answered.
 */
@Tag("browser")
class NudgeBrowserTest {

    static final String RUDE = "You are a stupid idiot and a moron.";

    @TempDir
    static Path dir;
    static RunningParley parley;
    static WebDriver browser;
    static StaffUser admin;

    @BeforeAll
    static void start() {
        parley = RunningParley.start(dir, Clock.systemUTC(), true, Map.of());
        browser = Browsers.open();
        admin = parley.parley().staff().createUser(new NewStaffUser("ed", Role.ADMIN, List.of()), "a long enough password");
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        parley.close();
    }

    static WebDriverWait waiting(String what) {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        wait.withMessage(what);
        return wait;
    }

    static WebElement topForm() {
        browser.get("http://localhost:" + parley.port() + "/demo");
        return waiting("the comment form").until(d -> d.findElement(By.cssSelector("#parley form.parley-form")));
    }

    static NudgeStats stats() {
        return parley.parley().moderation().nudgeStats(admin, new SiteId("demo"));
    }

    @Test
    void aWriterWhoPostsAnywayIsCountedAndTheCommentAppears() {
        int before = stats().postedAnyway();
        WebElement form = topForm();
        form.findElement(By.tagName("textarea")).sendKeys(RUDE);
        form.findElement(By.xpath(".//button[@type='submit']")).click();

        WebElement nudge = waiting("the nudge").until(d -> {
            WebElement box = form.findElement(By.cssSelector(".parley-nudge"));
            return box.isDisplayed() ? box : null;
        });
        assertThat(nudge.getText()).contains("This may come across as abusive");
        assertThat(nudge.findElements(By.tagName("mark"))).isNotEmpty()
                .allSatisfy(mark -> assertThat(RUDE).contains(mark.getText()));
        assertThat(browser.findElements(By.xpath("//article[contains(., 'stupid idiot')]"))).as("not posted yet").isEmpty();

        nudge.findElement(By.xpath(".//button[normalize-space()='Post anyway']")).click();
        waiting("the comment after posting anyway").until(d -> !d.findElements(By.xpath("//article[contains(., 'stupid idiot')]")).isEmpty());
        waiting("the recorded outcome").until(d -> stats().postedAnyway() == before + 1);
    }

    @Test
    void aWriterWhoEditsAfterTheNudgeIsCountedAsEditing() {
        int before = stats().edited();
        WebElement form = topForm();
        WebElement text = form.findElement(By.tagName("textarea"));
        text.sendKeys(RUDE);
        form.findElement(By.xpath(".//button[@type='submit']")).click();
        waiting("the nudge").until(d -> form.findElement(By.cssSelector(".parley-nudge")).isDisplayed());

        text.clear();
        text.sendKeys("I disagree strongly with how this report uses its sources.");
        form.findElement(By.xpath(".//button[@type='submit']")).click();

        waiting("the edited comment").until(d -> !d.findElements(By.xpath("//article[contains(., 'disagree strongly')]")).isEmpty());
        waiting("the recorded outcome").until(d -> stats().edited() == before + 1);
        assertThat(form.findElement(By.cssSelector(".parley-nudge")).isDisplayed()).isFalse();
    }
}
