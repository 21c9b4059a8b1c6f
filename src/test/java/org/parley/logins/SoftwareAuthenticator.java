package org.parley.logins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.webauthn4j.converter.AttestationObjectConverter;
import com.webauthn4j.converter.AuthenticatorDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.AttestationObject;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.extension.authenticator.AuthenticationExtensionAuthenticatorOutput;
import com.webauthn4j.data.extension.authenticator.RegistrationExtensionAuthenticatorOutput;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/**
 * An authenticator in software for HTTP-level tests: one ES256 key pair and credential, a signature counter, and the
 * CBOR encodings webauthn4j itself writes. It answers options as a browser would hand them over (the JSON form, bytes
 * in base64url); {@link #clientOrigin} and {@link #counter} let a test play a page on another origin or a clone.
 */
final class SoftwareAuthenticator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectConverter CONVERTER = new ObjectConverter();

    private final KeyPair keys;
    private final byte[] credentialId = new byte[16];
    private String rpId;
    private String userHandle;
    /** The origin the "browser" writes into clientDataJSON; by default the page's own. */
    String clientOrigin;
    /** The signature counter, advanced before each signature. */
    long counter;

    SoftwareAuthenticator() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        new SecureRandom().nextBytes(credentialId);
    }

    String credentialId() {
        return base64url(credentialId);
    }

    /** What navigator.credentials.create() would give for {@code options} (a register/options answer) on {@code origin}. */
    ObjectNode create(JsonNode options, String origin) {
        JsonNode publicKey = options.get("publicKey");
        rpId = publicKey.get("rp").get("id").asText();
        userHandle = publicKey.get("user").get("id").asText();
        byte[] clientData = clientData("webauthn.create", publicKey.get("challenge").asText(), origin);
        AttestedCredentialData attested = new AttestedCredentialData(AAGUID.ZERO, credentialId,
                EC2COSEKey.create((ECPublicKey) keys.getPublic(), COSEAlgorithmIdentifier.ES256));
        AuthenticatorData<RegistrationExtensionAuthenticatorOutput> data = new AuthenticatorData<>(sha256(rpId.getBytes(StandardCharsets.UTF_8)),
                (byte) (AuthenticatorData.BIT_UP | AuthenticatorData.BIT_UV | AuthenticatorData.BIT_AT), counter, attested);
        byte[] attestation = new AttestationObjectConverter(CONVERTER).convertToBytes(new AttestationObject(data, new NoneAttestationStatement()));
        ObjectNode response = JSON.createObjectNode()
                .put("clientDataJSON", base64url(clientData))
                .put("attestationObject", base64url(attestation));
        response.putArray("transports").add("internal");
        return credential(response);
    }

    /** What navigator.credentials.get() would give for {@code options} (an authenticate/options answer) on {@code origin}. */
    ObjectNode get(JsonNode options, String origin) {
        JsonNode publicKey = options.get("publicKey");
        byte[] clientData = clientData("webauthn.get", publicKey.get("challenge").asText(), origin);
        counter++;
        AuthenticatorData<AuthenticationExtensionAuthenticatorOutput> data = new AuthenticatorData<>(
                sha256(rpId.getBytes(StandardCharsets.UTF_8)), // bound to where it was made, whatever the options say
                (byte) (AuthenticatorData.BIT_UP | AuthenticatorData.BIT_UV), counter);
        byte[] authenticatorData = new AuthenticatorDataConverter(CONVERTER).convert(data);
        byte[] signed = ByteBuffer.allocate(authenticatorData.length + 32).put(authenticatorData).put(sha256(clientData)).array();
        ObjectNode response = JSON.createObjectNode()
                .put("clientDataJSON", base64url(clientData))
                .put("authenticatorData", base64url(authenticatorData))
                .put("signature", base64url(sign(signed)))
                .put("userHandle", userHandle);
        return credential(response);
    }

    private ObjectNode credential(ObjectNode response) {
        ObjectNode credential = JSON.createObjectNode()
                .put("id", credentialId())
                .put("rawId", credentialId())
                .put("type", "public-key")
                .put("authenticatorAttachment", "platform");
        credential.set("response", response);
        credential.putObject("clientExtensionResults");
        return credential;
    }

    private byte[] clientData(String type, String challenge, String origin) {
        ObjectNode clientData = JSON.createObjectNode()
                .put("type", type)
                .put("challenge", challenge)
                .put("origin", clientOrigin != null ? clientOrigin : origin)
                .put("crossOrigin", false);
        return clientData.toString().getBytes(StandardCharsets.UTF_8);
    }

    private byte[] sign(byte[] data) {
        try {
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(keys.getPrivate());
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String base64url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
