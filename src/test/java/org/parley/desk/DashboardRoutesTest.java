package org.parley.desk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.comments.PageKey;
import org.parley.comments.PageMeta;
import org.parley.sites.SiteId;
import org.parley.staff.NewStaffUser;
import org.parley.staff.Role;
import org.parley.staff.Scope;
import org.parley.testing.Http;
import org.parley.testing.RunningParley;
import org.parley.testing.TestPictures;

/**
 * The moderators' dashboard over real HTTP, on the production routing with the demo newsroom: who may
 * see and do what (anonymous, admin, a site's moderator, a section's moderator in and out of scope,
 * another site's moderator), the CSRF and origin checks, form mistakes, the audit log and its exports,
 * and the rules form.
 */
class DashboardRoutesTest {

    static final String PASSWORD = "a long enough password";
    static final String FORM = "application/x-www-form-urlencoded";
    static final String WORLD_PAGE = "coalition-euphrates-losses";
    static final String SPORT_PAGE = "cup-final-report";
    static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    @TempDir
    static Path dir;
    static RunningParley parley;
    static Http http;

    /** A signed-in staff member: their session cookie and the CSRF token their pages carry. */
    record Staffer(String name, String cookie, String csrf) {
    }

    static Staffer admin;
    static Staffer demoMod;
    static Staffer worldMod;
    static Staffer sportMod;
    static Staffer heraldMod;
    /** Reported comments nobody acts on, so every test can look for them in the queues. */
    static String worldCase;
    static String sportCase;
    static String heraldCase;

    @BeforeAll
    static void start() {
        parley = RunningParley.start(dir, Clock.systemUTC(), true, Map.of());
        http = parley.http();
        parley.site("herald");
        parley.parley().comments().upsertPage(new SiteId("demo"), new PageKey(SPORT_PAGE), new PageMeta(Optional.of("Cup final"),
                Optional.empty(), Optional.empty(), Optional.of("sport"), Optional.empty(), Optional.of(true), java.util.Set.of()));
        admin = staffer("ed", Role.ADMIN, List.of());
        demoMod = staffer("dora", Role.MODERATOR, List.of("demo"));
        worldMod = staffer("wendy", Role.MODERATOR, List.of("demo:world"));
        sportMod = staffer("sam", Role.MODERATOR, List.of("demo:sport"));
        heraldMod = staffer("hank", Role.MODERATOR, List.of("herald"));
        worldCase = reported("demo", WORLD_PAGE, "World case: the figures are invented.");
        sportCase = reported("demo", SPORT_PAGE, "Sport case: the referee was bought.");
        heraldCase = reported("herald", "harbour-news", "Herald case: the mayor lies.");
    }

    @AfterAll
    static void stop() {
        parley.close();
    }

    // ---- helpers -----------------------------------------------------------------------------------

    static Staffer staffer(String name, Role role, List<String> scopes) {
        parley.parley().staff().createUser(new NewStaffUser(name, role, scopes.stream().map(Scope::parse).toList()), PASSWORD);
        Http.Reply login = http.send("POST", "/admin/login", form("username", name, "password", PASSWORD).getBytes(StandardCharsets.UTF_8),
                "Content-Type", FORM, "Origin", http.base());
        assertThat(login.status()).as("sign-in of %s", name).isEqualTo(303);
        String cookie = login.header("Set-Cookie").orElseThrow().split(";", 2)[0];
        Http.Reply home = http.get("/admin", "Cookie", cookie);
        Matcher csrf = CSRF.matcher(home.text());
        assertThat(csrf.find()).as("a CSRF field on the overview of %s", name).isTrue();
        return new Staffer(name, cookie, csrf.group(1));
    }

    static String form(String... pairs) {
        List<String> fields = new ArrayList<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            fields.add(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8) + "=" + URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return String.join("&", fields);
    }

    static Http.Reply get(Staffer who, String path) {
        return who == null ? http.get(path) : http.get(path, "Cookie", who.cookie());
    }

    /** A form post from the dashboard's own page, with the staffer's CSRF token first. */
    static Http.Reply post(Staffer who, String path, String... pairs) {
        List<String> all = new ArrayList<>(List.of("csrf", who == null ? "" : who.csrf()));
        all.addAll(List.of(pairs));
        return postRaw(who, path, form(all.toArray(String[]::new)), http.base());
    }

    static Http.Reply postRaw(Staffer who, String path, String body, String origin) {
        List<String> headers = new ArrayList<>(List.of("Content-Type", FORM, "Origin", origin));
        if (who != null) {
            headers.addAll(List.of("Cookie", who.cookie()));
        }
        return http.send("POST", path, body.getBytes(StandardCharsets.UTF_8), headers.toArray(String[]::new));
    }

    /** A guest's bearer token and the id of the comment they posted. */
    record Posted(String token, String id) {
    }

    static Posted comment(String site, String page, String body) {
        String token = parley.guestToken(site);
        Http.Reply reply = http.post("/api/v1/sites/" + site + "/comments",
                "{\"page\":\"" + page + "\",\"body\":\"" + body + "\",\"name\":\"Commenter\"}", "Authorization", "Bearer " + token);
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        return new Posted(token, reply.json().get("id").asText());
    }

    /** A fresh comment in the world section showing one image: its id and the image's id. */
    static String[] freshWithImage() {
        String token = parley.guestToken("demo");
        Http.Reply upload = http.send("POST", "/api/v1/sites/demo/images", TestPictures.png(60, 40, (int) (System.nanoTime() % 1000)),
                "Authorization", "Bearer " + token);
        assertThat(upload.status()).as(upload.text()).isEqualTo(201);
        String image = upload.json().get("id").asText();
        Http.Reply reply = http.post("/api/v1/sites/demo/comments", "{\"page\":\"" + WORLD_PAGE + "\",\"body\":\"Look\",\"images\":[{\"id\":\""
                + image + "\",\"alt\":\"A street\"}]}", "Authorization", "Bearer " + token);
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        return new String[] {reply.json().get("id").asText(), image};
    }

    @Test
    void aModeratorSeesAHeldCommentsImagesAndRemovesOneWithAReason() {
        String[] pictured = freshWithImage();
        String id = pictured[0];
        assertThat(get(demoMod, "/admin/queue?kind=pending").text()).as("thumbnails in the queue")
                .contains("src=\"/media/" + pictured[1] + "/thumb\"", "alt=\"A street\"");
        String casePage = get(demoMod, "/admin/comments/" + id).text();
        assertThat(casePage).contains("action=\"/admin/comments/" + id + "/remove-image\"", "Held because it shows an image");

        Http.Reply noReason = post(demoMod, "/admin/comments/" + id + "/remove-image", "image", pictured[1], "reason", " ");
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.text()).contains("Say why the image goes");
        assertThat(problem(post(demoMod, "/admin/comments/" + id + "/remove-image", "image", "../x", "reason", "r"))).isEqualTo("invalid-field");

