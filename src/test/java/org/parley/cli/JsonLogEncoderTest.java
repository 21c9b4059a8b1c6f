package org.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

class JsonLogEncoderTest {

    private final LoggerContext context = new LoggerContext();
    private final JsonLogEncoder encoder = new JsonLogEncoder();
    private final ObjectMapper json = new ObjectMapper();

    JsonLogEncoderTest() {
        context.setMDCAdapter(new LogbackMDCAdapter());
        encoder.setContext(context);
        encoder.start();
    }

    @Test
    void anEventIsOneLineOfJsonWithUtcTimeLevelLoggerAndTheFormattedMessage() throws IOException {
        LoggingEvent event = event("listener on port {} is back", 8080);
        event.setInstant(Instant.parse("2026-12-07T09:36:29.083456Z"));

        String line = encode(event);

        assertThat(line).endsWith("}\n").hasLineCount(1);
        JsonNode fields = json.readTree(line);
        assertThat(fields.get("time").asText()).isEqualTo("2026-12-07T09:36:29.083Z");
        assertThat(fields.get("level").asText()).isEqualTo("WARN");
        assertThat(fields.get("logger").asText()).isEqualTo("org.parley.web.HttpServer");
        assertThat(fields.get("message").asText()).isEqualTo("listener on port 8080 is back");
    }

    @Test
    void lineBreaksQuotesAndControlCharactersInAMessageStayInsideOneLine() throws IOException {
        String hostile = "GET /x\n09:00:00 access GET /admin 200 1ms \"quoted\" \\ tab\t bell\u0007 é";

        String line = encode(event(hostile));

        assertThat(line).hasLineCount(1);
        assertThat(json.readTree(line).get("message").asText()).isEqualTo(hostile);
    }

    @Test
    void keyValuePairsAndMdcEntriesBecomeFieldsWrittenOnceWithNumbersKeptAsNumbers() throws IOException {
        LoggingEvent event = event("GET / 200 3ms");
        event.setMDCPropertyMap(Map.of("requestId", "abc-123"));
        for (KeyValuePair pair : List.of(new KeyValuePair("route", "/api/v1/sites/{site}/thread"), new KeyValuePair("status", 200),
                new KeyValuePair("durationMs", 3L), new KeyValuePair("requestId", "abc-123"), new KeyValuePair("gone", null),
                new KeyValuePair("message", "a pair may not replace the message"))) {
            event.addKeyValuePair(pair);
        }

        String line = encode(event);

        JsonNode fields = json.readTree(line);
        assertThat(fields.get("route").asText()).isEqualTo("/api/v1/sites/{site}/thread");
        assertThat(fields.get("status").isInt()).isTrue();
        assertThat(fields.get("status").asInt()).isEqualTo(200);
        assertThat(fields.get("durationMs").isIntegralNumber()).isTrue();
        assertThat(fields.get("gone").isNull()).isTrue();
        assertThat(fields.get("message").asText()).isEqualTo("GET / 200 3ms");
        assertThat(line.split("\"requestId\"", -1)).as("requestId written once: %s", line).hasSize(2);
    }

    @Test
    void anExceptionIsOneStackFieldNotLinesOfItsOwn() throws IOException {
        LoggingEvent event = event("incident {} on {} {}", "i-1", "GET", "/x", new IllegalStateException("broken\nbadly"));

        String line = encode(event);

        assertThat(line).hasLineCount(1);
        JsonNode fields = json.readTree(line);
        assertThat(fields.get("message").asText()).isEqualTo("incident i-1 on GET /x");
        assertThat(fields.get("stack").asText()).startsWith("java.lang.IllegalStateException: broken\nbadly")
                .contains("at org.parley.cli.JsonLogEncoderTest");
    }

    private LoggingEvent event(String message, Object... arguments) {
        return new LoggingEvent(JsonLogEncoderTest.class.getName(), context.getLogger("org.parley.web.HttpServer"), Level.WARN,
                message, null, arguments);
    }

    private String encode(LoggingEvent event) {
        return new String(encoder.encode(event), StandardCharsets.UTF_8);
    }
}
