package org.parley.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.parley.http.ParleyException;
import org.parley.http.ProblemType;

class MailKeysTest {

    static final Instant NOW = Instant.parse("2026-12-07T09:00:00Z");
    final MailKeys keys = new MailKeys("address-secret", "token-secret");

    @Test
    void aTokenNamesTheHashedAddressAndTheCategoryAndNothingElse() {
        String hash = keys.addressHash(new EmailAddress("Ada@Example.org"));
        String token = keys.token(hash, MailCategory.MODERATION_NOTICES, NOW);

        assertThat(hash).isEqualTo(keys.addressHash(new EmailAddress("ada@example.org"))).hasSize(32);
        assertThat(token).doesNotContainIgnoringCase("ada").startsWith(hash + ".moderation-notices.");
        assertThat(keys.verify(token, NOW.plus(Duration.ofDays(179))))
                .isEqualTo(new MailKeys.Unsubscribe(hash, MailCategory.MODERATION_NOTICES));
        assertThat(new MailKeys("other-address-secret", "token-secret").addressHash(new EmailAddress("ada@example.org")))
                .as("keyed: another installation hashes the same address differently").isNotEqualTo(hash);
    }

    @Test
    void eachWayATokenCanBeWrongIsItsOwnProblem() {
        String hash = keys.addressHash(new EmailAddress("ada@example.org"));
        String token = keys.token(hash, MailCategory.REPLIES, NOW);
        String[] parts = token.split("\\.");

        assertThat(problem("not-a-token", NOW)).isEqualTo(MailProblem.MALFORMED_UNSUBSCRIBE_TOKEN);
        assertThat(problem(token.substring(0, token.length() - 1), NOW)).isEqualTo(MailProblem.MALFORMED_UNSUBSCRIBE_TOKEN);
        assertThat(problem(parts[0] + ".digest." + parts[2] + "." + parts[3], NOW)).as("another category")
                .isEqualTo(MailProblem.FORGED_UNSUBSCRIBE_TOKEN);
        assertThat(problem(parts[0] + ".replies.99999999999." + parts[3], NOW)).as("a later expiry")
                .isEqualTo(MailProblem.FORGED_UNSUBSCRIBE_TOKEN);
        assertThat(problemWith(new MailKeys("address-secret", "another-secret"), token, NOW)).as("another installation's key")
                .isEqualTo(MailProblem.FORGED_UNSUBSCRIBE_TOKEN);
        assertThat(problem(token, NOW.plus(MailKeys.TOKEN_LIFETIME).plusSeconds(1))).isEqualTo(MailProblem.EXPIRED_UNSUBSCRIBE_TOKEN);
        String signIn = keys.token(hash, MailCategory.SIGN_IN, NOW);
        assertThat(problem(signIn, NOW)).as("sign-in emails cannot be left").isEqualTo(MailProblem.MALFORMED_UNSUBSCRIBE_TOKEN);
    }

    @Test
    void retriesWaitTwiceAsLongEachTimeWithJitterUpToSixHours() {
        assertThat(Sender.retryDelay(1, 0.0)).isEqualTo(Duration.ofSeconds(15));
        assertThat(Sender.retryDelay(1, 0.999)).isBetween(Duration.ofSeconds(29), Duration.ofSeconds(30));
        assertThat(Sender.retryDelay(2, 0.0)).isEqualTo(Duration.ofSeconds(30));
        assertThat(Sender.retryDelay(5, 0.5)).isEqualTo(Duration.ofSeconds(360));
        assertThat(Sender.retryDelay(60, 0.999)).isBetween(Duration.ofHours(5), Duration.ofHours(6));
    }

    @Test
    void anAddressIsCheckedAndNeverShownWhole() {
        assertThat(new EmailAddress("ada.lovelace+news@example.org").toString()).isEqualTo("…@example.org");
        for (String bad : new String[] {"", "ada", "@example.org", "ada@", "ada@example", "ada@@example.org", "a da@example.org",
                "ada@example.org\r\nBcc: eve@example.org", "<ada@example.org>", "ada@example.org, eve@example.org",
                ".ada@example.org", "ada.@example.org", "a..da@example.org", "ada@example..org"}) {
            assertThatThrownBy(() -> EmailAddress.parse(bad, "email")).as(bad)
                    .isInstanceOfSatisfying(ParleyException.InvalidInput.class, e -> {
                        assertThat(e.type()).isEqualTo(MailProblem.INVALID_EMAIL_ADDRESS);
                        assertThat(e.errors()).singleElement().satisfies(error -> assertThat(error.field()).isEqualTo("email"));
                        assertThat(e.detail()).doesNotContain("eve@", "ada@");
                    });
        }
        assertThat(EmailAddress.parse("  ada@example.org ", "email").value()).isEqualTo("ada@example.org");
    }

    private ProblemType problem(String token, Instant now) {
        return problemWith(keys, token, now);
    }

    private static ProblemType problemWith(MailKeys keys, String token, Instant now) {
        try {
            keys.verify(token, now);
        } catch (ParleyException e) {
            assertThat(e.type().status()).isBetween(400, 499);
            return e.type();
        }
        throw new AssertionError("accepted " + token);
    }
}
