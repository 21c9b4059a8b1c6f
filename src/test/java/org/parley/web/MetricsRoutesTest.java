package org.parley.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.web.TwoNodesTest.within;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.store.StoreConfig;
import org.parley.testing.Http;
import org.parley.testing.RawConnection;
import org.parley.testing.RunningParley;
import org.parley.testing.SseClient;
import org.parley.testing.TestDatabases;

/**
 * {@code GET /metrics} on a real server: after readers post, report, vote, read and follow a page live, the
 * series a newsroom's dashboard is built on are there with the right values and labels; a token, when
 * set, is required.
 */
class MetricsRoutesTest {

    static final Duration SECOND = Duration.ofSeconds(1);
    static final String SITE = "/api/v1/sites/courier";
    static final String TOKEN = "a-metrics-token-for-tests-0123";

    @TempDir
    Path dir;

    @Test
    void theDashboardSeriesCountWhatReadersDidByRoutePatternNeverByPath() {
        try (RunningParley parley = RunningParley.start(dir, Clock.systemUTC(), false, Map.of(ConfigKey.LIVE_HEARTBEAT_SECONDS, "1"))) {
            parley.site("courier");
            Http http = parley.http();
            String author = parley.guestToken("courier");
            String reader = parley.guestToken("courier");
            String id;
            try (SseClient stream = SseClient.open(http.base() + SITE + "/live?page=river-report")) {
                stream.nextComment("the stream's first line", SECOND);
                assertThat(sample(scrape(http), "parley_live_clients")).hasValue(1);
                id = TwoNodesTest.post(http, author, "river-report", "The river rose a metre overnight");
                stream.next("the posted comment, live", SECOND);
                assertThat(sample(scrape(http), "parley_live_messages_total")).hasValue(1);
            }
            assertThat(http.patch(SITE + "/comments/" + id, "{\"body\":\"The river rose a metre\"}", bearer(author)).status()).isEqualTo(200);
            assertThat(http.put(SITE + "/comments/" + id + "/vote", "{\"value\":1}", bearer(reader)).status()).isEqualTo(200);
            assertThat(http.post(SITE + "/comments/" + id + "/reports", "{\"reason\":\"spam\"}", bearer(reader)).status()).isEqualTo(201);
            assertThat(http.get(SITE + "/thread?page=river-report").status()).isEqualTo(200);
            assertThat(http.get("/wp-login.php-probe").status()).isEqualTo(404);

            Http.Reply reply = http.get("/metrics");
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.contentType()).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
            assertThat(reply.header("Cache-Control")).contains("no-store");
            String text = reply.text();
            assertThat(sample(text, "parley_comments_posted_total", "outcome=\"published\"")).hasValue(1);
            assertThat(sample(text, "parley_comments_posted_total", "outcome=\"held\"")).hasValue(0);
            assertThat(sample(text, "parley_comments_posted_total", "outcome=\"rejected\"")).hasValue(0);
            assertThat(sample(text, "parley_comments_edited_total")).hasValue(1);
            assertThat(sample(text, "parley_votes_total")).hasValue(1);
            assertThat(sample(text, "parley_reports_total")).hasValue(1);

            String thread = "route=\"/api/v1/sites/{site}/thread\"";
            assertThat(sample(text, "parley_http_requests_seconds_count", thread, "method=\"GET\"", "status=\"200\"")).hasValue(1);
            assertThat(sample(text, "parley_http_requests_seconds_bucket", thread, "status=\"200\"", "le=\"+Inf\"")).hasValue(1);
            assertThat(sample(text, "parley_http_requests_seconds_bucket", thread, "status=\"200\"", "le=\"0.005\"")).isPresent();
            assertThat(text.lines().filter(line -> line.startsWith("parley_http_requests_seconds_bucket{") && line.contains(thread)))
                    .as("a few buckets per series, not hundreds").hasSizeBetween(8, 16);
            assertThat(sample(text, "parley_http_requests_seconds_count", "route=\"/api/v1/sites/{site}/comments\"", "method=\"POST\"",
                    "status=\"201\"")).hasValue(1);
            assertThat(sample(text, "parley_http_requests_seconds_count", "route=\"unmatched\"", "status=\"404\"")).hasValue(1);
            assertThat(text).as("raw paths never become labels").doesNotContain("courier", "river-report", "wp-login");

            assertThat(sample(text, "cache_gets_total", "cache=\"threads\"", "result=\"hit\"")).isPresent();
            assertThat(sample(text, "cache_size", "cache=\"sites\"")).isPresent();
            assertThat(sample(text, "parley_cache_invalidations_total", "cache=\"threads\"", "origin=\"this-process\"")).isPresent();
            assertThat(sample(text, "hikaricp_connections_max", "pool=\"parley-write\"")).hasValue(1);
            assertThat(sample(text, "hikaricp_connections_active", "pool=\"parley-read\"")).isPresent();
            for (String jvm : new String[] {"jvm_memory_used_bytes", "jvm_threads_live_threads", "jvm_classes_loaded_classes",
                    "process_cpu_usage", "process_uptime_seconds", "process_files_open_files", "system_cpu_count"}) {
                assertThat(sample(text, jvm)).as(jvm).isPresent();
            }
            assertThat(text).as("one process on SQLite has no other node").doesNotContain("parley_cluster_");

            // A dropped stream is noticed at its next heartbeat (a second here).
            within(Duration.ofSeconds(5), "the closed stream no longer counts",
                    () -> sample(scrape(http), "parley_live_clients").orElse(-1) == 0);
        }
    }

    @Test
    void withATokenSetMetricsNeedItAsBearerAndHeadAnswersLikeGet() throws Exception {
        try (RunningParley parley = RunningParley.start(dir, Clock.systemUTC(), false, Map.of(ConfigKey.METRICS_TOKEN, TOKEN))) {
            Http http = parley.http();
            for (Http.Reply refused : new Http.Reply[] {http.get("/metrics"), http.get("/metrics", "Authorization", "Bearer " + TOKEN + "x"),
                    http.get("/metrics", "Authorization", "Bearer " + TOKEN.substring(1)), http.get("/metrics", "Authorization", TOKEN)}) {
                assertThat(refused.status()).isEqualTo(401);
                assertThat(refused.contentType()).isEqualTo(Problems.MEDIA_TYPE);
                assertThat(refused.json().get("type").asText()).isEqualTo("urn:parley:problem:invalid-metrics-token");
                assertThat(refused.header("WWW-Authenticate")).contains("Bearer");
                assertThat(refused.text()).doesNotContain(TOKEN);
            }
            Http.Reply allowed = http.get("/metrics", "Authorization", "Bearer " + TOKEN);
            assertThat(allowed.status()).isEqualTo(200);
            assertThat(allowed.text()).contains("parley_http_requests_seconds_count{");

            try (RawConnection connection = RawConnection.open(parley.port())) {
                String auth = "Authorization: Bearer " + TOKEN + "\r\n";
                RawConnection.Response get = connection.send("GET /metrics HTTP/1.1\r\nHost: test\r\n" + auth + "\r\n").read();
                RawConnection.Response head = connection.send("HEAD /metrics HTTP/1.1\r\nHost: test\r\n" + auth + "\r\n").readHeadAnswer();
                assertThat(head.status()).isEqualTo(get.status()).isEqualTo(200);
                assertThat(head.header("Content-Type")).isEqualTo(get.header("Content-Type")).isPresent();
                assertThat(head.header("Cache-Control")).contains("no-store");
                RawConnection.Response refused = connection.send("HEAD /metrics HTTP/1.1\r\nHost: test\r\n\r\n").readHeadAnswer();
                assertThat(refused.status()).isEqualTo(401);
            }
        }
    }

    /** Two nodes on one PostgreSQL schema: what A posts reaches B as an event, and both count it. */
    @Test
    void onPostgresANodeCountsTheEventsItSendsAndTheOtherThoseItReceives() {
        StoreConfig pg = TestDatabases.postgres(dir);
        Map<ConfigKey, String> onPg = Map.of(ConfigKey.DB_URL, pg.url(), ConfigKey.DB_USER, pg.user());
        try (RunningParley a = RunningParley.start(dir.resolve("a"), Clock.systemUTC(), false, onPg);
             RunningParley b = RunningParley.start(dir.resolve("b"), Clock.systemUTC(), false, onPg)) {
            a.site("courier");
            assertThat(sample(scrape(b.http()), "parley_cluster_listener_connected")).hasValue(1);
            assertThat(b.http().get(SITE + "/thread?page=two-nodes").status()).isEqualTo(200);
            double before = sample(scrape(b.http()), "parley_cluster_events_received_total").orElseThrow();

            TwoNodesTest.post(a.http(), a.guestToken("courier"), "two-nodes", "Posted on node A");

            within(Duration.ofSeconds(5), "node B counts the event of A's comment",
                    () -> sample(scrape(b.http()), "parley_cluster_events_received_total").orElseThrow() > before);
            within(Duration.ofSeconds(5), "node B drops what it cached of the page A changed",
                    () -> total(scrape(b.http()), "parley_cache_invalidations_total", "origin=\"other-process\"") > 0);
            within(Duration.ofSeconds(5), "node A counts the event it sent",
                    () -> sample(scrape(a.http()), "parley_cluster_events_sent_total").orElseThrow() >= 1);
            String onA = scrape(a.http());
            assertThat(sample(onA, "hikaricp_connections_max", "pool=\"parley\"")).isPresent();
            assertThat(sample(onA, "hikaricp_connections_max", "pool=\"parley-cache\"")).isPresent();
            assertThat(sample(onA, "parley_cluster_events_failed_total")).hasValue(0);
        } finally {
            TestDatabases.dropPostgres(pg);
        }
    }

    static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }

    static String scrape(Http http) {
        Http.Reply reply = http.get("/metrics");
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        return reply.text();
    }

    /**
     * The value of the first sample of {@code name} whose labels include every one of {@code labels} (each
     * written {@code key="value"}), from a Prometheus text exposition.
     */
    static OptionalDouble sample(String exposition, String name, String... labels) {
        return samples(exposition, name, labels).findFirst();
    }

    /** The sum of the samples of {@code name} whose labels include every one of {@code labels}. */
    static double total(String exposition, String name, String... labels) {
        return samples(exposition, name, labels).sum();
    }

    private static DoubleStream samples(String exposition, String name, String... labels) {
        return exposition.lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> {
                    String series = line.substring(0, line.lastIndexOf(' '));
                    for (String label : labels) {
                        if (!series.contains(label)) {
                            return false;
                        }
                    }
                    return true;
                })
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
    }
}