        Http.Reply removed = post(demoMod, "/admin/comments/" + id + "/remove-image", "image", pictured[1], "reason", "Shows a face");
        assertThat(removed.status()).isEqualTo(303);
        assertThat(get(demoMod, removed.header("Location").orElseThrow()).text()).contains("Removed the image.")
                .doesNotContain("/media/" + pictured[1]);
        assertThat(http.get("/media/" + pictured[1] + "/display").status()).as("gone from storage").isEqualTo(404);
        assertThat(auditJson(demoMod, "?action=remove-image")).anySatisfy(entry -> assertThat(entry.get("targetId").asText()).isEqualTo(id));
        assertThat(problem(post(demoMod, "/admin/comments/" + id + "/remove-image", "image", pictured[1], "reason", "Again")))
                .isEqualTo("unknown-comment-image");
    }

    static String fresh() {
        return comment("demo", WORLD_PAGE, "A fresh comment " + System.nanoTime()).id();
    }

    static void report(String site, String id, String reason, String note) {
        Http.Reply reply = http.post("/api/v1/sites/" + site + "/comments/" + id + "/reports",
                "{\"reason\":\"" + reason + "\",\"note\":\"" + note + "\"}", "Authorization", "Bearer " + parley.guestToken(site));
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
    }

    static String reported(String site, String page, String body) {
        String id = comment(site, page, body).id();
        report(site, id, "abuse", "Reported by a reader");
        return id;
    }

    static String problem(Http.Reply reply) {
        assertThat(reply.contentType()).as(reply.text()).isEqualTo("application/problem+json");
        return reply.json().get("type").asText().replace("urn:parley:problem:", "");
    }

    static String sanctionOf(String commentId) {
        Matcher lift = Pattern.compile("/admin/sanctions/([^/\"]+)/lift").matcher(get(admin, "/admin/comments/" + commentId).text());
        assertThat(lift.find()).as("a lift form on the case of %s", commentId).isTrue();
        return lift.group(1);
    }

    /** The commenter behind a comment, as its case page names them. */
    static String authorOf(String commentId) {
        Matcher author = Pattern.compile("Commenter <code>([^<]+)</code>").matcher(get(admin, "/admin/comments/" + commentId).text());
        assertThat(author.find()).as("the author on the case of %s", commentId).isTrue();
        return author.group(1);
    }

    static List<JsonNode> auditJson(Staffer who, String query) {
        Http.Reply reply = get(who, "/admin/audit.json" + query);
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        return StreamSupport.stream(reply.json().spliterator(), false).toList();
    }

    /** What every POST endpoint answers {@code who}, each on a fresh case of the demo's world section. */
    static Map<String, Integer> postAnswers(Staffer who) {
        Map<String, Integer> answers = new java.util.TreeMap<>();
        for (String action : List.of("approve", "reject", "feature", "unfeature", "warn", "suspend", "ban")) {
            answers.put(action, post(who, "/admin/comments/" + fresh() + "/" + action, "reason", "Breaks the rules",
                    "message", "Mind the rules", "duration", "1d").status());
        }
        String[] pictured = freshWithImage();
        answers.put("remove-image", post(who, "/admin/comments/" + pictured[0] + "/remove-image", "image", pictured[1],
                "reason", "Shows a private address").status());
        answers.put("bulk", post(who, "/admin/queue/bulk", "queue", "reported", "ids", fresh(), "ids", fresh(),
                "action", "reject", "reason", "Off topic").status());
        String suspended = fresh();
        assertThat(post(admin, "/admin/comments/" + suspended + "/suspend", "duration", "1h", "message", "Cool off").status()).isEqualTo(303);
        answers.put("lift", post(who, "/admin/sanctions/" + sanctionOf(suspended) + "/lift", "comment", suspended, "note", "Appeal").status());
        answers.put("rules", post(who, "/admin/sites/demo/rules", rulesForm("off", "3", "Routine check")).status());
        answers.put("words", post(who, "/admin/sites/demo/words", "add", "zzqx" + answers.size(), "kind", "suspect",
                "reason", "Routine check").status());
        return answers;
    }

    static String[] rulesForm(String premoderation, String trustedAfter, String reason) {
        return new String[] {"premoderation", premoderation, "trustedAfter", trustedAfter, "abuseFlag", "0.5", "abuseHold", "0.9",
                "blocksToFlag", "3", "blockWindowDays", "7", "commentsPerMinute", "1000", "commentsPerHour", "100000",
                "addressCommentsPerMinute", "10000", "flameWarMessages", "3", "flameWarMinutes", "60", "repeatsToFlag", "3",
                "repeatHours", "24", "linksToFlag", "3", "nudgeAt", "0.53", "imagesTrustedAfter", "1", "otherLanguages", "words",
                "reason", reason};
    }

    static Map<String, Integer> expect(int comments, int bulk, int lift, int rules, int ban) {
        Map<String, Integer> expected = new java.util.TreeMap<>();
        for (String action : List.of("approve", "reject", "feature", "unfeature", "warn", "suspend", "remove-image")) {
            expected.put(action, comments);
        }
        expected.put("ban", ban);
        expected.put("bulk", bulk);
        expected.put("lift", lift);
        expected.put("rules", rules);
        expected.put("words", rules);
        return expected;
    }

    static final List<String> PAGES = List.of("/admin", "/admin/queue?kind=reported", "/admin/queue?kind=reported&site=demo",
            "/admin/queue?kind=pending", "/admin/queue?kind=flagged", "/admin/queue?kind=approved", "/admin/queue?kind=rejected",
            "/admin/comments/WORLD", "/admin/audit", "/admin/audit.csv", "/admin/audit.json", "/admin/sites/demo/rules",
            "/admin/sites/demo/words");

    static Map<String, Integer> getAnswers(Staffer who) {
        Map<String, Integer> answers = new java.util.TreeMap<>();
        for (String page : PAGES) {
            answers.put(page, get(who, page.replace("WORLD", worldCase)).status());
        }
        return answers;
    }

    static Map<String, Integer> allPages(int status) {
        return PAGES.stream().collect(Collectors.toMap(p -> p, p -> status, (a, b) -> a, java.util.TreeMap::new));
    }

    // ---- who may see and do what ---------------------------------------------------------------------

    @Test
    void withoutASessionEveryPageSendsToSignInAndReturnsAndEveryFormIsRefused() {
        for (String page : PAGES) {
            String path = page.replace("WORLD", worldCase);
            Http.Reply reply = get(null, path);
            assertThat(reply.status()).as(path).isEqualTo(303);
            assertThat(reply.header("Location")).as(path).contains(parley.parley().staff().loginLocation(path));
        }
        assertThat(get(null, "/admin/queue?kind=flagged&site=demo").header("Location"))
                .contains("/admin/login?next=%2Fadmin%2Fqueue%3Fkind%3Dflagged%26site%3Ddemo");

        assertThat(postAnswers(null)).as("every form without a session").containsOnlyKeys(expect(401, 401, 401, 401, 401).keySet())
                .allSatisfy((endpoint, status) -> assertThat(status).as(endpoint).isEqualTo(401));
        assertThat(problem(post(null, "/admin/comments/" + worldCase + "/reject", "reason", "x"))).isEqualTo("staff-login-required");
    }

    @Test
    void anAdminSeesEverySiteQueueAndCaseAndMayDoEverything() {
        assertThat(getAnswers(admin)).isEqualTo(allPages(200));
        assertThat(get(admin, "/admin").text()).contains("(demo)", "(herald)", "All sections");
        assertThat(get(admin, "/admin/queue?kind=reported").text()).contains(worldCase, sportCase, heraldCase);
        assertThat(get(admin, "/admin/comments/" + worldCase).text()).contains("id=\"ban-form\"", "id=\"suspend-form\"");
        assertThat(get(admin, "/admin/sites/herald/rules").text()).contains("Save the rules");

        assertThat(postAnswers(admin)).isEqualTo(expect(303, 303, 303, 303, 303));
    }

    @Test
    void aSiteModeratorWorksEveryCaseOfTheirSiteAndNothingElse() {
        assertThat(getAnswers(demoMod)).isEqualTo(allPages(200));
        assertThat(get(demoMod, "/admin").text()).contains("(demo)", "All sections").doesNotContain("(herald)");
        assertThat(get(demoMod, "/admin/queue?kind=reported").text()).contains(worldCase, sportCase).doesNotContain(heraldCase);
        assertThat(get(demoMod, "/admin/comments/" + worldCase).text()).contains("id=\"ban-form\"");
        assertThat(problem(get(demoMod, "/admin/comments/" + heraldCase))).isEqualTo("out-of-scope");
        assertThat(problem(get(demoMod, "/admin/queue?kind=reported&site=herald"))).isEqualTo("out-of-scope");
        assertThat(problem(get(demoMod, "/admin/sites/herald/rules"))).isEqualTo("out-of-scope");

        assertThat(postAnswers(demoMod)).isEqualTo(expect(303, 303, 303, 303, 303));
    }

    @Test
    void aModeratorOfTheWorldSectionWorksItsCasesButNeitherBansNorLiftsNorChangesRules() {
        assertThat(getAnswers(worldMod)).isEqualTo(allPages(200));
        assertThat(get(worldMod, "/admin").text()).contains("(demo)", "Only section world");
        assertThat(get(worldMod, "/admin/queue?kind=reported&site=demo").text()).contains(worldCase).doesNotContain(sportCase, heraldCase);
        String page = get(worldMod, "/admin/comments/" + worldCase).text();
        assertThat(page).contains("id=\"suspend-form\"", "id=\"warn-form\"", "only its site-wide moderators and admins can ban")
                .doesNotContain("id=\"ban-form\"");
        assertThat(problem(get(worldMod, "/admin/comments/" + sportCase))).isEqualTo("out-of-scope");
        String rules = get(worldMod, "/admin/sites/demo/rules").text();
        assertThat(rules).contains("you can read its rules", "disabled").doesNotContain("Save the rules");

        assertThat(postAnswers(worldMod)).as("comments yes; lift, rules and bans need the whole site")
                .isEqualTo(expect(303, 303, 403, 403, 403));
        String suspended = fresh();
        post(admin, "/admin/comments/" + suspended + "/suspend", "duration", "7d", "message", "A week off");
        assertThat(get(worldMod, "/admin/comments/" + suspended).text()).as("no lift form offered").doesNotContain("/lift\"");
    }

    @Test
    void aModeratorOfTheSportSectionNeitherSeesNorTouchesWorldCases() {
        assertThat(get(sportMod, "/admin").text()).contains("(demo)", "Only section sport");
        assertThat(get(sportMod, "/admin/queue?kind=reported").text()).contains(sportCase).doesNotContain(worldCase, heraldCase);
        assertThat(get(sportMod, "/admin/queue?kind=reported&site=demo").status()).isEqualTo(200);
        assertThat(problem(get(sportMod, "/admin/comments/" + worldCase))).isEqualTo("out-of-scope");
        assertThat(get(sportMod, "/admin/comments/" + sportCase).status()).isEqualTo(200);
        assertThat(get(sportMod, "/admin/sites/demo/rules").text()).doesNotContain("Save the rules");

        assertThat(postAnswers(sportMod)).isEqualTo(expect(403, 403, 403, 403, 403));
        assertThat(problem(post(sportMod, "/admin/comments/" + fresh() + "/approve"))).isEqualTo("out-of-scope");
    }

    /** Whether a reader still finds a comment (GET of one published comment). */
    static boolean published(String id) {
        return http.get("/api/v1/sites/demo/comments/" + id).status() == 200;
    }

    /** Whether the reader with this token may post on the page now. */
    static boolean mayPost(String token, String page) {
        int status = http.post("/api/v1/sites/demo/comments", "{\"page\":\"" + page + "\",\"body\":\"Still here " + System.nanoTime()
                + "\"}", "Authorization", "Bearer " + token).status();
        assertThat(status).isIn(201, 403);
        return status == 201;
    }

    static boolean warned(String token) {
        return http.get("/api/v1/sites/demo/notices", "Authorization", "Bearer " + token).text().contains("\"warning\"");
    }

    @Test
    void whatEachRoleDoesTakesEffectOnlyWithinItsScope() {
        for (Staffer who : List.of(admin, demoMod, worldMod, sportMod, heraldMod)) {
            boolean world = who == admin || who == demoMod || who == worldMod;
            boolean wholeSite = who == admin || who == demoMod;
            String as = "as " + who.name();

            String rejected = fresh();
            post(who, "/admin/comments/" + rejected + "/reject", "reason", "Off topic");
            assertThat(published(rejected)).as("rejected %s", as).isEqualTo(!world);

            Posted warnedOne = comment("demo", WORLD_PAGE, "Warned " + System.nanoTime());
            post(who, "/admin/comments/" + warnedOne.id() + "/warn", "message", "Mind the tone");
            assertThat(warned(warnedOne.token())).as("warned %s", as).isEqualTo(world);

            Posted suspended = comment("demo", WORLD_PAGE, "Suspended " + System.nanoTime());
            post(who, "/admin/comments/" + suspended.id() + "/suspend", "duration", "1d", "message", "Cool off");
            assertThat(mayPost(suspended.token(), WORLD_PAGE)).as("suspended, posting in world %s", as).isEqualTo(!world);
            assertThat(mayPost(suspended.token(), SPORT_PAGE)).as("suspended, posting in sport %s", as).isEqualTo(!wholeSite);

            Posted banned = comment("demo", WORLD_PAGE, "Banned " + System.nanoTime());
            post(who, "/admin/comments/" + banned.id() + "/ban", "message", "Gone");
            assertThat(mayPost(banned.token(), WORLD_PAGE)).as("banned, posting in world %s", as).isEqualTo(!wholeSite);
            assertThat(mayPost(banned.token(), SPORT_PAGE)).as("banned, posting in sport %s", as).isEqualTo(!wholeSite);

            String worldBulk = fresh();
            String sportBulk = comment("demo", SPORT_PAGE, "Sport bulk " + System.nanoTime()).id();
            post(who, "/admin/queue/bulk", "queue", "reported", "ids", worldBulk, "ids", sportBulk, "action", "reject",
                    "reason", "Off topic");
            assertThat(List.of(published(worldBulk), published(sportBulk))).as("bulk across sections %s: all or nothing", as)
                    .containsExactly(!wholeSite, !wholeSite);

            Posted lifted = comment("demo", WORLD_PAGE, "Lifted " + System.nanoTime());
            post(admin, "/admin/comments/" + lifted.id() + "/suspend", "duration", "1d", "message", "Site-wide pause");
            post(who, "/admin/sanctions/" + sanctionOf(lifted.id()) + "/lift", "comment", lifted.id(), "note", "Appeal");
            assertThat(mayPost(lifted.token(), SPORT_PAGE)).as("a site-wide suspension lifted %s", as).isEqualTo(wholeSite);
        }
    }

    @Test
    void anotherSitesModeratorSeesNothingOfTheDemo() {
        String rejected = fresh();
        assertThat(post(admin, "/admin/comments/" + rejected + "/reject", "reason", "Off topic").status()).isEqualTo(303);

        assertThat(get(heraldMod, "/admin").text()).contains("(herald)").doesNotContain("(demo)");
        assertThat(get(heraldMod, "/admin/queue?kind=reported").text()).contains(heraldCase).doesNotContain(worldCase, sportCase);
        assertThat(problem(get(heraldMod, "/admin/queue?kind=reported&site=demo"))).isEqualTo("out-of-scope");
        assertThat(problem(get(heraldMod, "/admin/comments/" + worldCase))).isEqualTo("out-of-scope");
        assertThat(problem(get(heraldMod, "/admin/sites/demo/rules"))).isEqualTo("out-of-scope");
        assertThat(get(heraldMod, "/admin/audit?site=demo").text()).doesNotContain(rejected);
        assertThat(get(heraldMod, "/admin/audit.csv").text()).doesNotContain(rejected, ",demo,");
        assertThat(auditJson(heraldMod, "")).allSatisfy(entry -> assertThat(entry.get("site").asText()).isEqualTo("herald"));
        assertThat(auditJson(admin, "?target=" + rejected)).hasSize(1);

        assertThat(postAnswers(heraldMod)).isEqualTo(expect(403, 403, 403, 403, 403));
    }

    @Test
    void aSectionModeratorReadsTheAuditLogOfTheirSectionsAndTheirOwnActionsOnly() {
        String world = fresh();
        String sport = comment("demo", SPORT_PAGE, "A sport comment " + System.nanoTime()).id();
        String warned = comment("demo", SPORT_PAGE, "Another sport comment " + System.nanoTime()).id();
        assertThat(post(admin, "/admin/comments/" + world + "/reject", "reason", "World rule").status()).isEqualTo(303);
        assertThat(post(admin, "/admin/comments/" + sport + "/reject", "reason", "Sport rule").status()).isEqualTo(303);
        assertThat(post(sportMod, "/admin/comments/" + warned + "/warn", "message", "Keep it civil").status()).isEqualTo(303);

        List<String> worldSees = auditJson(worldMod, "").stream().map(e -> e.get("targetId").asText()).toList();
        assertThat(worldSees).contains(world).doesNotContain(sport);
        assertThat(get(worldMod, "/admin/audit.csv").text()).contains(world).doesNotContain(sport, "Sport rule", "Keep it civil");
        assertThat(auditJson(worldMod, "?action=warn")).allSatisfy(e -> assertThat(e.get("actorName").asText()).isEqualTo("wendy"));
        List<String> sportSees = auditJson(sportMod, "").stream().map(e -> e.get("targetId").asText()).toList();
        assertThat(sportSees).contains(sport).doesNotContain(world);
        assertThat(auditJson(sportMod, "?action=warn")).as("their own warning, about a commenter").isNotEmpty();
        assertThat(auditJson(demoMod, "").stream().map(e -> e.get("targetId").asText())).contains(world, sport);
    }

    @Test
    void theAuthorsRecordOnACaseShowsASectionModeratorOnlyTheSanctionsAndActionsOfTheirScope() {
        String token = parley.guestToken("demo");
        String world = commentAs(token, WORLD_PAGE, "A world comment");
        String worldAgain = commentAs(token, WORLD_PAGE, "Another world comment");
        String sport = commentAs(token, SPORT_PAGE, "A sport comment");
        String sportAgain = commentAs(token, SPORT_PAGE, "Another sport comment");
        report("demo", sportAgain, "abuse", "Reported on the sport pages");
        long n = System.nanoTime();
        assertThat(post(admin, "/admin/comments/" + sportAgain + "/reject", "reason", "Sport desk reason " + n).status()).isEqualTo(303);
        assertThat(post(sportMod, "/admin/comments/" + sport + "/suspend", "duration", "1d", "message", "Sport pause " + n).status())
                .isEqualTo(303);
        assertThat(post(worldMod, "/admin/comments/" + world + "/warn", "message", "World warning " + n).status()).isEqualTo(303);
        assertThat(post(admin, "/admin/comments/" + worldAgain + "/suspend", "duration", "1h", "message", "Site-wide pause " + n)
                .status()).isEqualTo(303);
        String reports = "<dt>Reports against them</dt><dd>1</dd>";

        assertThat(get(worldMod, "/admin/comments/" + world).text()).as("the world moderator")
                .contains("World warning " + n, "Site-wide pause " + n, reports, "id=\"record-scope\"")
                .doesNotContain("Sport pause " + n, "Sport desk reason " + n);
        assertThat(get(sportMod, "/admin/comments/" + sport).text()).as("the sport moderator")
                .contains("Sport pause " + n, "Sport desk reason " + n, "Site-wide pause " + n, reports)
                .doesNotContain("World warning " + n);
        for (Staffer wholeSite : List.of(demoMod, admin)) {
            assertThat(get(wholeSite, "/admin/comments/" + world).text()).as(wholeSite.name())
                    .contains("World warning " + n, "Site-wide pause " + n, "Sport pause " + n, "Sport desk reason " + n, reports)
                    .doesNotContain("id=\"record-scope\"");
        }
    }

    static String commentAs(String token, String page, String body) {
        Http.Reply reply = http.post("/api/v1/sites/demo/comments", "{\"page\":\"" + page + "\",\"body\":\"" + body + " "
                + System.nanoTime() + "\",\"name\":\"Commenter\"}", "Authorization", "Bearer " + token);
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        return reply.json().get("id").asText();
    }

    @Test
    void aBanThatAlsoRejectsAsksToConfirmTheCountFirstThenTakesTheReadersCommentsDownAndClosesTheirCases() {
        Posted first = comment("demo", WORLD_PAGE, "Buy pills " + System.nanoTime());
        Http.Reply second = http.post("/api/v1/sites/demo/comments", "{\"page\":\"" + WORLD_PAGE + "\",\"body\":\"More pills "
                + System.nanoTime() + "\"}", "Authorization", "Bearer " + first.token());
        assertThat(second.status()).as(second.text()).isEqualTo(201);
        String secondId = second.json().get("id").asText();
        report("demo", first.id(), "spam", "Selling pills");
        assertThat(get(demoMod, "/admin/comments/" + first.id()).text()).contains("id=\"ban-form\"",
                "name=\"rejectPublished\"", "Also reject this reader's published comments (2)");

        Http.Reply asked = post(demoMod, "/admin/comments/" + first.id() + "/ban", "message", "Spam <b>campaign</b>", "rejectPublished", "on",
                "queue", "reported");
        assertThat(asked.status()).as("asks before it bans").isEqualTo(200);
        assertThat(asked.text()).contains("id=\"ban-confirm-form\"", "reject 2 published comments?", "name=\"confirmed\" value=\"2\"",
                "Ban and reject 2 comments", "Spam &lt;b&gt;campaign&lt;/b&gt;").doesNotContain("Spam <b>campaign");
        assertThat(published(first.id()) && published(secondId)).as("nothing done yet").isTrue();
        assertThat(get(demoMod, "/admin/queue?kind=reported").text()).contains(first.id());

        Http.Reply stale = post(demoMod, "/admin/comments/" + first.id() + "/ban", "message", "Spam", "rejectPublished", "on",
                "confirmed", "5");
        assertThat(stale.status()).as("a count that is not the count now asks again").isEqualTo(200);
        assertThat(stale.text()).contains("name=\"confirmed\" value=\"2\"");

        Http.Reply done = post(demoMod, "/admin/comments/" + first.id() + "/ban", "message", "Spam", "rejectPublished", "on",
                "confirmed", "2", "queue", "reported");
        assertThat(done.status()).as(done.text()).isEqualTo(303);
        assertThat(get(demoMod, done.header("Location").orElseThrow()).text()).contains("rejected their published comments");
        assertThat(published(first.id()) || published(secondId)).as("both rejected").isFalse();
        assertThat(get(demoMod, "/admin/queue?kind=reported").text()).doesNotContain(first.id());
        assertThat(auditJson(demoMod, "?action=reject")).filteredOn(entry -> entry.path("reason").asText().equals("Spam"))
                .extracting(entry -> entry.get("targetId").asText()).contains(first.id(), secondId);
        assertThat(mayPost(first.token(), WORLD_PAGE)).as("banned").isFalse();
    }

    @Test
    void aFormWithoutTheSessionsTokenOrFromAnotherOriginChangesNothing() {
        String id = fresh();
        String reject = form("reason", "Forged");
        Http.Reply missing = postRaw(admin, "/admin/comments/" + id + "/reject", reject, http.base());
        Http.Reply wrong = postRaw(admin, "/admin/comments/" + id + "/reject", form("csrf", "x" + admin.csrf(), "reason", "Forged"), http.base());
        Http.Reply othersToken = postRaw(admin, "/admin/comments/" + id + "/reject", form("csrf", demoMod.csrf(), "reason", "Forged"), http.base());
        Http.Reply crossOrigin = postRaw(admin, "/admin/comments/" + id + "/reject", form("csrf", admin.csrf(), "reason", "Forged"),
                "https://evil.example");
        Http.Reply noOrigin = http.send("POST", "/admin/comments/" + id + "/reject",
                form("csrf", admin.csrf(), "reason", "Forged").getBytes(StandardCharsets.UTF_8), "Content-Type", FORM, "Cookie", admin.cookie());

        for (Http.Reply refused : List.of(missing, wrong, othersToken)) {
            assertThat(refused.status()).isEqualTo(403);
            assertThat(problem(refused)).isEqualTo("csrf-token-invalid");
        }
        assertThat(problem(crossOrigin)).isEqualTo("cross-origin-form");
        assertThat(problem(noOrigin)).isEqualTo("cross-origin-form");
        assertThat(problem(postRaw(admin, "/admin/sites/demo/rules", form(rulesForm("all", "3", "Forged")), http.base())))
                .isEqualTo("csrf-token-invalid");
        assertThat(problem(postRaw(admin, "/admin/queue/bulk", form("queue", "flagged", "ids", id, "action", "approve"), http.base())))
                .isEqualTo("csrf-token-invalid");
        assertThat(auditJson(admin, "?target=" + id)).as("nothing was done to the comment").isEmpty();
        assertThat(get(admin, "/admin/comments/" + id).text()).contains("status <strong>published</strong>");
    }

    @Test
    void aBulkActionWithOneOutOfScopeCaseChangesNothing() {
        String world = fresh();
        String sport = comment("demo", SPORT_PAGE, "Sport comment for a bulk action").id();

        Http.Reply refused = post(worldMod, "/admin/queue/bulk", "queue", "flagged", "ids", world, "ids", sport, "action", "reject",
                "reason", "Spam wave");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(problem(refused)).isEqualTo("out-of-scope");
        assertThat(auditJson(admin, "?target=" + world)).isEmpty();
        assertThat(auditJson(admin, "?target=" + sport)).isEmpty();
        assertThat(get(admin, "/admin/comments/" + world).text()).contains("status <strong>published</strong>");

        Http.Reply done = post(demoMod, "/admin/queue/bulk", "queue", "flagged", "site", "demo", "ids", world, "ids", sport,
                "action", "reject", "reason", "Spam wave");
        assertThat(done.status()).isEqualTo(303);
        assertThat(done.header("Location")).contains("/admin/queue?kind=flagged&site=demo&done=rejected-selected");
        assertThat(auditJson(admin, "?action=reject&target=" + sport)).singleElement()
                .satisfies(entry -> assertThat(entry.get("reason").asText()).isEqualTo("Spam wave"));
    }

    // ---- what the actions do -------------------------------------------------------------------------

    @Test
    void aRejectedCommentShowsItsNoteToItsAuthorAndTheAuditLogKeepsIt() {
        Posted posted = comment("demo", "rejection-notes", "Everyone on this thread is clueless, as usual.");

        Http.Reply reply = post(demoMod, "/admin/comments/" + posted.id() + "/reject", "reason", "Personal attacks break our rules.");

        assertThat(reply.status()).isEqualTo(303);
        JsonNode mine = thread("rejection-notes", "Authorization", "Bearer " + posted.token());
        assertThat(mine.get("status").asText()).isEqualTo("rejected");
        assertThat(mine.get("note").asText()).isEqualTo("Personal attacks break our rules.");
        JsonNode others = thread("rejection-notes");
        assertThat(others == null || !others.has("note") || others.get("note").isNull()).as("nobody else reads the note").isTrue();

        String log = get(demoMod, "/admin/audit?target=" + posted.id()).text();
        assertThat(log).contains("<td>reject</td>", "Personal attacks break our rules.", "dora",
                "<code>{\"status\":\"published\",\"featured\":false}</code> → <code>{\"status\":\"rejected\"");
        assertThat(get(demoMod, "/admin/comments/" + posted.id()).text()).contains("status <strong>rejected</strong>");
    }

    /** The comment of the page's thread as the reader (given headers) sees it, or null when it is not shown. */
    static JsonNode thread(String page, String... headers) {
        Http.Reply reply = http.get("/api/v1/sites/demo/thread?page=" + page, headers);
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        JsonNode comments = reply.json().get("comments");
        return comments.isEmpty() ? null : comments.get(0);
    }

    @Test
    void warningsAndSuspensionsReachTheAuthorAndASuspensionCanBeLifted() {
        Posted posted = comment("demo", WORLD_PAGE, "Over the line");
        String id = posted.id();
        assertThat(post(worldMod, "/admin/comments/" + id + "/warn", "message", "Mind the tone.").header("Location"))
                .contains("/admin/comments/" + id + "?done=warned");
        assertThat(post(worldMod, "/admin/comments/" + id + "/suspend", "duration", "1d", "message", "One day off.",
                "queue", "reported", "site", "demo").header("Location"))
                .contains("/admin/comments/" + id + "?queue=reported&site=demo&done=suspended");

        Http.Reply notices = http.get("/api/v1/sites/demo/notices", "Authorization", "Bearer " + posted.token());
        assertThat(notices.text()).contains("Mind the tone.", "One day off.", "suspension");
        Http.Reply refused = http.post("/api/v1/sites/demo/comments", "{\"page\":\"" + WORLD_PAGE + "\",\"body\":\"Again\"}",
                "Authorization", "Bearer " + posted.token());
        assertThat(refused.status()).isEqualTo(403);

        String page = get(demoMod, "/admin/comments/" + id).text();
        assertThat(page).contains("<strong>in force</strong>", "One day off.", "<td>warn</td>", "<td>suspend</td>");
        Http.Reply lifted = post(demoMod, "/admin/sanctions/" + sanctionOf(id) + "/lift", "comment", id, "note", "Appeal accepted.");
        assertThat(lifted.header("Location")).contains("/admin/comments/" + id + "?done=lifted");
        assertThat(get(demoMod, lifted.header("Location").orElseThrow()).text()).contains("Lifted the sanction.", "lifted <time");
        assertThat(auditJson(admin, "?target=" + authorOf(id)))
                .extracting(entry -> entry.get("action").asText()).containsExactly("lift", "suspend", "warn");
    }

    @Test
    void afterADecisionTheNextCaseOfTheQueueFollows() {
        String links = "[a](https://a.example) [b](https://b.example) [c](https://c.example)";
        String first = comment("demo", "link-farm", "First " + links).id();
        String second = comment("demo", "link-farm", "Second " + links).id();
        String third = comment("demo", "link-farm", "Third " + links).id();

        String queue = String.join("\n", queuePages(admin, "/admin/queue?kind=flagged&site=demo"));
        assertThat(queue).contains(first, second, third, "Many links");
        String page = get(admin, "/admin/comments/" + second + "?queue=flagged&site=demo").text();
        assertThat(page).contains("id=\"previous-case\"", "/admin/comments/" + first + "?queue=flagged&amp;site=demo",
                "id=\"next-case\"", "/admin/comments/" + third + "?queue=flagged&amp;site=demo",
                "<input type=\"hidden\" name=\"queue\" value=\"flagged\">");

        Http.Reply approved = post(admin, "/admin/comments/" + first + "/approve", "queue", "flagged", "site", "demo");
        assertThat(approved.header("Location")).contains("/admin/comments/" + second + "?queue=flagged&site=demo&done=approved");
        assertThat(get(admin, approved.header("Location").orElseThrow()).text()).contains("Approved.", "autofocus");

        Http.Reply fromRow = post(admin, "/admin/comments/" + second + "/approve", "queue", "flagged", "site", "demo", "return", "queue");
        assertThat(fromRow.header("Location")).contains("/admin/queue?kind=flagged&site=demo&done=approved#case-" + third);

        Http.Reply last = post(admin, "/admin/comments/" + third + "/reject", "queue", "flagged", "site", "demo", "reason", "Link farm");
        assertThat(last.header("Location")).as("no case after the last one: back to the queue")
                .contains("/admin/queue?kind=flagged&site=demo&done=rejected");
        assertThat(get(admin, "/admin/queue?kind=approved&site=demo").text()).contains(first, second).doesNotContain(third);
        assertThat(get(admin, "/admin/queue?kind=rejected&site=demo").text()).contains(third);
    }

    @Test
    void aLongQueueIsPagedTwentyFiveCasesAtATime() {
        String links = "[a](https://a.example) [b](https://b.example) [c](https://c.example)";
        List<String> posted = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            posted.add(comment("demo", "long-queue", "Spam " + i + " " + links).id());
        }

        assertThat(get(admin, "/admin").text()).contains("<td data-count=\"flagged\">25<span aria-label=\"or more\">+</span></td>");
        List<String> seen = new ArrayList<>();
        for (String page : queuePages(admin, "/admin/queue?kind=flagged&site=demo")) {
            Matcher row = Pattern.compile("<tr data-case=\"([^\"]+)\">").matcher(page);
            int rows = 0;
            while (row.find()) {
                seen.add(row.group(1));
                rows++;
            }
            assertThat(rows).isLessThanOrEqualTo(25);
        }
        assertThat(seen).doesNotHaveDuplicates().containsAll(posted);

        List<String> approveAll = new ArrayList<>(List.of("queue", "flagged", "site", "demo", "action", "approve"));
        posted.forEach(id -> approveAll.addAll(List.of("ids", id)));
        assertThat(post(admin, "/admin/queue/bulk", approveAll.toArray(String[]::new)).status()).isEqualTo(303);
        assertThat(get(admin, "/admin/queue?kind=flagged&site=demo").text()).as("the queue is short again").doesNotContain(posted.getFirst());
    }

    /** Every page of a queue, following its "next" links from {@code first}. */
    private static List<String> queuePages(Staffer who, String first) {
        List<String> pages = new ArrayList<>();
        for (String next = first; next != null; ) {
            assertThat(pages).as("pages of %s", first).hasSizeLessThan(10);
            String page = get(who, next).text();
            pages.add(page);
            Matcher link = Pattern.compile("href=\"([^\"]+)\" rel=\"next\"").matcher(page);
            next = link.find() ? link.group(1).replace("&amp;", "&") : null;
        }
        return pages;
    }

    @Test
    void featuringIsOfferedAndUndoneFromTheCase() {
        String id = fresh();
        assertThat(get(admin, "/admin/comments/" + id).text()).contains("action=\"/admin/comments/" + id + "/feature\"");
        assertThat(post(admin, "/admin/comments/" + id + "/feature").status()).isEqualTo(303);
        assertThat(get(admin, "/admin/comments/" + id).text()).contains("action=\"/admin/comments/" + id + "/unfeature\"", "· featured");
        assertThat(post(admin, "/admin/comments/" + id + "/unfeature").status()).isEqualTo(303);
        assertThat(auditJson(admin, "?target=" + id)).extracting(entry -> entry.get("action").asText()).containsExactly("unfeature", "feature");
    }

    // ---- pages ---------------------------------------------------------------------------------------

    @Test
    void aQueueRowShowsTheCommentItsAuthorPlaceTimeStatusReportsAndReasons() {
        String page = get(admin, "/admin/queue?kind=reported&site=demo").text();

        assertThat(page).contains("<h1>Reported queue <span class=\"sub\">on demo</span></h1>",
                "<tr data-case=\"" + worldCase + "\">", "<p>World case: the figures are invented.</p>", "<td>Commenter</td>",
                "demo · Coalition says its air strikes", " · world</td>", "<td>published</td>", "<td>1</td>",
                "<span class=\"signal\">trust</span>: First comment on this site.",
                "<input type=\"checkbox\" name=\"ids\" value=\"" + worldCase + "\"", "formaction=\"/admin/comments/" + worldCase + "/approve\"",
                "name=\"action\" value=\"reject\"", "name=\"action\" value=\"approve\"", "<th scope=\"col\">Why it is here</th>",
                "href=\"/admin/comments/" + worldCase + "?queue=reported&amp;site=demo\"", "<kbd>j</kbd>", "<dialog id=\"shortcuts\"");
        assertThat(page.indexOf("value=\"reject\"")).as("Enter in the reason field rejects: the first submit button")
                .isLessThan(page.indexOf("value=\"approve\""));
    }

    @Test
    void aCaseShowsWhyItIsThereTheConversationAndTheAuthorsRecord() {
        String page = get(demoMod, "/admin/comments/" + worldCase).text();

        assertThat(page).contains("<h2 id=\"why-title\">Why it is here</h2>", "<td>abuse</td><td>Reported by a reader</td>",
                "First comment on this site.", "<pre class=\"source\">World case: the figures are invented.</pre>",
                "<h2 id=\"conversation-title\">", "<em>this case</em>", "<dt>Published</dt><dd>1</dd>", "<dt>Reports against them</dt><dd>1</dd>",
                "id=\"reject-reason\"", "id=\"suspend-duration\"", "<option value=\"1h\">1 hour</option>", "<option value=\"30d\">30 days</option>",
                "name=\"csrf\" value=\"" + demoMod.csrf() + "\"");
    }

    @Test
    void pagesCarryNoInlineScriptsOrStylesAndAreNeverCached() {
        for (String path : List.of("/admin", "/admin/queue?kind=reported", "/admin/comments/" + worldCase, "/admin/audit",
                "/admin/sites/demo/rules")) {
            Http.Reply reply = get(admin, path);
            assertThat(reply.contentType()).isEqualTo("text/html; charset=utf-8");
            assertThat(reply.header("Cache-Control")).contains("no-store");
            assertThat(reply.header("Content-Security-Policy").orElseThrow()).contains("script-src 'self'", "style-src 'self'");
            assertThat(reply.text()).as(path).doesNotContain("style=", "<style", "<script>", "onclick", "javascript:")
                    .contains("<script src=\"/admin/assets/admin.js\" defer></script>", "<a class=\"skip\" href=\"#main\">",
                            "<main id=\"main\" tabindex=\"-1\">", "<html lang=\"en\">");
        }
    }

    @Test
    void theStylesheetAndScriptAreServedWithAnEtagAndRevalidated() {
        for (String asset : List.of("/admin/assets/admin.css", "/admin/assets/admin.js")) {
            Http.Reply first = http.get(asset);
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.contentType()).startsWith(asset.endsWith(".css") ? "text/css" : "text/javascript");
            assertThat(first.header("Cache-Control")).contains("public, max-age=300");
            String etag = first.header("ETag").orElseThrow();
            assertThat(http.get(asset, "If-None-Match", etag).status()).isEqualTo(304);
            assertThat(http.get(asset, "Accept-Encoding", "gzip").header("Content-Encoding")).contains("gzip");
        }
        assertThat(http.get("/admin/assets/admin.css").text()).as("no external fonts or images")
                .contains(":focus-visible", "prefers-color-scheme: dark").doesNotContain("@import", "url(");
    }

    // ---- mistakes a person can make ------------------------------------------------------------------

    @Test
    void formMistakesComeBackAs422WithTheMessageNextToTheField() {
        String id = fresh();
        Http.Reply noReason = post(demoMod, "/admin/comments/" + id + "/reject", "reason", "   ", "queue", "reported", "site", "demo");
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.contentType()).startsWith("text/html");
        assertThat(noReason.text()).contains("id=\"reject-reason-error\" class=\"error\" role=\"alert\"", "Give the author a reason",
                "aria-invalid=\"true\" aria-describedby=\"reject-reason-error\" autofocus",
                "<input type=\"hidden\" name=\"queue\" value=\"reported\">");

        Http.Reply noMessage = post(demoMod, "/admin/comments/" + id + "/suspend", "duration", "7d", "message", "");
        assertThat(noMessage.status()).isEqualTo(422);
        assertThat(noMessage.text()).contains("id=\"suspend-message-error\"");
        Http.Reply tooLong = post(demoMod, "/admin/comments/" + id + "/warn", "message", "x".repeat(2_001));
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.text()).contains("id=\"warn-message-error\"", "2000 characters");

        Http.Reply noneSelected = post(demoMod, "/admin/queue/bulk", "queue", "reported", "site", "demo", "action", "approve");
        assertThat(noneSelected.status()).isEqualTo(422);
        assertThat(noneSelected.text()).contains("id=\"ids-error\" class=\"error\" role=\"alert\"", "Select at least one case");
        Http.Reply bulkWithoutReason = post(demoMod, "/admin/queue/bulk", "queue", "reported", "ids", worldCase, "action", "reject");
        assertThat(bulkWithoutReason.status()).isEqualTo(422);
        assertThat(bulkWithoutReason.text()).contains("id=\"reason-error\"", "value=\"" + worldCase + "\" id=\"select-" + worldCase + "\" checked");

        Http.Reply badDate = get(demoMod, "/admin/audit?from=yesterday&to=2026-02-30");
        assertThat(badDate.status()).isEqualTo(422);
        assertThat(badDate.text()).contains("id=\"filter-from-error\"", "id=\"filter-to-error\"", "value=\"yesterday\"");
        assertThat(get(demoMod, "/admin/audit.csv?from=yesterday").status()).as("an export link is not typed").isEqualTo(400);

        assertThat(auditJson(admin, "?target=" + id)).as("no mistake changed anything").isEmpty();
    }

    @Test
    void requestsNoDashboardFormSendsAreProblems() {
        assertThat(problem(post(admin, "/admin/queue/bulk", "queue", "reported", "ids", fresh(), "action", "delete"))).isEqualTo("invalid-field");
        assertThat(problem(post(admin, "/admin/comments/" + fresh() + "/suspend", "duration", "5y", "message", "x"))).isEqualTo("invalid-field");
        assertThat(problem(get(admin, "/admin/queue?kind=everything"))).isEqualTo("invalid-parameter");
        assertThat(problem(get(admin, "/admin/comments/not-an-id"))).isEqualTo("unknown-comment");
        assertThat(problem(get(admin, "/admin/comments/c_000000000aaaaaaaa"))).isEqualTo("unknown-comment");
        assertThat(problem(get(admin, "/admin/sites/nowhere/rules"))).isEqualTo("unknown-site");
        assertThat(problem(post(admin, "/admin/sanctions/s_missing/lift", "comment", worldCase, "note", "x"))).isEqualTo("unknown-sanction");
    }

    // ---- the audit log -------------------------------------------------------------------------------

    @Test
    void theAuditLogFiltersAndExportsTheSameEntriesAsCsvAndJson() {
        String id = fresh();
        String reason = "He said \"no\", then\nleft";
        assertThat(post(demoMod, "/admin/comments/" + id + "/reject", "reason", reason).status()).isEqualTo(303);

        String page = get(admin, "/admin/audit?site=demo&action=reject&actor=dora&target=" + id + "&from=2020-01-01").text();
        assertThat(page).contains("<td>dora</td>", "<td>reject</td>", "<td>He said \"no\", then\nleft</td>",
                "href=\"/admin/audit.csv?site=demo&amp;action=reject&amp;actor=dora&amp;target=" + id + "&amp;from=2020-01-01\"");
        assertThat(get(admin, "/admin/audit?target=" + id + "&to=2020-01-01").text()).doesNotContain("<td>reject</td>");

        Http.Reply csv = get(admin, "/admin/audit.csv?target=" + id);
        assertThat(csv.contentType()).isEqualTo("text/csv; charset=utf-8; header=present");
        assertThat(csv.header("Content-Disposition")).contains("attachment; filename=\"parley-audit.csv\"");
        String[] lines = csv.text().split("\r\n", -1);
        assertThat(lines[0]).isEqualTo("\"id\",\"at\",\"actor_id\",\"actor_name\",\"site\",\"action\",\"target_kind\",\"target_id\","
                + "\"reason\",\"before\",\"after\"");
        assertThat(lines[1]).matches("\"a_[^,]+\",\"\\d{4}-[^,]+Z\",\"st_[^,]+\",\"dora\",\"demo\",\"reject\",\"comment\",\"" + id
                + "\",\"He said \"\"no\"\", then\nleft\",\"\\{\"\"status\"\":\"\"published\"\".*\\}\",\"\\{\"\"status\"\":\"\"rejected\"\".*\\}\"");
        assertThat(lines).as("header, one entry, and the final line break").hasSize(3);
        assertThat(lines[2]).isEmpty();

        Http.Reply json = get(admin, "/admin/audit.json?target=" + id);
        assertThat(json.header("Content-Disposition")).contains("attachment; filename=\"parley-audit.json\"");
        assertThat(json.json()).singleElement().satisfies(entry -> {
            assertThat(entry.get("action").asText()).isEqualTo("reject");
            assertThat(entry.get("actorName").asText()).isEqualTo("dora");
            assertThat(entry.get("targetId").asText()).isEqualTo(id);
            assertThat(entry.get("reason").asText()).isEqualTo(reason);
            assertThat(entry.get("before").get("status").asText()).isEqualTo("published");
            assertThat(entry.get("after").get("status").asText()).isEqualTo("rejected");
        });
    }

    @Test
    void anAdminDownloadsTheSitesFullExportFromItsRowAndTheAuditLogSaysSo() {
        String id = fresh();
        assertThat(post(demoMod, "/admin/comments/" + id + "/reject", "reason", "Off topic").status()).isEqualTo(303);
        assertThat(get(admin, "/admin").text()).contains("action=\"/admin/sites/demo/export\"", "Export the site");

        Http.Reply export = get(admin, "/admin/sites/demo/export");

        assertThat(export.status()).as(export.text()).isEqualTo(200);
        assertThat(export.contentType()).isEqualTo("application/json");
        assertThat(export.header("Content-Disposition").orElseThrow())
                .matches("attachment; filename=\"parley-export-demo-\\d{4}-\\d{2}-\\d{2}\\.json\"");
        JsonNode file = export.json();
        assertThat(file.get("format").asText()).isEqualTo("parley-export");
        assertThat(file.get("version").asInt()).isEqualTo(2);
        assertThat(file.get("site").asText()).isEqualTo("demo");
        assertThat(StreamSupport.stream(file.get("pages").spliterator(), false).flatMap(page -> StreamSupport.stream(
                page.get("comments").spliterator(), false)).filter(c -> c.get("id").asText().equals(id)).findFirst().orElseThrow()
                .get("status").asText()).isEqualTo("rejected");
        assertThat(file.get("moderation").toString()).contains("\"reject\"", "Off topic");
        assertThat(get(admin, "/admin/audit.json?site=demo&action=site-export").json()).isNotEmpty().first().satisfies(entry -> {
            assertThat(entry.get("actorName").asText()).isEqualTo("ed");
            assertThat(entry.get("targetKind").asText()).isEqualTo("site");
            assertThat(entry.get("targetId").asText()).isEqualTo("demo");
        });
    }

    @Test
    void aModeratorWhoIsNoAdminSeesNoExportButtonAndIsRefusedTheDownload() {
        int before = get(admin, "/admin/audit.json?site=demo&action=site-export").json().size();

        assertThat(get(demoMod, "/admin").text()).doesNotContain("/export", "Export the site");
        Http.Reply refused = get(demoMod, "/admin/sites/demo/export");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(problem(refused)).isEqualTo("export-admins-only");
        assertThat(refused.header("Content-Disposition")).isEmpty();
        assertThat(problem(get(heraldMod, "/admin/sites/demo/export"))).isEqualTo("export-admins-only");
        assertThat(get(null, "/admin/sites/demo/export").status()).isEqualTo(303);
        assertThat(get(admin, "/admin/audit.json?site=demo&action=site-export").json().size()).isEqualTo(before);
    }

    @Test
    void theAuditLogPagesBackwardsFiftyEntriesAtATime() {
        String id = fresh();
        for (int i = 0; i < 26; i++) {
            post(admin, "/admin/comments/" + id + "/feature");
            post(admin, "/admin/comments/" + id + "/unfeature");
        }
        String first = get(admin, "/admin/audit?target=" + id).text();
        assertThat(first.split("<tr data-entry=", -1)).hasSize(51);
        Matcher older = Pattern.compile("href=\"(/admin/audit\\?[^\"]+)\" rel=\"next\"").matcher(first);
        assertThat(older.find()).isTrue();
        String second = get(admin, older.group(1).replace("&amp;", "&")).text();
        assertThat(second.split("<tr data-entry=", -1)).hasSize(3);
        assertThat(second).doesNotContain("rel=\"next\"");
        assertThat(auditJson(admin, "?target=" + id)).hasSize(52);
    }

    // ---- the rules form ------------------------------------------------------------------------------

    @Test
    void theImportedCommentsRuleIsSavedFromTheFormAndKeptByAFormThatLeavesItOut() {
        String held = "<option value=\"hold\" selected> Hold what would hold or reject a new comment</option>";
        assertThat(get(admin, "/admin/sites/herald/rules").text()).contains(
                "<option value=\"flag\" selected>Flag for review only: they stay published</option>");
        String[] hold = java.util.stream.Stream.concat(java.util.Arrays.stream(rulesForm("off", "3", "Archive import")),
                java.util.stream.Stream.of("importedScreening", "hold")).toArray(String[]::new);
        assertThat(post(admin, "/admin/sites/herald/rules", hold).status()).isEqualTo(303);
        assertThat(get(admin, "/admin/sites/herald/rules").text()).contains(held);

        assertThat(post(admin, "/admin/sites/herald/rules", rulesForm("off", "4", "Older form")).status()).isEqualTo(303);
        assertThat(get(admin, "/admin/sites/herald/rules").text()).contains(held);
        hold[hold.length - 1] = "sometimes";
        assertThat(post(admin, "/admin/sites/herald/rules", hold).text()).contains("Choose what screening may do to imported comments.");
    }

    @Test
    void rulesRoundTripAndEveryOutOfRangeValueIsShownNextToItsField() {
        String[] form = rulesForm("links", "5", "Election night");
        form[form.length - 3] = "hold"; // otherLanguages
        Http.Reply saved = post(admin, "/admin/sites/herald/rules", form);
        assertThat(saved.status()).isEqualTo(303);
        assertThat(saved.header("Location")).contains("/admin/sites/herald/rules?done=saved");
        String page = get(admin, saved.header("Location").orElseThrow()).text();
        assertThat(page).contains("Saved the rules.", "<option value=\"links\" selected>", "<option value=\"hold\" selected>",
                "name=\"trustedAfter\" value=\"5\"",
                "name=\"abuseFlag\" value=\"0.5\"");
        assertThat(auditJson(admin, "?site=herald&action=rules").getFirst().get("reason").asText()).isEqualTo("Election night");

        String[] tooHigh = {"premoderation", "sometimes", "trustedAfter", "1001", "abuseFlag", "1.5", "abuseHold", "0", "blocksToFlag", "1001",
                "blockWindowDays", "366", "commentsPerMinute", "1001", "commentsPerHour", "100001", "addressCommentsPerMinute", "10001",
                "flameWarMessages", "101", "flameWarMinutes", "10081", "repeatsToFlag", "1001", "repeatHours", "721", "linksToFlag", "lots", "nudgeAt", "2",
                "imagesTrustedAfter", "-1", "otherLanguages", "sometimes", "reason", ""};
        Http.Reply refused = post(admin, "/admin/sites/herald/rules", tooHigh);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text()).contains("18 fields need fixing; nothing was saved.", "value=\"lots\"", "Say why the rules change",
                "Choose what happens to comments not in English.");
        for (int i = 2; i < 30; i += 2) {
            assertThat(refused.text()).as(tooHigh[i]).contains("id=\"rule-" + tooHigh[i] + "-error\" class=\"error\" role=\"alert\"");
        }
        String[] lowest = {"premoderation", "all", "trustedAfter", "0", "abuseFlag", "0.001", "abuseHold", "0.001", "blocksToFlag", "1",
                "blockWindowDays", "1", "commentsPerMinute", "1", "commentsPerHour", "1", "addressCommentsPerMinute", "1",
                "flameWarMessages", "2", "flameWarMinutes", "1", "repeatsToFlag", "2", "repeatHours", "1", "linksToFlag", "1", "nudgeAt", "0.001", "imagesTrustedAfter", "0", "reason", "Lowest"};
        String[] highest = {"premoderation", "flagged", "trustedAfter", "1000", "abuseFlag", "1", "abuseHold", "1", "blocksToFlag", "1000",
                "blockWindowDays", "365", "commentsPerMinute", "1000", "commentsPerHour", "100000", "addressCommentsPerMinute", "10000",
                "flameWarMessages", "100", "flameWarMinutes", "10080", "repeatsToFlag", "1000", "repeatHours", "720", "linksToFlag", "100", "nudgeAt", "1",
                "imagesTrustedAfter", "1000", "reason", "Highest"};
        assertThat(post(admin, "/admin/sites/herald/rules", lowest).status()).as("every lowest value the rules accept").isEqualTo(303);
        assertThat(post(admin, "/admin/sites/herald/rules", highest).status()).as("every highest value the rules accept").isEqualTo(303);
        String[] flagAboveHold = rulesForm("off", "3", "Inverted");
        flagAboveHold[5] = "0.95";
        assertThat(post(admin, "/admin/sites/herald/rules", flagAboveHold).text())
                .contains("id=\"rule-abuseHold-error\"", "at least the flag threshold");
    }
    // ---- the word list -------------------------------------------------------------------------------

    @Test
    void siteWideModeratorsAddAndRemoveWordsAndNewCommentsAreMatchedAtOnce() {
        Http.Reply saved = post(demoMod, "/admin/sites/demo/words", "add", "scoundrel\nrapscallion", "kind", "suspect",
                "reason", "house style");
        assertThat(saved.status()).isEqualTo(303);
        assertThat(saved.header("Location")).contains("/admin/sites/demo/words?done=words");
        assertThat(get(demoMod, "/admin/sites/demo/words?q=scound").text()).contains("scoundrel").doesNotContain("rapscallion");

        String flagged = comment("demo", WORLD_PAGE, "What a SCOUNDREL move by the press office.").id();
        assertThat(get(admin, "/admin/queue?kind=flagged").text()).contains(flagged);
        assertThat(get(admin, "/admin/audit?action=words").text()).contains("house style", "scoundrel");

        Http.Reply removed = post(demoMod, "/admin/sites/demo/words", "remove", "scoundrel", "remove", "rapscallion",
                "reason", "too strict");
        assertThat(removed.status()).isEqualTo(303);
        assertThat(get(demoMod, "/admin/sites/demo/words?q=scound").text()).doesNotContain("<code>scoundrel</code>");
    }

    @Test
    void wordListMistakesAreShownNextToTheFieldAndNothingChanges() {
        Http.Reply bad = post(demoMod, "/admin/sites/demo/words", "add", "half*way", "kind", "banned", "reason", "test");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.text()).contains("role=\"alert\"", "half*way");
        Http.Reply noReason = post(demoMod, "/admin/sites/demo/words", "add", "knave", "kind", "banned", "reason", "");
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(get(demoMod, "/admin/sites/demo/words?q=knave").text()).doesNotContain("<code>knave</code>");
    }

    @Test
    void sectionModeratorsReadTheWordListAndOthersCannotTouchIt() {
        assertThat(get(worldMod, "/admin/sites/demo/words").text()).contains("can read its list").doesNotContain("name=\"remove\"");
        assertThat(problem(post(worldMod, "/admin/sites/demo/words", "add", "villain", "kind", "suspect", "reason", "x")))
                .isEqualTo("out-of-scope");
        assertThat(problem(get(heraldMod, "/admin/sites/demo/words"))).isEqualTo("out-of-scope");
        assertThat(get(null, "/admin/sites/demo/words").status()).isEqualTo(303);
        assertThat(postRaw(demoMod, "/admin/sites/demo/words", form("csrf", "forged", "add", "villain", "kind", "suspect",
                "reason", "x"), http.base()).status()).isEqualTo(403);
    }

    @Test
    void aPasteOfTenThousandTermsFitsTheFormInAnyScriptAndALargerOneIsToldTheLimit() {
        assertThat(get(demoMod, "/admin/sites/demo/words").text()).contains("up to 10,000 terms (of up to 40 characters, in any script)");
        java.util.Random random = new java.util.Random(10_000);
        for (String letters : List.of("\u4e00\u4e8c\u4e09\u56db\u4e94\u516d\u4e03\u516b", "\u0430\u0431\u0432\u0433\u0434\u0435\u0436\u0437",
                "abcdefghijklmnopqrstuvwxyz")) {
            java.util.Set<String> terms = new java.util.LinkedHashSet<>();
            while (terms.size() < DashboardWordsPages.MAX_ADDED) {
                StringBuilder term = new StringBuilder();
                while (term.length() < DashboardWordsPages.PROMISED_TERM_LENGTH) {
                    term.append(letters.charAt(random.nextInt(letters.length())));
                }
                terms.add(term.toString());
            }
            Http.Reply saved = post(demoMod, "/admin/sites/demo/words", "add", String.join("\r\n", terms), "kind", "suspect",
                    "reason", "the newsroom's list");
            assertThat(saved.status()).as("10,000 terms of 40 characters from %s", letters.substring(0, 1)).isEqualTo(303);
        }
        assertThat(get(demoMod, "/admin/sites/demo/words").text()).containsPattern("[0-9]{5} terms in the list");

        Http.Reply tooLarge = post(demoMod, "/admin/sites/demo/words", "add", "x".repeat(DashboardWordsPages.MAX_FORM_BYTES),
                "kind", "suspect", "reason", "too much");
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(problem(tooLarge)).isEqualTo("body-too-large");
        assertThat(tooLarge.text()).contains(DashboardWordsPages.MAX_FORM_BYTES + " bytes");
    }

    @Test
    void anApprovalOfATextItsAuthorEditedSinceTheModeratorReadItIsRefusedAndTheNewTextShown() {
        Posted posted = comment("demo", WORLD_PAGE, "The first text, as the moderator reads it.");
        String id = posted.id();
        Matcher seen = Pattern.compile("name=\"edits-" + id + "\" value=\"(\\d+)\"").matcher(get(demoMod, "/admin/comments/" + id).text());
        assertThat(seen.find()).as("the case page says which text it shows").isTrue();
        Http.Reply edited = http.send("PATCH", "/api/v1/sites/demo/comments/" + id,
                "{\"body\":\"A quite different second text.\"}".getBytes(StandardCharsets.UTF_8),
                "Authorization", "Bearer " + posted.token(), "Content-Type", "application/json");
        assertThat(edited.status()).as(edited.text()).isEqualTo(200);

        Http.Reply stale = post(demoMod, "/admin/comments/" + id + "/approve", "edits-" + id, seen.group(1));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.text()).contains("edited it after you opened it", "A quite different second text.");
        Http.Reply staleBulk = post(demoMod, "/admin/queue/bulk", "queue", "flagged", "action", "approve", "ids", id,
                "edits-" + id, seen.group(1));
        assertThat(staleBulk.status()).isEqualTo(409);
        assertThat(auditJson(demoMod, "?target=" + id)).as("nothing approved").isEmpty();

        Http.Reply fresh = post(demoMod, "/admin/comments/" + id + "/approve", "edits-" + id,
                String.valueOf(Integer.parseInt(seen.group(1)) + 1));
        assertThat(fresh.status()).isEqualTo(303);
        assertThat(auditJson(demoMod, "?target=" + id)).extracting(entry -> entry.get("action").asText()).containsExactly("approve");
    }
}
