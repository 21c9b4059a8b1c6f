package org.parley.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads a JSON request body defensively: declared type, size (before and while reading), strict UTF-8
 * and JSON syntax are each checked and each failure becomes its own 4xx problem.
 */
public final class RequestBodies {

    private final ObjectMapper mapper;
    private final int maxBytes;

    public RequestBodies(ObjectMapper mapper, int maxBytes) {
        this.mapper = mapper;
        this.maxBytes = maxBytes;
    }

    /** The body as a JSON object, or a {@link ParleyException} saying exactly what is wrong with it. */
    public ObjectNode object(ServerRequest req) {
        requireJsonContentType(req);
        String text = utf8(readBounded(req));
        if (text.isBlank()) {
            throw new ParleyException.InvalidInput(RequestProblem.MISSING_BODY, "Send a JSON object as the request body.");
        }
        JsonNode node;
        try {
            node = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            var where = e.getLocation();
            String at = where == null ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr();
            throw new ParleyException.InvalidInput(RequestProblem.MALFORMED_JSON,
                    "The body is not valid JSON" + at + ": " + e.getOriginalMessage(), e);
        }
        if (!(node instanceof ObjectNode object)) {
            throw new ParleyException.InvalidInput(RequestProblem.MALFORMED_JSON,
                    "The body must be a JSON object, not " + node.getNodeType().toString().toLowerCase(Locale.ROOT) + ".");
        }
        return object;
    }

    private static void requireJsonContentType(ServerRequest req) {
        String type = req.headers().first(HeaderNames.CONTENT_TYPE).orElse("").toLowerCase(Locale.ROOT);
        String base = type.split(";", 2)[0].strip();
        if (!base.equals("application/json") && !(base.startsWith("application/") && base.endsWith("+json"))) {
            throw new ParleyException.InvalidInput(RequestProblem.UNSUPPORTED_MEDIA_TYPE,
                    type.isEmpty() ? "Set Content-Type: application/json." : "Content-Type '" + type + "' is not JSON; send application/json.");
        }
        int charset = type.indexOf("charset=");
        if (charset >= 0) {
            String name = type.substring(charset + 8).split(";", 2)[0].strip().replace("\"", "");
            if (!name.equals("utf-8") && !name.equals("utf8")) {
                throw new ParleyException.InvalidInput(RequestProblem.UNSUPPORTED_MEDIA_TYPE,
                        "Charset '" + name + "' is not supported; send UTF-8.");
            }
        }
    }

    private byte[] readBounded(ServerRequest req) {
        long declared = req.headers().contentLength().orElse(-1);
        if (declared > maxBytes) {
            throw tooLarge();
        }
        try (InputStream in = req.content().inputStream()) {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw tooLarge();
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("reading request body", e);
        }
    }

    private ParleyException tooLarge() {
        return new ParleyException.InvalidInput(RequestProblem.BODY_TOO_LARGE,
                "The body is larger than " + maxBytes + " bytes.");
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ParleyException.InvalidInput(RequestProblem.INVALID_UTF8,
                    "The body contains bytes that are not valid UTF-8; encode text as UTF-8.", e);
        }
    }
}
