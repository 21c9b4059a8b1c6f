package org.parley.logins;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.parley.http.ClientAddress;
import org.parley.http.Json;
import org.parley.http.JsonFields;
import org.parley.http.RequestBodies;
import org.parley.http.Requests;
import org.parley.identity.Identity;
import org.parley.identity.ReaderId;
import org.parley.sites.SiteId;
import org.parley.sites.Sites;

/**
 * HTTP for passkeys, mounted under {@code /api/v1} with the other ways of signing in. The request's Origin is the
 * article page's: it picks the RP ID, so it is passed along, never taken from the body.
 */
final class PasskeyRoutes implements HttpService {

    /** Largest answer read: an attestation with a certificate chain fits many times over. */
    private static final int MAX_BODY_BYTES = 64 * 1024;
    /** Longest name a reader may choose for a new account, in code points (accounts keep 80). */
    static final int MAX_NAME_CHARS = 80;

    private final Passkeys passkeys;
    private final Sites sites;
    private final Identity identity;
    private final ObjectMapper json = Json.mapper();
    private final RequestBodies bodies = new RequestBodies(json, MAX_BODY_BYTES);

    PasskeyRoutes(Passkeys passkeys, Sites sites, Identity identity) {
        this.passkeys = passkeys;
        this.sites = sites;
        this.identity = identity;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/sites/{site}/sign-in/passkey/register/options", this::registerOptions)
                .post("/sites/{site}/sign-in/passkey/register/verify", this::register)
                .post("/sites/{site}/sign-in/passkey/authenticate/options", this::authenticateOptions)
                .post("/sites/{site}/sign-in/passkey/authenticate/verify", this::authenticate);
    }

    // POST …/register/options {name} → options to create an account; {} with a session → options to add a passkey to it
    private void registerOptions(ServerRequest req, ServerResponse res) {
        SiteId site = site(req);
        JsonFields fields = new JsonFields(bodies.object(req), Set.of("name"));
        Optional<String> name = fields.optionalString("name").map(String::strip);
        Optional<ReaderId> account = signedIn(req);
        if (account.isPresent() && name.isPresent()) {
            fields.reject("name", "must be left out when signed in: the passkey is added to your account, which keeps its name");
        } else if (account.isEmpty() && name.filter(PasskeyRoutes::acceptableName).isEmpty()) {
            fields.reject("name", "is required to create an account: 1-" + MAX_NAME_CHARS + " characters with a letter or digit, "
                    + "shown with your comments");
        }
        fields.done();
        passkeys.takeCeremony(ClientAddress.of(req));
        send(res, account.isPresent() ? passkeys.addPasskeyOptions(site, origin(req), account.get())
                : passkeys.createAccountOptions(site, origin(req), name.orElseThrow()));
    }

    // POST …/register/verify {credential} → 200 session for a new account, or 201 {passkey} added to the signed-in account
    private void register(ServerRequest req, ServerResponse res) {
        SiteId site = site(req);
        PasskeyAnswers.Registration answer = PasskeyAnswers.registration(bodies.object(req));
        switch (passkeys.register(site, origin(req), signedIn(req), answer)) {
            case Passkeys.Registered.AccountCreated created -> LoginRoutes.sendSession(res, created.signedIn());
            case Passkeys.Registered.PasskeyAdded added -> {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("id", added.passkey().credentialId());
                out.put("label", added.passkey().label());
                out.put("createdAt", added.passkey().createdAt().toString());
                res.status(201).header("Content-Type", "application/json").send(Json.bytes(json, Map.of("passkey", out)));
            }
        }
    }

    // POST …/authenticate/options {} → options to sign in with any passkey of the page's host
    private void authenticateOptions(ServerRequest req, ServerResponse res) {
        SiteId site = site(req);
        new JsonFields(bodies.object(req), Set.of()).done();
        passkeys.takeCeremony(ClientAddress.of(req));
        send(res, passkeys.signInOptions(site, origin(req)));
    }

    // POST …/authenticate/verify {credential} → 200 session
    private void authenticate(ServerRequest req, ServerResponse res) {
        SiteId site = site(req);
        LoginRoutes.sendSession(res, passkeys.signIn(site, origin(req), PasskeyAnswers.assertion(bodies.object(req))));
    }

    private static boolean acceptableName(String name) {
        return name.codePointCount(0, name.length()) <= MAX_NAME_CHARS && name.codePoints().anyMatch(Character::isLetterOrDigit);
    }

    private SiteId site(ServerRequest req) {
        return sites.require(req.path().pathParameters().get("site")).id();
    }

    private static Optional<String> origin(ServerRequest req) {
        return req.headers().first(HeaderNames.ORIGIN);
    }

    /** The account a session bearer token names; empty for none, a guest's token or an ended session. */
    private Optional<ReaderId> signedIn(ServerRequest req) {
        return Requests.bearer(req).flatMap(identity::authenticate).filter(reader -> identity.account(reader).isPresent());
    }

    private void send(ServerResponse res, Map<String, Object> options) {
        res.header("Content-Type", "application/json").header("Cache-Control", "no-store").send(Json.bytes(json, options));
    }
}
