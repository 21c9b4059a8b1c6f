package org.parley.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads an HTML form body ({@code application/x-www-form-urlencoded}) strictly: the declared type,
 * the size (before and while reading), the number of fields, the percent-escapes and the UTF-8 of every
 * decoded name and value are each checked, and each failure is its own 4xx problem. Browsers
 * percent-encode everything outside ASCII, so a stray escape or invalid byte means a broken client,
 * never something to guess around. Thread-safe.
 */
public final class FormBodies {

    /** More fields than any Parley form has; a cap keeps a hostile body from building a huge map. */
    static final int MAX_FIELDS = 256;
    static final String MEDIA_TYPE = "application/x-www-form-urlencoded";

    private final int maxBytes;

    public FormBodies(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The request's form fields, or a {@link ParleyException} saying exactly what is wrong with the body. */
    public Form read(ServerRequest req) {
        requireFormContentType(req.headers().first(HeaderNames.CONTENT_TYPE).orElse(""));
        long declared = req.headers().contentLength().orElse(-1);
        if (declared > maxBytes) {
            throw tooLarge();
        }
        byte[] body;
        try (InputStream in = req.content().inputStream()) {
            body = in.readNBytes(maxBytes + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("reading form body", e);
        }
        if (body.length > maxBytes) {
            throw tooLarge();
        }
        return parse(body);
    }

    static void requireFormContentType(String header) {
        String type = header.toLowerCase(Locale.ROOT);
        String base = type.split(";", 2)[0].strip();
        if (!base.equals(MEDIA_TYPE)) {
            throw new ParleyException.InvalidInput(RequestProblem.UNSUPPORTED_MEDIA_TYPE, type.isEmpty()
                    ? "Set Content-Type: " + MEDIA_TYPE + "."
                    : "Content-Type '" + header + "' is not a form; send " + MEDIA_TYPE + ".");
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

    /** Decodes {@code name=value&…}: {@code +} is a space, {@code %XX} a byte, and the bytes must be UTF-8. */
    static Form parse(byte[] body) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        int count = 0;
        int start = 0;
        while (start <= body.length) {
            int end = indexOf(body, (byte) '&', start);
            if (end > start) {
                if (++count > MAX_FIELDS) {
                    throw new ParleyException.InvalidInput(RequestProblem.BAD_REQUEST,
                            "The form has more than " + MAX_FIELDS + " fields.");
                }
                int eq = indexOf(body, (byte) '=', start);
                int nameEnd = Math.min(eq, end);
                String name = decode(body, start, nameEnd, "field name");
                String value = eq < end ? decode(body, eq + 1, end, "value of '" + name + "'") : "";
                fields.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
            start = end + 1;
        }
        return new Form(fields);
    }

    private static String decode(byte[] body, int from, int to, String what) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte b = body[i];
            if (b == '+') {
                bytes.write(' ');
            } else if (b == '%') {
                int high = i + 2 < to ? Character.digit(body[i + 1], 16) : -1;
                int low = high >= 0 ? Character.digit(body[i + 2], 16) : -1;
                if (low < 0) {
                    throw new ParleyException.InvalidInput(RequestProblem.BAD_REQUEST,
                            "The form's " + what + " has a '%' that is not followed by two hexadecimal digits.");
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else {
                bytes.write(b);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ParleyException.InvalidInput(RequestProblem.INVALID_UTF8,
                    "The form's " + what + " decodes to bytes that are not valid UTF-8; percent-encode UTF-8.", e);
        }
    }

    private static int indexOf(byte[] body, byte wanted, int from) {
        for (int i = from; i < body.length; i++) {
            if (body[i] == wanted) {
                return i;
            }
        }
        return body.length;
    }

    private ParleyException tooLarge() {
        return new ParleyException.InvalidInput(RequestProblem.BODY_TOO_LARGE,
                "The form is larger than " + maxBytes + " bytes.");
    }
}
