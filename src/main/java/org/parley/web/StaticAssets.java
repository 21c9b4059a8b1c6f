package org.parley.web;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.parley.http.EncodedBody;
import org.parley.http.Responses;

/**
 * Files Parley serves as they are: the widget, the API description and the home page. Each is read
 * and gzip-compressed once and answered with an ETag, so revalidation costs a 304. The widget's files are
 * the build's minified ones; besides parley.js and parley.css (read at start-up, so a jar without them does not
 * start), any other script or stylesheet the build puts in web/widget/ (a module the widget loads on first use)
 * is served the same way, read on its first request.
 */
final class StaticAssets implements HttpService {

    /** One path segment naming a script or stylesheet: no slash, so nothing outside web/widget/ can be named. */
    private static final Pattern WIDGET_FILE = Pattern.compile("[a-z0-9][a-z0-9._-]*\\.(js|css)");

    // Only files found are kept, so the map holds at most the widget folder, whatever names are asked for.
    private final Map<String, EncodedBody> widgetFiles = new ConcurrentHashMap<>(Map.of(
            "parley.js", shipped("parley.js"),
            "parley.css", shipped("parley.css")));
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
                .get("/widget/{file}", this::widget)
                .get("/api/v1/openapi.json", (req, res) -> {
                    res.header("Access-Control-Allow-Origin", "*");
                    send(req, res, openApi);
                });
    }

    private void widget(ServerRequest req, ServerResponse res) {
        String name = req.path().pathParameters().get("file");
        EncodedBody body = WIDGET_FILE.matcher(name).matches() ? widgetFiles.computeIfAbsent(name, StaticAssets::widgetFile) : null;
        if (body == null) {
            res.next(); // the "no such endpoint" 404
            return;
        }
        send(req, res, body);
    }

    /** The widget file {@code name} as the build left it on the class path, or null when there is none. */
    private static EncodedBody widgetFile(String name) {
        String resource = "web/widget/" + name;
        if (StaticAssets.class.getClassLoader().getResource(resource) == null) {
            return null;
        }
        return load(resource, name.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8");
    }

    private static EncodedBody shipped(String name) {
        EncodedBody body = widgetFile(name);
        if (body == null) {
            throw new IllegalStateException("missing resource web/widget/" + name + " in the Parley jar");
        }
        return body;
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
