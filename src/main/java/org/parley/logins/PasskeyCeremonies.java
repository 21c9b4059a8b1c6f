package org.parley.logins;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.exception.DataConversionException;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecord;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.AuthenticationRequest;
import com.webauthn4j.data.AuthenticatorTransport;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.RegistrationRequest;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.verifier.exception.BadOriginException;
import com.webauthn4j.verifier.exception.BadRpIdException;
import com.webauthn4j.verifier.exception.BadSignatureException;
import com.webauthn4j.verifier.exception.CrossOriginException;
import com.webauthn4j.verifier.exception.MaliciousCounterValueException;
import com.webauthn4j.util.exception.WebAuthnException;
import com.webauthn4j.verifier.exception.VerificationException;
import java.nio.BufferUnderflowException;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import org.parley.http.ParleyException;

/**
 * The two WebAuthn ceremonies, checked by webauthn4j: a new passkey's attestation (format "none" is asked for and
 * nothing more is trusted from it: a reader's passkey needs no maker's certificate) and a sign-in's signature,
 * against the challenge, the page origin and the RP ID. Every refusal becomes a 4xx problem naming what did not
 * match. Thread-safe.
 */
final class PasskeyCeremonies {

    /** ES256, EdDSA and RS256: what platform and roaming authenticators make, most preferred first. */
    static final List<Long> ALGORITHMS = List.of(-7L, -8L, -257L);

    private final ObjectConverter converter = new ObjectConverter();
    private final WebAuthnManager webAuthn = WebAuthnManager.createNonStrictWebAuthnManager(converter);
    private final List<PublicKeyCredentialParameters> algorithms = ALGORITHMS.stream()
            .map(alg -> new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.create(alg)))
            .toList();

    /** A passkey an authenticator just made, checked. */
    record Made(String credentialId, byte[] publicKey, long signCount, Set<String> transports) {
    }

    Made register(PasskeyAnswers.Registration answer, RelyingParty rp, String challenge) {
        RegistrationRequest request = new RegistrationRequest(answer.attestationObject(), answer.clientDataJson(), null,
                answer.transports());
        // User verification is preferred, not required: a security key without a PIN still beats no passkey at all.
        RegistrationParameters parameters = new RegistrationParameters(property(rp, challenge), algorithms, false, true);
        RegistrationData data;
        try {
            data = webAuthn.verify(request, parameters);
        } catch (DataConversionException e) {
            throw PasskeyAnswers.malformed("the attestation object or client data is not well formed (" + e.getMessage() + ")");
        } catch (VerificationException e) {
            throw refused(e, rp);
        } catch (WebAuthnException | JacksonException | IllegalArgumentException | IndexOutOfBoundsException | BufferUnderflowException e) {
            // What webauthn4j's byte and CBOR readers throw on truncated or odd input: all of it is the client's bytes.
            throw PasskeyAnswers.malformed("the attestation could not be read (" + e.getClass().getSimpleName() + ")");
        }
        AttestedCredentialData credential = data.getAttestationObject().getAuthenticatorData().getAttestedCredentialData();
        String id = base64url(credential.getCredentialId());
        if (!id.equals(answer.credentialId())) {
            throw PasskeyAnswers.malformed("the credential id " + answer.credentialId() + " is not the one the authenticator made");
        }
        return new Made(id, converter.getCborConverter().writeValueAsBytes(credential.getCOSEKey()),
                data.getAttestationObject().getAuthenticatorData().getSignCount(), answer.transports());
    }

    /** Checks a sign-in's signature with {@code stored}'s public key; returns the authenticator's new counter. */
    long authenticate(PasskeyAnswers.Assertion answer, StoredPasskey stored, RelyingParty rp, String challenge) {
        byte[] userHandle = answer.userHandle().map(h -> Base64.getUrlDecoder().decode(h)).orElse(null);
        AuthenticationRequest request = new AuthenticationRequest(Base64.getUrlDecoder().decode(answer.credentialId()), userHandle,
                answer.authenticatorData(), answer.clientDataJson(), null, answer.signature());
        AuthenticationParameters parameters = new AuthenticationParameters(property(rp, challenge), record(stored), null, false, true);
        AuthenticationData data;
        try {
            data = webAuthn.verify(request, parameters);
        } catch (DataConversionException e) {
            throw PasskeyAnswers.malformed("the authenticator data or client data is not well formed (" + e.getMessage() + ")");
        } catch (MaliciousCounterValueException e) {
            throw new ParleyException.Forbidden(LoginProblem.PASSKEY_CLONED, "This passkey's signature counter went backwards ("
                    + stored.signCount() + " seen before): it looks copied to another device, so it is refused.");
        } catch (VerificationException e) {
            throw refused(e, rp);
        } catch (WebAuthnException | JacksonException | IllegalArgumentException | IndexOutOfBoundsException | BufferUnderflowException e) {
            throw PasskeyAnswers.malformed("the authenticator data could not be read (" + e.getClass().getSimpleName() + ")");
        }
        return data.getAuthenticatorData().getSignCount();
    }

    private CredentialRecord record(StoredPasskey stored) {
        COSEKey key = converter.getCborConverter().readValue(stored.publicKey(), COSEKey.class);
        AttestedCredentialData credential = new AttestedCredentialData(AAGUID.ZERO,
                Base64.getUrlDecoder().decode(stored.credentialId()), key);
        Set<AuthenticatorTransport> transports = stored.transports().stream().map(AuthenticatorTransport::create).collect(Collectors.toSet());
        return new CredentialRecordImpl(new NoneAttestationStatement(), null, null, null, stored.signCount(), credential, null, null,
                null, transports);
    }

    private static ServerProperty property(RelyingParty rp, String challenge) {
        return new ServerProperty(new Origin(rp.origin()), rp.id(), new DefaultChallenge(Base64.getUrlDecoder().decode(challenge)));
    }

    private static ParleyException refused(VerificationException e, RelyingParty rp) {
        return switch (e) {
            case BadOriginException bad -> new ParleyException.Forbidden(LoginProblem.PASSKEY_WRONG_ORIGIN,
                    "The passkey answer was made on another page than " + rp.origin() + ", where this ceremony began.");
            case CrossOriginException cross -> new ParleyException.Forbidden(LoginProblem.PASSKEY_WRONG_ORIGIN,
                    "The passkey answer was made in a frame of another origin than " + rp.origin() + ".");
            case BadRpIdException bad -> new ParleyException.Forbidden(LoginProblem.PASSKEY_REFUSED,
                    "The passkey is bound to another host than " + rp.id() + ".");
            case BadSignatureException bad -> new ParleyException.Forbidden(LoginProblem.PASSKEY_REFUSED,
                    "The passkey's signature does not match its public key.");
            default -> new ParleyException.Forbidden(LoginProblem.PASSKEY_REFUSED,
                    "The passkey answer was refused: " + e.getMessage());
        };
    }

    static String base64url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
