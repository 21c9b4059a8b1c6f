package org.parley.comments;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.sites.ImageRules;
import org.parley.sites.NewSite;
import org.parley.sites.SiteId;
import org.parley.testing.Http;
import org.parley.testing.RunningParley;
import org.parley.web.ConfigKey;

/**
 * The longest comment a site accepts is never refused for the size of its request, however a client
 * encodes it, even when the server's image uploads are small (so no large upload limit hides a small one).
 */
class LongCommentRoutesTest {

    @TempDir
    static Path dir;
    static RunningParley parley;
    static Http http;

    @BeforeAll
    static void start() {
        parley = RunningParley.start(dir, Clock.systemUTC(), false, Map.of(ConfigKey.MEDIA_MAX_UPLOAD_BYTES, "65536"));
        http = parley.http();
        parley.parley().sites().save(new NewSite(new SiteId("longform"), "Longform", Set.of(), NewSite.DEFAULT_EDIT_WINDOW,
                NewSite.MAX_COMMENT_LENGTH_LIMIT, ImageRules.defaults()));
    }

    @AfterAll
    static void stop() {
        parley.close();
    }

    /** {@code count} emoji, each written as two JSON escapes: twelve bytes a character, the most JSON takes. */
    static String escapedEmoji(int count) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            int codePoint = 0x1F600 + i % 0x50;
            out.append(String.format("\\u%04x\\u%04x", (int) Character.highSurrogate(codePoint), (int) Character.lowSurrogate(codePoint)));
        }
        return out.toString();
    }

    @Test
    void theLongestCommentASiteAcceptsIsPostedAndEditedEvenFullyEscaped() {
        String token = parley.guestToken("longform");
        String longest = escapedEmoji(NewSite.MAX_COMMENT_LENGTH_LIMIT);
        assertThat(longest.length()).as("twelve bytes a character").isEqualTo(12 * NewSite.MAX_COMMENT_LENGTH_LIMIT);

        Http.Reply posted = http.post("/api/v1/sites/longform/comments", "{\"page\":\"essay\",\"body\":\"" + longest + "\"}",
                "Authorization", "Bearer " + token);
        assertThat(posted.status()).as(posted.text().substring(0, Math.min(300, posted.text().length()))).isEqualTo(201);
        String id = posted.json().get("id").asText();
        Http.Reply edited = http.send("PATCH", "/api/v1/sites/longform/comments/" + id,
                ("{\"body\":\"" + escapedEmoji(NewSite.MAX_COMMENT_LENGTH_LIMIT - 1) + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "Authorization", "Bearer " + token, "Content-Type", "application/json");
        assertThat(edited.status()).as(edited.text().substring(0, Math.min(300, edited.text().length()))).isEqualTo(200);

        Http.Reply tooLong = http.post("/api/v1/sites/longform/comments", "{\"page\":\"essay\",\"body\":\"" + longest + "x\"}",
                "Authorization", "Bearer " + token);
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.json().get("type").asText()).isEqualTo("urn:parley:problem:comment-too-long");
    }
}
