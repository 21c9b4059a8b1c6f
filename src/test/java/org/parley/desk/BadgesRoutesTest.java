package org.parley.desk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.identity.Badge;
import org.parley.identity.Login;
import org.parley.identity.SignedIn;
import org.parley.sites.SiteId;
import org.parley.staff.NewStaffUser;
import org.parley.staff.Role;
import org.parley.staff.Scope;
import org.parley.testing.Http;
import org.parley.testing.RunningParley;
import org.parley.testing.StaffLogin;

/**
 * A site-wide moderator gives a signed-in reader a badge from the comment's case page: the reader's comments show it
 * from then on, a new sign-in through the newsroom's login keeps it, the audit log records it, and a guest or a
 * section moderator's attempt is refused.
 */
class BadgesRoutesTest {

    static final SiteId COURIER = new SiteId("courier");
    static final String PASSWORD = "a long enough password";

    @TempDir
    Path dir;
    RunningParley parley;
    Http http;

    @BeforeEach
    void start() {
        parley = RunningParley.start(dir, Clock.systemUTC(), false, Map.of());
        http = parley.http();
        parley.site("courier");
        parley.parley().staff().createUser(new NewStaffUser("ed", Role.ADMIN, List.of()), PASSWORD);
        parley.parley().staff().createUser(new NewStaffUser("sec", Role.MODERATOR, List.of(Scope.parse("courier:sport"))), PASSWORD);
    }

    @AfterEach
    void stop() {
        parley.close();
    }

    SignedIn tom() {
        return parley.parley().identity().signIn(COURIER, new Login("sso", "u-7", Optional.of("Tom"), Optional.empty(), false,
                Set.of(Badge.SUBSCRIBER), true));
    }

    JsonNode post(String token, String body) {
        Http.Reply reply = http.post("/api/v1/sites/courier/comments", "{\"page\":\"river\",\"body\":\"" + body + "\"}",
                "Authorization", "Bearer " + token);
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        return reply.json();
    }

    Http.Reply give(String who, String commentId, String form) {
        String cookie = StaffLogin.cookie(http, who, PASSWORD);
        String body = "csrf=" + StaffLogin.csrf(http, cookie) + form;
        return http.send("POST", "/admin/comments/" + commentId + "/badges", body.getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/x-www-form-urlencoded", "Cookie", cookie, "Origin", http.base());
    }

    @Test
    void aModeratorsBadgeShowsOnTheReadersNewCommentsAndOutlivesTheirNextSignIn() {
        String first = post(tom().token(), "Before the badge.").get("id").asText();
        assertThat(give("ed", first, "&badge=staff").status()).isEqualTo(303);

        JsonNode after = post(tom().token(), "After the badge.");
        assertThat(after.get("author").get("badges")).extracting(JsonNode::asText).containsExactly("staff", "subscriber");
        assertThat(http.get("/api/v1/sites/courier/comments/" + first).json().get("author").get("badges"))
                .as("a comment keeps the badges it was posted with").extracting(JsonNode::asText).containsExactly("subscriber");
        assertThat(parley.parley().identity().account(tom().account().id()).orElseThrow().badges())
                .as("the newsroom's login signing in again keeps the moderator's badge").containsExactlyInAnyOrder(Badge.STAFF, Badge.SUBSCRIBER);
        assertThat(http.get("/admin/audit.json?action=badges", "Cookie", StaffLogin.cookie(http, "ed", PASSWORD)).text())
                .contains(tom().account().id().value(), "staff");

        assertThat(give("ed", first, "").status()).as("no box ticked: the moderator's badges go").isEqualTo(303);
        assertThat(parley.parley().identity().account(tom().account().id()).orElseThrow().badges()).containsExactly(Badge.SUBSCRIBER);
    }

    @Test
    void noGuestPostsUnderAStaffMembersNameHoweverItIsSpelled() {
        String guest = parley.guestToken("courier");
        for (String name : List.of("ED", "Éd", "e d")) {
            Http.Reply posted = http.post("/api/v1/sites/courier/comments", "{\"page\":\"river\",\"body\":\"Hi\",\"name\":\"" + name + "\"}",
                    "Authorization", "Bearer " + guest);
            assertThat(posted.status()).as(name).isEqualTo(409);
        }
        assertThat(post(guest, "Fine.").get("author").get("name").isNull()).as("no name at all is fine").isTrue();
        parley.parley().staff().createUser(new NewStaffUser("herald-only", Role.MODERATOR, List.of(Scope.parse("gazette"))), PASSWORD);
        assertThat(http.post("/api/v1/sites/courier/comments", "{\"page\":\"river\",\"body\":\"Hi\",\"name\":\"Herald Only\"}",
                "Authorization", "Bearer " + guest).status()).as("staff of another site only").isEqualTo(201);
    }

    @Test
    void guestsHaveNoBadgesToGiveAndSectionModeratorsGiveNone() {
        String guestComment = post(parley.guestToken("courier"), "A guest.").get("id").asText();
        Http.Reply guest = give("ed", guestComment, "&badge=staff");
        assertThat(guest.status()).isEqualTo(409);
        assertThat(give("ed", post(tom().token(), "Hi.").get("id").asText(), "&badge=wizard").status()).isEqualTo(400);
        assertThat(give("sec", post(tom().token(), "Hello.").get("id").asText(), "&badge=staff").status()).isEqualTo(403);
    }
}
