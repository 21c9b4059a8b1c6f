package org.parley.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON configuration Parley speaks: ISO-8601 instants, nulls kept (clients rely on explicit
 * {@code null}), duplicate keys and trailing garbage rejected. A mapper is thread-safe once configured.
 */
public final class Json {

    private Json() {
    }

    /** A new mapper with Parley's settings; create one per component and share it. */
    public static ObjectMapper mapper() {
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.setSerializationInclusion(JsonInclude.Include.ALWAYS);
        return mapper;
    }

    /** Serializes a value the caller built; a failure here is a programming error, not bad input. */
    public static byte[] bytes(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    /** The same as {@link #bytes}, as text. */
    public static String text(ObjectMapper mapper, Object value) {
        return new String(bytes(mapper, value), java.nio.charset.StandardCharsets.UTF_8);
    }
}
