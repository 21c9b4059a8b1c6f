package org.parley.staff;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.Utf8ByteOutput;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;
import java.util.Optional;
import org.parley.http.ClientAddress;
import org.parley.http.Form;
import org.parley.http.FormBodies;
import org.parley.http.ParleyException;

/** Staff sign-in pages, mounted at the server root. HTML in, HTML or redirects out. */
final class StaffRoutes implements HttpService {

    /** A login form is three short fields; 16 KiB leaves room for a 1024-character password fully escaped. */
    private static final int MAX_FORM_BYTES = 16 * 1024;
    private static final int MAX_ECHOED_USERNAME = 200;
    private static final String WRONG = "That username and password do not match an active account.";

    private final Staff staff;
    private final StaffConfig config;
    private final FormBodies forms = new FormBodies(MAX_FORM_BYTES);
    private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);

    StaffRoutes(Staff staff, StaffConfig config) {
        this.staff = staff;
        this.config = config;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/admin/login", this::loginPage)
                .post("/admin/login", this::login)
                .post("/admin/logout", this::logout);
    }

    // GET /admin/login?next=/admin/… → the sign-in form; someone already signed in goes straight on.
    private void loginPage(ServerRequest req, ServerResponse res) {
        String next = Staff.safeNext(req.query().first("next").orElse(Staff.HOME));
        if (staff.session(req).isPresent()) {
            redirect(res, next);
            return;
        }
        page(res, Status.OK_200, "", "", next);
    }

    // POST /admin/login (form: username, password, next?) → 303 to next with the session cookie;
    // 401 page when refused, 429 page with Retry-After when rate-limited.
    private void login(ServerRequest req, ServerResponse res) {
        staff.requireSameOrigin(req);
        Form form = forms.read(req);
        String username = form.optional("username").orElse("");
        String next = Staff.safeNext(form.optional("next").orElse(Staff.HOME));
        String echoed = username.length() > MAX_ECHOED_USERNAME ? "" : username;
        try {
            switch (staff.login(username, form.optional("password").orElse(""), ClientAddress.of(req))) {
                case LoginOutcome.SignedIn signedIn -> {
                    res.header(HeaderNames.SET_COOKIE, cookie(signedIn.token(), config.sessionLifetime().toSeconds()));
                    redirect(res, next);
                }
                case LoginOutcome.Refused refused -> page(res, Status.UNAUTHORIZED_401, WRONG, echoed, next);
            }
        } catch (ParleyException.RateLimited e) {
            res.header(HeaderNames.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
            page(res, Status.TOO_MANY_REQUESTS_429, "Too many failed sign-ins. Wait " + humanDelay(e.retryAfterSeconds())
                    + " and try again.", echoed, next);
        }
    }

    // POST /admin/logout (form: csrf) → 303 to /admin/login with the cookie cleared.
    private void logout(ServerRequest req, ServerResponse res) {
        staff.requireSameOrigin(req);
        Optional<Session> session = staff.session(req);
        if (session.isPresent()) {
            staff.requireCsrf(session.get(), forms.read(req).optional("csrf").orElse(""));
            staff.logout(session.get());
        }
        res.header(HeaderNames.SET_COOKIE, cookie("", 0));
        redirect(res, Staff.LOGIN_PATH);
    }

    private void page(ServerResponse res, Status status, String error, String username, String next) {
        Utf8ByteOutput html = new Utf8ByteOutput();
        templates.render("staff/login.jte", Map.of("error", error, "username", username, "next", next), html);
        res.status(status)
                .header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8")
                .header(HeaderNames.CACHE_CONTROL, "no-store")
                .send(html.toByteArray());
    }

    private static void redirect(ServerResponse res, String location) {
        res.status(Status.SEE_OTHER_303)
                .header(HeaderNames.LOCATION, location)
                .header(HeaderNames.CACHE_CONTROL, "no-store")
                .send();
    }

    /** The session cookie: never readable by scripts, never sent cross-site, only to the dashboard. */
    private String cookie(String token, long maxAgeSeconds) {
        return Staff.COOKIE + "=" + token + "; Path=" + Staff.COOKIE_PATH + "; Max-Age=" + maxAgeSeconds
                + "; HttpOnly; SameSite=Strict" + (config.secureCookies() ? "; Secure" : "");
    }

    private static String humanDelay(long seconds) {
        return seconds < 90 ? seconds + " seconds" : (seconds + 59) / 60 + " minutes";
    }
}
