package org.parley.logins;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashMap;
import io.helidon.http.Status;
import java.util.List;
import java.util.Map;
import org.parley.http.ClientAddress;
import java.util.Optional;
import java.util.Set;
import org.parley.http.ClientAddress;
import org.parley.http.JsonBudget;
import org.parley.http.JsonFields;
import org.parley.http.Json;
import org.parley.http.ParleyException;
import org.parley.http.RequestBodies;
import org.parley.http.Requests;
import org.parley.identity.Identity;
import org.parley.identity.SignedIn;
import org.parley.sites.SiteId;
import org.parley.sites.Sites;

/** HTTP for signing in, mounted under {@code /api/v1}. */
final class LoginRoutes implements HttpService {

    /** Longest sign-in token read: generous for a JWT with many claims, far below anything abusive. */
    private static final int MAX_TOKEN_CHARS = 16 * 1024;

    private final Logins logins;
    private final Sites sites;
    private final Identity identity;
    private final ObjectMapper json = Json.mapper();
    private final RequestBodies tokens = new RequestBodies(json, JsonBudget.forTexts(MAX_TOKEN_CHARS));
    private final RequestBodies links = new RequestBodies(json, JsonBudget.forTexts(320, 2048, 200));

    LoginRoutes(Logins logins, Sites sites, Identity identity) {
        this.logins = logins;
        this.sites = sites;
        this.identity = identity;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/sites/{site}/sign-in", this::ways)
                .post("/sites/{site}/sign-in/sso", this::sso)
                .post("/sites/{site}/sign-in/email", this::sendLink)
                .post("/sites/{site}/sign-in/email/verify", this::redeemLink)
                .get("/sites/{site}/sign-in/oidc/callback", (req, res) -> popup(req, res, this::oidcCallback))
                .get("/sites/{site}/sign-in/oidc/{provider}/start", (req, res) -> popup(req, res, this::oidcStart));
    }

    // GET /sites/{site}/sign-in → {guests, sso: {loginUrl?}|null, oidc: [{id, label}], email, passkeys}: what the widget offers
    private void ways(ServerRequest req, ServerResponse res) {
        SiteId site = sites.require(req.path().pathParameters().get("site")).id();
        LoginSettings settings = logins.settings(site);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("guests", identity.policy(site).guestsMayWrite());
        Map<String, Object> sso = new LinkedHashMap<>();
        settings.ssoLoginUrl().map(URI::toString).ifPresent(url -> sso.put("loginUrl", url));
        out.put("sso", settings.sso() ? sso : null);
        out.put("oidc", logins.oidcProviders(site).stream().map(LoginRoutes::button).toList());
        out.put("email", logins.emailLinksOffered(site));
        out.put("passkeys", settings.passkeys());
        // Short-lived: an admin's change reaches readers within a minute.
        res.header("Content-Type", "application/json").header("Cache-Control", "public, max-age=60").send(Json.bytes(json, out));
    }

    /** What the widget needs to show a provider's button: never its issuer, client id or secret. */
    private static Map<String, String> button(OidcProvider provider) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("id", provider.id());
        out.put("label", provider.label());
        return out;
    }

    // POST /sites/{site}/sign-in/sso {token} → 200 session: exchanges a JWT from the newsroom's login for a session
    private void sso(ServerRequest req, ServerResponse res) {
        SiteId site = sites.require(req.path().pathParameters().get("site")).id();
        JsonFields fields = new JsonFields(tokens.object(req), Set.of("token", "guestToken"));
        String token = fields.requiredString("token");
        Optional<String> guestToken = fields.optionalString("guestToken");
        fields.done();
        sendSession(res, logins.signInWithSso(site, token, guestToken));
    }

    // POST /sites/{site}/sign-in/email {email, returnUrl, name?} → 202: a sign-in link is on its way (whoever the address is)
    private void sendLink(ServerRequest req, ServerResponse res) {
        SiteId site = sites.require(req.path().pathParameters().get("site")).id();
        JsonFields fields = new JsonFields(links.object(req), Set.of("email", "returnUrl", "name"));
        String email = fields.requiredString("email");
        String returnUrl = fields.requiredString("returnUrl");
        Optional<String> name = fields.optionalString("name");
        fields.done();
        logins.sendEmailLink(site, email, returnUrl, name, ClientAddress.of(req));
        res.status(Status.ACCEPTED_202).header("Content-Type", "application/json").header("Cache-Control", "no-store")
                .send(Json.bytes(json, Map.of("sent", true)));
    }

    // POST /sites/{site}/sign-in/email/verify {token, guestToken?} → 200 session: the link's token, from the page's address
    private void redeemLink(ServerRequest req, ServerResponse res) {
        SiteId site = sites.require(req.path().pathParameters().get("site")).id();
        JsonFields fields = new JsonFields(links.object(req), Set.of("token", "guestToken"));
        String token = fields.requiredString("token");
        Optional<String> guestToken = fields.optionalString("guestToken");
        fields.done();
        sendSession(res, logins.signInWithEmailLink(site, token, guestToken));
    }

    // GET /sites/{site}/sign-in/oidc/{provider}/start?origin= → 302 to the provider: the widget opens this in a popup
    private void oidcStart(ServerRequest req, ServerResponse res) {
        SiteId site = sites.require(req.path().pathParameters().get("site")).id();
        String origin = Requests.requiredQuery(req, "origin");
        URI provider = logins.startOidcSignIn(site, req.path().pathParameters().get("provider"), origin, ClientAddress.of(req));
        res.status(302).header("Location", provider.toString()).header("Cache-Control", "no-store").send();
    }

    // GET /sites/{site}/sign-in/oidc/callback?state&code|error → a page that posts the session to the article and closes
    private void oidcCallback(ServerRequest req, ServerResponse res) {
        SiteId site = sites.require(req.path().pathParameters().get("site")).id();
        Map<String, String> reply = new HashMap<>();
        for (String name : List.of("state", "code", "error", "error_description")) {
            Requests.query(req, name).ifPresent(value -> reply.put(name, value));
        }
        OidcPages.signedIn(res, logins.finishOidcSignIn(site, reply));
    }

    /** A popup's request: its problems become a page when the browser asks for HTML, problem+json otherwise. */
    private static void popup(ServerRequest req, ServerResponse res, io.helidon.webserver.http.Handler handler) throws Exception {
        try {
            handler.handle(req, res);
        } catch (ParleyException e) {
            if (!OidcPages.prefersHtml(req)) {
                throw e;
            }
            OidcPages.problem(res, e);
        }
    }

    static void sendSession(ServerResponse res, SignedIn signedIn) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("token", signedIn.token());
        out.put("expiresAt", signedIn.expiresAt().toString());
        out.put("account", signedIn.account().ownView());
        res.header("Content-Type", "application/json").header("Cache-Control", "no-store").send(Json.bytes(Json.mapper(), out));
    }
}
