package org.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Log lines and problem details repeat at most an excerpt of what a client sent. */
class LogExcerptTest {

    @Test
    void longTextIsCutToAnExcerptThatSaysHowLongItWas() {
        String line = "1".repeat(100_000);
        assertThat(LogExcerpt.of(line)).hasSizeLessThan(LogExcerpt.MAX_CHARS + 40).endsWith("… (100000 characters)");
        assertThat(LogExcerpt.of("/api/v1/short")).isEqualTo("/api/v1/short");
    }

    @Test
    void aThrowableQuotingARequestIsLoggedWithExcerptsOnlyAndItsStackKept() {
        NumberFormatException parse = new NumberFormatException("For input string: \"" + "1".repeat(100_000) + "\"");
        IllegalStateException thrown = new IllegalStateException("reading the body failed", parse);
        thrown.addSuppressed(new NumberFormatException("x".repeat(5_000)));

        Throwable logged = LogExcerpt.of(thrown);

        assertThat(logged.getMessage()).startsWith("java.lang.IllegalStateException: reading the body failed");
        assertThat(logged.getStackTrace()).isEqualTo(thrown.getStackTrace());
        assertThat(logged.getCause().getMessage()).startsWith("java.lang.NumberFormatException: For input string")
                .hasSizeLessThan(300);
        assertThat(logged.getSuppressed()).singleElement().satisfies(s -> assertThat(s.getMessage()).hasSizeLessThan(300));
    }

    @Test
    void aThrowableWithShortMessagesIsLoggedAsItIs() {
        RuntimeException thrown = new RuntimeException("short", new IllegalArgumentException("also short"));
        assertThat(LogExcerpt.of(thrown)).isSameAs(thrown);
    }
}
