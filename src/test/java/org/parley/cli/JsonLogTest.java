package org.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.ChildProcess;
import org.parley.testing.Http;

/**
 * {@code parley serve} with {@code logging.format=json}, as its own process with the production logging
 * configuration ({@link LogConfigurator}): everything it prints is JSON lines, each request's line carries the id its response
 * was given, and no client address or e-mail address reaches the log.
 */
class JsonLogTest {

    private static final String CLIENT = "203.0.113.9";
    private static final String EMAIL = "reader@mail.example";

    @TempDir
    Path dir;
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void everyLineIsJsonAndEachRequestsLineCarriesTheIdItsResponseWasGiven() throws IOException {
        int port = ChildProcess.freeLoopbackPort();
        Http http = new Http("http://127.0.0.1:" + port);
        List<Http.Reply> replies = new ArrayList<>();
        Http.Reply home;
        Http.Reply fromProxy;
        Http.Reply forged;
        Http.Reply overlong;
        List<String> lines;
        try (ChildProcess parley = ChildProcess.start(serve(port))) {
            parley.awaitLine("Parley is running at", Duration.ofSeconds(60));
            home = http.get("/");
            fromProxy = http.get("/api/v1/sites/nosuch/thread?page=" + EMAIL.replace("@", "%40"),
                    "X-Request-Id", "edge-42.a:b", "X-Forwarded-For", CLIENT);
            forged = http.get("/%22quoted%22%0A09:00:00%20access%20GET%20/admin", "X-Request-Id", "has space \"and quotes\"");
            overlong = http.get("/", "X-Request-Id", "a".repeat(65));
            replies.addAll(List.of(home, fromProxy, forged, overlong,
                    http.post("/api/v1/sites/nosuch/guests", "{\"name\": \"" + EMAIL + "\"}", "X-Forwarded-For", CLIENT)));
            // The last request's line may be written just after its answer: the server logs until it has stopped.
            assertThat(parley.stop(Duration.ofSeconds(30))).isEqualTo(143);
            lines = parley.lines();
        }

        List<JsonNode> logged = new ArrayList<>();
        for (String line : lines) {
            JsonNode fields = json.readTree(line);
            assertThat(fields.isObject()).as("a JSON object: %s", line).isTrue();
            for (String name : List.of("time", "level", "logger", "message")) {
                assertThat(fields.path(name).isTextual()).as("%s in %s", name, line).isTrue();
            }
            assertThat(fields.get("time").asText()).endsWith("Z");
            Instant.parse(fields.get("time").asText());
            logged.add(fields);
        }
        assertThat(logged).anySatisfy(fields -> assertThat(fields.get("message").asText())
                .isEqualTo("Parley is running at http://localhost:" + port + "/ (store: sqlite)"));

        assertThat(home.status()).isEqualTo(200);
        assertThat(fromProxy.header("X-Request-Id")).as("a proxy's plain id is kept").contains("edge-42.a:b");
        assertThat(forged.header("X-Request-Id").orElseThrow()).as("an id with spaces and quotes is replaced").matches("[0-9a-f]{16}");
        assertThat(overlong.header("X-Request-Id").orElseThrow()).as("an id over 64 characters is replaced").matches("[0-9a-f]{16}");
        assertThat(replies.stream().map(reply -> reply.header("X-Request-Id").orElseThrow()).distinct()).hasSize(replies.size());
        for (Http.Reply reply : replies) {
            String id = reply.header("X-Request-Id").orElseThrow();
            List<JsonNode> access = logged.stream().filter(fields -> fields.path("logger").asText().equals("parley.access"))
                    .filter(fields -> fields.path("requestId").asText().equals(id)).toList();
            assertThat(access).as("one access line for request %s in\n%s", id, String.join("\n", lines)).hasSize(1);
            JsonNode line = access.getFirst();
            assertThat(line.get("status").asInt()).isEqualTo(reply.status());
            assertThat(line.get("durationMs").isIntegralNumber()).isTrue();
            assertThat(line.get("method").asText()).isIn("GET", "POST");
        }
        assertThat(accessLine(logged, home).get("route").asText()).isEqualTo("/");
        assertThat(accessLine(logged, fromProxy).get("route").asText()).isEqualTo("/api/v1/sites/{site}/thread");
        assertThat(accessLine(logged, forged).get("route").asText()).as("no route matched: the path as sent")
                .isEqualTo("/%22quoted%22%0A09:00:00%20access%20GET%20/admin");

        String output = String.join("\n", lines);
        assertThat(output).doesNotContain(CLIENT, "127.0.0.1", EMAIL, "mail.example");
    }

    @Test
    void aServerThatCannotStartSaysWhyInJson() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
             ChildProcess parley = ChildProcess.start(serve(taken.getLocalPort()))) {
            assertThat(parley.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
            List<JsonNode> logged = new ArrayList<>();
            for (String line : parley.lines()) {
                logged.add(json.readTree(line));
            }
            assertThat(logged).anySatisfy(fields -> {
                assertThat(fields.get("level").asText()).isEqualTo("ERROR");
                assertThat(fields.get("message").asText()).startsWith("cannot listen on 127.0.0.1:" + taken.getLocalPort());
            });
        }
    }

    private static JsonNode accessLine(List<JsonNode> logged, Http.Reply reply) {
        String id = reply.header("X-Request-Id").orElseThrow();
        return logged.stream().filter(fields -> fields.path("requestId").asText().equals(id)
                && fields.path("logger").asText().equals("parley.access")).findFirst().orElseThrow();
    }

    /** The real {@code main}, configured only by the environment, as a service manager would start it. */
    private ProcessBuilder serve(int port) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The shipped configuration: without the test classes, so without the quieter logback-test.xml among them.
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes")).collect(Collectors.joining(File.pathSeparator));
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "--enable-native-access=ALL-UNNAMED", "-Djava.awt.headless=true",
                "-Dfile.encoding=" + StandardCharsets.UTF_8.name(), "-cp", classPath, Main.class.getName(), "serve", "--port", String.valueOf(port),
                "--data", dir.resolve("data").toString()).directory(dir.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("PARLEY_"));
        builder.environment().put("PARLEY_LOGGING_FORMAT", "json");
        builder.environment().put("PARLEY_HOST", "127.0.0.1");
        return builder;
    }
}
