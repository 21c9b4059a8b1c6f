package org.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.store.StoreConfig;
import org.parley.testing.Http;
import org.parley.testing.RawConnection;
import org.parley.testing.RunningParley;
import org.parley.testing.TestDatabases;

/** {@code /health/live} and {@code /health/ready} on a real server, with a database that answers and one that stops. */
class HealthRoutesTest {

    @TempDir
    Path dir;

    @Test
    void aFreshSqliteParleyIsLiveAndReadyWithEachCheckNamed() {
        try (RunningParley parley = RunningParley.start(dir)) {
            Http.Reply live = parley.http().get("/health/live");
            assertThat(live.status()).isEqualTo(200);
            assertThat(live.contentType()).isEqualTo("application/json");
            assertThat(live.header("Cache-Control")).contains("no-store");
            assertThat(live.text()).isEqualTo("{\"status\":\"UP\"}");

            Http.Reply ready = parley.http().get("/health/ready");
            assertThat(ready.status()).as(ready.text()).isEqualTo(200);
            assertThat(ready.contentType()).isEqualTo("application/json");
            assertThat(ready.header("Cache-Control")).contains("no-store");
            assertThat(ready.header("Retry-After")).isEmpty();
            assertThat(ready.json().get("status").asText()).isEqualTo("UP");
            List<String> checks = new ArrayList<>();
            ready.json().get("checks").fieldNames().forEachRemaining(checks::add);
            assertThat(checks).containsExactly("database", "migrations", "abuseModel");
            assertThat(ready.json().get("checks").get("database")).hasToString("{\"status\":\"UP\"}");
            assertThat(ready.json().get("checks").get("migrations")).hasToString("{\"status\":\"UP\"}");
            assertThat(ready.json().get("checks").get("abuseModel"))
                    .hasToString("{\"status\":\"UP\",\"scoring\":\"fast model and sentence encoder\"}");
        }
    }

    /** A node without the sentence encoder still screens comments, with the fast model, and says so. */
    @Test
    void readinessSaysWhenTheFastModelScoresAlone() {
        try (RunningParley parley = RunningParley.start(dir, java.time.Clock.systemUTC(), false,
                java.util.Map.of(ConfigKey.ABUSE_ENCODER, "off"))) {
            var ready = parley.http().get("/health/ready");
            assertThat(ready.status()).as(ready.text()).isEqualTo(200);
            assertThat(ready.json().at("/checks/abuseModel/status").asText()).isEqualTo("UP");
            assertThat(ready.json().at("/checks/abuseModel/scoring").asText()).isEqualTo("fast model alone");
            assertThat(ready.json().at("/checks/abuseModel/detail").asText())
                    .isEqualTo("the sentence encoder is not used: the sentence encoder is turned off (abuse.encoder=off)");
        }
    }

    @Test
    void headOfReadyGivesTheStatusAndHeadersOfGetWithoutABody() {
        try (RunningParley parley = RunningParley.start(dir); RawConnection connection = RawConnection.open(parley.port())) {
            RawConnection.Response get = connection.send("GET /health/ready HTTP/1.1\r\nHost: test\r\n\r\n").read();
            RawConnection.Response head = connection.send("HEAD /health/ready HTTP/1.1\r\nHost: test\r\n\r\n").readHeadAnswer();

            assertThat(head.status()).isEqualTo(get.status()).isEqualTo(200);
            for (String header : new String[] {"Content-Type", "Content-Length", "Cache-Control"}) {
                assertThat(head.header(header)).as(header).isPresent().isEqualTo(get.header(header));
            }
            RawConnection.Response next = connection.send("GET /health/live HTTP/1.1\r\nHost: test\r\n\r\n").read();
            assertThat(next.text()).as("the next answer starts where the HEAD answer ended").isEqualTo("{\"status\":\"UP\"}");
        }
    }

    /**
     * Parley connects to PostgreSQL as a role of its own; the role then loses the right to log in and its
     * sessions are ended, so the database stops answering Parley (and only Parley) while the process goes on.
     */
    @Test
    void whenTheDatabaseStopsAnsweringReadyIs503NamingItWhileLiveStays200() {
        StoreConfig pg = TestDatabases.postgres(dir);
        String role = "parley_health_" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
        TestDatabases.administer("CREATE ROLE " + role + " LOGIN", "GRANT USAGE, CREATE ON SCHEMA " + TestDatabases.schema(pg) + " TO " + role);
        try (RunningParley parley = RunningParley.start(dir, Clock.systemUTC(), false,
                Map.of(ConfigKey.DB_URL, pg.url(), ConfigKey.DB_USER, role))) {
            assertThat(parley.http().get("/health/ready").status()).isEqualTo(200);

            TestDatabases.administer("ALTER ROLE " + role + " NOLOGIN",
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + role + "'");
            Http.Reply down = awaitReady(parley, reply -> reply.status() == 503, "503 once the database stops answering");

            assertThat(down.contentType()).isEqualTo("application/json");
            assertThat(down.header("Cache-Control")).contains("no-store");
            assertThat(down.header("Retry-After")).hasValueSatisfying(seconds -> assertThat(Integer.parseInt(seconds)).isPositive());
            JsonNode body = down.json();
            assertThat(body.get("status").asText()).isEqualTo("DOWN");
            assertThat(body.at("/checks/database/status").asText()).isEqualTo("DOWN");
            assertThat(body.at("/checks/database/detail").asText()).isNotBlank();
            assertThat(body.at("/checks/migrations/status").asText()).isEqualTo("DOWN");
            assertThat(body.at("/checks/abuseModel/status").asText()).isEqualTo("UP");
            assertThat(down.text()).as("the endpoint is public: no stack trace, host, role or schema")
                    .doesNotContain("Exception", "\tat ", "127.0.0.1", "5432", role, TestDatabases.schema(pg));

            Http.Reply live = parley.http().get("/health/live");
            assertThat(live.status()).isEqualTo(200);
            assertThat(live.text()).isEqualTo("{\"status\":\"UP\"}");
            try (RawConnection connection = RawConnection.open(parley.port())) {
                RawConnection.Response head = connection.send("HEAD /health/ready HTTP/1.0\r\n\r\n").readHeadAnswer();
                assertThat(head.status()).isEqualTo(503);
                assertThat(head.header("Retry-After")).isPresent();
            }

            TestDatabases.administer("ALTER ROLE " + role + " LOGIN");
            awaitReady(parley, reply -> reply.status() == 200, "200 again once the database lets Parley in");
        } finally {
            TestDatabases.dropPostgres(pg);
            TestDatabases.administer("DROP ROLE " + role);
        }
    }

    /** Asks {@code /health/ready} until {@code wanted} holds; fails naming what it waited for and the last answer. */
    private static Http.Reply awaitReady(RunningParley parley, Predicate<Http.Reply> wanted, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Http.Reply last = parley.http().get("/health/ready");
        while (!wanted.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 60 s for " + what + "; last answer: " + last.status() + " " + last.text());
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos()); // between attempts of a deadline-bound poll
            last = parley.http().get("/health/ready");
        }
        return last;
    }
}
