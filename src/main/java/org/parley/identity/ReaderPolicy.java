package org.parley.identity;

/**
 * Who may write on a site and where its accounts live.
 *
 * @param realm          accounts are shared by the sites with the same realm; a site's own id by default
 * @param guestsMayWrite whether readers who have not signed in may comment, edit and vote
 */
public record ReaderPolicy(String realm, boolean guestsMayWrite) {

    public ReaderPolicy {
        if (realm == null || !realm.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            throw new IllegalArgumentException("a realm is 1-63 lowercase letters, digits and '-', was " + realm);
        }
    }
}
