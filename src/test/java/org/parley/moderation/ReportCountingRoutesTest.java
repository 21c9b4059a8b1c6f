package org.parley.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.staff.NewStaffUser;
import org.parley.staff.Role;
import org.parley.testing.Http;
import org.parley.testing.RunningParley;
import org.parley.web.ConfigKey;

/**
 * Reports (and votes) from a crowd of fresh guests on one network, over real HTTP: every report is accepted,
 * they count once, and the moderator sees in the reported queue and on the case page that they came mostly
 * from one network address. Addresses come from X-Forwarded-For (the test client is a trusted proxy).
 */
class ReportCountingRoutesTest {

    static final String PASSWORD = "a long enough password";

    @TempDir
    static Path dir;
    static RunningParley parley;
    static Http http;
    static String cookie;
    static String crowded;
    static String distinct;

    @BeforeAll
    static void start() {
        parley = RunningParley.start(dir, Clock.systemUTC(), false, Map.of(ConfigKey.IDENTITY_NEW_GUEST_HOURS, "24"));
        http = parley.http();
        parley.site("courier");
        parley.parley().staff().createUser(new NewStaffUser("ed", Role.ADMIN, List.of()), PASSWORD);
        Http.Reply login = http.send("POST", "/admin/login", ("username=ed&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8), "Content-Type", "application/x-www-form-urlencoded", "Origin", http.base());
        assertThat(login.status()).isEqualTo(303);
        cookie = login.header("Set-Cookie").orElseThrow().split(";", 2)[0];

        String author = guest("192.0.2.1");
        crowded = comment(author, "Reported by one place");
        distinct = comment(author, "Reported by three places");
        for (int i = 0; i < 31; i++) {
            String fresh = guest("203.0.113.9");
            assertThat(report(fresh, "203.0.113.9", crowded).status()).as("report %d is accepted", i + 1).isEqualTo(201);
            assertThat(http.put("/api/v1/sites/courier/comments/" + crowded + "/vote", "{\"value\":-1}",
                    "Authorization", "Bearer " + fresh, "X-Forwarded-For", "203.0.113.9").status()).isEqualTo(200);
        }
        report(guest("198.51.100.200"), "198.51.100.200", crowded);
        report(guest("198.51.100.201"), "198.51.100.201", crowded);
        report(guest("198.51.100.202"), "198.51.100.202", crowded);
        for (int i = 1; i <= 3; i++) {
            report(guest("198.51.100." + i), "198.51.100." + i, distinct);
        }
    }

    @AfterAll
    static void stop() {
        parley.close();
    }

    static String guest(String address) {
        Http.Reply reply = http.post("/api/v1/sites/courier/guests", "{}", "X-Forwarded-For", address);
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        return reply.json().get("token").asText();
    }

    static String comment(String token, String body) {
        Http.Reply reply = http.post("/api/v1/sites/courier/comments", "{\"page\":\"reported\",\"body\":\"" + body + "\"}",
                "Authorization", "Bearer " + token, "X-Forwarded-For", "192.0.2.1");
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        return reply.json().get("id").asText();
    }

    static Http.Reply report(String token, String address, String comment) {
        return http.post("/api/v1/sites/courier/comments/" + comment + "/reports", "{\"reason\":\"spam\"}",
                "Authorization", "Bearer " + token, "X-Forwarded-For", address);
    }

    /** The queue row of one comment: from its {@code <tr>} to the next. */
    static String row(String page, String comment) {
        int start = page.indexOf("<tr data-case=\"" + comment + "\">");
        assertThat(start).as("a row for %s", comment).isNotNegative();
        int end = page.indexOf("<tr data-case=", start + 1);
        return page.substring(start, end < 0 ? page.length() : end);
    }

    @Test
    void theReportedQueueCountsACrowdOnceAndSaysItCameFromOneNetwork() {
        String page = http.get("/admin/queue?kind=reported&site=courier", "Cookie", cookie).text();

        String crowd = row(page, crowded);
        assertThat(crowd).contains("<td>4<p class=\"crowd\" data-crowd=\"report\"><strong>31 of 34 reports from one network address.</strong>"
                + " They count as 4: brand-new readers on one network count once together.</p>");
        assertThat(crowd).contains("<strong>31 of 31 votes from one network address.</strong> They count as 1");
        assertThat(row(page, distinct)).contains("<td>3</td>").doesNotContain("class=\"crowd\"");
    }

    @Test
    void theCaseShowsHowTheReportsAndVotesAddUpAndCountsTheAuthorsRecordTheSameWay() {
        String page = http.get("/admin/comments/" + crowded, "Cookie", cookie).text();

        assertThat(page).contains("0 up, 1 down</p>", "<strong>31 of 31 votes from one network address.</strong>",
                "<strong>31 of 34 reports from one network address.</strong> They count as 4");
        assertThat(page.split("<td>spam</td>", -1)).as("every report is listed").hasSize(35);
        assertThat(page).contains("<dt>Reports against them</dt><dd>7</dd>");
    }
}
