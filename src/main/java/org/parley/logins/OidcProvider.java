package org.parley.logins;

import java.net.URI;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * An OpenID Connect provider a site's readers may sign in with: Google, the newsroom's Keycloak, any provider that
 * publishes {@code /.well-known/openid-configuration} at its issuer URL.
 *
 * @param id           short name in URLs, unique per site: 1-40 lowercase letters, digits or dashes
 * @param label        what the widget's button says ("Google"), 1-60 characters
 * @param issuer       the provider's issuer URL, exactly as its discovery document states it (https, or http on loopback)
 * @param clientId     the client id the provider gave this site
 * @param clientSecret the client secret it gave (never shown by the API; {@link #toString} hides it)
 * @param scopes       scopes asked for, space-separated; always includes {@code openid}
 */
public record OidcProvider(String id, String label, URI issuer, String clientId, String clientSecret, String scopes) {

    /** The scopes asked for unless an admin names others: the ID token then carries name and email. */
    public static final String DEFAULT_SCOPES = "openid email profile";
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    private static final Pattern SCOPE = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+"); // RFC 6749 scope-token

    public OidcProvider {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("an OIDC provider's id must be 1-40 lowercase letters, digits or dashes, was '" + id + "'");
        }
        label = label == null ? "" : label.strip();
        if (label.isEmpty() || label.length() > 60 || label.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("an OIDC provider's label must be 1-60 characters");
        }
        requireIssuer(issuer);
        requireText(clientId, "client id");
        requireText(clientSecret, "client secret");
        scopes = String.join(" ", Arrays.stream((scopes == null || scopes.isBlank() ? DEFAULT_SCOPES : scopes).strip().split("\\s+"))
                .distinct().toList());
        if (!Arrays.asList(scopes.split(" ")).contains("openid") || !Arrays.stream(scopes.split(" ")).allMatch(s -> SCOPE.matcher(s).matches())) {
            throw new IllegalArgumentException("the scopes must be space-separated scope names including 'openid', were '" + scopes + "'");
        }
    }

    /** Makes an id from a label: "Newsroom Keycloak" becomes {@code newsroom-keycloak}. */
    public static String idFor(String label) {
        String slug = label.strip().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return slug.length() > 40 ? slug.substring(0, 40).replaceAll("-+$", "") : slug;
    }

    /** The {@code provider} of accounts this provider signs in: one per issuer, whichever site or client asked. */
    public String loginProvider() {
        return "oidc:" + issuer;
    }

    @Override
    public String toString() {
        return "OidcProvider[id=" + id + ", label=" + label + ", issuer=" + issuer + ", clientId=" + clientId + ", scopes=" + scopes + "]";
    }

    private static void requireIssuer(URI issuer) {
        if (issuer == null || issuer.getHost() == null || issuer.getQuery() != null || issuer.getFragment() != null) {
            throw new IllegalArgumentException("an OIDC issuer must be a URL without query or fragment, was " + issuer);
        }
        boolean loopback = issuer.getHost().equals("localhost") || issuer.getHost().equals("127.0.0.1") || issuer.getHost().equals("[::1]");
        if (!"https".equals(issuer.getScheme()) && !("http".equals(issuer.getScheme()) && loopback)) {
            throw new IllegalArgumentException("an OIDC issuer must be an https URL (http only on this machine), was " + issuer);
        }
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank() || value.length() > 1000 || value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("an OIDC " + what + " must be 1-1000 characters");
        }
    }
}
