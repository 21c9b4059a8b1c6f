package org.parley.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
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
import org.parley.testing.Http;
import org.parley.testing.MutableClock;
import org.parley.testing.RunningParley;
import org.parley.testing.StaffLogin;
import org.parley.staff.NewStaffUser;
import org.parley.staff.Role;
import org.parley.staff.Scope;

/**
 * A reader's own data over real HTTP: they download all Parley holds about them, leave with their comments removed or
 * kept under "deleted user" (replies keep their place either way), and bring the comments they wrote as a guest in this
 * browser to the account they signed in to.
 */
class PrivacyRoutesTest {

    static final SiteId COURIER = new SiteId("courier");

    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
    RunningParley parley;
    Http http;

    @BeforeEach
    void start() {
        parley = RunningParley.start(dir, clock, false, Map.of());
        http = parley.http();
        parley.site("courier");
    }

    @AfterEach
    void stop() {
        parley.close();
    }

    SignedIn signIn(String subject, String name) {
        return parley.parley().identity().signIn(COURIER, new Login("sso", subject, Optional.of(name),
                Optional.of(subject + "@readers.example"), true, Set.of(Badge.SUBSCRIBER), true));
    }

    String post(String token, String body, String parent) {
        String json = "{\"page\":\"river\",\"body\":\"" + body + "\"" + (parent == null ? "" : ",\"parentId\":\"" + parent + "\"") + "}";
        Http.Reply reply = http.post("/api/v1/sites/courier/comments", json, "Authorization", "Bearer " + token);
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        return reply.json().get("id").asText();
    }

    List<JsonNode> thread() {
        List<JsonNode> all = new ArrayList<>();
        http.get("/api/v1/sites/courier/thread?page=river&sort=oldest").json().get("comments").forEach(c -> {
            all.add(c);
            c.get("replies").forEach(all::add);
        });
        return all;
    }

    @Test
    void aSignedInReaderDownloadsEverythingParleyHoldsAboutThem() {
        SignedIn ann = signIn("u-1", "Ann Reader");
        String other = parley.guestToken("courier");
        String theirs = post(other, "Somebody else wrote this.", null);
        post(ann.token(), "My first *comment*.", null);
        http.put("/api/v1/sites/courier/comments/" + theirs + "/vote", "{\"value\":1}", "Authorization", "Bearer " + ann.token());
        http.post("/api/v1/sites/courier/blocks", "{\"commentId\":\"" + theirs + "\"}", "Authorization", "Bearer " + ann.token());

        Http.Reply export = http.get("/api/v1/sites/courier/me/data", "Authorization", "Bearer " + ann.token());
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.header("Content-Disposition")).hasValueSatisfying(v -> assertThat(v).startsWith("attachment"));
        JsonNode data = export.json();
        assertThat(data.get("account").get("email").asText()).isEqualTo("u-1@readers.example");
        assertThat(data.get("account").get("logins").get(0).get("provider").asText()).isEqualTo("sso");
        assertThat(data.get("account").get("sessions")).hasSize(1);
        assertThat(data.get("comments")).hasSize(1);
        assertThat(data.get("comments").get(0).get("markdown").asText()).isEqualTo("My first *comment*.");
        assertThat(data.get("votes").get(0).get("commentId").asText()).isEqualTo(theirs);
        assertThat(data.get("blocks")).hasSize(1);
        assertThat(data.get("passkeys").isArray()).isTrue();
        assertThat(data.get("notifications").get("replies").asBoolean()).isFalse();
        assertThat(export.text()).doesNotContain(ann.token()).doesNotContain("u-1\"");

