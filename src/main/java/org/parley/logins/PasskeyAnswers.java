package org.parley.logins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.parley.http.JsonFields;
import org.parley.http.Json;
import org.parley.http.ParleyException;

/**
 * Reads what {@code navigator.credentials.create()} and {@code .get()} gave the widget, sent as the JSON the browser's
 * {@code PublicKeyCredential.toJSON()} makes: byte fields in base64url. Checks shape only (a 400 problem naming each
 * field that is wrong); whether the answer proves anything is for {@link PasskeyCeremonies}.
 */
final class PasskeyAnswers {

    private static final Set<String> CREDENTIAL = Set.of("id", "rawId", "type", "response", "authenticatorAttachment",
            "clientExtensionResults");
    private static final Set<String> ATTESTATION = Set.of("clientDataJSON", "attestationObject", "transports", "authenticatorData",
            "publicKey", "publicKeyAlgorithm");
    private static final Set<String> ASSERTION = Set.of("clientDataJSON", "authenticatorData", "signature", "userHandle");
    private static final ObjectMapper JSON = Json.mapper();

    /** A new passkey, as the authenticator made it. */
    record Registration(String credentialId, String challenge, byte[] clientDataJson, byte[] attestationObject, Set<String> transports) {
    }

    /** A signature by a passkey over a challenge. */
    record Assertion(String credentialId, String challenge, byte[] clientDataJson, byte[] authenticatorData, byte[] signature,
                     Optional<String> userHandle) {
    }

    private PasskeyAnswers() {
    }

    static Registration registration(ObjectNode body) {
        JsonFields credential = new JsonFields(body, CREDENTIAL);
        String id = id(credential);
        JsonFields response = credential.requiredObject("response", ATTESTATION);
        byte[] clientData = bytes(response, "clientDataJSON", response.requiredString("clientDataJSON"));
        byte[] attestation = bytes(response, "attestationObject", response.requiredString("attestationObject"));
        Set<String> transports = transports(body, response);
        credential.done();
        return new Registration(id, challenge(clientData, "webauthn.create"), clientData, attestation, transports);
    }

    static Assertion assertion(ObjectNode body) {
        JsonFields credential = new JsonFields(body, CREDENTIAL);
        String id = id(credential);
        JsonFields response = credential.requiredObject("response", ASSERTION);
        byte[] clientData = bytes(response, "clientDataJSON", response.requiredString("clientDataJSON"));
        byte[] authenticatorData = bytes(response, "authenticatorData", response.requiredString("authenticatorData"));
        byte[] signature = bytes(response, "signature", response.requiredString("signature"));
        Optional<String> userHandle = response.optionalString("userHandle").filter(h -> !h.isEmpty());
        userHandle.ifPresent(handle -> bytes(response, "userHandle", handle));
        credential.done();
        return new Assertion(id, challenge(clientData, "webauthn.get"), clientData, authenticatorData, signature, userHandle);
    }

    private static String id(JsonFields credential) {
        String id = credential.requiredString("id");
        if (!credential.hasError("id")) {
            bytes(credential, "id", id);
        }
        credential.optionalString("rawId").filter(raw -> !raw.equals(id)).ifPresent(raw -> credential.reject("rawId", "must equal id"));
        credential.optionalString("type").filter(type -> !type.equals("public-key"))
                .ifPresent(type -> credential.reject("type", "must be 'public-key'"));
        credential.optionalString("authenticatorAttachment");
        return id;
    }

    private static Set<String> transports(ObjectNode body, JsonFields response) {
        JsonNode node = body.path("response").path("transports");
        Set<String> transports = new LinkedHashSet<>();
        if (node.isMissingNode() || node.isNull()) {
            return transports;
        }
        if (!node.isArray() || node.size() > 8) {
            response.reject("transports", "must be an array of at most 8 strings");
            return transports;
        }
        node.forEach(item -> {
            if (item.isTextual() && item.textValue().matches("[a-z-]{1,20}")) {
                transports.add(item.textValue());
            } else {
                response.reject("transports", "must hold transport names such as 'internal' or 'usb'");
            }
        });
        return transports;
    }

    private static byte[] bytes(JsonFields fields, String name, String base64url) {
        try {
            return Base64.getUrlDecoder().decode(base64url);
        } catch (IllegalArgumentException e) {
            fields.reject(name, "must be base64url (A-Z a-z 0-9 - _, no padding needed)");
            return new byte[0];
        }
    }

    /** The challenge clientDataJSON carries back, which names the ceremony it answers. */
    private static String challenge(byte[] clientDataJson, String expectedType) {
        JsonNode clientData;
        try {
            clientData = JSON.readTree(clientDataJson);
        } catch (IOException e) {
            throw malformed("response.clientDataJSON is not JSON");
        }
        JsonNode type = clientData == null ? null : clientData.get("type");
        JsonNode challenge = clientData == null ? null : clientData.get("challenge");
        if (type == null || !expectedType.equals(type.asText())) {
            throw malformed("response.clientDataJSON has type " + (type == null ? "none" : "'" + type.asText() + "'")
                    + " where '" + expectedType + "' belongs: " + (expectedType.equals("webauthn.create")
                    ? "send what navigator.credentials.create() gave" : "send what navigator.credentials.get() gave"));
        }
        if (challenge == null || !challenge.isTextual() || challenge.textValue().isEmpty()) {
            throw malformed("response.clientDataJSON carries no challenge");
        }
        return challenge.textValue();
    }

    static ParleyException malformed(String why) {
        return new ParleyException.InvalidInput(LoginProblem.PASSKEY_MALFORMED, "The passkey answer could not be read: " + why + ".");
    }
}
