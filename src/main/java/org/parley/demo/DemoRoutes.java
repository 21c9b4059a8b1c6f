package org.parley.demo;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.parley.http.EncodedBody;
import org.parley.http.Responses;

/** Serves the demo article at {@code /demo}: rendered once from the newsroom data, escaped, with the embed. */
final class DemoRoutes implements HttpService {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final EncodedBody article;
    private final EncodedBody css;

    DemoRoutes(DemoNewsroom newsroom) {
        var page = newsroom.page();
        StringBuilder body = new StringBuilder();
        page.paragraphs().forEach(p -> body.append("<p>").append(escape(p)).append("</p>\n"));
        String html = resource("demo/article.html")
                .replace("{{newsroom}}", escape(newsroom.site().name()))
                .replace("{{title}}", escape(page.title()))
                .replace("{{byline}}", escape(page.byline()))
                .replace("{{publishedIso}}", page.publishedAt().toString())
                .replace("{{published}}", DATE.format(page.publishedAt()))
                .replace("{{body}}", body.toString())
                .replace("{{site}}", escape(newsroom.site().id()))
                .replace("{{page}}", escape(page.key()));
        article = EncodedBody.of(html.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8");
        css = EncodedBody.of(resource("demo/demo.css").getBytes(StandardCharsets.UTF_8), "text/css; charset=utf-8");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/demo", (req, res) -> Responses.send(req, res, article, "no-cache"))
                .get("/demo/demo.css", (req, res) -> Responses.send(req, res, css, "public, max-age=300"));
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String resource(String name) {
        try (InputStream in = DemoRoutes.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing " + name + " in the Parley jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + name, e);
        }
    }
}
