package org.parley.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.parley.sites.NewSite;
import org.parley.sites.SiteId;
import org.parley.web.ConfigKey;
import org.parley.web.Parley;
import org.parley.web.ParleyConfig;

/**
 * {@code parley aot-cache}: the training run the launcher records to build the JDK's AOT cache (JDK 25 or
 * newer, {@code -XX:AOTCacheOutput}). It does what a server does at start and on its common requests, on a
 * temporary SQLite database and a loopback port of its own, then stops: the classes it loads, linked, and the
 * profiles of the methods it runs, are what the cache keeps, so a real server's start skips that work.
 *
 * <p>It reads no configuration and no {@code PARLEY_*} variable: a training run must never touch the
 * newsroom's database. The requests go over a plain socket, so no HTTP client's classes end up in the cache.
 */
final class StartupTraining {

    /** Rounds of requests: enough for the profiles of the read path to mean something, in a few seconds. */
    static final int ROUNDS = 40;
    private static final String SITE = "training";
    private static final Pattern TOKEN = Pattern.compile("\"token\":\"([^\"]+)\"");
    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");

    private final PrintStream out;

    StartupTraining(PrintStream out) {
        this.out = out;
    }

    void run() {
        if (!recording()) {
            out.println("parley: this run records nothing; 'bin/parley aot-cache' (JDK 25 or newer) runs it to build the cache");
        }
        Path dir;
        try {
            dir = Files.createTempDirectory("parley-aot-training");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the training run", e);
        }
        try {
            Map<ConfigKey, String> flags = new EnumMap<>(ConfigKey.class);
            flags.put(ConfigKey.DATA_DIR, dir.toString());
            flags.put(ConfigKey.SERVER_PORT, "0");
            flags.put(ConfigKey.SERVER_HOST, "127.0.0.1");
            ParleyConfig config = ParleyConfig.load(Map.of(), Optional.empty(), flags);
            try (Parley parley = Parley.start(config, Clock.systemUTC(), false)) {
                parley.sites().save(NewSite.withDefaults(new SiteId(SITE), "Training", List.of("http://localhost")));
                exercise(parley.port());
            }
            out.println("parley: training run done (" + ROUNDS + " rounds of reads and posts)");
        } finally {
            delete(dir);
        }
    }

    /** The widget's first load, a guest posting and replying, a vote, reads after the change, and the probes. */
    private void exercise(int port) {
        String api = "/api/v1/sites/" + SITE;
        Optional<String> previous = Optional.empty();
        for (int round = 0; round < ROUNDS; round++) {
            String page = "page-" + (round % 4);
            String token = match(TOKEN, call(port, "POST", api + "/guests", "", Optional.empty(), round));
            String body = "{\"page\":\"" + page + "\",\"parentId\":null,\"body\":\"A *training* comment, round " + round
                    + ", with a [link](https://example.org/" + round + ").\",\"name\":\"Trainer " + round + "\"}";
            String id = match(ID, call(port, "POST", api + "/comments", body, Optional.of(token), round));
            String reply = "{\"page\":\"" + page + "\",\"parentId\":\"" + id + "\",\"body\":\"A reply to round " + round
                    + ".\",\"name\":\"Trainer " + round + "\"}";
            call(port, "POST", api + "/comments", reply, Optional.of(token), round);
            if (previous.isPresent()) { // one's own comment takes no vote
                call(port, "PUT", api + "/comments/" + id + "/vote", "{\"value\":1}", previous, round);
            }
            previous = Optional.of(token);
            for (String sort : new String[] {"best", "newest"}) {
                call(port, "GET", api + "/thread?page=" + page + "&sort=" + sort + "&limit=20", "", Optional.empty(), round);
            }
            call(port, "GET", api + "/thread?page=" + page, "", Optional.of(token), round);
            call(port, "GET", api + "/counts?page=" + page, "", Optional.empty(), round);
        }
        for (String path : new String[] {"/widget/parley.js", "/widget/parley.css", "/health/ready", "/health/live"}) {
            call(port, "GET", path, "", Optional.empty(), 0);
        }
    }

    /** One request on its own connection; returns the body, failing on anything but a 2xx or 304. */
    private static String call(int port, String method, String path, String body, Optional<String> token, int reader) {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder request = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: localhost\r\n")
                .append("Connection: close\r\n");
        if (method.equals("GET")) {
            request.append("Accept-Encoding: gzip\r\n");
        }
        // Each reader comes through the trusted loopback proxy from an address of its own, as a crowd does:
        // one address posting for many would be refused as one commenter.
        request.append("X-Forwarded-For: 10.").append(reader % 250 + 1).append(".0.1\r\n");
        token.ifPresent(t -> request.append("Authorization: Bearer ").append(t).append("\r\n"));
        if (content.length > 0) {
            request.append("Content-Type: application/json\r\nContent-Length: ").append(content.length).append("\r\n");
        }
        request.append("\r\n");
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream to = socket.getOutputStream();
            to.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            to.write(content);
            to.flush();
            InputStream from = socket.getInputStream();
            String response = new String(from.readAllBytes(), StandardCharsets.ISO_8859_1);
            String status = response.length() > 12 ? response.substring(9, 12) : "";
            if (!status.startsWith("2") && !status.equals("304")) {
                throw new IllegalStateException("training run: " + method + " " + path + " answered "
                        + response.lines().findFirst().orElse("nothing"));
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException("training run: " + method + " " + path, e);
        }
    }

    private static String match(Pattern pattern, String response) {
        Matcher found = pattern.matcher(response);
        if (!found.find()) {
            throw new IllegalStateException("training run: no " + pattern + " in the answer " + response.lines().findFirst().orElse(""));
        }
        return found.group(1);
    }

    /** True when the JVM records for an AOT cache (the launcher passes the option); a plain run builds nothing. */
    private static boolean recording() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(arg -> arg.startsWith("-XX:AOTCacheOutput") || arg.startsWith("-XX:AOTMode=record"));
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A temporary directory left behind is no reason to fail the cache.
        }
    }
}
