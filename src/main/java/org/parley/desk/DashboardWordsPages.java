package org.parley.desk;

import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.parley.http.Form;
import org.parley.http.ParleyException;
import org.parley.moderation.Moderation;
import org.parley.moderation.ModerationProblem;
import org.parley.sites.Site;
import org.parley.sites.Sites;
import org.parley.staff.Session;
import org.parley.staff.StaffUser;
import org.parley.words.WordTerm;

/**
 * A site's word list: any moderator of the site reads it, site-wide moderators and admins add terms
 * (one per line, banned or suspect) and remove them, with a reason for the audit log. Long lists are
 * searched, not scrolled: the page shows at most {@link #SHOWN} terms matching the filter.
 */
final class DashboardWordsPages {

    static final int SHOWN = 500;
    static final int MAX_ADDED = 10_000;
    /** Longest term the form promises to take 10,000 of, in any script. */
    static final int PROMISED_TERM_LENGTH = 40;
    /**
     * The form's size limit, which the form states: 10,000 terms of 40 characters of any script fit as a
     * browser sends them (a character outside ASCII takes up to 9 bytes percent-encoded, a line break 6).
     */
    static final int MAX_FORM_BYTES = 4 << 20;
    static final String LIMITS = "up to " + String.format(java.util.Locale.ROOT, "%,d", MAX_ADDED) + " terms (of up to "
            + PROMISED_TERM_LENGTH + " characters, in any script) per save; split a longer list into several saves";

    private final Moderation moderation;
    private final Sites sites;
    private final DashboardTemplates templates;

    DashboardWordsPages(Moderation moderation, Sites sites, DashboardTemplates templates) {
        this.moderation = moderation;
        this.sites = sites;
        this.templates = templates;
    }

    // GET /admin/sites/{site}/words[?q=filter][&done=words] → the list and the form to change it
    void show(ServerRequest req, ServerResponse res, Session session) {
        Site site = sites.require(req.path().pathParameters().get("site"));
        String filter = req.query().first("q").orElse("").strip();
        render(res, session, Status.OK_200, site, filter, "", "suspect", "", Map.of(),
                DashboardTemplates.doneMessage(req.query().first("done").orElse("")));
    }

    // POST /admin/sites/{site}/words (csrf, add: one term per line, kind, remove: repeated, reason) → 303; 422 with the mistakes
    void save(ServerRequest req, ServerResponse res, Session session, Form form) {
        Site site = sites.require(req.path().pathParameters().get("site"));
        StaffUser user = session.user();
        if (!user.mayModerate(site.id(), Optional.empty())) {
            throw new ParleyException.Forbidden(ModerationProblem.OUT_OF_SCOPE,
                    "Only site-wide moderators of '" + site.id() + "' and admins change its word list.");
        }
        String added = form.optional("add").orElse("");
        String kind = form.optional("kind").orElse("");
        String reason = form.optional("reason").orElse("").strip();
        List<String> remove = form.all("remove");
        Map<String, String> errors = new LinkedHashMap<>();
        WordTerm.Kind parsedKind = "banned".equals(kind) ? WordTerm.Kind.BANNED : WordTerm.Kind.SUSPECT;
        if (!added.isBlank() && !kind.equals("banned") && !kind.equals("suspect")) {
            errors.put("kind", "Choose banned (rejects the comment) or suspect (flags it).");
        }
        List<WordTerm> terms = new ArrayList<>();
        for (String line : added.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                terms.add(new WordTerm(line.strip(), parsedKind));
            } catch (IllegalArgumentException e) {
                errors.putIfAbsent("add", "Line \"" + abbreviate(line.strip()) + "\": " + e.getMessage() + ".");
            }
        }
        if (terms.size() > MAX_ADDED) {
            errors.put("add", "Add at most " + MAX_ADDED + " terms at a time (" + terms.size() + " given).");
        }
        if (terms.isEmpty() && remove.isEmpty()) {
            errors.put("add", "Write at least one term, or tick terms to remove.");
        }
        if (reason.isEmpty()) {
            errors.put("reason", "Say why the list changes; the audit log keeps it.");
        }
        if (!errors.isEmpty()) {
            render(res, session, Status.UNPROCESSABLE_CONTENT_422, site, "", added, kind, reason, errors, "");
            return;
        }
        try {
            moderation.changeWords(user, site.id(), terms, remove, reason);
        } catch (ParleyException.InvalidInput e) {
            render(res, session, Status.UNPROCESSABLE_CONTENT_422, site, "", added, kind, reason, Map.of("add", e.getMessage()), "");
            return;
        }
        DashboardTemplates.redirect(res, "/admin/sites/" + site.id() + "/words?done=words");
    }

    private void render(ServerResponse res, Session session, Status status, Site site, String filter, String added,
                        String kind, String reason, Map<String, String> errors, String done) {
        List<WordTerm> all = moderation.words(session.user(), site.id());
        String needle = filter.toLowerCase(Locale.ROOT);
        List<WordTerm> matching = all.stream().filter(t -> needle.isEmpty() || t.text().toLowerCase(Locale.ROOT).contains(needle)).toList();
        Map<String, Object> params = DashboardTemplates.params(session);
        params.put("site", site);
        params.put("canEdit", session.user().mayModerate(site.id(), Optional.empty()));
        params.put("total", all.size());
        params.put("matching", matching.size());
        params.put("terms", matching.subList(0, Math.min(SHOWN, matching.size())));
        params.put("filter", filter);
        params.put("added", added);
        params.put("kind", kind);
        params.put("reason", reason);
        params.put("errors", errors);
        params.put("done", done);
        params.put("limits", LIMITS);
        templates.send(res, status, "words", params);
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
