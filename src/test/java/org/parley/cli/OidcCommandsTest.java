package org.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.identity.Identity;
import org.parley.logins.Logins;
import org.parley.logins.OidcProvider;
import org.parley.sites.NewSite;
import org.parley.sites.SiteId;
import org.parley.sites.Sites;
import org.parley.store.Database;
import org.parley.web.ConfigKey;
import org.parley.web.ParleyConfig;

/** {@code parley site oidc}: an admin adds a site's OpenID providers (the secret on standard input), lists and removes them. */
class OidcCommandsTest {

    @TempDir
    Path dir;
    ParleyConfig config;

    @BeforeEach
    void site() {
        config = ParleyConfig.of(Map.of(ConfigKey.DATA_DIR, dir.toString()));
        try (Database db = Database.open(config.store())) {
            Sites.create(db, Clock.systemUTC()).save(NewSite.withDefaults(new SiteId("courier"), "The Courier", List.of()));
        }
    }

    MainTest.Run run(String stdin, String... argv) {
        return MainTest.run(Map.of("PARLEY_DATA", dir.toString(), "PARLEY_PUBLIC_URL", "https://comments.courier.example"), stdin, argv);
    }

    @Test
    void anAdminAddsProvidersWithTheSecretOnStandardInputSeesTheRedirectUriAndRemovesOne() {
        MainTest.Run empty = run("", "site", "oidc", "--id", "courier");
        assertThat(empty.status()).as(empty.err()).isZero();
        assertThat(empty.out()).contains("https://comments.courier.example/api/v1/sites/courier/sign-in/oidc/callback", "no OpenID providers");

        MainTest.Run added = run("the-client-secret\n", "site", "oidc", "--id", "courier", "--add", "google", "--label", "Google",
                "--issuer", "https://accounts.google.com", "--client-id", "123.apps.example");
        assertThat(added.status()).as(added.err()).isZero();
        assertThat(added.out()).contains("google  \"Google\"  issuer: https://accounts.google.com  client id: 123.apps.example",
                "scopes: openid email profile").doesNotContain("the-client-secret");
        MainTest.Run second = run("another-secret\n", "site", "oidc", "--id", "courier", "--add", "newsroom", "--label", "Newsroom ID",
                "--issuer", "https://id.courier.example/realms/readers", "--client-id", "parley", "--scopes", "openid email");
        assertThat(second.out()).contains("newsroom  \"Newsroom ID\"", "scopes: openid email");
        try (Database db = Database.open(config.store())) {
            Sites sites = Sites.create(db, Clock.systemUTC());
            Logins logins = Logins.create(db, Clock.systemUTC(), sites, Identity.create(db, Clock.systemUTC(), sites), "https://x.example");
            assertThat(logins.oidcProviders(new SiteId("courier"))).extracting(OidcProvider::id, OidcProvider::clientSecret)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("google", "the-client-secret"),
                            org.assertj.core.groups.Tuple.tuple("newsroom", "another-secret"));
        }

        MainTest.Run removed = run("", "site", "oidc", "--id", "courier", "--remove", "google");
        assertThat(removed.status()).as(removed.err()).isZero();
        assertThat(removed.out()).contains("newsroom").doesNotContain("google");
    }

    @Test
    void mistakesSayWhatIsWrongAndChangeNothing() {
        assertThat(run("", "site", "oidc", "--id", "nowhere").err()).contains("there is no site 'nowhere'");
        MainTest.Run noSecret = run("", "site", "oidc", "--id", "courier", "--add", "google", "--label", "Google",
                "--issuer", "https://accounts.google.com", "--client-id", "123");
        assertThat(noSecret.status()).isEqualTo(2);
        assertThat(noSecret.err()).contains("no client secret");
        assertThat(run("s\n", "site", "oidc", "--id", "courier", "--add", "google", "--label", "Google",
                "--issuer", "http://accounts.google.com", "--client-id", "123").err()).contains("must be an https URL");
        assertThat(run("s\n", "site", "oidc", "--id", "courier", "--add", "Google!", "--label", "Google",
                "--issuer", "https://accounts.google.com", "--client-id", "123").err()).contains("lowercase letters, digits or dashes");
        assertThat(run("s\n", "site", "oidc", "--id", "courier", "--add", "google", "--issuer", "https://accounts.google.com",
                "--client-id", "123").err()).contains("--add needs --label");
        assertThat(run("s\n", "site", "oidc", "--id", "courier", "--add", "google", "--label", "Google",
                "--issuer", "https://accounts.google.com", "--client-id", "123", "--scopes", "email profile").err()).contains("'openid'");
        assertThat(run("", "site", "oidc", "--id", "courier", "--label", "Google").err()).contains("give it with --add");
        assertThat(run("", "site", "oidc", "--id", "courier", "--remove", "google").err()).contains("has no OpenID provider 'google'");

        assertThat(run("s\n", "site", "oidc", "--id", "courier", "--add", "google", "--label", "Google",
                "--issuer", "https://accounts.google.com", "--client-id", "123").status()).isZero();
        MainTest.Run twice = run("s\n", "site", "oidc", "--id", "courier", "--add", "google", "--label", "Google again",
                "--issuer", "https://accounts.google.com", "--client-id", "456");
        assertThat(twice.status()).isEqualTo(2);
        assertThat(twice.err()).contains("already has a sign-in provider 'google'");
        assertThat(run("", "site", "oidc", "--id", "courier").out()).contains("client id: 123").doesNotContain("456", "Google again");
    }
}
