package org.parley.comments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommentRendererTest {

    private final CommentRenderer renderer = new CommentRenderer();

    private String html(String markdown) {
        return renderer.render(new Markdown(markdown)).html();
    }

    @Test
    void paragraphsAndEmphasisBecomeHtml() {
        assertThat(html("First *point*.\n\nSecond **point**."))
                .isEqualTo("<p>First <em>point</em>.</p>\n<p>Second <strong>point</strong>.</p>");
    }

    @Test
    void singleLineBreaksAreKeptAsReadersTypedThem() {
        assertThat(html("I have told you twice.\nNow thrice.")).isEqualTo("<p>I have told you twice.<br />\nNow thrice.</p>");
    }

    @Test
    void rawHtmlIsShownAsTextNotMarkup() {
        String out = html("<b>bold?</b> <script>alert(1)</script> <img src=x onerror=alert(1)>");
        assertThat(out).doesNotContain("<script", "<b>", "<img").contains("&lt;script&gt;", "&lt;b&gt;");
    }

    @Test
    void linksGetTheFullSetOfRelTokens() {
        String out = html("See [the report](https://example.org/report) and https://example.com/raw");
        Matcher rel = Pattern.compile("rel=\"([^\"]*)\"").matcher(out);
        int links = 0;
        while (rel.find()) {
            links++;
            assertThat(Arrays.asList(rel.group(1).split(" "))).containsExactlyInAnyOrder("nofollow", "ugc", "noopener", "noreferrer");
        }
        assertThat(links).isEqualTo(2);
        assertThat(out).contains("href=\"https://example.org/report\"", "href=\"https://example.com/raw\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](data:text/html;base64,PHNjcmlwdD4=)",
        "[click](vbscript:msgbox)",
        "<javascript:alert(1)>",
    })
    void dangerousLinkTargetsAreDropped(String markdown) {
        String out = html(markdown).toLowerCase();
        assertThat(out).doesNotContainPattern("href=\"(javascript|data|vbscript)").doesNotContain("href=\"\"");
    }

    @Test
    void imagesBecomeLinksSoNothingIsHotlinked() {
        String out = html("![a chart](https://example.org/chart.png)");
        assertThat(out).doesNotContain("<img").contains("<a href=\"https://example.org/chart.png\"").contains(">a chart</a>");
    }

    @Test
    void headingsDoNotOutshoutTheArticle() {
        assertThat(html("# HUGE")).isEqualTo("<p><strong>HUGE</strong></p>");
    }

    @Test
    void quotesListsCodeAndStrikethroughSurvive() {
        String out = html("> quoted\n\n- one\n- two\n\n`code` ~~gone~~");
        assertThat(out).contains("<blockquote>", "<ul>", "<li>one</li>", "<code>code</code>", "<del>gone</del>");
    }

    @Test
    void attributesSmuggledThroughMarkdownAreRemoved() {
        String out = html("[x](https://example.org \"title\" onclick=alert(1))");
        assertThat(out).doesNotContainPattern("<[^>]*onclick").doesNotContainPattern("<[^>]*title=");
    }

    @Test
    void theTextReadersSeeHasNoMarkupAndItsCharacterReferencesDecoded() {
        java.util.function.Function<String, String> seen = markdown -> renderer.render(new Markdown(markdown)).text().strip();
        assertThat(seen.apply("you zork&#98;ad")).isEqualTo("you zorkbad");
        assertThat(seen.apply("you &#x7a;orkbad")).isEqualTo("you zorkbad");
        assertThat(seen.apply("**zork**bad")).isEqualTo("zorkbad");
        assertThat(seen.apply("zork*bad*")).isEqualTo("zorkbad");
        assertThat(seen.apply("[zork](http://a.example)bad")).isEqualTo("zorkbad");
        assertThat(seen.apply("Tom & Jerry <3 \"quotes\" don't")).isEqualTo("Tom & Jerry <3 \"quotes\" don't");
        assertThat(seen.apply("one\n\ntwo")).isEqualTo("one\n\n\ntwo");
        assertThat(seen.apply("- a\n- b")).contains("a", "b").doesNotContain("<");
    }
}