        assertThat(http.get("/api/v1/sites/courier/me/data").status()).as("no token").isEqualTo(401);
    }

    @Test
    void aReaderWhoLeavesKeepingTheirCommentsLeavesThemSignedDeletedUserAndTheirNameFree() {
        SignedIn ann = signIn("u-1", "Ann Reader");
        String guest = parley.guestToken("courier");
        String mine = post(ann.token(), "Worth keeping.", null);
        post(guest, "A reply to Ann.", mine);

        Http.Reply left = http.delete("/api/v1/sites/courier/me?comments=keep", "Authorization", "Bearer " + ann.token());
        assertThat(left.status()).as(left.text()).isEqualTo(200);
        assertThat(left.json().get("kept").asInt()).isEqualTo(1);

        JsonNode kept = thread().getFirst();
        assertThat(kept.get("html").asText()).contains("Worth keeping.");
        assertThat(kept.get("author").get("deleted").asBoolean()).isTrue();
        assertThat(kept.get("author").get("id").asText()).startsWith("x_");
        assertThat(kept.get("author").has("name") && !kept.get("author").get("name").isNull()).isFalse();
        assertThat(thread()).hasSize(2);
        assertThat(http.get("/api/v1/sites/courier/me", "Authorization", "Bearer " + ann.token()).status()).isEqualTo(401);
        assertThat(http.post("/api/v1/sites/courier/comments", "{\"page\":\"river\",\"body\":\"Hi\",\"name\":\"Ann Reader\"}",
                "Authorization", "Bearer " + guest).status()).as("the account's name is free again").isEqualTo(201);
    }

    @Test
    void aReaderWhoLeavesRemovingTheirCommentsLeavesOnlyPlaceholdersForReplies() {
        SignedIn ann = signIn("u-1", "Ann Reader");
        String guest = parley.guestToken("courier");
        String answered = post(ann.token(), "Answered.", null);
        post(ann.token(), "Alone.", null);
        post(guest, "A reply.", answered);

        Http.Reply left = http.delete("/api/v1/sites/courier/me?comments=remove", "Authorization", "Bearer " + ann.token());
        assertThat(left.json().get("removed").asInt()).isEqualTo(2);
        List<JsonNode> shown = thread();
        assertThat(shown).extracting(c -> c.get("status").asText()).containsExactly("deleted", "published");
        assertThat(shown.getFirst().get("html").asText()).isEmpty();
        assertThat(http.get("/api/v1/sites/courier/thread?page=river").json().get("page").get("commentCount").asInt()).isEqualTo(1);
    }

    @Test
    void aGuestWhoSignsInBringsTheirEarlierCommentsToTheAccount() {
        String guest = parley.guestToken("courier");
        post(guest, "Written as a guest.", null);
        post(guest, "Also as a guest.", null);
        SignedIn ann = signIn("u-1", "Ann Reader");

        Http.Reply moved = http.post("/api/v1/sites/courier/me/guest-comments", "{\"guestToken\":\"" + guest + "\"}",
                "Authorization", "Bearer " + ann.token());
        assertThat(moved.status()).as(moved.text()).isEqualTo(200);
        assertThat(moved.json().get("moved").asInt()).isEqualTo(2);
        assertThat(thread()).allSatisfy(c -> {
            assertThat(c.get("author").get("id").asText()).isEqualTo(ann.account().id().value());
            assertThat(c.get("author").get("name").asText()).isEqualTo("Ann Reader");
        });
        Http.Reply edit = http.patch("/api/v1/sites/courier/comments/" + thread().getFirst().get("id").asText(), "{\"body\":\"Edited as Ann.\"}",
                "Authorization", "Bearer " + ann.token());
        assertThat(edit.status()).as("the account may now edit them: %s", edit.text()).isEqualTo(200);
    }

    @Test
    void anAdminExportsAndDeletesAReadersDataOnTheirRequestAndTheAuditLogSaysWhoAndWhy() {
        SignedIn ann = signIn("u-1", "Ann Reader");
        post(ann.token(), "Please forget me.", null);
        String reader = ann.account().id().value();
        parley.parley().staff().createUser(new NewStaffUser("ed", Role.ADMIN, List.of()), "a long enough password");
        parley.parley().staff().createUser(new NewStaffUser("mo", Role.MODERATOR, List.of(Scope.parse("courier"))), "a long enough password");
        String ed = StaffLogin.cookie(http, "ed", "a long enough password");
        String mo = StaffLogin.cookie(http, "mo", "a long enough password");
        String path = "/admin/sites/courier/readers/" + reader;

        Http.Reply export = http.get(path + "/data?reason=Email+of+7+Dec", "Cookie", ed);
        assertThat(export.status()).as(export.text()).isEqualTo(200);
        assertThat(export.json().get("comments").get(0).get("markdown").asText()).isEqualTo("Please forget me.");
        assertThat(http.get(path + "/data?reason=curious", "Cookie", mo).json().get("type").asText())
                .isEqualTo("urn:parley:problem:admins-only");
        assertThat(http.get(path + "/data", "Cookie", ed).status()).as("no reason").isEqualTo(400);
        assertThat(http.get(path + "/data?reason=x").status()).as("no staff session").isEqualTo(401);
        assertThat(http.send("DELETE", path + "?comments=keep&reason=x", null, "Cookie", ed, "Origin", "https://elsewhere.example")
                .status()).as("from another origin").isEqualTo(403);

        Http.Reply deleted = http.send("DELETE", path + "?comments=remove&reason=Email+of+7+Dec", null, "Cookie", ed, "Origin", http.base());
        assertThat(deleted.status()).as(deleted.text()).isEqualTo(200);
        assertThat(deleted.json().get("removed").asInt()).isEqualTo(1);
        assertThat(thread()).isEmpty();
        String audit = http.get("/admin/audit.json", "Cookie", ed).text();
        assertThat(audit).contains("reader-export", "reader-delete", reader, "Email of 7 Dec");
        assertThat(http.get("/api/v1/sites/courier/me", "Authorization", "Bearer " + ann.token()).status()).isEqualTo(401);
    }

    @Test
    void badRequestsSayWhatIsWrong() {
        SignedIn ann = signIn("u-1", "Ann Reader");
        String guest = parley.guestToken("courier");
        assertThat(http.delete("/api/v1/sites/courier/me", "Authorization", "Bearer " + ann.token()).status()).isEqualTo(400);
        Http.Reply maybe = http.delete("/api/v1/sites/courier/me?comments=maybe", "Authorization", "Bearer " + ann.token());
        assertThat(maybe.status()).isEqualTo(400);
        assertThat(maybe.json().get("detail").asText()).contains("'remove'", "'keep'");
        Http.Reply asGuest = http.post("/api/v1/sites/courier/me/guest-comments", "{\"guestToken\":\"" + guest + "\"}",
                "Authorization", "Bearer " + guest);
        assertThat(asGuest.status()).isEqualTo(403);
        assertThat(asGuest.json().get("type").asText()).isEqualTo("urn:parley:problem:not-signed-in");
        Http.Reply notGuest = http.post("/api/v1/sites/courier/me/guest-comments", "{\"guestToken\":\"" + ann.token() + "\"}",
                "Authorization", "Bearer " + ann.token());
        assertThat(notGuest.status()).isEqualTo(400);
        assertThat(notGuest.json().get("type").asText()).isEqualTo("urn:parley:problem:not-a-guest-token");
        assertThat(http.get("/api/v1/sites/courier/me/data", "Authorization", "Bearer " + ann.token()).status())
                .as("nothing was changed by refused requests").isEqualTo(200);
    }
}
