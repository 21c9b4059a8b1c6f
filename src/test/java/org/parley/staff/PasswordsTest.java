package org.parley.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordsTest {

    /** Cheap parameters keep the unit tests fast; one test runs the production ones. */
    static final Passwords.Params CHEAP = new Passwords.Params(1024, 1, 1);

    final Passwords passwords = new Passwords(CHEAP);

    @Test
    void aHashVerifiesItsPasswordAndNoOther() {
        String hash = passwords.hash("correct horse battery staple");

        assertThat(passwords.verify("correct horse battery staple", hash)).isTrue();
        assertThat(passwords.verify("correct horse battery stapler", hash)).isFalse();
        assertThat(passwords.verify("", hash)).isFalse();
    }

    @Test
    void hashesArePhcStringsWithTheParametersTheyWereMadeWith() {
        String hash = new Passwords(Passwords.DEFAULT).hash("correct horse battery staple");

        assertThat(hash).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
    }

    @Test
    void twoHashesOfOnePasswordDiffer() {
        assertThat(passwords.hash("the same password twice")).isNotEqualTo(passwords.hash("the same password twice"));
    }

    @Test
    void verificationReadsTheParametersFromTheStoredString() {
        String weak = passwords.hash("correct horse battery staple");
        Passwords stronger = new Passwords(new Passwords.Params(2048, 2, 1));

        assertThat(stronger.verify("correct horse battery staple", weak)).isTrue();
        assertThat(stronger.needsRehash(weak)).isTrue();
        assertThat(stronger.needsRehash(stronger.hash("correct horse battery staple"))).isFalse();
        assertThat(passwords.needsRehash(stronger.hash("correct horse battery staple"))).isFalse();
    }

    @Test
    void matchesTheReferenceImplementation() {
        // Made with the Argon2 reference implementation (Debian package argon2):
        // echo -n "correct horse battery staple" | argon2 "parley-salt-16by" -id -t 2 -k 1024 -p 1 -l 32 -e
        String reference = "$argon2id$v=19$m=1024,t=2,p=1$cGFybGV5LXNhbHQtMTZieQ$6F6H61kfQGgaVn8o++K4CwVQ7/7xN/rmwluV3h/gvw0";

        assertThat(passwords.verify("correct horse battery staple", reference)).isTrue();
        assertThat(passwords.verify("correct horse battery stable", reference)).isFalse();
    }

    @Test
    void aTamperedHashOrSaltNoLongerVerifies() {
        String hash = passwords.hash("correct horse battery staple");
        String[] parts = hash.split("\\$");

        assertThat(passwords.verify("correct horse battery staple", hash.replace(parts[5], flip(parts[5])))).isFalse();
        assertThat(passwords.verify("correct horse battery staple", hash.replace(parts[4], flip(parts[4])))).isFalse();
        assertThat(passwords.verify("correct horse battery staple", hash.replace("t=1", "t=2"))).isFalse();
    }

    @Test
    void malformedOrHostileStoredStringsAreRefusedBeforeHashing() {
        String hash = passwords.hash("correct horse battery staple");

        assertThatThrownBy(() -> passwords.verify("x", hash.replace("argon2id", "argon2i"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> passwords.verify("x", hash.replace("v=19", "v=16"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> passwords.verify("x", hash.replace("m=1024", "m=99999999"))).hasMessageContaining("out of range");
        assertThatThrownBy(() -> passwords.verify("x", hash.replace("t=1", "t=x"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> passwords.verify("x", hash + "$extra")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> passwords.verify("x", "plain text")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void canonicallyEquivalentSpellingsOfAPasswordMatch() {
        String composed = "caf\u00e9 au lait, s'il vous pla\u00eet";
        String decomposed = "cafe\u0301 au lait, s'il vous plai\u0302t";

        assertThat(passwords.verify(decomposed, passwords.hash(composed))).isTrue();
    }

    /** Changes one character in the middle, where every bit counts. */
    private static String flip(String b64) {
        int at = b64.length() / 2;
        char c = b64.charAt(at);
        return b64.substring(0, at) + (c == 'A' ? 'B' : 'A') + b64.substring(at + 1);
    }
}
