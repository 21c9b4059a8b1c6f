package org.parley.desk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.parley.http.FieldError;
import org.parley.http.Json;
import org.parley.http.ParleyException;
import org.parley.http.RequestProblem;
import org.parley.moderation.AuditEntry;
import org.parley.moderation.AuditQuery;
import org.parley.moderation.Moderation;
import org.parley.sites.Sites;
import org.parley.staff.Session;

/**
 * The audit log, browsable and filterable (who, what, when, target, why, before → after), and the same
 * filter exported as CSV (RFC 4180) or JSON for a newsroom's records.
 */
final class DashboardAuditPages {

    static final int PAGE_SIZE = 50;
    static final int EXPORT_LIMIT = 10_000;
    private static final List<String> CSV_HEADER = List.of("id", "at", "actor_id", "actor_name", "site", "action", "target_kind",
            "target_id", "reason", "before", "after");
    /** Filter fields, in the order links repeat them. */
    private static final List<String> FIELDS = List.of("site", "action", "actor", "target", "from", "to");

    private final Moderation moderation;
    private final Sites sites;
    private final DashboardTemplates templates;
    private final ObjectMapper json = Json.mapper();

    DashboardAuditPages(Moderation moderation, Sites sites, DashboardTemplates templates) {
        this.moderation = moderation;
        this.sites = sites;
        this.templates = templates;
    }

    /** The filter as typed (to show again and to repeat in links), and any mistakes in it by field. */
    private record Filter(Map<String, String> typed, Map<String, String> errors) {

        AuditQuery query(Optional<String> before, int limit) {
            return new AuditQuery(value("site").map(DashboardQueueRef::siteId).stream().toList(), value("action"),
                    value("actor"), value("target"), value("from").map(from -> instant(from, false)),
                    value("to").map(to -> instant(to, true)), before, limit);
        }

        Optional<String> value(String field) {
            return Optional.ofNullable(typed.get(field)).filter(v -> !v.isEmpty());
        }

        /** The filter as query parameters, with extra name/value pairs after it. */
        String link(String path, String... extra) {
            String[] pairs = Stream.concat(FIELDS.stream().flatMap(f -> Stream.of(f, typed.getOrDefault(f, ""))), Stream.of(extra))
                    .toArray(String[]::new);
            return path + DashboardTemplates.query(pairs);
        }
    }

    // GET /admin/audit?site=&action=&actor=&target=&from=&to=&before= → a page of entries, newest first; 422 on a bad date
    void page(ServerRequest req, ServerResponse res, Session session) {
        Filter filter = filter(req);
        Map<String, Object> params = DashboardTemplates.params(session);
        params.put("filter", filter.typed());
        params.put("errors", filter.errors());
        params.put("sites", DashboardQueuePages.sitesOf(session.user(), sites));
        if (!filter.errors().isEmpty()) {
            params.put("entries", List.of());
            params.put("nextHref", "");
            params.put("csvHref", "");
            params.put("jsonHref", "");
            templates.send(res, Status.UNPROCESSABLE_CONTENT_422, "audit", params);
            return;
        }
        Optional<String> before = req.query().first("before").asOptional().filter(b -> !b.isEmpty());
        List<AuditEntry> found = moderation.audit(session.user(), filter.query(before, PAGE_SIZE + 1));
        List<AuditEntry> entries = found.subList(0, Math.min(PAGE_SIZE, found.size()));
        params.put("entries", entries);
        params.put("nextHref", found.size() > PAGE_SIZE ? filter.link("/admin/audit", "before", entries.getLast().id()) : "");
        params.put("csvHref", filter.link("/admin/audit.csv"));
        params.put("jsonHref", filter.link("/admin/audit.json"));
        templates.send(res, Status.OK_200, "audit", params);
    }

