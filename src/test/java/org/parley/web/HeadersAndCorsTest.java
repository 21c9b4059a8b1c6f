package org.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.Http;
import org.parley.testing.RunningParley;

/** Who may call the API from a browser, and the headers that keep Parley's responses in their lane. */
class HeadersAndCorsTest {

    @TempDir
    static Path dir;
    static RunningParley parley;
    static Http http;

    @BeforeAll
    static void start() {
        parley = RunningParley.start(dir, Clock.systemUTC(), true, Map.of());
        http = parley.http();
        parley.site("courier", "https://courier.example", "https://www.courier.example:8443");
    }

    @AfterAll
    static void stop() {
        parley.close();
    }

    @Test
    void aSitesOwnOriginMayReadItsThreads() {
        var reply = http.get("/api/v1/sites/courier/thread?page=x", "Origin", "https://courier.example");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Access-Control-Allow-Origin")).contains("https://courier.example");
        assertThat(reply.header("Access-Control-Expose-Headers").orElse("")).contains("ETag");
    }

    @Test
    void aPreflightFromAnAllowedOriginListsTheMethodsAndHeadersTheWidgetUses() {
        var reply = http.send("OPTIONS", "/api/v1/sites/courier/comments", null,
                "Origin", "https://www.courier.example:8443", "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "authorization, content-type");
        assertThat(reply.status()).isEqualTo(204);
        assertThat(reply.header("Access-Control-Allow-Origin")).contains("https://www.courier.example:8443");
        assertThat(reply.header("Access-Control-Allow-Methods").orElse("")).contains("POST", "PATCH", "DELETE", "PUT");
        assertThat(reply.header("Access-Control-Allow-Headers").orElse("")).contains("Authorization", "Content-Type");
    }

    @Test
    void anotherOriginIsToldItIsNotAllowedForThatSite() {
        var read = http.get("/api/v1/sites/courier/thread?page=x", "Origin", "https://evil.example");
        assertThat(read.status()).isEqualTo(403);
        assertThat(read.json().get("type").asText()).isEqualTo("urn:parley:problem:origin-not-allowed");
        assertThat(read.json().get("detail").asText()).contains("https://evil.example", "courier");

        var write = http.post("/api/v1/sites/courier/guests", "{}", "Origin", "https://evil.example");
        assertThat(write.status()).isEqualTo(403);

        var preflight = http.send("OPTIONS", "/api/v1/sites/courier/comments", null,
                "Origin", "http://courier.example", "Access-Control-Request-Method", "POST");
        assertThat(preflight.status()).as("scheme matters").isEqualTo(403);
    }

    @Test
    void requestsWithoutAnOriginOrFromParleysOwnPagesPass() {
        assertThat(http.get("/api/v1/sites/courier/thread?page=x").status()).isEqualTo(200);
        var own = http.get("/api/v1/sites/courier/thread?page=x", "Origin", "http://localhost:" + parley.port());
        assertThat(own.status()).isEqualTo(200);
    }

    @Test
    void apiResponsesAreDataThatNoBrowserWillSniffOrFrame() {
        var reply = http.get("/api/v1/sites/courier/thread?page=x");
        assertThat(reply.header("X-Content-Type-Options")).contains("nosniff");
        assertThat(reply.header("Referrer-Policy")).contains("strict-origin-when-cross-origin");
        assertThat(reply.header("Content-Security-Policy")).contains("default-src 'none'; frame-ancestors 'none'");
        var problem = http.get("/api/v1/nothing");
        assertThat(problem.header("X-Content-Type-Options")).contains("nosniff");
    }

    @Test
    void parleysOwnPagesRunOnlyParleysOwnScriptsAndStyles() {
        for (String path : new String[] {"/", "/demo"}) {
            var page = http.get(path);
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.contentType()).startsWith("text/html");
            String csp = page.header("Content-Security-Policy").orElseThrow();
            assertThat(csp).contains("script-src 'self'", "style-src 'self'", "object-src 'none'", "frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline", "unsafe-eval");
            assertThat(page.header("X-Content-Type-Options")).contains("nosniff");
        }
    }

    @Test
    void widgetFilesMayBeLoadedByAnyNewsroomPage() {
        var js = http.get("/widget/parley.js", "Accept-Encoding", "gzip");
        assertThat(js.status()).isEqualTo(200);
        assertThat(js.contentType()).startsWith("text/javascript");
        assertThat(js.header("Cross-Origin-Resource-Policy")).contains("cross-origin");
        assertThat(js.header("Content-Encoding")).contains("gzip");
        assertThat(http.get("/widget/parley.js", "If-None-Match", js.header("ETag").orElseThrow()).status()).isEqualTo(304);
        assertThat(http.get("/widget/parley.css").contentType()).startsWith("text/css");

        var account = http.get("/widget/parley-account.js", "Accept-Encoding", "gzip");
        assertThat(account.status()).isEqualTo(200);
        assertThat(account.contentType()).startsWith("text/javascript");
        assertThat(account.header("Cross-Origin-Resource-Policy")).contains("cross-origin");
        assertThat(account.header("Content-Encoding")).contains("gzip");
        assertThat(http.get("/widget/parley-account.js", "If-None-Match", account.header("ETag").orElseThrow()).status()).isEqualTo(304);
    }

    /** A module the widget loads on first use (test resources put one beside it) is served as parley.js is. */
    @Test
    void anotherWidgetFileIsServedWithTheSameCachingGzipAndEtag() {
        for (String[] file : new String[][] {{"parley-example-module.js", "text/javascript"}, {"parley-example-module.css", "text/css"}}) {
            String path = "/widget/" + file[0];
            var reply = http.get(path, "Accept-Encoding", "gzip");
            assertThat(reply.status()).as(path).isEqualTo(200);
            assertThat(reply.contentType()).as(path).startsWith(file[1]);
            assertThat(reply.header("Content-Encoding")).as(path).contains("gzip");
            assertThat(reply.header("Cache-Control")).as(path).contains("public, max-age=300");
            assertThat(reply.header("Cross-Origin-Resource-Policy")).as(path).contains("cross-origin");
            String etag = reply.header("ETag").orElseThrow();
            assertThat(etag).isNotEqualTo(http.get("/widget/parley.js").header("ETag").orElseThrow());
            assertThat(http.get(path, "If-None-Match", etag).status()).as(path).isEqualTo(304);
            assertThat(http.get(path).text()).as(path).contains("a module the widget loads on first use");
        }
        // Only scripts and stylesheets in the widget folder: anything else is no endpoint.
        for (String path : new String[] {"/widget/parley-missing.js", "/widget/home.html", "/widget/..%2Fopenapi.json",
                "/widget/%2E%2E%2Fhome.html", "/widget/Parley.JS"}) {
            var reply = http.get(path);
            assertThat(reply.status()).as(path).isEqualTo(404);
            assertThat(reply.json().get("type").asText()).as(path).isEqualTo("urn:parley:problem:no-such-route");
        }
    }
}
