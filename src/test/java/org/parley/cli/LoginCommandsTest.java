package org.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.identity.Identity;
import org.parley.logins.Logins;
import org.parley.sites.NewSite;
import org.parley.sites.SiteId;
import org.parley.sites.Sites;
import org.parley.store.Database;
import org.parley.web.ConfigKey;
import org.parley.web.ParleyConfig;

/** {@code parley site sign-in}: an admin turns on the newsroom's login, closes a site to guests, and reads back what is set. */
class LoginCommandsTest {

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

    MainTest.Run run(String... argv) {
        return MainTest.run(Map.of("PARLEY_DATA", dir.toString()), "", argv);
    }

    @Test
    void anAdminTurnsOnTheNewsroomsLoginGetsItsSecretOnceAndClosesTheSiteToGuests() {
        MainTest.Run shown = run("site", "sign-in", "--id", "courier");
        assertThat(shown.status()).as(shown.err()).isZero();
        assertThat(shown.out()).contains("guests may write: yes", "sso: off", "email links: off");

        MainTest.Run changed = run("site", "sign-in", "--id", "courier", "--sso-secret", "generate", "--guests", "no",
                "--sso-login-url", "https://courier.example/login", "--realm", "courier-group");
        assertThat(changed.status()).as(changed.err()).isZero();
        Matcher secret = Pattern.compile("sso secret: (\\S+)").matcher(changed.out());
        assertThat(secret.find()).as(changed.out()).isTrue();
        assertThat(changed.out()).contains("guests may write: no", "realm: courier-group", "sso: on", "login page: https://courier.example/login");

        MainTest.Run again = run("site", "sign-in", "--id", "courier", "--passkeys", "yes");
        assertThat(again.out()).as("flags left out keep their values").contains("guests may write: no", "sso: on", "passkeys: on")
                .doesNotContain(secret.group(1));
        try (Database db = Database.open(config.store())) {
            Sites sites = Sites.create(db, Clock.systemUTC());
            Logins logins = Logins.create(db, Clock.systemUTC(), sites, Identity.create(db, Clock.systemUTC(), sites),
                    "http://localhost:8080");
            assertThat(logins.settings(new SiteId("courier")).ssoSecret()).hasValue(secret.group(1));
        }
        assertThat(run("site", "sign-in", "--id", "courier", "--sso-secret", "none").out()).contains("sso: off");
    }

    @Test
    void mistakesSayWhatIsWrong() {
        MainTest.Run unknown = run("site", "sign-in", "--id", "nowhere");
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err()).contains("there is no site 'nowhere'");
        MainTest.Run badYes = run("site", "sign-in", "--id", "courier", "--guests", "maybe");
        assertThat(badYes.err()).contains("--guests takes yes or no");
        MainTest.Run badUrl = run("site", "sign-in", "--id", "courier", "--sso-jwks-url", "ftp://keys.example/jwks");
        assertThat(badUrl.err()).contains("must be an http(s) URL");
        MainTest.Run typedSecret = run("site", "sign-in", "--id", "courier", "--sso-secret", "hunter2");
        assertThat(typedSecret.err()).contains("--sso-secret takes 'generate'");
        assertThat(run("site", "sign-in", "--id", "courier").out()).as("nothing changed by a refused command").contains("sso: off",
                "guests may write: yes");
    }
}
