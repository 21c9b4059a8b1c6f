package org.parley.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.parley.sites.SiteId;

class StaffUserTest {

    static final SiteId COURIER = new SiteId("courier");
    static final SiteId HERALD = new SiteId("herald");
    static final StaffId ID = new StaffId("st_000000000aaaaaaaa");

    @Test
    void anAdminMayModerateEverywhere() {
        StaffUser admin = new StaffUser(ID, "ed", Role.ADMIN, List.of());

        assertThat(admin.isAdmin()).isTrue();
        assertThat(admin.mayModerate(COURIER, Optional.empty())).isTrue();
        assertThat(admin.mayModerate(HERALD, Optional.of("sport"))).isTrue();
    }

    @Test
    void aModeratorMayModerateWholeSitesAndExactlyTheirSections() {
        StaffUser mod = new StaffUser(ID, "ann", Role.MODERATOR,
                List.of(Scope.parse("courier"), Scope.parse("herald:sport"), Scope.parse("herald:culture")));

        assertThat(mod.isAdmin()).isFalse();
        assertThat(mod.mayModerate(COURIER, Optional.empty())).isTrue();
        assertThat(mod.mayModerate(COURIER, Optional.of("politics"))).isTrue();
        assertThat(mod.mayModerate(HERALD, Optional.of("sport"))).isTrue();
        assertThat(mod.mayModerate(HERALD, Optional.of("culture"))).isTrue();
        assertThat(mod.mayModerate(HERALD, Optional.of("politics"))).isFalse();
        assertThat(mod.mayModerate(HERALD, Optional.of("Sport"))).as("sections match exactly").isFalse();
        assertThat(mod.mayModerate(HERALD, Optional.empty())).as("an unfiled page of a site scoped by section").isFalse();
        assertThat(mod.mayModerate(new SiteId("other"), Optional.empty())).isFalse();
    }

    @Test
    void scopesParseAndPrintAsTheCommandLineWritesThem() {
        assertThat(Scope.parse("herald:World news")).isEqualTo(new Scope(HERALD, "World news"));
        assertThat(Scope.parse(" courier ")).isEqualTo(Scope.wholeSite(COURIER));
        assertThat(Scope.parse("herald:a:b").section()).isEqualTo("a:b");
        assertThat(Scope.parse("herald:sport").toString()).isEqualTo("herald:sport");

        assertThatThrownBy(() -> Scope.parse("Herald")).hasMessageContaining("site id");
        assertThatThrownBy(() -> Scope.parse("herald:")).hasMessageContaining("empty section");
        assertThatThrownBy(() -> Scope.parse(":sport")).hasMessageContaining("site id");
        assertThatThrownBy(() -> new Scope(HERALD, "a".repeat(101))).hasMessageContaining("100");
    }

    @Test
    void rolesReadAsScriptsSpellThem() {
        assertThat(Role.of("admin")).isEqualTo(Role.ADMIN);
        assertThat(Role.of("Moderator")).isEqualTo(Role.MODERATOR);
        assertThatThrownBy(() -> Role.of("owner")).hasMessageContaining("admin or moderator");
    }

    @Test
    void cookiesAreSecureExceptOnPlainHttpAwayFromLocalhost() {
        assertThat(StaffConfig.forPublicUrl("https://comments.news.example").secureCookies()).isTrue();
        assertThat(StaffConfig.forPublicUrl("http://localhost:8080").secureCookies()).isTrue();
        assertThat(StaffConfig.forPublicUrl("http://127.0.0.1:8080").secureCookies()).isTrue();
        assertThat(StaffConfig.forPublicUrl("http://comments.intranet:8080").secureCookies()).isFalse();
        assertThat(StaffConfig.forPublicUrl("https://Comments.News.Example:443/parley/").publicOrigin())
                .isEqualTo("https://comments.news.example");
        assertThat(StaffConfig.forPublicUrl("http://localhost:8080/").publicOrigin()).isEqualTo("http://localhost:8080");
        assertThatThrownBy(() -> StaffConfig.forPublicUrl("comments.news.example")).hasMessageContaining("absolute");
    }

    @Test
    void onlyPlainDashboardPathsAreFollowedAfterSignIn() {
        assertThat(Staff.safeNext("/admin/queue?site=courier")).isEqualTo("/admin/queue?site=courier");
        assertThat(Staff.safeNext("/admin")).isEqualTo("/admin");
        assertThat(Staff.safeNext("/admin/comments/c_1?site=courier&q=caf%C3%A9")).isEqualTo("/admin/comments/c_1?site=courier&q=caf%C3%A9");
        for (String hostile : List.of("https://evil.example/admin", "//evil.example/admin", "/\\evil.example", "/adminx",
                "/admin/../api", "/admin//evil.example", "/admin/\u0000", "/admin/\u00e9", "/admin/\"><b>", "/admin/a b",
                "/admin/#x", "javascript:alert(1)", "", "admin")) {
            assertThat(Staff.safeNext(hostile)).as(hostile).isEqualTo("/admin");
        }
    }
}
