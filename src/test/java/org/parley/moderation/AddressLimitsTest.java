package org.parley.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.Http;
import org.parley.testing.RunningParley;
import org.parley.web.ConfigKey;

/**
 * Behind a trusted reverse proxy, the per-address limit counts each reader's own address, not the
 * proxy's: readers behind one proxy do not share one allowance, one reader flooding does not pass.
 */
class AddressLimitsTest {

    @TempDir
    static Path dir;
    static RunningParley parley;
    static Http http;

    @BeforeAll
    static void start() {
        parley = RunningParley.start(dir, Clock.systemUTC(), false, Map.of(ConfigKey.MODERATION_ADDRESS_COMMENTS_PER_MINUTE, "2"));
        http = parley.http();
        parley.site("courier");
    }

    @AfterAll
    static void stop() {
        parley.close();
    }

    static int post(String address, int n) {
        return send(address, n).status();
    }

    static Http.Reply send(String address, int n) {
        return http.post("/api/v1/sites/courier/comments", "{\"page\":\"proxied\",\"body\":\"Comment " + n + "\"}",
                "Authorization", "Bearer " + parley.guestToken("courier"), "X-Forwarded-For", address);
    }

    @Test
    void readersBehindTheProxyEachHaveTheirOwnAllowance() {
        for (int i = 0; i < 6; i++) {
            assertThat(post("198.51.100." + i, i)).as("reader %d behind the proxy", i).isEqualTo(201);
        }
    }

    @Test
    void oneAddressFloodingIsStoppedWhateverGuestItPostsAs() {
        assertThat(post("203.0.113.9", 1)).isEqualTo(201);
        assertThat(post("203.0.113.9", 2)).isEqualTo(201);
        Http.Reply refused = send("203.0.113.9", 3);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(Integer.parseInt(refused.header("Retry-After").orElseThrow())).isBetween(1, 60);
        assertThat(refused.contentType()).startsWith("application/problem+json");
    }

    @Test
    void addressesOfOneIpv6SlashSixtyFourShareTheAddressAllowance() {
        assertThat(post("2001:db8:5:6::1", 1)).isEqualTo(201);
        assertThat(post("2001:db8:5:6:aaaa::2", 2)).isEqualTo(201);
        assertThat(post("2001:db8:5:6:ffff:ffff:ffff:fff3", 3)).as("rotating inside the /64 buys nothing").isEqualTo(429);
        assertThat(post("2001:db8:5:7::1", 4)).as("the next /64 is another network").isEqualTo(201);
    }

    @Test
    void theSlashSixtyFoursOfOneDelegatedPrefixShareTenTimesOneNetworksAllowance() {
        int granted = 0;
        for (int net = 0; net < 40; net++) {
            if (post("2001:db8:77:" + Integer.toHexString(net) + "::1", net) == 201) {
                granted++;
            }
        }
        assertThat(granted).as("comments from 40 /64s of one /48, at 2 a minute per network").isEqualTo(20);
        assertThat(post("2001:db8:78::1", 99)).as("another /48").isEqualTo(201);
    }

    @Test
    void attemptsRefusedForACrowdedNetworkCostTheCommenterNothing(@TempDir Path own) {
        try (RunningParley strict = RunningParley.start(own, Clock.systemUTC(), false, Map.of(
                ConfigKey.MODERATION_ADDRESS_COMMENTS_PER_MINUTE, "2", ConfigKey.MODERATION_COMMENTS_PER_MINUTE, "2"))) {
            strict.site("courier");
            String commuter = strict.guestToken("courier");
            java.util.function.BiFunction<String, String, Integer> post = (token, address) -> strict.http().post(
                    "/api/v1/sites/courier/comments", "{\"page\":\"train\",\"body\":\"From " + address + "\"}",
                    "Authorization", "Bearer " + token, "X-Forwarded-For", address).status();
            assertThat(post.apply(strict.guestToken("courier"), "192.0.2.50")).isEqualTo(201);
            assertThat(post.apply(strict.guestToken("courier"), "192.0.2.50")).isEqualTo(201);
            for (int i = 0; i < 5; i++) {
                assertThat(post.apply(commuter, "192.0.2.50")).as("the train's wifi is full").isEqualTo(429);
            }
            assertThat(post.apply(commuter, "198.51.100.77")).as("at home, the commuter's own two comments are intact").isEqualTo(201);
            assertThat(post.apply(commuter, "198.51.100.78")).isEqualTo(201);
            assertThat(post.apply(commuter, "198.51.100.79")).as("and then their own limit holds").isEqualTo(429);
        }
    }
}
