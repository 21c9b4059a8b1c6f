package org.parley.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.Http;
import org.parley.testing.MutableClock;
import org.parley.testing.RunningParley;
import org.parley.testing.TestPictures;
import org.parley.web.ConfigKey;

/**
 * Guest tokens are free, so limits cannot stop at the token: how many guests one network may create, and
 * that guests one network makes in a crowd share one allowance, as a script rotating tokens meets them over
 * real HTTP. Readers' addresses come from X-Forwarded-For, which the test client (on 127.0.0.1, a trusted
 * proxy by default) sets.
 */
class GuestLimitsRoutesTest {

    /** The limits a server has without configuration (the test server's own are far higher). */
    static final Map<ConfigKey, String> DEFAULT_LIMITS = Map.of(
            ConfigKey.IDENTITY_GUESTS_PER_ADDRESS_PER_MINUTE, String.valueOf(IdentityConfig.DEFAULT_GUESTS_PER_MINUTE),
            ConfigKey.IDENTITY_GUESTS_PER_ADDRESS_PER_HOUR, String.valueOf(IdentityConfig.DEFAULT_GUESTS_PER_HOUR));

    @TempDir
    Path dir;
    MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    RunningParley parley;
    Http http;

    void start(Map<ConfigKey, String> overrides) {
        parley = RunningParley.start(dir, clock, false, overrides);
        http = parley.http();
        parley.site("courier");
    }

    @AfterEach
    void stop() {
        parley.close();
    }

    Http.Reply createGuest(String address) {
        return http.post("/api/v1/sites/courier/guests", "{}", "X-Forwarded-For", address);
    }

    String guest(String address) {
        Http.Reply reply = createGuest(address);
        assertThat(reply.status()).as("a guest from %s: %s", address, reply.text()).isEqualTo(201);
        return reply.json().get("token").asText();
    }

    Http.Reply comment(String token, String address, String body) {
        return http.post("/api/v1/sites/courier/comments", "{\"page\":\"rotation\",\"body\":\"" + body + "\"}",
                "Authorization", "Bearer " + token, "X-Forwarded-For", address);
    }

    Http.Reply upload(String token, int seed) {
        return http.send("POST", "/api/v1/sites/courier/images", TestPictures.png(40, 30, seed),
                "Authorization", "Bearer " + token, "X-Forwarded-For", "203.0.113.7");
    }

    @Test
    void oneNetworkGetsABurstOfGuestsThenAnHourlyAllowanceAndIsToldWhenToComeBack() {
        start(Map.of(ConfigKey.IDENTITY_GUESTS_PER_ADDRESS_PER_MINUTE, "3", ConfigKey.IDENTITY_GUESTS_PER_ADDRESS_PER_HOUR, "5"));
        for (int i = 0; i < 3; i++) {
            guest("203.0.113.5");
        }
        Http.Reply refused = createGuest("203.0.113.5");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("type").asText()).isEqualTo("urn:parley:problem:too-many-guests");
        assertThat(refused.json().get("detail").asText()).contains("try again in");
        assertThat(Integer.parseInt(refused.header("Retry-After").orElseThrow())).isBetween(1, 60);
        guest("198.51.100.1");

