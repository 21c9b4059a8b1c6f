package org.parley.logins;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.parley.http.JsonBudget;
import org.parley.http.JsonFields;
import org.parley.http.Json;
import org.parley.http.RequestBodies;
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

    LoginRoutes(Logins logins, Sites sites, Identity identity) {
        this.logins = logins;
        this.sites = sites;
        this.identity = identity;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/sites/{site}/sign-in", this::ways)
                .post("/sites/{site}/sign-in/sso", this::sso);
    }

    // GET /sites/{site}/sign-in → {guests, sso: {loginUrl?}|null, email, passkeys}: what the widget offers
    private void ways(ServerRequest req, ServerResponse res) {
        SiteId site = sites.require(req.path().pathParameters().get("site")).id();
        LoginSettings settings = logins.settings(site);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("guests", identity.policy(site).guestsMayWrite());
        Map<String, Object> sso = new LinkedHashMap<>();
        settings.ssoLoginUrl().map(URI::toString).ifPresent(url -> sso.put("loginUrl", url));
        out.put("sso", settings.sso() ? sso : null);
        out.put("email", settings.emailLinks());
        out.put("passkeys", settings.passkeys());
        // Short-lived: an admin's change reaches readers within a minute.
        res.header("Content-Type", "application/json").header("Cache-Control", "public, max-age=60").send(Json.bytes(json, out));
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

    static void sendSession(ServerResponse res, SignedIn signedIn) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("token", signedIn.token());
        out.put("expiresAt", signedIn.expiresAt().toString());
        out.put("account", signedIn.account().ownView());
        res.header("Content-Type", "application/json").header("Cache-Control", "no-store").send(Json.bytes(Json.mapper(), out));
    }
}
