package org.parley.mail;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.parley.http.ParleyException;
import org.parley.http.RequestProblem;
import org.parley.http.Requests;

/**
 * HTTP for mail, mounted under {@code /api/v1}: the one-click unsubscribe of RFC 8058. Mail clients POST
 * to the link in {@code List-Unsubscribe}; a person who opens the link gets a page whose button POSTs, because
 * a GET must change nothing (mail scanners open every link). Neither needs a login: the signed token is the
 * authority.
 */
final class MailRoutes implements HttpService {

    /** RFC 8058's body is one short form field; anything much longer is not a mail client's request. */
    private static final int MAX_BODY_BYTES = 8 * 1024;

    private final Mail mail;

    MailRoutes(Mail mail) {
        this.mail = mail;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/mail/unsubscribe", this::confirm)
                .post("/mail/unsubscribe", this::unsubscribe);
    }

    // GET /mail/unsubscribe?token=… → 200 page with a button that POSTs; 4xx problem for a bad token.
    private void confirm(ServerRequest req, ServerResponse res) {
        String token = Requests.requiredQuery(req, "token");
        MailCategory category = mail.checkUnsubscribe(token);
        page(res, "Unsubscribe", "<p>Stop receiving " + describe(category) + " at this address?</p>"
                + "<form method=\"post\" action=\"" + Mail.UNSUBSCRIBE_PATH + "?token=" + Template.escapeHtml(token) + "\">"
                + "<input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">"
                + "<button type=\"submit\">Unsubscribe</button></form>");
    }

    // POST /mail/unsubscribe?token=… (any body, usually List-Unsubscribe=One-Click) → 200 page; 4xx problem for a bad token.
    private void unsubscribe(ServerRequest req, ServerResponse res) {
        String token = Requests.requiredQuery(req, "token");
        discardBody(req);
        MailCategory category = mail.unsubscribe(token);
        page(res, "Unsubscribed", "<p>Done: this address will get no more " + describe(category) + ".</p>");
    }

    private static String describe(MailCategory category) {
        return switch (category) {
            case SIGN_IN -> "sign-in emails";
            case REPLIES -> "emails about replies to your comments";
            case DIGEST -> "digest emails";
            case MODERATION_NOTICES -> "emails about moderators' decisions on your comments";
            case MODERATOR_ALERTS -> "moderator alerts";
        };
    }

    private static void discardBody(ServerRequest req) {
        if (req.headers().contentLength().orElse(0) > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        try (InputStream in = req.content().inputStream()) {
            if (in.readNBytes(MAX_BODY_BYTES + 1).length > MAX_BODY_BYTES) {
                throw tooLarge();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading an unsubscribe request's body", e);
        }
    }

    private static ParleyException tooLarge() {
        return new ParleyException.InvalidInput(RequestProblem.BODY_TOO_LARGE,
                "An unsubscribe request's body must be at most " + MAX_BODY_BYTES + " bytes.");
    }

    private static void page(ServerResponse res, String title, String body) {
        String html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + title + "</title></head>"
                + "<body><h1>" + title + "</h1>" + body + "</body></html>";
        res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8")
                .header(HeaderNames.CACHE_CONTROL, "no-store")
                // The token is in the URL: keep it out of Referer headers.
                .header("Referrer-Policy", "no-referrer")
                .send(html.getBytes(StandardCharsets.UTF_8));
    }
}
