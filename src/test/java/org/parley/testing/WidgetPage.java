package org.parley.testing;

import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The widget on a page in a real browser, as the reader's account tests drive it: the thread, the account button and panel. */
public final class WidgetPage {

    private final WebDriver driver;

    public WidgetPage(WebDriver driver) {
        this.driver = driver;
    }

    /** Waits until the widget has rendered a thread with at least one comment. */
    public void awaitThread() {
        waiting("the widget to render the thread").until(d -> Boolean.TRUE.equals(js("""
                const list = document.querySelector('.parley-list');
                return !!list && !list.hasAttribute('aria-busy') && !!list.querySelector('article.parley-comment');""")));
    }

    /** The account area's buttons reading {@code text} ("Sign in", or the signed-in reader's name). */
    public List<WebElement> accountButtons(String text) {
        return driver.findElements(By.xpath("//div[contains(@class,'parley-account')]/button[normalize-space()='" + text + "']"));
    }

    public WebElement accountButton(String text) {
        return waiting("the account button '" + text + "'").until(d -> accountButtons(text).stream().findFirst().orElse(null));
    }

    /** A visible button of the open account panel. */
    public WebElement panelButton(String text) {
        return waiting("the panel's button '" + text + "'").until(d -> d.findElements(
                By.xpath("//div[contains(@class,'parley-account')]//section//button[normalize-space()='" + text + "']"))
                .stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    /** The account id of the session the widget keeps, or null. */
    public String sessionAccountId() {
        return (String) js("const s = localStorage.getItem('parley.session'); return s && JSON.parse(s).id");
    }

    public Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    /** A wait of 15 s whose failure also says what the account area shows (a refusal's detail appears there). */
    public WebDriverWait waiting(String what) {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15), Duration.ofMillis(50));
        wait.withMessage(() -> "waiting for " + what + "; the account area shows: " + js(
                "const a = document.querySelector('.parley-account'); return a ? a.innerText : '(none)'"));
        return wait;
    }
}
