package org.parley.logins;

import org.parley.http.ProblemType;

/** Problems signing in. */
public enum LoginProblem implements ProblemType {
    SIGN_IN_METHOD_OFF(403, "This way of signing in is not enabled on this site"),
    INVALID_SIGN_IN_REQUEST(400, "Sign-in request not valid"),
    EMAIL_UNAVAILABLE(503, "This server sends no email"),
    EMAIL_LINK_INVALID(401, "Sign-in link not valid"),
    TOO_MANY_SIGN_IN_LINKS(429, "Too many sign-in links asked for"),
    TOO_MANY_PASSKEY_REQUESTS(429, "Too many passkey requests from one network"),
    SSO_TOKEN_INVALID(401, "Sign-in token not accepted"),
    SSO_TOKEN_EXPIRED(401, "Sign-in token expired"),
    SSO_TOKEN_REPLAYED(401, "Sign-in token already used"),
    SSO_WRONG_AUDIENCE(401, "Sign-in token made for another site"),
    SSO_KEYS_UNAVAILABLE(503, "The newsroom's signing keys could not be fetched"),
    OIDC_PROVIDER_UNKNOWN(404, "No such sign-in provider on this site"),
    OIDC_PROVIDER_EXISTS(409, "The site already has a sign-in provider with this id"),
    OIDC_STATE_INVALID(400, "Sign-in unknown, expired or already finished"),
    OIDC_SIGN_IN_REFUSED(403, "The sign-in provider did not sign the reader in"),
    OIDC_CODE_REFUSED(401, "The sign-in provider refused to exchange the sign-in code"),
    OIDC_ID_TOKEN_INVALID(401, "The sign-in provider's ID token was not accepted"),
    OIDC_TOO_MANY_SIGN_INS(429, "Too many sign-ins started from one network"),
    OIDC_PROVIDER_UNAVAILABLE(503, "The sign-in provider could not be reached"),
    PASSKEY_MALFORMED(400, "Passkey answer could not be read"),
    PASSKEY_CHALLENGE_UNKNOWN(400, "Passkey challenge not issued for this"),
    PASSKEY_CHALLENGE_USED(400, "Passkey challenge already answered"),
    PASSKEY_CHALLENGE_EXPIRED(400, "Passkey challenge expired"),
    PASSKEY_WRONG_ORIGIN(403, "Passkey answer made on another page"),
    PASSKEY_UNKNOWN(401, "Passkey not registered here"),
    PASSKEY_REFUSED(401, "Passkey answer not accepted"),
    PASSKEY_CLONED(401, "Passkey counter went backwards"),
    PASSKEY_ALREADY_REGISTERED(409, "Passkey already registered");

    private final int status;
    private final String title;

    LoginProblem(int status, String title) {
        this.status = status;
        this.title = title;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String title() {
        return title;
    }
}
