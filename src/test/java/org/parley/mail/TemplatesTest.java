package org.parley.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplatesTest {

    @TempDir
    Path dir;

    @Test
    void valuesAreEscapedInTheHtmlPartOnlyAndTheSubjectStaysOneLine() {
        Templates templates = new Templates(Optional.empty());
        Map<String, String> values = new HashMap<>(Emails.reply("ada@example.org", "x").values());
        values.put("replierName", "<img src=x onerror=alert(1)>\r\nBcc: victim@example.org");
        values.put("replyExcerpt", "'quoted' & \"double\"");

        Templates.Rendered rendered = templates.render(new OutgoingMail(new EmailAddress("ada@example.org"),
                MailTemplate.REPLY_NOTIFICATION, values), Optional.of("https://c.example/u?token=t"));

        assertThat(rendered.subject()).doesNotContain("\r", "\n").startsWith("<img src=x onerror=alert(1)> Bcc:");
        assertThat(rendered.text()).contains("<img src=x onerror=alert(1)>", "'quoted' & \"double\"", "https://c.example/u?token=t");
        assertThat(rendered.html()).contains("&lt;img src=x onerror=alert(1)&gt;", "&#39;quoted&#39; &amp; &quot;double&quot;")
                .doesNotContain("<img");
    }

    @Test
    void aFileInTheTemplatesDirectoryReplacesTheShippedOneOfTheSameName() throws IOException {
        Files.writeString(dir.resolve("sign-in-link.subject"), "Sign in to {{ siteName }}, please\n");

        Templates.Rendered rendered = new Templates(Optional.of(dir)).render(Emails.signIn("ada@example.org"), Optional.empty());

        assertThat(rendered.subject()).isEqualTo("Sign in to The Courier, please");
        assertThat(rendered.text()).as("the shipped text").contains("https://comments.news.example/sign-in?code=abc", "15 minutes");
    }

    @Test
    void anUnknownPlaceholderFailsAtLoadNamingTheFileTheLineAndThePlaceholder() throws IOException {
        Files.writeString(dir.resolve("reply-notification.html"), "<p>Hello</p>\n<p>{{readerNmae}}</p>\n");

        assertThatThrownBy(() -> new Templates(Optional.of(dir)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reply-notification.html, line 2").hasMessageContaining("{{readerNmae}}")
                .hasMessageContaining("readerName");
    }

    @Test
    void aBrokenPlaceholderOrAnUnsubscribeLinkInASignInEmailFailsAtLoad() throws IOException {
        Files.writeString(dir.resolve("comment-rejected.txt"), "Hello {{readerName}, bye");
        assertThatThrownBy(() -> new Templates(Optional.of(dir))).hasMessageContaining("comment-rejected.txt, line 1")
                .hasMessageContaining("must open a placeholder");

        Files.delete(dir.resolve("comment-rejected.txt"));
        Files.writeString(dir.resolve("sign-in-link.txt"), "Stop: {{unsubscribeUrl}}");
        assertThatThrownBy(() -> new Templates(Optional.of(dir))).hasMessageContaining("unknown placeholder {{unsubscribeUrl}}");

        Files.delete(dir.resolve("sign-in-link.txt"));
        Files.writeString(dir.resolve("sign-in-link.subject"), "Two\nlines");
        assertThatThrownBy(() -> new Templates(Optional.of(dir))).hasMessageContaining("a subject is one line");
    }

    @Test
    void aLinkValueMustBeAWebUrl() {
        Map<String, String> values = new HashMap<>(Emails.signIn("ada@example.org").values());
        values.put("signInUrl", "javascript:alert(1)");
        OutgoingMail mail = new OutgoingMail(new EmailAddress("ada@example.org"), MailTemplate.SIGN_IN_LINK, values);

        assertThatThrownBy(() -> new Templates(Optional.empty()).render(mail, Optional.empty()))
                .hasMessageContaining("{{signInUrl}}").hasMessageContaining("http");
    }

    @Test
    void anEmailMustGiveExactlyItsTemplatesValues() {
        assertThatThrownBy(() -> new OutgoingMail(new EmailAddress("ada@example.org"), MailTemplate.SIGN_IN_LINK,
                Map.of("siteName", "The Courier", "signInUrl", "https://x.example/s", "validMinutes", "15", "extra", "x")))
                .hasMessageContaining("unknown [extra]");
        assertThatThrownBy(() -> new OutgoingMail(new EmailAddress("ada@example.org"), MailTemplate.SIGN_IN_LINK,
                Map.of("siteName", "The Courier")))
                .hasMessageContaining("missing [signInUrl, validMinutes]");
    }
}
