package org.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.http.ProblemType;
import org.parley.testing.Http;
import org.parley.testing.RunningParley;

/**
 * Keeps {@code web/openapi.json} true to the code: the routes in the source are the documented paths,
 * every documented operation is answered by a real server, and every problem type is listed.
 * Sources are read from {@code src/main/java}, relative to the project root where Maven runs tests.
 */
class OpenApiTest {

    private static final String API = "/api/v1";
    /** What the document describes: the API, and the health checks and metrics beside it. */
    private static final List<String> DOCUMENTED = List.of(API + "/", "/health/", "/metrics");
    private static final Path SOURCES = Path.of("src/main/java");
    private static final Path DOCUMENT = Path.of("src/main/resources/web/openapi.json");

    /**
     * Where {@link Parley} mounts each HTTP service. A new service fails the test until it is added here,
     * so its routes cannot escape the comparison.
     */
    private static final Map<String, String> MOUNTS = Map.ofEntries(
            Map.entry("org.parley.comments.CommentRoutes", API),
            Map.entry("org.parley.identity.IdentityRoutes", API),
            Map.entry("org.parley.moderation.ModerationRoutes", API),
            Map.entry("org.parley.staff.StaffRoutes", ""),
            Map.entry("org.parley.desk.DashboardRoutes", ""),
            Map.entry("org.parley.web.StaticAssets", ""),
            Map.entry("org.parley.web.HealthRoutes", ""),
            Map.entry("org.parley.web.MetricsRoutes", ""),
            Map.entry("org.parley.demo.DemoRoutes", ""),
            Map.entry("org.parley.media.MediaRoutes", ""),
            Map.entry("org.parley.logins.LoginRoutes", API),
            Map.entry("org.parley.logins.PasskeyRoutes", API),
            Map.entry("org.parley.privacy.PrivacyRoutes", API),
            Map.entry("org.parley.privacy.PrivacyAdminRoutes", ""),
            Map.entry("org.parley.mail.MailRoutes", API),
            Map.entry("org.parley.notify.NotifyRoutes", API),
            Map.entry("org.parley.webhooks.WebhookRoutes", API));

    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final Pattern HTTP_SERVICE = Pattern.compile("\\bclass\\s+(\\w+)\\s+implements\\s+[^{]*\\bHttpService\\b");
    private static final Pattern PROBLEM_ENUM = Pattern.compile("\\benum\\s+(\\w+)\\s+implements\\s+[^{]*\\bProblemType\\b");
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern ROUTE = Pattern.compile(
            "\\.(get|post|put|patch|delete|head|options|trace)\\(\\s*(\"(?:[^\"\\\\]|\\\\.)*\")?");
    private static final Pattern OTHER_RULE = Pattern.compile("\\.(any|route|register)\\(");
    private static final Pattern TEMPLATE = Pattern.compile("\\{([^}:]+)(?::[^}]*)?}");
    private static final Pattern PROBLEM_URI = Pattern.compile("\"urn:parley:problem:([a-z0-9-]+)\"");

    private static final String PROBLEM_PREFIX = "urn:parley:problem:";
    private static final String SITE = "t";
    /** Well-formed ({@code c_} + 17 base32 characters) but never issued. */
    private static final String UNKNOWN_COMMENT = "c_000000000aaaaaaaa";

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;

    private static RunningParley parley;

    /** A route as (METHOD, path), e.g. {@code GET /api/v1/sites/{site}/thread}. */
    private record Route(String method, String path) implements Comparable<Route> {
        private static final Comparator<Route> ORDER = Comparator.comparing(Route::path).thenComparing(Route::method);

