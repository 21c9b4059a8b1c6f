package org.parley.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.parley.http.ParleyException;
import org.parley.identity.Identity;
import org.parley.sites.NewSite;
import org.parley.sites.SiteId;
import org.parley.sites.Sites;
import org.parley.store.Database;
import org.parley.testing.Http;
import org.parley.testing.MutableClock;
import org.parley.testing.TestDatabases;

/**
 * Uploading and serving images over real HTTP.
 *
 * <p>web/Parley does not mount {@code media.routes(...)} yet, so this test starts a server with the media
 * routes, an error mapping that writes the same problem bodies as web/Problems, and a filter that sets the
 * page headers web/SecurityHeaders sets on non-API paths first — the media route must replace them. Once
 * Parley mounts the routes, switch to RunningParley.
 */
class MediaRoutesTest {

    static {
        org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
        org.slf4j.bridge.SLF4JBridgeHandler.install();
    }

    static final String UPLOAD = "/api/v1/sites/courier/images";
    static final int MAX_BYTES = 64 * 1024;
    static final String PAGE_POLICY = "default-src 'self'; script-src 'self'";

    @TempDir
    Path dir;
    Database db;
    MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    Sites sites;
    Identity identity;
    Media media;
    WebServer server;
    Http http;
    String token;

    @BeforeEach
    void start() {
        db = Database.open(TestDatabases.sqlite(dir));
        sites = Sites.create(db, clock);
        sites.save(NewSite.withDefaults(new SiteId("courier"), "The Courier", List.of("https://courier.example")));
        identity = Identity.create(db, clock, sites);
        token = identity.createGuest().token();
        serve(new MediaConfig(MAX_BYTES, 1_000_000, 1600, 320));
    }

    /** (Re)starts the server with the media routes under {@code config}. */
    void serve(MediaConfig config) {
        if (server != null) {
            server.stop();
        }
        media = Media.create(db, clock, config);
        server = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .routing(routing -> routing
                        .addFilter((chain, req, res) -> {
                            res.header("Content-Security-Policy", PAGE_POLICY);
                            res.header("X-Frame-Options", "DENY");
                            chain.proceed();
                        })
                        .register(media.routes(identity, sites, (site, guest) -> { }))
                        .error(ParleyException.class, MediaRoutesTest::problem)
                        // web/Problems answers Helidon's own HTTP errors (a path it cannot decode) with their 4xx.
                        .error(HttpException.class, (req, res, e) -> res.status(e.status()).send(e.getMessage()))
                        .error(Exception.class, (req, res, e) -> res.status(Status.INTERNAL_SERVER_ERROR_500).send(e.toString())))
                .build()
                .start();
        http = new Http("http://localhost:" + server.port());
    }

    @AfterEach
    void stop() {
        server.stop();
        db.close();
    }

    /** The body web/Problems writes: type, title, status, detail, instance. */
    static void problem(ServerRequest req, ServerResponse res, ParleyException e) {
        String json = "{\"type\":\"" + e.type().uri() + "\",\"title\":\"" + e.type().title() + "\",\"status\":" + e.type().status()
                + ",\"detail\":" + org.parley.http.Json.mapper().valueToTree(e.detail()) + ",\"instance\":\""
                + req.prologue().uriPath().path() + "\"}";
        if (e.type().status() == 401) {
            res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer");
        }
        if (e instanceof ParleyException.RateLimited limited) {
            res.header(HeaderNames.RETRY_AFTER, Long.toString(limited.retryAfterSeconds()));
        }
        if (e instanceof ParleyException.Unavailable unavailable) {
            res.header(HeaderNames.RETRY_AFTER, Long.toString(unavailable.retryAfterSeconds()));
        }
        res.status(Status.create(e.type().status()))
                .header(HeaderNames.CONTENT_TYPE, "application/problem+json")
                .send(json);
    }

    Http.Reply upload(byte[] body, String... headers) {
        return uploadAs(token, body, headers);
    }

    Http.Reply uploadAs(String guestToken, byte[] body, String... headers) {
        String[] all = Arrays.copyOf(headers, headers.length + 2);
        all[headers.length] = "Authorization";
        all[headers.length + 1] = "Bearer " + guestToken;
        return http.send("POST", UPLOAD, body, all);
    }

