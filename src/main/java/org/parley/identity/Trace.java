package org.parley.identity;

/**
 * Something a reader wrote from, as a keyed hash: a household network or a browser. Two readers with one trace
 * may be one person (or housemates, or a café's customers): a reason for a moderator to look, never proof.
 */
public record Trace(Kind kind, String key) {

    /** What the trace stands for. */
    public enum Kind {
        NETWORK, BROWSER;

        String prefix() {
            return this == NETWORK ? "n:" : "b:";
        }
    }

    static Trace stored(String value) {
        return new Trace(value.startsWith("b:") ? Kind.BROWSER : Kind.NETWORK, value);
    }
}