        @Override
        public int compareTo(Route other) {
            return ORDER.compare(this, other);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    @BeforeAll
    static void startServer() {
        parley = RunningParley.start(dataDir);
        parley.site(SITE);
    }

    @AfterAll
    static void stopServer() {
        if (parley != null) {
            parley.close();
        }
    }

    // --- a. the code's routes and the document's paths are the same set

    @Test
    void everyRouteInTheCodeIsDocumented() {
        Set<Route> missing = new TreeSet<>(routesInCode());
        missing.removeAll(routesIn(documentSource()));

        assertThat(missing).as("routes registered in the code but missing from %s", DOCUMENT).isEmpty();
    }

    @Test
    void everyDocumentedRouteIsRegisteredInTheCode() {
        Set<Route> extra = new TreeSet<>(routesIn(documentSource()));
        extra.removeAll(routesInCode());

        assertThat(extra).as("operations in %s that no routing(HttpRules) method registers", DOCUMENT).isEmpty();
    }

    @Test
    void theRouteScanFindsTheKnownRoutes() {
        assertThat(routesInCode()).contains(
                new Route("GET", API + "/sites/{site}/thread"),
                new Route("POST", API + "/sites/{site}/guests"),
                new Route("GET", API + "/openapi.json"),
                new Route("GET", "/health/ready"));
    }

    // --- b. every documented operation is answered by a running server

    @Test
    void unknownEndpointsAreAnsweredWithNoSuchRoute() {
        Http.Reply reply = parley.http().get(API + "/sites/" + SITE + "/no-such-endpoint");

        assertThat(problemType(reply)).isEqualTo(PROBLEM_PREFIX + "no-such-route");
    }

    @Test
    void everyDocumentedOperationExistsOnARunningServer() {
        JsonNode document = servedDocument();
        SoftAssertions softly = new SoftAssertions();
        int checked = 0;
        for (var path : document.get("paths").properties()) {
            JsonNode pathItem = path.getValue();
            for (var operation : pathItem.properties()) {
                if (!HTTP_METHODS.contains(operation.getKey())) {
                    continue;
                }
                String method = operation.getKey().toUpperCase(Locale.ROOT);
                String target = fill(path.getKey()) + query(document, pathItem, operation.getValue());
                boolean hasBody = operation.getValue().has("requestBody");
                if (isEventStream(operation.getValue())) {
                    checkEventStream(softly, method, target);
                } else {
                    Http.Reply reply = hasBody
                            ? parley.http().send(method, target, "{}".getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json")
                            : parley.http().send(method, target, null);
                    String what = method + " " + target + " answered " + reply.status() + " " + reply.text();
                    softly.assertThat(problemType(reply)).as(what)
                            .isNotEqualTo(PROBLEM_PREFIX + "no-such-route")
                            .isNotEqualTo(PROBLEM_PREFIX + "method-not-allowed");
                    softly.assertThat(reply.status()).as(what).isLessThan(500);
                }
                checked++;
            }
        }
        softly.assertThat(checked).as("documented operations").isEqualTo(routesIn(document).size()).isPositive();
        softly.assertAll();
    }

    // --- c. the served document is OpenAPI 3.1 and lists every problem type

    @Test
    void theServedDocumentIsOpenApi31() {
        Http.Reply reply = parley.http().get(API + "/openapi.json");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("application/json");
        JsonNode document = parse(reply.text());
        assertThat(document.path("openapi").asText()).startsWith("3.1");
        assertThat(document.path("paths").isObject()).as("has paths").isTrue();
    }

    @Test
    void everyProblemTypeIsInTheServedDocument() {
        String text = parley.http().get(API + "/openapi.json").text();

        List<String> missing = problemTypes().stream().map(ProblemType::slug)
                .filter(slug -> !text.contains("\"" + slug + "\"") && !text.contains(PROBLEM_PREFIX + slug))
                .toList();

        assertThat(missing).as("problem slugs that the served document does not name").isEmpty();
    }

    @Test
    void theDocumentListsEachProblemSlugWithItsStatus() {
        Map<String, Integer> inCode = new TreeMap<>();
        problemTypes().forEach(type -> inCode.put(type.slug(), type.status()));
        builtInProblemSlugs().forEach(slug -> inCode.putIfAbsent(slug, 500));
        Map<String, Integer> listed = new TreeMap<>();
        for (JsonNode entry : servedDocument().at("/components/schemas/Problem/x-problem-types")) {
            listed.put(entry.path("slug").asText(), entry.path("status").asInt());
        }

        assertThat(listed).as("x-problem-types in the Problem schema").isEqualTo(inCode);
    }

    @Test
    void problemSlugsAreUniqueAcrossEnums() {
        List<String> slugs = problemTypes().stream().map(ProblemType::slug).toList();

        assertThat(slugs).doesNotHaveDuplicates().allMatch(slug -> slug.matches("[a-z0-9]+(-[a-z0-9]+)*"));
    }

    // --- reading the code

    /** (METHOD, path) of every route below /api/v1 or /health that a routing(HttpRules) method registers. */
    private static Set<Route> routesInCode() {
        Set<Route> routes = new TreeSet<>();
        Set<String> services = new TreeSet<>();
        for (Path file : javaSources()) {
            String source = read(file);
            Matcher service = HTTP_SERVICE.matcher(source);
            if (!service.find()) {
                continue;
            }
            String name = packageOf(source, file) + "." + service.group(1);
            services.add(name);
            assertThat(MOUNTS).as("%s is an HttpService; add the prefix Parley mounts it under to MOUNTS", name).containsKey(name);
            String body = routingBody(source, file);
            assertThat(OTHER_RULE.matcher(body).find())
                    .as("%s registers routes with any/route/register, which this test cannot read", file).isFalse();
            Matcher route = ROUTE.matcher(body);
            while (route.find()) {
                assertThat(route.group(2)).as("%s: %s( without a string-literal path", file, route.group(1)).isNotNull();
                String literal = route.group(2);
                String path = MOUNTS.get(name) + literal.substring(1, literal.length() - 1);
                if (documented(path)) {
                    routes.add(new Route(route.group(1).toUpperCase(Locale.ROOT), normalize(path)));
                }
            }
        }
        assertThat(services).as("HTTP services found in %s", SOURCES).containsAll(MOUNTS.keySet());
        return routes;
    }

    /** The body of {@code routing(...)} with comments blanked out, so commented-out routes do not count. */
    private static String routingBody(String source, Path file) {
        int at = source.indexOf("void routing(");
        assertThat(at).as("%s has a routing method", file).isNotNegative();
        int open = source.indexOf('{', at);
        StringBuilder body = new StringBuilder();
        int depth = 0;
        for (int i = open; i < source.length(); i++) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                int end = source.indexOf('\n', i);
                i = end < 0 ? source.length() : end;
                body.append('\n');
            } else if (source.startsWith("/*", i)) {
                i = source.indexOf("*/", i + 2) + 1;
                body.append(' ');
            } else if (c == '"' || c == '\'') {
                int end = endOfLiteral(source, i);
                body.append(source, i, end + 1);
                i = end;
            } else {
                if (c == '{') {
                    depth++;
                } else if (c == '}' && --depth == 0) {
                    return body.substring(1);
                }
                body.append(c);
            }
        }
        throw new AssertionError("unbalanced braces in the routing method of " + file);
    }

