package org.parley.logins;

import org.parley.http.ProblemType;

/** Problems signing in. */
public enum LoginProblem implements ProblemType {
    SIGN_IN_METHOD_OFF(403, "This way of signing in is not enabled on this site"),
    SSO_TOKEN_INVALID(401, "Sign-in token not accepted"),
    SSO_TOKEN_EXPIRED(401, "Sign-in token expired"),
    SSO_TOKEN_REPLAYED(401, "Sign-in token already used"),
    SSO_WRONG_AUDIENCE(401, "Sign-in token made for another site"),
    SSO_KEYS_UNAVAILABLE(503, "The newsroom's signing keys could not be fetched"),
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