    static String slug(Http.Reply reply) {
        assertThat(reply.contentType()).as(reply.text()).isEqualTo("application/problem+json");
        return reply.json().path("type").asText().replace("urn:parley:problem:", "");
    }

    // ---- uploading ----------------------------------------------------------------------------------

    @Test
    void aGuestUploadsAnImageAndGetsItsIdSizesAndUrls() {
        Http.Reply reply = upload(TestImages.jpeg(TestImages.halves(40, 20)), "Content-Type", "application/octet-stream");

        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        assertThat(reply.contentType()).isEqualTo("application/json");
        JsonNode json = reply.json();
        String id = json.path("id").asText();
        assertThat(ImageId.isValid(id)).isTrue();
        assertThat(json.path("format").asText()).isEqualTo("jpeg");
        assertThat(List.of(json.path("width").asInt(), json.path("height").asInt())).containsExactly(40, 20);
        assertThat(json.at("/display/url").asText()).isEqualTo("/media/" + id + "/display");
        assertThat(List.of(json.at("/display/width").asInt(), json.at("/display/height").asInt())).containsExactly(40, 20);
        assertThat(json.at("/thumb/url").asText()).isEqualTo("/media/" + id + "/thumb");
        assertThat(reply.header("Location")).contains("/media/" + id + "/display");
    }

    @Test
    void theDeclaredContentTypeIsIgnoredEitherWay() {
        assertThat(upload(TestImages.png(TestImages.halves(8, 8)), "Content-Type", "text/html").status()).isEqualTo(201);
        assertThat(upload(TestImages.png(TestImages.halves(8, 8))).status()).as("no Content-Type at all").isEqualTo(201);

        Http.Reply svg = upload("<svg xmlns='http://www.w3.org/2000/svg'/>".getBytes(StandardCharsets.UTF_8), "Content-Type", "image/png");
        assertThat(svg.status()).isEqualTo(415);
        assertThat(slug(svg)).isEqualTo("unsupported-image");
    }