    private static int endOfLiteral(String source, int start) {
        if (source.startsWith("\"\"\"", start)) {
            return source.indexOf("\"\"\"", start + 3) + 2;
        }
        char quote = source.charAt(start);
        for (int i = start + 1; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == quote) {
                return i;
            }
        }
        throw new AssertionError("unterminated literal at " + start);
    }

    /** Every enum constant of every enum in the sources that implements ProblemType. */
    private static List<ProblemType> problemTypes() {
        List<ProblemType> types = new ArrayList<>();
        Set<String> enums = new TreeSet<>();
        for (Path file : javaSources()) {
            String source = read(file);
            Matcher found = PROBLEM_ENUM.matcher(source);
            while (found.find()) {
                String name = packageOf(source, file) + "." + found.group(1);
                enums.add(name);
                Class<?> type = load(name);
                assertThat(type.isEnum() && ProblemType.class.isAssignableFrom(type)).as(name).isTrue();
                for (Object constant : type.getEnumConstants()) {
                    types.add((ProblemType) constant);
                }
            }
        }
        assertThat(enums).contains("org.parley.http.RequestProblem", "org.parley.comments.CommentProblem",
                "org.parley.sites.SiteProblem", "org.parley.identity.IdentityProblem");
        return types;
    }

    /** Problem slugs the web layer writes without an enum, such as {@code internal-error}. */
    private static Set<String> builtInProblemSlugs() {
        Set<String> slugs = new TreeSet<>();
        Matcher uri = PROBLEM_URI.matcher(read(SOURCES.resolve("org/parley/web/Problems.java")));
        while (uri.find()) {
            slugs.add(uri.group(1));
        }
        return slugs;
    }

