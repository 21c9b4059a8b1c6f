package org.parley.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What Helidon is handed, however the client's bytes are split into reads: the same requests, with HTTP/1.0
 * made HTTP/1.1 and chunked bodies in their plain form.
 */
class RequestFramingTest {

    private static final String KEPT_ALIVE = "POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello"
            + "\r\n" // a stray blank line between requests is ignored
            + "POST /b HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3 ;note=x\r\nabc\r\n2\r\nde\r\n0\r\nX-Sum: 5\r\n\r\n"
            + "GET /c HTTP/1.0\r\nAccept: */*\r\n\r\n";
    private static final String HANDED_ON = "POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello"
            + "POST /b HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n"
            + "GET /c HTTP/1.1\r\nConnection: close\r\nHost: 127.0.0.1:8080\r\nAccept: */*\r\n\r\n";

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 64, 4096})
    void requestsSplitIntoReadsOfAnySizeAreHandedOnTheSame(int readSize) {
        // Chunks are handed on as their bytes arrive, so only their content is the same whatever the reads.
        assertThat(dechunked(handOn(KEPT_ALIVE, readSize))).isEqualTo(dechunked(HANDED_ON));
        assertThat(handOn(KEPT_ALIVE, 4096)).isEqualTo(HANDED_ON);
    }

    @Test
    void largeChunksAreHandedOnInPiecesOfAtMost64KiB() {
        String data = "x".repeat(200_000);
        String handed = handOn("PUT /big HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(data.length()) + "\r\n"
                + data + "\r\n0\r\n\r\n", 300_000);
        String body = handed.substring(handed.indexOf("\r\n\r\n") + 4);
        assertThat(body).startsWith("10000\r\n").endsWith("0\r\n\r\n");
        assertThat(body.replaceAll("(?m)^[0-9a-f]+\r\n", "").replace("\r\n", "")).isEqualTo(data);
    }

    @Test
    void aFaultIsReportedAfterTheGoodBytesBeforeIt() {
        RequestFraming framing = new RequestFraming(20_000, "127.0.0.1:8080");
        ByteBuffer in = bytes("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nokzz\r\n");
        assertThat(framing.next(in)).isNotEmpty(); // the head
        framing.bodyFollows(true, 0);
        assertThat(text(framing.next(in))).isEqualTo("2\r\nok\r\n");
        assertThatThrownBy(() -> framing.next(in)).isInstanceOf(RequestFraming.BadFraming.class).hasMessageContaining("longer than its size line");
    }

    @Test
    void aHeadThatHelidonMustRefuseIsPassedOnAsItIsAndEndsTheConnection() {
        RequestFraming framing = new RequestFraming(20_000, "127.0.0.1:8080");
        assertThat(text(framing.next(bytes("GET / HTTP/1.1\nHost: h\n\n")))).isEqualTo("GET / HTTP/1.1\nHost: h\n\n");
        assertThat(framing.phase()).isEqualTo(RequestFraming.Phase.PASSTHROUGH);
        assertThat(framing.closeAfterRequest()).isTrue();
    }

    /** Feeds {@code input} in reads of {@code readSize} bytes, answering for Helidon how each body is framed. */
    private static String handOn(String input, int readSize) {
        RequestFraming framing = new RequestFraming(20_000, "127.0.0.1:8080");
        byte[] all = input.getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream handed = new ByteArrayOutputStream();
        int headStart = 0;
        for (int at = 0; at < all.length; at += readSize) {
            ByteBuffer read = ByteBuffer.wrap(all, at, Math.min(readSize, all.length - at)).slice();
            while (read.hasRemaining()) {
                handed.writeBytes(framing.next(read));
                if (framing.phase() == RequestFraming.Phase.HEAD_PASSED) {
                    String head = handed.toString(StandardCharsets.ISO_8859_1).substring(headStart).toLowerCase(Locale.ROOT);
                    int length = head.contains("content-length: 5") ? 5 : 0;
                    framing.bodyFollows(head.contains("transfer-encoding: chunked"), length);
                }
                if (framing.phase() == RequestFraming.Phase.AWAITING) {
                    headStart = handed.size();
                }
            }
        }
        return handed.toString(StandardCharsets.ISO_8859_1);
    }

    /** The stream with each chunked body's size lines removed, its data and last chunk kept. */
    private static String dechunked(String stream) {
        String bodyStart = "chunked\r\n\r\n";
        StringBuilder out = new StringBuilder();
        int copied = 0;
        for (int body = stream.indexOf(bodyStart); body >= 0; body = stream.indexOf(bodyStart, copied)) {
            int at = body + bodyStart.length();
            out.append(stream, copied, at);
            while (true) {
                int lineEnd = stream.indexOf("\r\n", at);
                int size = Integer.parseInt(stream.substring(at, lineEnd), 16);
                at = lineEnd + 2;
                if (size == 0) {
                    out.append("<end>");
                    break;
                }
                out.append(stream, at, at + size);
                at += size + 2;
            }
            copied = at;
        }
        return out.append(stream.substring(copied)).toString();
    }

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