    static Stream<Arguments> badUploads() {
        byte[] jpeg = TestImages.jpeg(TestImages.photoLike(64, 64, 1));
        return Stream.of(
                Arguments.of("no token", jpeg, List.of(), 401, "authentication-required"),
                Arguments.of("an unknown token", jpeg, List.of("Authorization", "Bearer not-a-real-token"), 401, "unknown-guest-token"),
                Arguments.of("a multipart form", multipart(jpeg), List.of("Content-Type", "multipart/form-data; boundary=XyZ"), 415, "multipart-upload"),
                Arguments.of("SVG", utf8("<svg onload='alert(1)'/>"), List.of(), 415, "unsupported-image"),
                Arguments.of("HTML", utf8("<!doctype html><script>alert(1)</script>"), List.of("Content-Type", "image/jpeg"), 415, "unsupported-image"),
                Arguments.of("text", utf8("hello"), List.of("Content-Type", "text/plain"), 415, "unsupported-image"),
                Arguments.of("a truncated JPEG", Arrays.copyOf(jpeg, jpeg.length / 2), List.of(), 422, "broken-image"),
                Arguments.of("a JPEG whose EXIF segment is shorter than its header", TestImages.concat(
                        new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE1, 0, 2}, TestImages.ascii("Exif\0\0"),
                        Arrays.copyOfRange(jpeg, 2, jpeg.length)), List.of(), 422, "broken-image"),
                Arguments.of("a JPEG that is also a web page", TestImages.concat(jpeg, utf8("<html><script>alert(1)</script>")),
                        List.of(), 422, "image-polyglot"),
                Arguments.of("a pixel bomb", TestImages.pngBomb(50_000, 50_000), List.of(), 422, "image-too-many-pixels"),
                Arguments.of("too many pixels", TestImages.png(TestImages.solid(1001, 1000, TestImages.RED)), List.of(), 422, "image-too-many-pixels"),
                Arguments.of("an empty body", new byte[0], List.of(), 400, "missing-body"),
                Arguments.of("a body over the byte limit", new byte[MAX_BYTES + 1], List.of(), 413, "image-too-large"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badUploads")
    void badUploadsGetAProblemThatSaysWhatToDo(String what, byte[] body, List<String> headers, int status, String slug) {
        List<String> all = new java.util.ArrayList<>(headers);
        if (!headers.contains("Authorization") && !what.equals("no token")) {
            all.addAll(List.of("Authorization", "Bearer " + token));
        }

        Http.Reply reply = http.send("POST", UPLOAD, body, all.toArray(String[]::new));

        assertThat(reply.status()).as(reply.text()).isEqualTo(status);
        assertThat(slug(reply)).isEqualTo(slug);
        assertThat(reply.json().path("detail").asText()).isNotBlank();
    }

    @Test
    void aGuestUploadingImageAfterImageIsToldToWait() {
        for (int i = 0; i < MediaConfig.DEFAULT_UPLOADS_PER_GUEST; i++) {
            Http.Reply stored = upload(TestImages.png(TestImages.solid(8, 8, new java.awt.Color(i, 0, 0))));
            assertThat(stored.status()).as("upload %d", i + 1).isEqualTo(201);
        }

        Http.Reply refused = upload(TestImages.png(TestImages.halves(8, 8)));

        assertThat(refused.status()).isEqualTo(429);
        assertThat(slug(refused)).isEqualTo("too-many-uploads");
        assertThat(Long.parseLong(refused.header("Retry-After").orElseThrow())).isBetween(1L, 600L);
    }

    @Test
    void uploadsTurnedAwayBecauseParleyIsBusySpendNeitherTheGuestsNorTheNetworksAllowance() {
        // Two uploads a guest, three a network, and no waiting for memory.
        serve(new MediaConfig(MAX_BYTES, 1_000_000, 1600, 320, 2, 3, MediaConfig.DEFAULT_UPLOAD_MEMORY_PERCENT, 0));
        MemoryBudget memory = media.intake().memory();
        try (MemoryBudget.Reservation others = memory.reserve(memory.capacityBytes(), Duration.ZERO).orElseThrow()) {
            for (int i = 0; i < 5; i++) {
                Http.Reply busy = upload(TestImages.png(TestImages.halves(8, 8)));

                assertThat(busy.status()).as("attempt %d: %s", i + 1, busy.text()).isEqualTo(503);
                assertThat(slug(busy)).isEqualTo("uploads-busy");
                assertThat(busy.header("Retry-After")).isPresent();
            }
        }

        assertThat(upload(TestImages.png(TestImages.solid(8, 8, TestImages.RED))).status()).as("the guest's first").isEqualTo(201);
        assertThat(upload(TestImages.png(TestImages.solid(8, 8, TestImages.BLUE))).status()).as("the guest's second").isEqualTo(201);
        assertThat(uploadAs(identity.createGuest().token(), TestImages.png(TestImages.halves(8, 8))).status())
                .as("the network's third").isEqualTo(201);
    }

    @Test
    void anUploadTheNetworksAllowanceRefusesDoesNotSpendTheGuestsOwn() {
        // One upload a guest, two a network, in ten minutes, refilled gradually.
        serve(new MediaConfig(MAX_BYTES, 1_000_000, 1600, 320, 1, 2, MediaConfig.DEFAULT_UPLOAD_MEMORY_PERCENT,
                MediaConfig.DEFAULT_UPLOAD_WAIT_SECONDS));
        for (int i = 0; i < 2; i++) {
            assertThat(uploadAs(identity.createGuest().token(), TestImages.png(TestImages.solid(8, 8, new java.awt.Color(i, 9, 9))))
                    .status()).as("a housemate's upload").isEqualTo(201);
        }
        Http.Reply network = upload(TestImages.png(TestImages.halves(8, 8)));
        assertThat(network.status()).isEqualTo(429);
        assertThat(network.json().path("detail").asText()).contains("your network");

        clock.advance(UploadLimits.WINDOW.dividedBy(2)); // the network has one upload again; the guest had not used theirs

        Http.Reply stored = upload(TestImages.png(TestImages.halves(8, 8)));
        assertThat(stored.status()).as(stored.text()).isEqualTo(201);
    }

    @Test
    void anUploadToAnUnknownSiteIsNotFound() {
        Http.Reply reply = http.send("POST", "/api/v1/sites/nowhere/images", TestImages.png(TestImages.halves(8, 8)),
                "Authorization", "Bearer " + token);

        assertThat(reply.status()).isEqualTo(404);
        assertThat(slug(reply)).isEqualTo("unknown-site");
    }

    @Test
    void aStreamedBodyOverTheLimitIsRefusedWhileReading() throws IOException, InterruptedException {
        byte[] big = new byte[MAX_BYTES * 4];
        HttpRequest request = HttpRequest.newBuilder(URI.create(http.base() + UPLOAD))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
                .build();

        HttpResponse<String> reply = http.client().send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(413);
        assertThat(reply.body()).contains("image-too-large", Integer.toString(MAX_BYTES));
    }

    // ---- serving ------------------------------------------------------------------------------------

    @Test
    void eachVariantIsServedWithItsStoredTypeAndHeadersThatKeepItAnImage() {
        StoredImage stored = media.store(TestImages.png(TestImages.transparentDisc(400)));

        for (Variant variant : Variant.values()) {
            Http.Reply reply = http.get(stored.url(variant));

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.contentType()).isEqualTo("image/png");
            assertThat(reply.bytes()).isEqualTo(media.variant(stored.id(), variant).orElseThrow().bytes());
            assertThat(reply.header("X-Content-Type-Options")).contains("nosniff");
            assertThat(reply.headers().get("Content-Security-Policy")).as("replaces the page policy")
                    .containsExactly("default-src 'none'; sandbox");
            assertThat(reply.header("Cache-Control")).contains("public, max-age=31536000, immutable");
            assertThat(reply.header("ETag")).contains("\"" + stored.id() + "." + variant.path() + "\"");
            assertThat(reply.header("Cross-Origin-Resource-Policy")).contains("cross-origin");
            assertThat(TestImages.read(reply.bytes()).getWidth()).isEqualTo(stored.width(variant));
        }
        assertThat(stored.thumbWidth()).isEqualTo(320);
    }

    @Test
    void aMatchingIfNoneMatchGets304WithoutTheBytes() {
        StoredImage stored = media.store(TestImages.jpeg(TestImages.halves(40, 20)));
        String etag = http.get(stored.url(Variant.THUMB)).header("ETag").orElseThrow();

        Http.Reply reply = http.get(stored.url(Variant.THUMB), "If-None-Match", etag);

        assertThat(reply.status()).isEqualTo(304);
        assertThat(reply.bytes()).isEmpty();
        assertThat(reply.header("ETag")).contains(etag);
        assertThat(http.get(stored.url(Variant.DISPLAY), "If-None-Match", etag).status()).as("another variant's tag").isEqualTo(200);
    }

    @Test
    void aDeletedImageIsGoneEvenForACachedCopysRevalidation() {
        StoredImage stored = media.store(TestImages.jpeg(TestImages.halves(40, 20)));
        String etag = http.get(stored.url(Variant.DISPLAY)).header("ETag").orElseThrow();

        media.delete(stored.id());

        assertThat(http.get(stored.url(Variant.DISPLAY)).status()).isEqualTo(404);
        assertThat(http.get(stored.url(Variant.DISPLAY), "If-None-Match", etag).status()).isEqualTo(404);
    }

    static Stream<String> badImagePaths() {
        String unknown = "ab".repeat(32);
        return Stream.of(
                "/media/" + unknown + "/display",
                "/media/" + unknown + "/original",
                "/media/" + unknown.toUpperCase(java.util.Locale.ROOT) + "/display",
                "/media/" + unknown.substring(1) + "/display",
                "/media/" + unknown + "0/thumb",
                "/media/" + unknown + "/Display",
                "/media/%2e%2e/display",
                "/media/" + unknown.substring(0, 63) + "g/thumb");
    }

    @ParameterizedTest
    @MethodSource("badImagePaths")
    void anythingButAnIdParleyMadeIsUnknown(String path) {
        Http.Reply reply = http.get(path);

        assertThat(reply.status()).as(path).isEqualTo(404);
        assertThat(slug(reply)).isEqualTo("unknown-image");
        assertThat(reply.contentType()).doesNotStartWith("image/");
    }

    @Test
    void aPathTraversalNeverReachesStorage() {
        Http.Reply reply = http.get("/media/..%2F..%2Fetc%2Fpasswd/display");

        assertThat(reply.status()).isBetween(400, 404);
        assertThat(reply.contentType()).doesNotStartWith("image/");
    }

    // ---- helpers ------------------------------------------------------------------------------------

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] multipart(byte[] file) {
        return TestImages.concat(utf8("--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n"), file, utf8("\r\n--XyZ--\r\n"));
    }

}
