package org.parley.web;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Follows one connection's bytes from the client, request by request, before Helidon parses them, and hands
 * Helidon only bytes it handles well. Helidon 4.5 answers {@code HTTP/1.0} with 505, turns a malformed chunk
 * size into a 500 that logs the whole line, reads a chunk-size line of any length into memory and waits
 * forever on a TLS handshake sent to a plain port. So this:
 * <ul>
 *   <li>refuses a request whose first byte cannot begin a request line (a TLS handshake, binary noise);</li>
 *   <li>holds a request's line and headers until they are complete, then passes them on whole; an
 *       {@code HTTP/1.0} request is passed on as HTTP/1.1 with {@code Connection: close} (and a
 *       {@code Host} when it has none), so it is answered once and the connection closed, as RFC 9112
 *       allows;</li>
 *   <li>checks chunked bodies strictly (hexadecimal size lines of bounded length, CRLF after each chunk,
 *       bounded trailers, which are dropped), drops chunk extensions and re-cuts chunks into pieces of at
 *       most {@link #MAX_PIECE} bytes, so Helidon never buffers a large chunk.</li>
 * </ul>
 * Helidon says how a body is framed by the headers it parsed ({@link #bodyFollows}), so both read the same
 * boundaries. Not thread-safe: one connection's reading thread drives it.
 */
final class RequestFraming {

    /** Where the connection is in its current request; timeouts depend on it. */
    enum Phase { AWAITING, HEAD, HEAD_PASSED, BODY, PASSTHROUGH }

    /** Malformed framing; the message is short, says what is wrong and quotes at most an excerpt. */
    static final class BadFraming extends RuntimeException {
        BadFraming(String message) {
            super(message, null, false, false);
        }
    }

    static final int MAX_SIZE_LINE = 4096;
    static final int MAX_TRAILERS = 8192;
    static final int MAX_PIECE = 64 * 1024;
    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte[] HTTP_1_0 = " HTTP/1.0".getBytes(StandardCharsets.US_ASCII);

    private enum Body { NONE, LENGTH, SIZE_LINE, DATA, DATA_END, TRAILERS }

    private final int maxHeadBytes;
    private final String localHost;
    private Phase phase = Phase.AWAITING;
    private Body body = Body.NONE;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private byte previous;
    private int lineLength;
    private long remaining;
    private int trailerBytes;
    private boolean closeAfterRequest;
    private BadFraming deferred;

    /**
     * @param maxHeadBytes longest request line plus headers held back; a longer head is passed on as it is,
     *                     for Helidon to refuse with 414 or 431
     * @param localHost    the {@code Host} given to an HTTP/1.0 request that names none
     */
    RequestFraming(int maxHeadBytes, String localHost) {
        this.maxHeadBytes = maxHeadBytes;
        this.localHost = localHost;
    }

    Phase phase() {
        return phase;
    }

    /** True while the current request is a HEAD request, passed on as a GET whose answer goes out without a body. */
    private boolean headRequest;

    /** True once a request that must be the connection's last one has been seen (HTTP/1.0, unparsed head). */
    boolean closeAfterRequest() {
        return closeAfterRequest;
    }

    /**
     * Consumes bytes from {@code in} and returns those to hand Helidon, possibly none. Stops where a request's
     * head ends (the body waits for {@link #bodyFollows}) or its body ends. A fault found after some good bytes is thrown on
     * the next call, so Helidon first gets everything before it.
     *
     * @throws BadFraming when the bytes cannot be an HTTP/1.1 request
     */
    byte[] next(ByteBuffer in) {
        if (deferred != null) {
            throw deferred;
        }
        if (phase == Phase.HEAD_PASSED) {
            passThrough(); // Helidon wants more of a head it was given whole: it did not parse it as expected
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Phase start = phase;
        try {
            // One request at a time: stop where its head ends, or where its body ends.
            while (in.hasRemaining() && phase != Phase.HEAD_PASSED && !(start == Phase.BODY && phase == Phase.AWAITING)) {
                switch (phase) {
                    case AWAITING -> startRequest(in);
                    case HEAD -> head(in, out);
                    case BODY -> body(in, out);
                    case PASSTHROUGH -> {
                        out.write(in.array(), in.arrayOffset() + in.position(), in.remaining());
                        in.position(in.limit());
                    }
                    case HEAD_PASSED -> throw new IllegalStateException("unreachable");
                }
            }
        } catch (BadFraming e) {
            deferred = e;
            if (out.size() == 0) {
                throw e;
            }
        }
        return out.toByteArray();
    }

    /**
     * Helidon has parsed the head passed on and says how the body is framed: {@code chunked}, else
     * {@code contentLength} bytes (0 for none, negative when the header is unusable and Helidon will refuse
     * the request).
     */
    void bodyFollows(boolean chunked, long contentLength) {
        if (phase == Phase.PASSTHROUGH) {
            return;
        }
        if (chunked) {
            startBody(Body.SIZE_LINE);
        } else if (contentLength > 0) {
            remaining = contentLength;
            startBody(Body.LENGTH);
        } else if (contentLength < 0) {
            passThrough();
        } else {
            phase = Phase.AWAITING;
        }
    }

    /** The client closed its side: fine between requests, a truncated request inside a body. */
    void endOfInput() {
        if (phase == Phase.BODY) {
            throw new BadFraming("The connection was closed before the request body ended"
                    + (body == Body.LENGTH ? " (" + remaining + " of its declared bytes were missing)." : " (the chunked body had no last chunk)."));
        }
    }

    private void startRequest(ByteBuffer in) {
        byte first = in.get(in.position());
        if (first == CR || first == LF) {
            in.get(); // blank lines before a request line are ignored (RFC 9112 section 2.2)
            return;
        }
        if (!isTokenChar(first)) {
            throw new BadFraming(first == 0x16
                    ? "This port speaks plain HTTP, and the request began with a TLS handshake; use http://, or put TLS in front of Parley."
                    : "The request does not begin with a request line (its first byte is 0x" + Integer.toHexString(first & 0xff) + ").");
        }
        line.reset();
        previous = 0;
        lineLength = 0;
        phase = Phase.HEAD;
    }

    private void head(ByteBuffer in, ByteArrayOutputStream out) {
        byte[] bytes = in.array();
        int start = in.arrayOffset() + in.position();
        int end = in.arrayOffset() + in.limit();
        for (int i = start; i < end; i++) {
            byte b = bytes[i];
            boolean bareCr = previous == CR && b != LF;
            boolean bareLf = b == LF && previous != CR;
            boolean complete = b == LF && !bareLf && lineLength == 0;
            if (bareCr || bareLf || complete || line.size() + i - start >= maxHeadBytes) {
                line.write(bytes, start, i + 1 - start);
                in.position(i + 1 - in.arrayOffset());
                if (complete) {
                    passHead(out);
                } else {
                    // Helidon refuses these heads itself, with the right status; pass them on and end the connection.
                    out.writeBytes(line.toByteArray());
                    passThrough();
                }
                return;
            }
            if (b == LF) {
                lineLength = 0;
            } else if (b != CR) {
                lineLength++;
            }
            previous = b;
        }
        line.write(bytes, start, end - start);
        in.position(in.limit());
    }

    private void passHead(ByteArrayOutputStream out) {
        byte[] head = line.toByteArray();
        int requestLineEnd = indexOfCrLf(head);
        int methodEnd = 0;
        while (methodEnd < requestLineEnd && isTokenChar(head[methodEnd])) {
            methodEnd++;
        }
        if (methodEnd == 0 || methodEnd >= requestLineEnd || head[methodEnd] != ' ') {
            throw new BadFraming("The request line must begin with a method name (letters, digits and !#$%&'*+-.^_`|~) and a space: "
                    + LogExcerpt.of(new String(head, 0, Math.max(0, requestLineEnd), StandardCharsets.ISO_8859_1)) + ".");
        }
        headRequest = methodEnd == 4 && new String(head, 0, 4, StandardCharsets.US_ASCII).equals("HEAD");
        if (headRequest) {
            // Routes answer GET; the connection leaves out the body (BodilessResponses).
            byte[] asGet = new byte[head.length - 1];
            System.arraycopy("GET".getBytes(StandardCharsets.US_ASCII), 0, asGet, 0, 3);
            System.arraycopy(head, 4, asGet, 3, head.length - 4);
            head = asGet;
            requestLineEnd--;
        }
        if (requestLineEnd >= HTTP_1_0.length && Arrays.equals(head, requestLineEnd - HTTP_1_0.length, requestLineEnd,
                HTTP_1_0, 0, HTTP_1_0.length)) {
            head = asHttp11(new String(head, StandardCharsets.ISO_8859_1), requestLineEnd);
            closeAfterRequest = true;
        }
        out.writeBytes(head);
        phase = Phase.HEAD_PASSED;
    }

    /** The head of an HTTP/1.0 request as HTTP/1.1 that closes the connection, with a Host if it had none. */
    private byte[] asHttp11(String head, int requestLineEnd) {
        StringBuilder rewritten = new StringBuilder(head.length() + 64)
                .append(head, 0, requestLineEnd - 1).append("1\r\nConnection: close\r\n");
        if (!head.toLowerCase(Locale.ROOT).contains("\r\nhost:")) {
            rewritten.append("Host: ").append(localHost).append("\r\n");
        }
        return rewritten.append(head, requestLineEnd + 2, head.length()).toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static int indexOfCrLf(byte[] bytes) {
        for (int i = 0; i + 1 < bytes.length; i++) {
            if (bytes[i] == CR && bytes[i + 1] == LF) {
                return i;
            }
        }
        return -1;
    }

    private void startBody(Body kind) {
        body = kind;
        line.reset();
        trailerBytes = 0;
        phase = Phase.BODY;
    }

    private void passThrough() {
        phase = Phase.PASSTHROUGH;
        closeAfterRequest = true;
    }

    private void body(ByteBuffer in, ByteArrayOutputStream out) {
        switch (body) {
            case LENGTH -> {
                int n = (int) Math.min(remaining, in.remaining());
                out.write(in.array(), in.arrayOffset() + in.position(), n);
                in.position(in.position() + n);
                remaining -= n;
                if (remaining == 0) {
                    phase = Phase.AWAITING;
                }
            }
            case SIZE_LINE -> sizeLine(in, out);
            case DATA -> {
                int n = (int) Math.min(Math.min(remaining, in.remaining()), MAX_PIECE);
                out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(in.array(), in.arrayOffset() + in.position(), n);
                out.write(CR);
                out.write(LF);
                in.position(in.position() + n);
                remaining -= n;
                if (remaining == 0) {
                    body = Body.DATA_END;
                    line.reset();
                }
            }
            case DATA_END -> {
                byte b = in.get();
                if (b != (line.size() == 0 ? CR : LF)) {
                    throw new BadFraming("A chunk of the chunked body is longer than its size line says (no CRLF after its data).");
                }
                line.write(b);
                if (b == LF) {
                    startBody(Body.SIZE_LINE);
                }
            }
            case TRAILERS -> trailers(in, out);
            case NONE -> throw new IllegalStateException("body phase without a body");
        }
    }

    private void sizeLine(ByteBuffer in, ByteArrayOutputStream out) {
        byte[] text = lineUpTo(in, MAX_SIZE_LINE, "a chunk size line");
        if (text == null) {
            return;
        }
        String sizeLine = new String(text, StandardCharsets.ISO_8859_1);
        int digits = 0;
        while (digits < sizeLine.length() && Character.digit(sizeLine.charAt(digits), 16) >= 0) {
            digits++;
        }
        String hex = sizeLine.substring(0, digits).replaceFirst("^0+(?=.)", "");
        String rest = sizeLine.substring(digits).stripLeading();
        boolean extensionsOk = rest.isEmpty() || rest.startsWith(";") && rest.chars().allMatch(c -> c == '\t' || c >= 0x20 && c != 0x7f);
        if (digits == 0 || !extensionsOk) {
            throw new BadFraming("A chunk size line of the chunked body is not a hexadecimal size: '" + LogExcerpt.of(sizeLine, 40) + "'.");
        }
        if (hex.length() > 8 || Long.parseLong(hex, 16) > Integer.MAX_VALUE) {
            throw new BadFraming("A chunk of the chunked body declares more bytes (0x" + LogExcerpt.of(hex, 20) + ") than this server accepts.");
        }
        remaining = Long.parseLong(hex, 16);
        if (remaining == 0) {
            out.writeBytes("0\r\n".getBytes(StandardCharsets.US_ASCII));
            body = Body.TRAILERS;
        } else {
            body = Body.DATA;
        }
    }

    /** Trailer fields are allowed but not used by any endpoint; they are read, bounded and dropped. */
    private void trailers(ByteBuffer in, ByteArrayOutputStream out) {
        int before = in.position();
        byte[] field = lineUpTo(in, MAX_TRAILERS, "the trailer fields");
        trailerBytes += in.position() - before;
        if (trailerBytes > MAX_TRAILERS) {
            throw new BadFraming("The trailer fields after the last chunk are longer than " + MAX_TRAILERS + " bytes.");
        }
        if (field != null && field.length == 0) {
            out.write(CR);
            out.write(LF);
            body = Body.NONE;
            phase = Phase.AWAITING;
        }
    }

    /** The next CRLF-terminated line without its CRLF, or null while it is still incomplete. */
    private byte[] lineUpTo(ByteBuffer in, int max, String what) {
        while (in.hasRemaining()) {
            byte b = in.get();
            int size = line.size();
            if (b == LF) {
                byte[] all = line.toByteArray();
                if (size == 0 || all[size - 1] != CR) {
                    throw new BadFraming("A line in " + what + " of the chunked body ends without CR before LF.");
                }
                line.reset();
                return Arrays.copyOf(all, size - 1);
            }
            if (size >= max) {
                throw new BadFraming("A line in " + what + " of the chunked body is longer than " + max + " bytes.");
            }
            line.write(b);
        }
        return null;
    }

    /** RFC 9110 tchar: the characters a method name may use. */
    private static boolean isTokenChar(byte b) {
        return b >= '0' && b <= '9' || b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || "!#$%&'*+-.^_`|~".indexOf(b) >= 0;
    }

    /** True when the request being served came as HEAD (it was passed on as GET). */
    boolean headRequest() {
        return headRequest;
    }
}
