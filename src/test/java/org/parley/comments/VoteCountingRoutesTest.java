package org.parley.comments;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.Http;
import org.parley.testing.MutableClock;
import org.parley.testing.RunningParley;
import org.parley.web.ConfigKey;

/**
 * Votes as a script with many fresh guest tokens and honest readers cast them over real HTTP: brand-new
 * guests on one network move a comment's ranking as one vote, readers on distinct networks count fully, and
 * each voter still sees and toggles their own vote. Addresses come from X-Forwarded-For (the test client is
 * a trusted proxy).
 */
class VoteCountingRoutesTest {

    @TempDir
    static Path dir;
    static RunningParley parley;
    static Http http;
    static final MutableClock clock = new MutableClock(java.time.Instant.now());

    @BeforeAll
    static void start() {
        parley = RunningParley.start(dir, clock, false, Map.of(ConfigKey.IDENTITY_NEW_GUEST_HOURS, "24"));
        http = parley.http();
        parley.site("courier");
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

    static String comment(String page, String body) {
        Http.Reply reply = http.post("/api/v1/sites/courier/comments", "{\"page\":\"" + page + "\",\"body\":\"" + body + "\"}",
                "Authorization", "Bearer " + guest("192.0.2.1"), "X-Forwarded-For", "192.0.2.1");
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        return reply.json().get("id").asText();
    }

    static void postAs(String token, String address, String page, String body) {
        Http.Reply reply = http.post("/api/v1/sites/courier/comments", "{\"page\":\"" + page + "\",\"body\":\"" + body + "\"}",
                "Authorization", "Bearer " + token, "X-Forwarded-For", address);
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
    }

    static JsonNode vote(String token, String address, String comment, int value) {
        Http.Reply reply = http.put("/api/v1/sites/courier/comments/" + comment + "/vote", "{\"value\":" + value + "}",
                "Authorization", "Bearer " + token, "X-Forwarded-For", address);
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        return reply.json();
    }

    static List<JsonNode> best(String page) {
        JsonNode thread = http.get("/api/v1/sites/courier/thread?page=" + page + "&sort=best").json();
        return StreamSupport.stream(thread.get("comments").spliterator(), false).toList();
    }

    @Test
    void thirtyFreshGuestsOnOneNetworkRankACommentAsOneVoteWhileThreeNetworksCountThree() {
        String stuffed = comment("ballot", "Upvoted by one place");
        String liked = comment("ballot", "Upvoted by three places");
        String last = null;
        for (int i = 0; i < 30; i++) {
            last = guest("203.0.113.50");
            JsonNode tally = vote(last, "203.0.113.50", stuffed, 1);
            assertThat(tally.get("up").asInt()).as("vote %d", i + 1).isEqualTo(1);
            assertThat(tally.get("myVote").asInt()).isEqualTo(1);
        }
        for (int i = 1; i <= 3; i++) {
            vote(guest("198.51.100." + i), "198.51.100." + i, liked, 1);
        }

        List<JsonNode> ranked = best("ballot");
        assertThat(ranked).extracting(c -> c.get("id").asText()).containsExactly(liked, stuffed);
        assertThat(ranked).extracting(c -> c.get("up").asInt()).containsExactly(3, 1);

        Http.Reply mine = http.get("/api/v1/sites/courier/my-votes?page=ballot", "Authorization", "Bearer " + last);
        assertThat(mine.json().get("votes").get(stuffed).asInt()).as("the voter sees their own vote").isEqualTo(1);
        JsonNode withdrawn = vote(last, "203.0.113.50", stuffed, 0);
        assertThat(withdrawn.get("myVote").asInt()).isZero();
        assertThat(withdrawn.get("up").asInt()).as("the other 29 still count once").isEqualTo(1);
        assertThat(vote(last, "203.0.113.50", stuffed, 1).get("myVote").asInt()).as("and toggles back").isEqualTo(1);
    }

    @Test
    void freshGuestsFromFortySlashSixtyFoursOfOneHouseholdCountAsOneVote() {
        String stuffed = comment("household", "Upvoted from one home's /56");
        for (int i = 0; i < 40; i++) {
            String address = "2001:db8:56:" + Integer.toHexString(0x1200 + i) + "::" + Integer.toHexString(i + 1);
            assertThat(vote(guest(address), address, stuffed, 1).get("up").asInt()).as("vote %d", i + 1).isEqualTo(1);
        }
        String neighbour = "2001:db8:56:1300::1";
        assertThat(vote(guest(neighbour), neighbour, stuffed, 1).get("up").asInt()).as("the next /56 is another household").isEqualTo(2);
    }

    @Test
    void freshGuestsFromEveryHouseholdOfOneSlashFortyEightCountAsTenVotesAtMost() {
        String stuffed = comment("delegation", "Upvoted from one customer's /48");
        String liked = comment("delegation", "Upvoted by established readers there");
        int up = 0;
        for (int i = 0; i < 60; i++) {
            String address = "2001:db8:48:" + Integer.toHexString(i << 8) + "::1";
            up = vote(guest(address), address, stuffed, 1).get("up").asInt();
        }
        assertThat(up).as("sixty /56s of one /48").isEqualTo(10);
        String other = "2001:db8:49::1";
        assertThat(vote(guest(other), other, stuffed, -1).get("down").asInt()).as("another /48").isEqualTo(1);

        List<String[]> readers = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String address = "2001:db8:48:" + Integer.toHexString(i << 8) + "::2";
            String token = guest(address);
            postAs(token, address, "delegation", "A comment on its first day " + i);
            vote(token, address, liked, 1);
            readers.add(new String[] {token, address});
        }
        assertThat(best("delegation")).as("a published comment does not make a brand-new reader count as themselves")
                .filteredOn(c -> c.get("id").asText().equals(liked)).singleElement()
                .satisfies(c -> assertThat(c.get("up").asInt()).isEqualTo(10));

        clock.advance(java.time.Duration.ofHours(25));
        readers.forEach(reader -> vote(reader[0], reader[1], liked, 0));
        readers.forEach(reader -> vote(reader[0], reader[1], liked, 1));
        assertThat(best("delegation")).as("readers a day old count as themselves")
                .filteredOn(c -> c.get("id").asText().equals(liked)).singleElement()
                .satisfies(c -> assertThat(c.get("up").asInt()).isEqualTo(12));
    }
}
