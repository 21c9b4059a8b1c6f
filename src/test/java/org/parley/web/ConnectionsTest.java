package org.parley.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.testing.RawConnection;
import org.parley.testing.RunningParley;
import org.parley.testing.SseClient;
import org.slf4j.LoggerFactory;

/**
 * What the server does with connections, byte for byte: HTTP/1.0, {@code Connection: close}, clients too slow
 * to send, a TLS handshake on the plain port, and malformed chunked bodies. Timeouts are configured short
 * here (1 s for headers and body reads, 3 s idle), as an operator could; the minimum body rate is the
 * default, 1 KiB/s.
 */
class ConnectionsTest {

    /** Well under the 3 s idle timeout: a close this quick is the server's decision, not idleness. */
    private static final Duration QUICKLY = Duration.ofMillis(1500);
    /** The 1 s timeouts, plus the watchdog's turn and a loaded machine's slack. */
    private static final Duration TIMEOUT_AND_SLACK = Duration.ofSeconds(6);
    private static final String POST_HEAD = "POST /api/v1/sites/courier/comments HTTP/1.1\r\nHost: test\r\n"
            + "Content-Type: application/json\r\n";

    @TempDir
    static Path dir;
    static RunningParley parley;
    static String token;

    @BeforeAll
    static void start() {
        parley = RunningParley.start(dir, Clock.systemUTC(), false, Map.of(
                ConfigKey.SERVER_HEADER_TIMEOUT_SECONDS, "1",
                ConfigKey.SERVER_BODY_READ_TIMEOUT_SECONDS, "1",
                ConfigKey.SERVER_IDLE_TIMEOUT_SECONDS, "3",
                ConfigKey.LIVE_HEARTBEAT_SECONDS, "1"));
        parley.site("courier", "https://courier.example");
        token = parley.guestToken("courier");
    }

    @AfterAll
    static void stop() {
        parley.close();
    }

    static RawConnection connect() {
        return RawConnection.open(parley.port());
    }

    static String chunkedPost(String chunks) {
        return POST_HEAD + "Authorization: Bearer " + token + "\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks;
    }

    static String chunk(String data) {
        return Integer.toHexString(data.getBytes(StandardCharsets.UTF_8).length) + "\r\n" + data + "\r\n";
    }