        clock.advance(Duration.ofMinutes(1));
        guest("203.0.113.5");
        guest("203.0.113.5");
        Http.Reply hourly = createGuest("203.0.113.5");
        assertThat(hourly.status()).as("five in the hour").isEqualTo(429);
        assertThat(Integer.parseInt(hourly.header("Retry-After").orElseThrow())).isBetween(61, 720);
    }

    @Test
    void everyAddressOfAnIpv6SlashSixtyFourDrawsOnOneAllowance() {
        start(Map.of(ConfigKey.IDENTITY_GUESTS_PER_ADDRESS_PER_MINUTE, "3", ConfigKey.IDENTITY_GUESTS_PER_ADDRESS_PER_HOUR, "5"));
        for (int i = 1; i <= 3; i++) {
            guest("2001:db8:1:2::" + Integer.toHexString(i * 4099));
        }
        assertThat(createGuest("2001:db8:1:2:aaaa:bbbb:cccc:dddd").status()).isEqualTo(429);
        guest("2001:db8:1:3::1");
    }

    @Test
    void threeHundredSlashSixtyFoursOfOneSlashFortyEightShareTenNetworksWorthOfGuests() {
        start(DEFAULT_LIMITS);
        int allowed = 10 * IdentityConfig.DEFAULT_GUESTS_PER_MINUTE;
        List<Integer> answers = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            answers.add(createGuest("2001:db8:4a:" + Integer.toHexString(i) + "::1").status());
        }
        assertThat(answers.subList(0, allowed)).as("the first ten networks' worth").containsOnly(201);
        assertThat(answers.subList(allowed, 300)).as("then the /48's allowance is spent, whichever /64 asks").containsOnly(429);
        Http.Reply refused = createGuest("2001:db8:4a:ffff::1");
        assertThat(refused.json().get("type").asText()).isEqualTo("urn:parley:problem:too-many-guests");
        assertThat(Integer.parseInt(refused.header("Retry-After").orElseThrow())).isBetween(1, 60);

        guest("2001:db8:4b::1");
        guest("198.51.100.9");
        clock.advance(Duration.ofSeconds(6));
        guest("2001:db8:4a:1234::1");
    }

    @Test
    void threeHundredIpv4AddressesOfOneBlockEachKeepTheirOwnAllowance() {
        start(DEFAULT_LIMITS);
        for (int i = 0; i < 300; i++) {
            guest("198.51." + (100 + i / 256) + "." + (i % 256));
        }
        for (int i = 0; i < IdentityConfig.DEFAULT_GUESTS_PER_MINUTE - 1; i++) {
            guest("198.51.100.0");
        }
        assertThat(createGuest("198.51.100.0").status()).as("one address's burst, as before").isEqualTo(429);
    }

    @Test
    void rotatedGuestsFromOneNetworkShareOneCommentAllowanceWhereverTheyPostFrom() {
        start(Map.of(ConfigKey.MODERATION_COMMENTS_PER_MINUTE, "2", ConfigKey.IDENTITY_NEW_GUEST_HOURS, "24"));
        List<String> household = new ArrayList<>();
        for (int i = 0; i < Identity.CROWD_PER_HOUR; i++) {
            household.add(guest("203.0.113.7"));
        }
        List<String> rotated = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            rotated.add(guest("203.0.113.7"));
        }
        assertThat(comment(rotated.get(0), "203.0.113.7", "First rotated").status()).isEqualTo(201);
        assertThat(comment(rotated.get(1), "203.0.113.7", "Second rotated").status()).isEqualTo(201);
        Http.Reply third = comment(rotated.get(2), "203.0.113.7", "Third rotated, never posted before");
        assertThat(third.status()).as("a fresh token buys no fresh allowance").isEqualTo(429);
        assertThat(third.json().get("type").asText()).isEqualTo("urn:parley:problem:too-many-comments");
        assertThat(third.header("Retry-After")).isPresent();
        assertThat(comment(rotated.get(3), "198.51.100.77", "From another address").status())
                .as("the allowance is the one of the network the guest was made on").isEqualTo(429);

        for (String member : household) {
            assertThat(comment(member, "203.0.113.7", "A household member").status()).as("the first few keep their own").isEqualTo(201);
        }
        assertThat(comment(guest("198.51.100.8"), "198.51.100.8", "Another network").status()).isEqualTo(201);

        clock.advance(Duration.ofHours(25));
        assertThat(comment(rotated.get(2), "203.0.113.7", "A day later").status()).as("no longer new: its own allowance").isEqualTo(201);
    }

    @Test
    void rotatedGuestsFromOneNetworkShareOneUploadAllowance() {
        start(Map.of(ConfigKey.MEDIA_UPLOADS_PER_GUEST, "1", ConfigKey.IDENTITY_NEW_GUEST_HOURS, "24"));
        for (int i = 0; i < Identity.CROWD_PER_HOUR; i++) {
            guest("203.0.113.7");
        }
        assertThat(upload(guest("203.0.113.7"), 1).status()).isEqualTo(201);
        Http.Reply second = upload(guest("203.0.113.7"), 2);
        assertThat(second.status()).isEqualTo(429);
        assertThat(second.json().get("type").asText()).isEqualTo("urn:parley:problem:too-many-uploads");
        assertThat(upload(guest("198.51.100.8"), 3).status()).as("a guest of another network").isEqualTo(201);
    }

    @Test
    void uploadsFromTheSlashSixtyFoursOfOneSlashFortyEightShareTenNetworksWorth() {
        start(Map.of(ConfigKey.MEDIA_UPLOADS_PER_ADDRESS, "1"));
        int granted = 0;
        for (int net = 0; net < 15; net++) {
            String address = "2001:db8:4c:" + Integer.toHexString(net) + "::1";
            Http.Reply reply = http.send("POST", "/api/v1/sites/courier/images", TestPictures.png(40, 30, net),
                    "Authorization", "Bearer " + guest(address), "X-Forwarded-For", address);
            if (reply.status() == 201) {
                granted++;
            } else {
                assertThat(reply.status()).isEqualTo(429);
            }
        }
        assertThat(granted).as("one upload per network, ten networks' worth per /48").isEqualTo(10);
    }
}
