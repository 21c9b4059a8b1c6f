package org.parley.notify;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.comments.CommentId;
import org.parley.identity.Login;
import org.parley.identity.SignedIn;
import org.parley.moderation.ModeratorAction;
import org.parley.sites.SiteId;
import org.parley.staff.NewStaffUser;
import org.parley.staff.Role;
import org.parley.staff.StaffUser;
import org.parley.testing.Http;
import org.parley.testing.MutableClock;
import org.parley.testing.RunningParley;
import org.parley.testing.TestSmtp;

/**
 * Reply and decision emails over real HTTP to a real SMTP server: a signed-in reader who asked for reply emails hears
 * of each reply (never their own, never from a reader they blocked, never from a muted thread), or of all of them once a
 * day, and hears why a moderator rejected their comment.
 */
class NotifyRoutesTest {

    static final SiteId COURIER = new SiteId("courier");
    static final String PAGE_URL = "https://www.courier.example/river";

    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T09:00:00Z"));
    TestSmtp smtp;
    RunningParley parley;
    Http http;
    SignedIn ann;

    @BeforeEach
    void start() {
        smtp = TestSmtp.started();
        parley = RunningParley.start(dir, clock, false, smtp.parleyConfig("comments@courier.example"));
        http = parley.http();
        parley.site("courier", "https://www.courier.example");
        ann = parley.parley().identity().signIn(COURIER, new Login("email", "ann@mail.example", Optional.of("Ann"),
                Optional.of("ann@mail.example"), true, Set.of(), false));
    }

    @AfterEach
    void stop() {
        parley.close();
        smtp.close();
    }

    String post(String token, String body, String parent, String page) {
        String json = "{\"page\":\"" + page + "\",\"pageUrl\":\"" + PAGE_URL + "\",\"body\":\"" + body + "\""
                + (parent == null ? "" : ",\"parentId\":\"" + parent + "\"") + ",\"name\":\"Bob\"}";
        Http.Reply reply = http.post("/api/v1/sites/courier/comments", json, "Authorization", "Bearer " + token);
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        return reply.json().get("id").asText();
    }

    Http.Reply settings(String token, String json) {
        return http.put("/api/v1/sites/courier/me/notifications", json, "Authorization", "Bearer " + token);
    }

    static String text(MimeMessage message) throws Exception {
        return (String) ((MimeMultipart) message.getContent()).getBodyPart(0).getContent();
    }

    @Test
    void aReaderWhoAskedHearsOfEachReplyButNotTheirOwnNorFromAMutedThreadNorFromSomeoneTheyBlocked() throws Exception {
        String first = post(ann.token(), "The gauge readings look wrong.", null, "river");
        assertThat(settings(ann.token(), "{\"replies\":true}").json().get("replies").asBoolean()).isTrue();
        String bob = parley.guestToken("courier");
        post(bob, "They were recalibrated last week.", first, "river");

        MimeMessage told = smtp.awaitReceived(1).getFirst();
        assertThat(told.getAllRecipients()[0].toString()).isEqualTo("ann@mail.example");
        assertThat(told.getSubject()).isEqualTo("Bob answered you on Test site courier");
        assertThat(text(told)).contains("They were recalibrated last week.", PAGE_URL);

        post(ann.token(), "Thanks, good to know.", first, "river");
        assertThat(http.put("/api/v1/sites/courier/me/muted-pages?page=river", "", "Authorization", "Bearer " + ann.token()).status())
                .isEqualTo(204);
        post(bob, "Muted thread reply.", first, "river");
        String elsewhere = post(ann.token(), "Another story.", null, "bridge");
        String carl = parley.guestToken("courier");
        http.post("/api/v1/sites/courier/blocks", "{\"commentId\":\"" + post(carl, "Bait.", null, "bridge") + "\"}",
                "Authorization", "Bearer " + ann.token());
        post(carl, "You again.", elsewhere, "bridge");
        post(bob, "A reply Ann hears of.", elsewhere, "bridge");

        List<MimeMessage> all = smtp.awaitReceived(2);
        assertThat(text(all.get(1))).contains("A reply Ann hears of.");
        assertThat(all).hasSize(2);
    }

    @Test
    void aReaderWhoChoseTheDigestHearsOfTheDaysRepliesInOneEmail() throws Exception {
        String first = post(ann.token(), "Question about the bridge.", null, "bridge");
        settings(ann.token(), "{\"replies\":true,\"digest\":true}");
        String bob = parley.guestToken("courier");
        post(bob, "First answer.", first, "bridge");
        post(bob, "Second answer.", first, "bridge");
        TestSmtp.awaitCondition("both replies waiting for the digest", () -> waitingForDigest() == 2);
        assertThat(smtp.received()).isEmpty();

        assertThat(parley.parley().notices().sendDigests()).isEqualTo(1);
        MimeMessage digest = smtp.awaitReceived(1).getFirst();
        assertThat(digest.getSubject()).isEqualTo("2 new replies to your comments on Test site courier");
        assertThat(text(digest)).contains("First answer.", "Second answer.");
        assertThat(parley.parley().notices().sendDigests()).as("each reply is in one digest").isZero();
    }

    /** Replies the database holds for a digest, read as an operator would, with SQL on the SQLite file. */
    int waitingForDigest() {
        try (var connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("parley.db"));
             var rows = connection.createStatement().executeQuery("SELECT COUNT(*) FROM reply_notices WHERE for_digest")) {
            return rows.next() ? rows.getInt(1) : 0;
        } catch (java.sql.SQLException e) {
            return -1; // busy: asked again
        }
    }

    @Test
    void anAuthorHearsWhyAModeratorRejectedTheirComment() throws Exception {
        String id = post(ann.token(), "Something the moderators will not like.", null, "river");
        StaffUser ed = parley.parley().staff().createUser(new NewStaffUser("ed", Role.ADMIN, List.of()), "a long enough password");
        parley.parley().moderation().act(ed, new ModeratorAction.Reject(List.of(new CommentId(id)), "Personal attacks break our rules."));

        MimeMessage told = smtp.awaitReceived(1).getFirst();
        assertThat(told.getAllRecipients()[0].toString()).isEqualTo("ann@mail.example");
        assertThat(text(told)).contains("Personal attacks break our rules.", "Something the moderators will not like.");
    }

    @Test
    void onlyASignedInReaderWithAVerifiedAddressCanAskForEmails() {
        Http.Reply guest = settings(parley.guestToken("courier"), "{\"replies\":true}");
        assertThat(guest.status()).isEqualTo(403);
        assertThat(guest.json().get("type").asText()).isEqualTo("urn:parley:problem:no-verified-email");
        assertThat(http.get("/api/v1/sites/courier/me/notifications", "Authorization", "Bearer " + ann.token()).json()
                .get("replies").asBoolean()).as("opt-in").isFalse();
        assertThat(settings(ann.token(), "{\"replies\":\"yes\"}").status()).isEqualTo(400);
        assertThat(http.put("/api/v1/sites/courier/me/muted-pages", "", "Authorization", "Bearer " + ann.token()).status()).isEqualTo(400);
        assertThat(http.put("/api/v1/sites/courier/me/muted-pages?page=river", "", "Authorization", "Bearer " + parley.guestToken("courier"))
                .status()).as("a guest, who gets no email, has nothing to mute").isEqualTo(403);
    }
}