    static void assertProblem(RawConnection.Response response, int status, String slug) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.header("Content-Type")).contains(Problems.MEDIA_TYPE);
        assertThat(response.json().get("type").asText()).isEqualTo("urn:parley:problem:" + slug);
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
    }

    // HTTP/1.0: load balancers and health checkers send it.

    @ParameterizedTest
    @ValueSource(strings = {"GET / HTTP/1.0\r\n\r\n", "GET / HTTP/1.0\r\nHost: news.example\r\nConnection: keep-alive\r\n\r\n",
            "GET /api/v1/openapi.json HTTP/1.0\r\nUser-Agent: health-check\r\n\r\n"})
    void http10RequestsAreAnsweredAndTheConnectionThenClosed(String request) {
        try (RawConnection connection = connect()) {
            RawConnection.Response response = connection.send(request).read();
            assertThat(response.status()).as(response.statusLine()).isEqualTo(200);
            assertThat(response.header("Connection")).contains("close");
            assertThat(response.body()).isNotEmpty();
            assertThat(connection.closedWithin(QUICKLY)).as("closed after the HTTP/1.0 response").isTrue();
        }
    }

    @Test
    void http10ApiCallsGetTheSameAnswersAsHttp11() {
        try (RawConnection connection = connect()) {
            assertProblem(connection.send("GET /api/v1/nothing-here HTTP/1.0\r\n\r\n").read(), 404, "no-such-route");
        }
        try (RawConnection connection = connect()) {
            RawConnection.Response created = connection.send("POST /api/v1/sites/courier/guests HTTP/1.0\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}").read();
            assertThat(created.status()).as(created.text()).isEqualTo(201);
            assertThat(created.json().get("token").asText()).isNotBlank();
        }
    }

    // HEAD, as health checkers and link checkers send it; request lines that are no request lines.

    @Test
    void headIsAnsweredWithTheHeadersOfGetAndNoBodyOnAKeptAliveConnection() {
        try (RawConnection connection = connect()) {
            RawConnection.Response get = connection.send("GET /api/v1/openapi.json HTTP/1.1\r\nHost: test\r\n\r\n").read();
            RawConnection.Response head = connection.send("HEAD /api/v1/openapi.json HTTP/1.1\r\nHost: test\r\n\r\n").readHeadAnswer();
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.header("Content-Type")).isEqualTo(get.header("Content-Type"));
            assertThat(head.header("Content-Length")).isEqualTo(get.header("Content-Length"));
            RawConnection.Response next = connection.send("GET /api/v1/sites/courier/thread?page=after-head HTTP/1.1\r\nHost: test\r\n\r\n").read();
            assertThat(next.status()).as("the next answer starts where the HEAD answer ended: %s", next.statusLine()).isEqualTo(200);
            assertThat(next.json().has("comments")).isTrue();
        }
        try (RawConnection connection = connect()) {
            assertThat(connection.send("HEAD /demo-is-not-here HTTP/1.0\r\n\r\n").readHeadAnswer().status()).isEqualTo(404);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"G@T / HTTP/1.1", "GET/ HTTP/1.1", "G,T / HTTP/1.1", "G;T / HTTP/1.1", "G?T / HTTP/1.1", "GE\"T / HTTP/1.1"})
    void aRequestLineWithoutAMethodNameIsA400Problem(String requestLine) {
        try (RawConnection connection = connect()) {
            assertProblem(connection.send(requestLine + "\r\nHost: test\r\n\r\n").read(), 400, "bad-request");
        }
    }

    // Connection: close means closed.

    @Test
    void aConnectionIsClosedRightAfterAnsweringARequestThatAskedForIt() {
        try (RawConnection connection = connect()) {
            connection.send("GET /api/v1/openapi.json HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n"
                    + "GET /api/v1/openapi.json HTTP/1.1\r\nHost: test\r\n\r\n");
            assertThat(connection.read().status()).isEqualTo(200);
            assertThat(connection.closedWithin(QUICKLY)).as("closed after the response, the pipelined request unanswered").isTrue();
        }
    }

    @Test
    void keptAliveConnectionsStillServeRequestAfterRequest() {
        try (RawConnection connection = connect()) {
            for (int i = 0; i < 3; i++) {
                RawConnection.Response response = connection.send("GET /api/v1/sites/courier/thread?page=kept HTTP/1.1\r\nHost: test\r\n\r\n").read();
                assertThat(response.status()).as(response.text()).isEqualTo(200);
            }
        }
    }

    // Clients too slow to send.

    @Test
    void headersThatStopArrivingAreAnswered408AndTheConnectionClosed() {
        try (RawConnection connection = connect()) {
            RawConnection.Response response = connection.send("GET / HTTP/1.1\r\nHost: test\r\n").read(TIMEOUT_AND_SLACK);
            assertProblem(response, 408, "request-timeout");
            assertThat(response.json().get("detail").asText()).contains("headers");
            assertThat(connection.closedWithin(QUICKLY)).isTrue();
        }
    }

    @Test
    void headersTrickledOneByteAtATimeAreCutOffAtTheHeaderTimeout() {
        try (RawConnection connection = connect()) {
            Thread trickle = Thread.ofVirtual().start(() -> {
                byte[] head = "GET / HTTP/1.1\r\nHost: test\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa".getBytes(StandardCharsets.US_ASCII);
                try {
                    for (byte b : head) {
                        connection.send(new byte[] {b});
                        LockSupport.parkNanos(Duration.ofMillis(100).toNanos()); // pacing a slowloris client, not awaiting a condition
                    }
                } catch (RuntimeException closedByTheServer) {
                    // expected once the server gives up
                }
            });
            long started = System.nanoTime();
            assertProblem(connection.read(TIMEOUT_AND_SLACK), 408, "request-timeout");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
            trickle.interrupt();
        }
    }

    @Test
    void aBodyThatStopsArrivingIsAnswered408AndTheConnectionClosed() {
        try (RawConnection connection = connect()) {
            connection.send(POST_HEAD + "Authorization: Bearer " + token + "\r\nContent-Length: 100\r\n\r\n{\"page\":\"slow\",");
            RawConnection.Response response = connection.read(TIMEOUT_AND_SLACK);
            assertProblem(response, 408, "request-timeout");
            assertThat(response.json().get("detail").asText()).contains("body");
            assertThat(connection.closedWithin(QUICKLY)).isTrue();
        }
    }

    @Test
    void aBodyThatKeepsArrivingFasterThanTheMinimumRateIsNotCutOffHoweverLongItTakesInAll() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 9_000; i++) {
            text.append("Sent over a slow line, piece ").append(i).append(". ");
        }
        String json = "{\"page\":\"steady\",\"body\":\"" + text + "\"}";
        try (RawConnection connection = connect()) {
            connection.send(chunkedPost(""));
            long started = System.nanoTime();
            // About 2.5 KB/s for 3.6 s: over twice the default minimum of 1 KiB/s, and over three body-read timeouts long.
            for (int i = 0; i < json.length(); i += 500) {
                connection.send(chunk(json.substring(i, Math.min(json.length(), i + 500))));
                LockSupport.parkNanos(Duration.ofMillis(200).toNanos()); // pacing a slow uploader, not awaiting a condition
            }
            RawConnection.Response response = connection.send("0\r\n\r\n").read();
            assertThat(response.status()).as(response.text()).isEqualTo(201);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void aBodyTrickledSlowerThanTheMinimumRateIsAnswered408AndTheConnectionClosedThoughEachPieceCameInTime() {
        try (RawConnection connection = connect()) {
            connection.send(POST_HEAD + "Authorization: Bearer " + token + "\r\nContent-Length: 1000\r\n\r\n");
            Thread trickle = Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; i < 1000; i++) {
                        connection.send(i == 0 ? "{" : " ");
                        LockSupport.parkNanos(Duration.ofMillis(300).toNanos()); // a byte well within each 1 s read timeout
                    }
                } catch (RuntimeException closedByTheServer) {
                    // expected once the server gives up
                }
            });
            long started = System.nanoTime();
            RawConnection.Response response = connection.read(TIMEOUT_AND_SLACK);
            assertProblem(response, 408, "request-timeout");
            assertThat(response.json().get("detail").asText()).contains("bytes per second").contains("1024");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            assertThat(connection.closedWithin(QUICKLY)).isTrue();
            trickle.interrupt();
        }
    }

    @Test
    void aKeptAliveConnectionsNextRequestWhoseHeadersStopArrivingIsAnswered408Too() {
        try (RawConnection connection = connect()) {
            assertThat(connection.send("GET /api/v1/sites/courier/thread?page=kept HTTP/1.1\r\nHost: test\r\n\r\n").read().status())
                    .isEqualTo(200);

            RawConnection.Response response = connection.send("GET / HTTP/1.1\r\nHost: te").read(TIMEOUT_AND_SLACK);

            assertProblem(response, 408, "request-timeout");
            assertThat(response.json().get("detail").asText()).contains("headers");
            assertThat(connection.closedWithin(QUICKLY)).isTrue();
        }
    }

    @Test
    void anIdleKeptAliveConnectionIsClosedAfterTheIdleTimeoutAndNotBefore() {
        try (RawConnection connection = connect()) {
            assertThat(connection.send("GET / HTTP/1.1\r\nHost: test\r\n\r\n").read().status()).isEqualTo(200);
            assertThat(connection.closedWithin(Duration.ofSeconds(1))).as("closed before the 3 s idle timeout").isFalse();
            assertThat(connection.closedWithin(TIMEOUT_AND_SLACK)).as("closed after the 3 s idle timeout").isTrue();
        }
    }

    @Test
    void aLiveStreamOutlastsEveryTimeout() throws Exception {
        try (SseClient stream = SseClient.open(parley.http().base() + "/api/v1/sites/courier/live?page=long-lived")) {
            assertThat(stream.nextComment("connected comment", Duration.ofSeconds(2)).comment()).isEqualTo("connected");
            for (int i = 0; i < 5; i++) { // five 1 s heartbeats: longer than the header, body-read and idle timeouts
                assertThat(stream.nextComment("heartbeat " + (i + 1), Duration.ofSeconds(3)).comment()).isEqualTo("heartbeat");
            }
            var posted = parley.http().post("/api/v1/sites/courier/comments", "{\"page\":\"long-lived\",\"body\":\"Still listening?\"}",
                    "Authorization", "Bearer " + token);
            assertThat(posted.status()).isEqualTo(201);
            assertThat(stream.next("posted event after 5 s", Duration.ofSeconds(3)).data()).contains("Still listening?");
        }
    }

    // Not HTTP at all.

    @Test
    void aTlsHandshakeOnThePlainPortGetsA400AtOnce() {
        try (RawConnection connection = connect()) {
            byte[] clientHello = {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc, 0x03, 0x03, 0x11, 0x22};
            RawConnection.Response response = connection.send(clientHello).read(Duration.ofSeconds(3));
            assertProblem(response, 400, "bad-request");
            assertThat(response.json().get("detail").asText()).contains("TLS");
            assertThat(connection.closedWithin(QUICKLY)).isTrue();
        }
    }

    @Test
    void aTlsClientFailsFastInsteadOfHanging() throws Exception {
        try (SSLSocket socket = (SSLSocket) SSLSocketFactory.getDefault().createSocket("127.0.0.1", parley.port())) {
            socket.setSoTimeout(5_000);
            long started = System.nanoTime();
            assertThatThrownBy(socket::startHandshake).isInstanceOf(SSLException.class).isNotInstanceOf(SocketTimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        }
    }

    // Chunked bodies.

    static Stream<Arguments> malformedChunkedBodies() {
        return Stream.of(
                Arguments.of("size is not hexadecimal", "zz\r\nabc\r\n0\r\n\r\n"),
                Arguments.of("negative size", "-5\r\nhello\r\n0\r\n\r\n"),
                Arguments.of("size past 2^31", "ffffffffff\r\nabc\r\n0\r\n\r\n"),
                Arguments.of("size line of 100 KB", "1".repeat(100_000) + "\r\nx\r\n0\r\n\r\n"),
                Arguments.of("size line without CR", "5\nhello\r\n0\r\n\r\n"),
                Arguments.of("control character in an extension", "5;\u0001\r\nhello\r\n0\r\n\r\n"),
                Arguments.of("data longer than its size", "2\r\n{}XX0\r\n\r\n"),
                Arguments.of("trailers of 100 KB", "2\r\n{}\r\n0\r\nX-Pad: " + "a".repeat(100_000) + "\r\n\r\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedChunkedBodies")
    void malformedChunkedBodiesAre400ProblemsAndLogNoMoreThanAnExcerpt(String name, String chunks) {
        List<ILoggingEvent> logged = captureLogs(() -> {
            try (RawConnection connection = connect()) {
                RawConnection.Response response = connection.send(chunkedPost(chunks)).read();
                assertProblem(response, 400, "bad-request");
                assertThat(response.json().get("detail").asText()).contains("chunk").hasSizeLessThan(600);
                assertThat(response.header("Connection")).contains("close");
                assertThat(connection.closedWithin(QUICKLY)).as("closed after the error").isTrue();
            }
        });
        assertThat(logged).noneMatch(event -> event.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.ERROR));
        assertThat(logged).allSatisfy(event -> assertThat(text(event)).hasSizeLessThan(2_000));
    }

    @Test
    void aChunkedBodyCutShortByTheClientIsA400() {
        try (RawConnection connection = connect()) {
            RawConnection.Response response = connection.send(chunkedPost("10\r\n{\"page\":")).endOutput().read();
            assertProblem(response, 400, "bad-request");
            assertThat(response.json().get("detail").asText()).contains("closed before the request body ended");
        }
    }

    @Test
    void wellFormedChunkedBodiesWithExtensionsTrailersAndLargeChunksAreAccepted() {
        String json = "{\"page\":\"chunked\",\"body\":\"Chunked hello\"}" + " ".repeat(100_000);
        String chunks = Integer.toHexString(10) + " ;note=\"first\"\r\n" + json.substring(0, 10) + "\r\n"
                + chunk(json.substring(10)) + "0\r\nX-Checksum: none\r\n\r\n";
        try (RawConnection connection = connect()) {
            RawConnection.Response response = connection.send(chunkedPost(chunks)).read();
            assertThat(response.status()).as(response.text()).isEqualTo(201);
            assertThat(response.json().get("html").asText()).isEqualTo("<p>Chunked hello</p>");
            // The connection stays usable for the next request.
            assertThat(connection.send("GET / HTTP/1.1\r\nHost: test\r\n\r\n").read().status()).isEqualTo(200);
        }
    }

    static List<ILoggingEvent> captureLogs(Runnable action) {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        root.addAppender(appender);
        try {
            action.run();
        } finally {
            root.detachAppender(appender);
        }
        return List.copyOf(appender.list);
    }

    /** What a log line shows: the message and every message of the attached throwables. */
    static String text(ILoggingEvent event) {
        StringBuilder text = new StringBuilder(event.getFormattedMessage());
        for (IThrowableProxy thrown = event.getThrowableProxy(); thrown != null; thrown = thrown.getCause()) {
            text.append('\n').append(thrown.getClassName()).append(": ").append(thrown.getMessage());
            for (IThrowableProxy suppressed : thrown.getSuppressed()) {
                text.append('\n').append(suppressed.getClassName()).append(": ").append(suppressed.getMessage());
            }
        }
        return text.toString();
    }
}
