package org.parley.logins;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.parley.http.ParleyException;

/**
 * The back-channel half of a sign-in: redeems the code the provider sent back (with the PKCE verifier and the site's
 * client credentials) at the provider's token endpoint, and accepts the ID token only when the provider's published
 * keys signed it and its issuer, audience (this client), times and nonce are right. Thread-safe.
 */
final class OidcTokens {

    /** Clocks of providers and Parley may differ this much. */
    private static final int CLOCK_SKEW_SECONDS = 60;

    private final OidcDiscovery discovery;

    OidcTokens(OidcDiscovery discovery) {
        this.discovery = discovery;
    }

    /** The claims of the ID token {@code code} is exchanged for; 401 problems when the provider refuses or the token is not acceptable. */
    IDTokenClaimsSet redeem(OidcProvider provider, String code, URI redirectUri, OidcSignInState signIn) {
        OIDCProviderMetadata metadata = discovery.metadata(provider);
        JWT idToken = exchange(provider, metadata, code, redirectUri, signIn.codeVerifier());
        IDTokenValidator validator = new IDTokenValidator(metadata.getIssuer(), new ClientID(provider.clientId()),
                new JWSVerificationKeySelector<>(java.util.Set.copyOf(OidcDiscovery.signingAlgorithms(metadata)), discovery.keys(metadata)), null);
        validator.setMaxClockSkew(CLOCK_SKEW_SECONDS);
        try {
            IDTokenClaimsSet claims = validator.validate(idToken, new Nonce(signIn.nonce()));
            if (claims.getSubject() == null || claims.getSubject().getValue().isBlank() || claims.getSubject().getValue().length() > 255) {
                throw invalid(provider, "its 'sub' is missing or longer than 255 characters");
            }
            return claims;
        } catch (KeySourceException e) {
            throw new ParleyException.Unavailable(LoginProblem.OIDC_PROVIDER_UNAVAILABLE,
                    "Parley could not read the signing keys of sign-in provider '" + provider.id() + "'; try again shortly.", 30);
        } catch (BadJOSEException | JOSEException e) {
            // Nimbus says which check failed (signature, iss, aud, exp, nonce); its messages quote no secrets.
            throw invalid(provider, e.getMessage());
        }
    }

    private static JWT exchange(OidcProvider provider, OIDCProviderMetadata metadata, String code, URI redirectUri, String verifier) {
        TokenRequest request = new TokenRequest.Builder(metadata.getTokenEndpointURI(), clientAuthentication(provider, metadata),
                new AuthorizationCodeGrant(new AuthorizationCode(code), redirectUri, new CodeVerifier(verifier))).build();
        HTTPRequest http = request.toHTTPRequest();
        http.setConnectTimeout(OidcDiscovery.TIMEOUT_MILLIS);
        http.setReadTimeout(OidcDiscovery.TIMEOUT_MILLIS);
        TokenResponse response;
        try {
            response = OIDCTokenResponseParser.parse(http.send());
        } catch (IOException e) {
            throw new ParleyException.Unavailable(LoginProblem.OIDC_PROVIDER_UNAVAILABLE,
                    "Parley could not reach the token endpoint of sign-in provider '" + provider.id() + "'; try again shortly.", 30);
        } catch (ParseException e) {
            throw refused(provider, "its token endpoint answered with something other than an OpenID token response");
        }
        if (!response.indicatesSuccess()) {
            ErrorObject error = response.toErrorResponse().getErrorObject();
            throw refused(provider, "it answered '" + OidcFlow.printable(error.getCode()) + "'"
                    + (error.getDescription() == null ? "" : ": " + OidcFlow.printable(error.getDescription())));
        }
        JWT idToken = ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens().getIDToken();
        if (idToken == null) {
            throw invalid(provider, "the token response carries no ID token (is 'openid' among the scopes?)");
        }
        return idToken;
    }

    /** HTTP Basic unless the provider says it takes the secret only in the form body. */
    private static ClientAuthentication clientAuthentication(OidcProvider provider, OIDCProviderMetadata metadata) {
        List<ClientAuthenticationMethod> methods = metadata.getTokenEndpointAuthMethods();
        ClientID id = new ClientID(provider.clientId());
        Secret secret = new Secret(provider.clientSecret());
        boolean postOnly = methods != null && methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                && !methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
        return postOnly ? new ClientSecretPost(id, secret) : new ClientSecretBasic(id, secret);
    }

    private static ParleyException refused(OidcProvider provider, String why) {
        return new ParleyException.Forbidden(LoginProblem.OIDC_CODE_REFUSED,
                "Sign-in provider '" + provider.id() + "' would not exchange the sign-in code: " + why + ". Start the sign-in again.");
    }

    private static ParleyException invalid(OidcProvider provider, String why) {
        return new ParleyException.Forbidden(LoginProblem.OIDC_ID_TOKEN_INVALID,
                "The ID token from sign-in provider '" + provider.id() + "' was refused: " + OidcFlow.printable(why) + ".");
    }
}
