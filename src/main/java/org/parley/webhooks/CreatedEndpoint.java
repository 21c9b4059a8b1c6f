package org.parley.webhooks;

/**
 * An endpoint just created or rotated, with its new signing secret ({@code whsec_} and base64). The secret
 * is shown this once: Parley keeps it to sign, but never shows it again. {@link #toString} leaves it out.
 */
public record CreatedEndpoint(Endpoint endpoint, String secret) {

    @Override
    public String toString() {
        return "CreatedEndpoint[" + endpoint + ", secret=…]";
    }
}
