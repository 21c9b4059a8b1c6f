package org.parley.desk;

import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.parley.http.Form;
import org.parley.http.ParleyException;
import org.parley.moderation.Moderation;
import org.parley.moderation.ModerationProblem;
import org.parley.moderation.ModerationRules;
import org.parley.moderation.ImportedScreening;
import org.parley.moderation.OtherLanguages;
import org.parley.moderation.Premoderation;
import org.parley.sites.Site;
import org.parley.sites.Sites;
import org.parley.staff.Session;
import org.parley.staff.StaffUser;

/**
 * A site's moderation rules as a form: any moderator of the site reads them, site-wide moderators and
 * admins change them with a reason for the audit log. Every mistake in the form is reported at once,
 * next to its field.
 */
final class DashboardRulesPages {

    /** A numeric rule's form field and the values {@link ModerationRules} accepts for it. */
    private record Rule(String name, double min, double max, boolean decimal) {

        String range() {
            return decimal ? "a number from " + number(min) + " to " + number(max)
                    : "a whole number from " + String.format(java.util.Locale.ROOT, "%,d", (long) min) + " to "
                    + String.format(java.util.Locale.ROOT, "%,d", (long) max);
        }
    }

    private static final List<Rule> RULES = List.of(
            new Rule("trustedAfter", 0, 1_000, false),
            new Rule("abuseFlag", 0.001, 1, true),
            new Rule("abuseHold", 0.001, 1, true),
            new Rule("blocksToFlag", 1, 1_000, false),
            new Rule("blockWindowDays", 1, 365, false),
            new Rule("commentsPerMinute", 1, 1_000, false),
            new Rule("commentsPerHour", 1, 100_000, false),
            new Rule("addressCommentsPerMinute", 1, 10_000, false),
            new Rule("flameWarMessages", 2, 100, false),
            new Rule("flameWarMinutes", 1, 10_080, false),
            new Rule("repeatsToFlag", 2, 1_000, false),
            new Rule("repeatHours", 1, 720, false),
            new Rule("linksToFlag", 1, 100, false),
            new Rule("nudgeAt", 0.001, 1, true),
            new Rule("imagesTrustedAfter", 0, 1_000, false));

    private final Moderation moderation;
    private final Sites sites;
    private final DashboardTemplates templates;

    DashboardRulesPages(Moderation moderation, Sites sites, DashboardTemplates templates) {
        this.moderation = moderation;
        this.sites = sites;
        this.templates = templates;
    }

    // GET /admin/sites/{site}/rules[?done=saved] → the rules form (read-only for section moderators); 403 outside the site
    void show(ServerRequest req, ServerResponse res, Session session) {
        Site site = sites.require(req.path().pathParameters().get("site"));
        ModerationRules rules = moderation.rules(session.user(), site.id());
        render(res, session, Status.OK_200, site, rules.premoderation().apiName(), rules.otherLanguages().apiName(), values(rules),
                Map.of(), "",
                DashboardTemplates.doneMessage(req.query().first("done").orElse("")));
    }

    // POST /admin/sites/{site}/rules (csrf, premoderation, every rule, reason) → 303 to the form; 422 listing every mistake
    void save(ServerRequest req, ServerResponse res, Session session, Form form) {
        Site site = sites.require(req.path().pathParameters().get("site"));
        StaffUser user = session.user();
        if (!user.mayModerate(site.id(), Optional.empty())) {
            throw new ParleyException.Forbidden(ModerationProblem.OUT_OF_SCOPE,
                    "Only site-wide moderators of '" + site.id() + "' and admins change its rules.");
        }
        Map<String, String> typed = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        String mode = form.optional("premoderation").orElse("");
        Optional<Premoderation> premoderation = Premoderation.parse(mode);
        if (premoderation.isEmpty()) {
            errors.put("premoderation", "Choose which comments wait for a moderator.");
        }
        String languages = form.optional("otherLanguages").orElse(OtherLanguages.WORDS.apiName());
        Optional<OtherLanguages> otherLanguages = OtherLanguages.parse(languages);
        if (otherLanguages.isEmpty()) {
            errors.put("otherLanguages", "Choose what happens to comments not in English.");
        }
        // A form from before this rule existed keeps the site's value.
        String imported = form.optional("importedScreening").orElse(moderation.rules(user, site.id()).importedScreening().apiName());
        Optional<ImportedScreening> importedScreening = ImportedScreening.parse(imported);
        typed.put("importedScreening", imported);
        if (importedScreening.isEmpty()) {
            errors.put("importedScreening", "Choose what screening may do to imported comments.");
        }
        Map<String, Double> numbers = new LinkedHashMap<>();
        for (Rule rule : RULES) {
            String raw = form.optional(rule.name()).orElse("").strip();
            typed.put(rule.name(), raw);
            parse(rule, raw).ifPresentOrElse(value -> numbers.put(rule.name(), value),
                    () -> errors.put(rule.name(), "Must be " + rule.range() + "."));
        }
        if (numbers.containsKey("abuseFlag") && numbers.containsKey("abuseHold") && numbers.get("abuseFlag") > numbers.get("abuseHold")) {
            errors.put("abuseHold", "Must be at least the flag threshold (" + typed.get("abuseFlag")
                    + "): a comment is flagged for review before it is held.");
        }
        String reason = form.optional("reason").orElse("").strip();
        if (reason.isEmpty()) {
            errors.put("reason", "Say why the rules change; the audit log keeps it.");
        }
        if (!errors.isEmpty()) {
            render(res, session, Status.UNPROCESSABLE_CONTENT_422, site, mode, languages, typed, errors, reason, "");
            return;
        }
        moderation.saveRules(user, site.id(), rules(premoderation.orElseThrow(), otherLanguages.orElseThrow(), numbers)
                .withImportedScreening(importedScreening.orElseThrow()), reason);
        DashboardTemplates.redirect(res, "/admin/sites/" + site.id() + "/rules?done=saved");
    }

