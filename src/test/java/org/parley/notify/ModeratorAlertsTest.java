package org.parley.notify;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.comments.PageKey;
import org.parley.moderation.Premoderation;
import org.parley.sites.SiteId;
import org.parley.staff.NewStaffUser;
import org.parley.staff.Role;
import org.parley.staff.Scope;
import org.parley.staff.StaffUser;
import org.parley.testing.MutableClock;
import org.parley.testing.RunningParley;
import org.parley.testing.TestSmtp;
import org.parley.web.ConfigKey;

/**
 * Moderators hear by email, through a real SMTP server, when comments waiting for them pile up on a site they moderate:
 * once an hour at most, only those who moderate the site and gave an address, and not below the alert line.
 */
class ModeratorAlertsTest {

    static final String PASSWORD = "a long enough password";

    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T09:10:00Z"));
    TestSmtp smtp;
    RunningParley parley;
    StaffUser ed;

    @BeforeEach
    void start() {
        smtp = TestSmtp.started();
        parley = RunningParley.start(dir, clock, false, withPublicUrl(smtp.parleyConfig("comments@courier.example")));
        parley.site("courier");
        parley.site("gazette");
        ed = parley.parley().staff().createUser(new NewStaffUser("ed", Role.ADMIN, List.of()), PASSWORD);
        parley.parley().staff().createUser(new NewStaffUser("gus", Role.MODERATOR, List.of(Scope.parse("gazette"))), PASSWORD);
        parley.parley().staff().createUser(new NewStaffUser("cy", Role.MODERATOR, List.of(Scope.parse("courier:sport"))), PASSWORD);
        parley.parley().staff().setEmail("ed", Optional.of("ed@courier.example"));
        parley.parley().staff().setEmail("gus", Optional.of("gus@gazette.example"));
        parley.parley().staff().setEmail("cy", Optional.of("cy@courier.example"));
        parley.parley().moderation().changePage(ed, new SiteId("courier"), new PageKey("heated"), Optional.of(Premoderation.ALL), true,
                "a heated story");
    }

    static Map<ConfigKey, String> withPublicUrl(Map<ConfigKey, String> config) {
        Map<ConfigKey, String> all = new java.util.EnumMap<>(config);
        all.put(ConfigKey.SERVER_PUBLIC_URL, "https://comments.courier.example");
        return all;
    }

    @AfterEach
    void stop() {
        parley.close();
        smtp.close();
    }

    void held(int count) {
        for (int i = 0; i < count; i++) {
            assertThat(parley.http().post("/api/v1/sites/courier/comments", "{\"page\":\"heated\",\"body\":\"Held comment " + i + ".\"}",
                    "Authorization", "Bearer " + parley.guestToken("courier")).json().get("status").asText()).isEqualTo("pending");
        }
    }

    @Test
    void theModeratorsOfABusySiteHearOnceAnHourAndNoOneElse() throws Exception {
        held(Alerts.THRESHOLD - 1);
        assertThat(parley.parley().notices().alertModerators()).as("below the line").isZero();
        held(1);
        assertThat(parley.parley().notices().alertModerators()).as("the admin and the section moderator of the site").isEqualTo(2);
        List<MimeMessage> sent = smtp.awaitReceived(2);
        assertThat(sent).extracting(m -> m.getAllRecipients()[0].toString())
                .containsExactlyInAnyOrder("ed@courier.example", "cy@courier.example");
        String text = (String) ((MimeMultipart) sent.getFirst().getContent()).getBodyPart(0).getContent();
        assertThat(text).contains("10 new comments were flagged or held", "https://comments.courier.example/admin/queue?site=courier");

        assertThat(parley.parley().notices().alertModerators()).as("again within the hour").isZero();
        clock.advance(Duration.ofHours(1));
        held(Alerts.THRESHOLD);
        assertThat(parley.parley().notices().alertModerators()).as("the next hour").isEqualTo(2);
    }
}
