package org.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.WebServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.sites.NewSite;
import org.parley.sites.SiteId;
import org.parley.sites.Sites;
import org.parley.staff.Staff;
import org.parley.staff.StaffConfig;
import org.parley.store.Database;
import org.parley.testing.Http;
import org.parley.web.ConfigKey;
import org.parley.web.ParleyConfig;

/** {@code parley admin …} as a script runs it: the password piped in on standard input. */
class AdminCommandsTest {

    @TempDir
    Path dir;
    ParleyConfig config;

    @BeforeEach
    void sites() {
        config = ParleyConfig.of(Map.of(ConfigKey.DATA_DIR, dir.toString()));
        try (Database db = Database.open(config.store())) {
            Sites sites = Sites.create(db, Clock.systemUTC());
            sites.save(NewSite.withDefaults(new SiteId("courier"), "The Courier", List.of()));
            sites.save(NewSite.withDefaults(new SiteId("herald"), "The Herald", List.of()));
        }
    }

    String run(String stdin, String... argv) {
        MainTest.Run run = attempt(stdin, argv);
        assertThat(run.status()).as(run.err()).isZero();
        return run.out();
    }

    MainTest.Run attempt(String stdin, String... argv) {
        return MainTest.run(Map.of("PARLEY_DATA", dir.toString()), stdin, argv);
    }

    /** A refused command line: its exit status (2 for a usage mistake, 1 for a refusal) and its message. */
    void refused(int status, String message, String stdin, String... argv) {
        MainTest.Run run = attempt(stdin, argv);
        assertThat(run.status()).as(run.err()).isEqualTo(status);
        assertThat(run.err()).contains(message);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void createsTheFirstAdminAndModeratorsWithTheirSitesAndSections() {
        assertThat(run("", "admin", "list-users")).contains("no staff accounts yet");

        assertThat(run("a long admin password\n", "admin", "create-user", "--username", "Ed", "--role", "admin"))
                .startsWith("created admin ed (st_");
        assertThat(run("a long moderator password\r\nignored second line\n", "admin", "create-user",
                "--username", "ann", "--role", "moderator", "--sites", "courier,herald:sport,herald:World news"))
                .contains("created moderator ann", "for courier, herald:World news, herald:sport");

        assertThat(run("", "admin", "list-users")).contains("ann  moderator  courier, herald:World news, herald:sport", "ed  admin  all sites");
    }

    @Test
    void thePipedPasswordIsTheOneThatSignsIn() {
        run(" spaces count too \n", "admin", "create-user", "--username", "ann", "--role", "moderator", "--sites", "courier");

        try (Database db = Database.open(config.store())) {
            Staff staff = Staff.create(db, Clock.systemUTC(), StaffConfig.forPublicUrl("http://localhost"));
            WebServer server = WebServer.builder().host("127.0.0.1").port(0).routing(r -> r.register(staff.routes())).build().start();
            try {
                Http http = new Http("http://localhost:" + server.port());
                assertThat(signIn(http, "+spaces+count+too+").status()).isEqualTo(303);
                assertThat(signIn(http, "spaces+count+too").status()).isEqualTo(401);
            } finally {
                server.stop();
            }
        }
        refused(1, "already a staff account named 'ann'", " spaces count too \n", "admin", "create-user", "--username", "ANN", "--role", "admin");
    }

    static Http.Reply signIn(Http http, String encodedPassword) {
        return http.send("POST", "/admin/login", ("username=ann&password=" + encodedPassword).getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/x-www-form-urlencoded", "Origin", http.base());
    }

    @Test
    void anAdminSetsAndClearsWhereAStaffMemberGetsAlerts() {
        run("a long moderator password\n", "admin", "create-user", "--username", "ann", "--role", "moderator", "--sites", "courier");
        assertThat(run("", "admin", "set-email", "--username", "ann", "--email", "ann@courier.example"))
                .contains("alerts for ann go to ann@courier.example");
        try (Database db = Database.open(config.store())) {
            Staff staff = Staff.create(db, Clock.systemUTC(), StaffConfig.forPublicUrl("http://localhost"));
            assertThat(staff.alertRecipients(new SiteId("courier"))).extracting(Map.Entry::getValue).containsExactly("ann@courier.example");
            assertThat(staff.alertRecipients(new SiteId("herald"))).as("a site ann does not moderate").isEmpty();
        }
        assertThat(run("", "admin", "set-email", "--username", "ann", "--email", "none")).contains("no alert emails for ann");
        refused(1, "is not an email address", "", "admin", "set-email", "--username", "ann", "--email", "ann-at-courier");
        refused(1, "There is no staff account 'bob'", "", "admin", "set-email", "--username", "bob", "--email", "bob@courier.example");
    }

    @Test
    void disablingAUserIsShownInTheList() {
        run("a long moderator password\n", "admin", "create-user", "--username", "ann", "--role", "moderator", "--sites", "herald:sport");

        assertThat(run("", "admin", "disable-user", "--username", "ann")).contains("disabled ann; their sessions have ended");
        assertThat(run("", "admin", "list-users")).contains("ann  moderator  herald:sport  (disabled)");
        refused(1, "no staff account named 'nobody'", "", "admin", "disable-user", "--username", "nobody");
    }

    @Test
    void mistakesSayWhatIsWrongAndCreateNothing() {
        String password = "a long enough password\n";
        refused(2, "a moderator needs --sites", password, "admin", "create-user", "--username", "ann", "--role", "moderator");
        refused(2, "--sites is for moderators", password, "admin", "create-user", "--username", "ed", "--role", "admin", "--sites", "courier");
        refused(2, "--role must be admin or moderator", password, "admin", "create-user", "--username", "ed", "--role", "owner");
        refused(2, "--sites:", password, "admin", "create-user", "--username", "ann", "--role", "moderator", "--sites", "Courier");
        refused(1, "site 'gazette' does not exist", password, "admin", "create-user", "--username", "ann", "--role", "moderator",
                "--sites", "gazette");
        refused(1, "'password' must be 12 to 1024 characters", "short\n", "admin", "create-user", "--username", "ann", "--role",
                "moderator", "--sites", "courier");
        refused(1, "no password", "", "admin", "create-user", "--username", "ann", "--role", "moderator", "--sites", "courier");
        refused(1, "'username' must be", password, "admin", "create-user", "--username", "bad name!", "--role", "admin");
        refused(2, "unknown flag --password", password, "admin", "create-user", "--username", "ann", "--role", "admin", "--password", "x");

        assertThat(run("", "admin", "list-users")).contains("no staff accounts yet");
    }
}