    private static List<Path> javaSources() {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(file -> file.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + SOURCES.toAbsolutePath(), e);
        }
    }

    private static String packageOf(String source, Path file) {
        Matcher pkg = PACKAGE.matcher(source);
        assertThat(pkg.find()).as("%s declares a package", file).isTrue();
        return pkg.group(1);
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(name + " is in the sources but not on the test classpath", e);
        }
    }

    // --- reading the document

    private static JsonNode documentSource() {
        return parse(read(DOCUMENT));
    }

    private static JsonNode servedDocument() {
        Http.Reply reply = parley.http().get(API + "/openapi.json");
        assertThat(reply.status()).as("GET /api/v1/openapi.json").isEqualTo(200);
        return parse(reply.text());
    }

    /** Every (METHOD, path) in the document; all of its paths must be below /api/v1 or /health. */
    private static Set<Route> routesIn(JsonNode document) {
        Set<Route> routes = new TreeSet<>();
        for (var path : document.path("paths").properties()) {
            assertThat(documented(path.getKey())).as("documented path %s is below one of %s", path.getKey(), DOCUMENTED).isTrue();
            for (var field : path.getValue().properties()) {
                if (HTTP_METHODS.contains(field.getKey())) {
                    routes.add(new Route(field.getKey().toUpperCase(Locale.ROOT), normalize(path.getKey())));
                }
            }
        }
        return routes;
    }

    private static boolean documented(String path) {
        return DOCUMENTED.stream().anyMatch(path::startsWith);
    }

    /** Helidon's {@code {name:regex}} and OpenAPI's {@code {name}} compare equal. */
    private static String normalize(String path) {
        return TEMPLATE.matcher(path).replaceAll("{$1}");
    }

    /** The path with its placeholders filled: a real site and unknown but well-formed comment, guest and provider ids. */
    private static String fill(String template) {
        Map<String, String> values = Map.of("site", SITE, "id", UNKNOWN_COMMENT, "guest", "g_000000000aaaaaaaa", "provider", "no-such-provider",
                "reader", "g_000000000aaaaaaaa");
        Matcher placeholder = TEMPLATE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (placeholder.find()) {
            String value = values.get(placeholder.group(1));
            assertThat(value).as("a sample value for {%s} in %s", placeholder.group(1), template).isNotNull();
            placeholder.appendReplacement(out, value);
        }
        placeholder.appendTail(out);
        return out.toString();
    }

    /** A query string giving each required query parameter a plausible value, so the handler itself runs. */
    private static String query(JsonNode document, JsonNode pathItem, JsonNode operation) {
        Map<String, String> values = new HashMap<>();
        List<JsonNode> parameters = new ArrayList<>();
        pathItem.path("parameters").forEach(parameters::add);
        operation.path("parameters").forEach(parameters::add);
        for (JsonNode parameter : parameters) {
            JsonNode p = resolve(document, parameter);
            if (p.path("in").asText().equals("query") && p.path("required").asBoolean()) {
                String type = resolve(document, p.path("schema")).path("type").asText();
                values.put(p.path("name").asText(), type.equals("integer") ? "1" : "a");
            }
        }
        StringBuilder out = new StringBuilder();
        new TreeMap<>(values).forEach((name, value) -> out.append(out.isEmpty() ? '?' : '&')
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=').append(value));
        return out.toString();
    }

    private static JsonNode resolve(JsonNode document, JsonNode node) {
        JsonNode ref = node.get("$ref");
        return ref == null ? node : resolve(document, document.at(ref.asText().substring(1)));
    }

    private static boolean isEventStream(JsonNode operation) {
        for (JsonNode response : operation.path("responses")) {
            if (response.path("content").has("text/event-stream")) {
                return true;
            }
        }
        return false;
    }

    /** Opens the stream, checks the status line and headers, and hangs up without reading events. */
    private static void checkEventStream(SoftAssertions softly, String method, String target) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(parley.http().base() + target))
                .timeout(Duration.ofSeconds(10))
                .header("Accept", "text/event-stream")
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        try {
            HttpResponse<InputStream> response = parley.http().client()
                    .sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                    .get(10, TimeUnit.SECONDS);
            try (InputStream ignored = response.body()) {
                String what = method + " " + target + " answered " + response.statusCode() + " " + response.headers().map();
                softly.assertThat(response.statusCode()).as(what).isEqualTo(200);
                softly.assertThat(response.headers().firstValue("Content-Type").orElse("")).as(what).startsWith("text/event-stream");
            }
        } catch (Exception e) {
            softly.fail(method + " " + target + " did not start an event stream within 10 s", e);
        }
    }

    private static String problemType(Http.Reply reply) {
        return reply.contentType().startsWith("application/problem+json") ? reply.json().path("type").asText() : "";
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("the API description is not JSON: " + e.getMessage(), e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file.toAbsolutePath(), e);
        }
    }
}
