package org.parley.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.Http;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 10's burst: sixteen 40-megapixel PNGs uploaded at once to a server with the README's 256 MiB heap,
 * run in a child JVM so that its heap is really that small. Each upload is within the default limits and
 * compresses to about 311 KB (16-bit RGBA, 320 MB of raw samples). Before the memory budget, some failed
 * with OutOfMemoryError (500), others got no answer within 20 seconds, and thread reads stalled as long.
 */
class UploadBurstTest {

    private static final Logger LOG = LoggerFactory.getLogger(UploadBurstTest.class);
    private static final int UPLOADS = 16;
    private static final Duration PROMPT = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    @Test
    void sixteenSimultaneousFortyMegapixelUploadsAreStoredOrRefusedWith503AndReadsStayPrompt() throws Exception {
        // The file (8000 × 5000) and a square of the same pixel count, which decodes at more pixels.
        byte[] wide = TestImages.rawPng(8000, 5000, 16, 6, false);
        byte[] square = TestImages.rawPng(6324, 6324, 16, 6, false);
        List<byte[]> pictures = new ArrayList<>();
        for (int i = 0; i < UPLOADS; i++) {
            pictures.add(i % 2 == 0 ? wide : square);
        }
        try (HeapLimitedParley server = HeapLimitedParley.start(dir, "-Xmx256m")) {
            UploadBurst.Result burst = UploadBurst.run(server.http(), pictures);

            LOG.info("answers {}, {} reads, slowest {} ms", burst.answers().stream().map(Http.Reply::status).toList(),
                    burst.reads(), burst.slowestRead().toMillis());
            assertThat(server.log()).as("the server's log").doesNotContain("OutOfMemoryError");
            for (Http.Reply answer : burst.answers()) {
                assertThat(answer.status()).as(answer.text()).isIn(201, 503);
                if (answer.status() == 503) {
                    assertThat(answer.contentType()).startsWith("application/problem+json");
                    assertThat(answer.json().get("type").asText()).isEqualTo("urn:parley:problem:uploads-busy");
                    assertThat(answer.header("Retry-After")).as("Retry-After").hasValueSatisfying(
                            seconds -> assertThat(Integer.parseInt(seconds)).isPositive());
                }
            }
            assertThat(burst.count(201)).as("uploads taken in").isPositive();
            assertThat(burst.reads()).as("thread reads during the burst").isPositive();
            assertThat(burst.slowestRead()).as("the slowest thread read during the burst").isLessThan(PROMPT);
            String token = server.http().post(UploadBurst.SITE + "/guests", "{}").json().get("token").asText();
            assertThat(server.http().send("POST", UploadBurst.SITE + "/images", wide, "Authorization", "Bearer " + token,
                    "Content-Type", "image/png").status()).as("an upload after the burst").isEqualTo(201);
        }
    }
}
