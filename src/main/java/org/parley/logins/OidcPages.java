package org.parley.logins;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.parley.http.Json;
import org.parley.http.ParleyException;

/**
 * The pages the sign-in popup shows when the provider sends the reader back. On success the page hands the session to
 * the article page that opened the popup, {@code window.opener.postMessage({parleySession: {token, expiresAt, account}},
 * origin)} with that page's origin as the only target, then closes. The session travels in a JSON data block that no
 * browser runs; the one script is fixed text, allowed by its hash in the page's CSP, so nothing a provider or reader
 * sends can run there.
 */
final class OidcPages {

    /** Reads the data block, posts it to the opener on the one origin it names, and closes the popup. */
    static final String SCRIPT = "(function(){var d=JSON.parse(document.getElementById('parley-sign-in').textContent);"
            + "if(window.opener){window.opener.postMessage({parleySession:d.session},d.origin);}window.close();})();";
    static final String SIGNED_IN_POLICY = "default-src 'none'; script-src '" + sha256(SCRIPT) + "'; base-uri 'none'; "
            + "form-action 'none'; frame-ancestors 'none'";
    private static final String PROBLEM_POLICY = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private OidcPages() {
    }

    /** True when the client would rather read HTML than JSON: a browser's popup, not an API client. */
    static boolean prefersHtml(ServerRequest req) {
        return req.headers().contains(io.helidon.http.HeaderNames.ACCEPT)
                && req.headers().bestAccepted(MediaTypes.APPLICATION_JSON, MediaTypes.TEXT_HTML).filter(MediaTypes.TEXT_HTML::equals).isPresent();
    }

    static void signedIn(ServerResponse res, OidcSignIn done) {
        Map<String, Object> session = new LinkedHashMap<>();
        session.put("token", done.session().token());
        session.put("expiresAt", done.session().expiresAt().toString());
        session.put("account", done.session().account().ownView());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("origin", done.origin());
        data.put("session", session);
        send(res, 200, SIGNED_IN_POLICY, "Signed in", "<p>Signed in as " + escape(done.session().account().displayName())
                + ". This window closes by itself; if it stays open, close it and go back to the article.</p>\n"
                + "<script type=\"application/json\" id=\"parley-sign-in\">" + dataBlock(data) + "</script>\n"
                + "<script>" + SCRIPT + "</script>\n");
    }

    /** The problem a popup's request ran into, as a page a reader can read; the status is the problem's. */
    static void problem(ServerResponse res, ParleyException e) {
        switch (e) {
            case ParleyException.RateLimited limited -> res.header("Retry-After", Long.toString(limited.retryAfterSeconds()));
            case ParleyException.Unavailable unavailable -> res.header("Retry-After", Long.toString(unavailable.retryAfterSeconds()));
            default -> {
            }
        }
        send(res, e.type().status(), PROBLEM_POLICY, "Sign-in failed", "<h1>" + escape(e.type().title()) + "</h1>\n<p>"
                + escape(e.detail()) + "</p>\n<p>Close this window and try again from the article. (" + escape(e.type().slug()) + ")</p>\n");
    }

    private static void send(ServerResponse res, int status, String policy, String title, String body) {
        String page = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title + "</title>"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"></head>\n<body>\n" + body + "</body></html>\n";
        res.status(status)
                .header("Content-Type", "text/html; charset=utf-8")
                .header("Content-Security-Policy", policy)
                .header("Cache-Control", "no-store")
                // The callback's URL carries the code and state: no page it links to may see them.
                .header("Referrer-Policy", "no-referrer")
                .send(page.getBytes(StandardCharsets.UTF_8));
    }

    /** JSON inside a script element: "<" escaped so no value can close the element. */
    private static String dataBlock(Map<String, Object> data) {
        ObjectMapper json = Json.mapper();
        return new String(Json.bytes(json, data), StandardCharsets.UTF_8).replace("<", "\\u003c");
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }

    private static String sha256(String script) {
        try {
            return "sha256-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(script.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
