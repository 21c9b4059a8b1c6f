package org.parley.cli;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.event.KeyValuePair;

/**
 * Writes each log event as one line of JSON: {@code time} (ISO-8601, UTC, milliseconds), {@code level},
 * {@code logger}, {@code message}, then the event's MDC entries and key-value pairs as fields of their own
 * (numbers stay numbers), and {@code stack} with the stack trace when there is one. Newlines, quotes and
 * control characters in any value are escaped, so one event is always one line.
 * <p>
 * Logback's own {@code JsonEncoder} (1.5) writes the time as epoch milliseconds and nests key-value pairs in
 * a {@code kvpList} array, which log collectors cannot index as fields; hence this one. Safe to call from
 * many threads at once, as Logback does.
 */
final class JsonLogEncoder extends EncoderBase<ILoggingEvent> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);
    private static final Set<String> FIXED = Set.of("time", "level", "logger", "message", "stack");
    private final JsonFactory json = new JsonFactory();

    @Override
    public byte[] headerBytes() {
        return null;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator line = json.createGenerator(out)) {
            line.writeStartObject();
            line.writeStringField("time", TIME.format(event.getInstant()));
            line.writeStringField("level", event.getLevel().toString());
            line.writeStringField("logger", event.getLoggerName());
            line.writeStringField("message", event.getFormattedMessage());
            // A name is written once: a key-value pair that repeats an MDC entry (the request id) is left out.
            Set<String> written = new HashSet<>(FIXED);
            for (Map.Entry<String, String> entry : event.getMDCPropertyMap().entrySet()) {
                if (written.add(entry.getKey())) {
                    line.writeStringField(entry.getKey(), entry.getValue());
                }
            }
            List<KeyValuePair> pairs = event.getKeyValuePairs();
            for (KeyValuePair pair : pairs == null ? List.<KeyValuePair>of() : pairs) {
                if (written.add(pair.key)) {
                    line.writeFieldName(pair.key);
                    writeValue(line, pair.value);
                }
            }
            IThrowableProxy thrown = event.getThrowableProxy();
            if (thrown != null) {
                line.writeStringField("stack", ThrowableProxyUtil.asString(thrown));
            }
            line.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a log event as JSON", e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    private static void writeValue(JsonGenerator line, Object value) throws IOException {
        switch (value) {
            case null -> line.writeNull();
            case Integer number -> line.writeNumber(number);
            case Long number -> line.writeNumber(number);
            case Boolean flag -> line.writeBoolean(flag);
            default -> line.writeString(value.toString());
        }
    }

    @Override
    public byte[] footerBytes() {
        return null;
    }
}
