package org.parley.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.http.ParleyException;

/** The SSRF guard on addresses written as literals (no DNS involved): what is refused by default, and why. */
class TargetGuardTest {

    private final TargetGuard byDefault = new TargetGuard(WebhooksConfig.defaults().allowPrivateTargets());

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/hook", "http://10.1.2.3/hook", "https://172.16.0.9/", "http://192.168.1.1/",
            "http://169.254.169.254/latest/meta-data/", "http://[::1]/", "http://[fd00:ec2::254]/", "http://[fe80::1]/",
            "http://[::ffff:10.0.0.1]/", "http://100.64.0.1/", "http://0.0.0.0/", "http://localhost/"})
    void internalAddressesAreRefusedByDefault(String url) {
        assertThatThrownBy(() -> byDefault.check(url))
                .isInstanceOfSatisfying(ParleyException.InvalidInput.class, e -> {
                    assertThat(e.type()).isEqualTo(WebhookProblem.WEBHOOK_TARGET_REFUSED);
                    assertThat(e.type().status()).isEqualTo(422);
                    assertThat(e.errors()).extracting(error -> error.field()).containsExactly("url");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ftp://example.org/hook", "javascript:alert(1)", "file:///etc/passwd", "https://user:pw@example.org/",
            "http:///nohost", "https://example.org/hook#frag", "not a url"})
    void whatIsNotAnHttpUrlIsInvalid(String url) {
        assertThatThrownBy(() -> byDefault.check(url))
                .isInstanceOfSatisfying(ParleyException.InvalidInput.class, e -> assertThat(e.type()).isEqualTo(WebhookProblem.INVALID_WEBHOOK));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://93.184.216.34/hook", "http://[2606:2800:220:1:248:1893:25c8:1946]/hook"})
    void publicAddressesAreAccepted(String url) {
        assertThat(byDefault.check(url).toString()).isEqualTo(url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/hook", "http://10.1.2.3/hook"})
    void privateAddressesAreAcceptedWhenAllowed(String url) {
        assertThat(new TargetGuard(true).check(url).toString()).isEqualTo(url);
    }
}