    // GET /admin/audit.csv?site=&action=&actor=&target=&from=&to= → up to 10,000 entries as an RFC 4180 attachment,
    // every cell quoted and none able to start a spreadsheet formula (see SpreadsheetCsv)
    void csv(ServerRequest req, ServerResponse res, Session session) {
        StringBuilder out = new StringBuilder(SpreadsheetCsv.row(CSV_HEADER));
        for (AuditEntry e : export(req, session)) {
            out.append(SpreadsheetCsv.row(List.of(e.id(), e.at().toString(), e.actorId(), e.actorName(), e.site().value(),
                    e.action(), e.targetKind(), e.targetId(), e.reason().orElse(""), e.before().orElse(""), e.after().orElse(""))));
        }
        attachment(res, "text/csv; charset=utf-8; header=present", "parley-audit.csv", out.toString().getBytes(StandardCharsets.UTF_8));
    }

    // GET /admin/audit.json?site=&action=&actor=&target=&from=&to= → up to 10,000 entries as a JSON array attachment
    void json(ServerRequest req, ServerResponse res, Session session) {
        ArrayNode out = json.createArrayNode();
        for (AuditEntry e : export(req, session)) {
            ObjectNode entry = out.addObject().put("id", e.id()).put("at", e.at().toString()).put("actorId", e.actorId())
                    .put("actorName", e.actorName()).put("site", e.site().value()).put("action", e.action())
                    .put("targetKind", e.targetKind()).put("targetId", e.targetId());
            entry.put("reason", e.reason().orElse(null));
            entry.set("before", state(e.before()));
            entry.set("after", state(e.after()));
        }
        attachment(res, "application/json", "parley-audit.json", Json.bytes(json, out));
    }

    /** An export's entries; here a bad date is a broken link, not a typing mistake, so it is a 400 problem. */
    private List<AuditEntry> export(ServerRequest req, Session session) {
        Filter filter = filter(req);
        if (!filter.errors().isEmpty()) {
            var first = filter.errors().entrySet().iterator().next();
            throw new ParleyException.InvalidInput(RequestProblem.INVALID_PARAMETER, "Query parameter '" + first.getKey() + "' "
                    + first.getValue() + ".", filter.errors().entrySet().stream()
                    .map(e -> new FieldError(e.getKey(), e.getValue())).toList());
        }
        return moderation.audit(session.user(), filter.query(Optional.empty(), EXPORT_LIMIT));
    }

    private static Filter filter(ServerRequest req) {
        Map<String, String> typed = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        for (String field : FIELDS) {
            typed.put(field, req.query().first(field).orElse("").strip());
        }
        for (String field : List.of("from", "to")) {
            String value = typed.get(field);
            if (!value.isEmpty() && instantOrEmpty(value, false).isEmpty()) {
                errors.put(field, "must be a date like 2026-11-25, or an instant like 2026-11-25T10:00:00Z");
            }
        }
        return new Filter(typed, errors);
    }

    /** A day means its start in UTC, or for an upper bound ({@code to}, exclusive) the start of the next day. */
    private static Instant instant(String value, boolean endOfDay) {
        return instantOrEmpty(value, endOfDay).orElseThrow();
    }

    private static Optional<Instant> instantOrEmpty(String value, boolean endOfDay) {
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return Optional.of((endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            return Optional.of(Instant.parse(value));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The before or after state as JSON; the log stores JSON text, and anything else is kept as a string. */
    private JsonNode state(Optional<String> text) {
        if (text.isEmpty()) {
            return json.nullNode();
        }
        try {
            return json.readTree(text.get());
        } catch (JsonProcessingException e) {
            return json.getNodeFactory().textNode(text.get());
        }
    }

    private static void attachment(ServerResponse res, String contentType, String filename, byte[] body) {
        res.header(HeaderNames.CONTENT_TYPE, contentType)
                .header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"" + filename + "\"")
                .header(HeaderNames.CACHE_CONTROL, "no-store")
                .send(body);
    }
}
