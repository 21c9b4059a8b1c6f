package org.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helidon.webserver.WebServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Args args = Args.parse(argv, Set.of());
        String command = String.join(" ", args.words());
        args.allowOnly(AdminCommands.flags(command));
        new AdminCommands(new PrintStream(out, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), null).run(command, args, config);
        return out.toString(StandardCharsets.UTF_8);
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
        assertThatThrownBy(() -> run(" spaces count too \n", "admin", "create-user", "--username", "ANN", "--role", "admin"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already a staff account named 'ann'");
    }

    static Http.Reply signIn(Http http, String encodedPassword) {
        return http.send("POST", "/admin/login", ("username=ann&password=" + encodedPassword).getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/x-www-form-urlencoded", "Origin", http.base());
    }

    @Test
    void disablingAUserIsShownInTheList() {
        run("a long moderator password\n", "admin", "create-user", "--username", "ann", "--role", "moderator", "--sites", "herald:sport");

        assertThat(run("", "admin", "disable-user", "--username", "ann")).contains("disabled ann; their sessions have ended");
        assertThat(run("", "admin", "list-users")).contains("ann  moderator  herald:sport  (disabled)");
        assertThatThrownBy(() -> run("", "admin", "disable-user", "--username", "nobody"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no staff account named 'nobody'");
    }

    @Test
    void mistakesSayWhatIsWrongAndCreateNothing() {
        String password = "a long enough password\n";
        assertThatThrownBy(() -> run(password, "admin", "create-user", "--username", "ann", "--role", "moderator"))
                .isInstanceOf(Args.UsageException.class).hasMessageContaining("a moderator needs --sites");
        assertThatThrownBy(() -> run(password, "admin", "create-user", "--username", "ed", "--role", "admin", "--sites", "courier"))
                .isInstanceOf(Args.UsageException.class).hasMessageContaining("--sites is for moderators");
        assertThatThrownBy(() -> run(password, "admin", "create-user", "--username", "ed", "--role", "owner"))
                .isInstanceOf(Args.UsageException.class).hasMessageContaining("--role must be admin or moderator");
        assertThatThrownBy(() -> run(password, "admin", "create-user", "--username", "ann", "--role", "moderator", "--sites", "Courier"))
                .isInstanceOf(Args.UsageException.class).hasMessageContaining("--sites:");
        assertThatThrownBy(() -> run(password, "admin", "create-user", "--username", "ann", "--role", "moderator", "--sites", "gazette"))
                .hasMessageContaining("site 'gazette' does not exist");
        assertThatThrownBy(() -> run("short\n", "admin", "create-user", "--username", "ann", "--role", "moderator", "--sites", "courier"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'password' must be 12 to 1024 characters");
        assertThatThrownBy(() -> run("", "admin", "create-user", "--username", "ann", "--role", "moderator", "--sites", "courier"))
                .hasMessageContaining("no password");
        assertThatThrownBy(() -> run(password, "admin", "create-user", "--username", "bad name!", "--role", "admin"))
                .hasMessageContaining("'username' must be");
        assertThatThrownBy(() -> run(password, "admin", "create-user", "--username", "ann", "--role", "admin", "--password", "x"))
                .isInstanceOf(Args.UsageException.class).hasMessageContaining("unknown flag --password");

        assertThat(run("", "admin", "list-users")).contains("no staff accounts yet");
    }
}