    private void render(ServerResponse res, Session session, Status status, Site site, String premoderation, String otherLanguages,
                        Map<String, String> values, Map<String, String> errors, String reason, String done) {
        Map<String, Object> params = DashboardTemplates.params(session);
        params.put("site", site);
        params.put("canEdit", session.user().mayModerate(site.id(), Optional.empty()));
        params.put("nudges", moderation.nudgeStats(session.user(), site.id()));
        params.put("premoderation", premoderation);
        params.put("otherLanguages", otherLanguages);
        params.put("values", values);
        params.put("errors", errors);
        Map<String, String> ranges = new LinkedHashMap<>();
        RULES.forEach(rule -> ranges.put(rule.name(), rule.range()));
        params.put("ranges", ranges);
        params.put("reason", reason);
        params.put("done", done);
        templates.send(res, status, "rules", params);
    }

    private static Optional<Double> parse(Rule rule, String raw) {
        try {
            double value = rule.decimal() ? Double.parseDouble(raw) : Integer.parseInt(raw);
            return Double.isFinite(value) && value >= rule.min() && value <= rule.max() ? Optional.of(value) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Map<String, String> values(ModerationRules r) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("trustedAfter", Integer.toString(r.trustedAfter()));
        values.put("importedScreening", r.importedScreening().apiName());
        values.put("abuseFlag", number(r.abuseFlag()));
        values.put("abuseHold", number(r.abuseHold()));
        values.put("blocksToFlag", Integer.toString(r.blocksToFlag()));
        values.put("blockWindowDays", Integer.toString(r.blockWindowDays()));
        values.put("commentsPerMinute", Integer.toString(r.commentsPerMinute()));
        values.put("commentsPerHour", Integer.toString(r.commentsPerHour()));
        values.put("addressCommentsPerMinute", Integer.toString(r.addressCommentsPerMinute()));
        values.put("flameWarMessages", Integer.toString(r.flameWarMessages()));
        values.put("flameWarMinutes", Integer.toString(r.flameWarMinutes()));
        values.put("repeatsToFlag", Integer.toString(r.repeatsToFlag()));
        values.put("repeatHours", Integer.toString(r.repeatHours()));
        values.put("linksToFlag", Integer.toString(r.linksToFlag()));
        values.put("nudgeAt", number(r.nudgeAt()));
        values.put("imagesTrustedAfter", Integer.toString(r.imagesTrustedAfter()));
        return values;
    }

    private static ModerationRules rules(Premoderation mode, OtherLanguages otherLanguages, Map<String, Double> n) {
        return new ModerationRules(mode, whole(n, "trustedAfter"), n.get("abuseFlag"), n.get("abuseHold"),
                whole(n, "blocksToFlag"), whole(n, "blockWindowDays"), whole(n, "commentsPerMinute"), whole(n, "commentsPerHour"),
                whole(n, "addressCommentsPerMinute"), whole(n, "flameWarMessages"), whole(n, "flameWarMinutes"),
                whole(n, "repeatsToFlag"), whole(n, "repeatHours"), whole(n, "linksToFlag"), n.get("nudgeAt"),
                whole(n, "imagesTrustedAfter"), otherLanguages);
    }

    private static int whole(Map<String, Double> numbers, String name) {
        return numbers.get(name).intValue();
    }

    /** 0.5 rather than 0.50000, 1 rather than 1.0. */
    private static String number(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
