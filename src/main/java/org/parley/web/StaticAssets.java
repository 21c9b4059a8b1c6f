package org.parley.web;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.parley.http.EncodedBody;
import org.parley.http.Responses;

/**
 * Files Parley serves as they are: the widget, the API description and the home page. Each is read
 * and gzip-compressed once at start-up and answered with an ETag, so revalidation costs a 304.
 */
final class StaticAssets implements HttpService {

    private final EncodedBody widgetJs = load("web/widget/parley.js", "text/javascript; charset=utf-8");
    /** The account panel (signing in and out), which the widget loads only when a reader asks for it. */
    private final EncodedBody accountJs = load("web/widget/parley-account.js", "text/javascript; charset=utf-8");
    private final EncodedBody widgetCss = load("web/widget/parley.css", "text/css; charset=utf-8");
    private final EncodedBody openApi = load("web/openapi.json", "application/json");
    private final EncodedBody home;

    StaticAssets(boolean demo) {
        String page = text("web/home.html").replace("<!--demo-->",
                demo ? "<li><a href=\"/demo\">The demo newsroom: an article with its comment thread</a></li>" : "");
        home = EncodedBody.of(page.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", (req, res) -> send(req, res, home))
                .get("/widget/parley.js", (req, res) -> send(req, res, widgetJs))
                .get("/widget/parley.css", (req, res) -> send(req, res, widgetCss))
                .get("/widget/parley-account.js", (req, res) -> send(req, res, accountJs))
                .get("/api/v1/openapi.json", (req, res) -> {
                    res.header("Access-Control-Allow-Origin", "*");
                    send(req, res, openApi);
                });
    }

    /** Widget files may change with an upgrade, so caches revalidate after five minutes. */
    private static void send(ServerRequest req, ServerResponse res, EncodedBody body) {
        Responses.send(req, res, body, "public, max-age=300");
    }

    static EncodedBody load(String resource, String contentType) {
        return EncodedBody.of(text(resource).getBytes(StandardCharsets.UTF_8), contentType);
    }

    private static String text(String resource) {
        try (InputStream in = StaticAssets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource + " in the Parley jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + resource, e);
        }
    }
}
