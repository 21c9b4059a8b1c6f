package org.parley.desk;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.Utf8ByteOutput;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.StringJoiner;
import org.parley.staff.Session;

/**
 * Renders the dashboard's precompiled JTE templates ({@code src/main/jte/desk}) and sends them.
 * Templates live in another package, so they see only public types: the door's records, staff and site
 * records and JDK types; everything else a page needs is worked out before rendering.
 */
final class DashboardTemplates {

    /** What a page says after a redirect, by the {@code done=…} parameter the redirect carries. */
    private static final Map<String, String> DONE = Map.ofEntries(
            Map.entry("approved", "Approved."),
            Map.entry("approved-selected", "Approved the selected cases."),
            Map.entry("rejected", "Rejected. The author sees your reason."),
            Map.entry("rejected-selected", "Rejected the selected cases. Each author sees your reason."),
            Map.entry("featured", "Featured."),
            Map.entry("unfeatured", "No longer featured."),
            Map.entry("warned", "Warned the author."),
            Map.entry("suspended", "Suspended the author."),
            Map.entry("banned", "Banned the author from the site. This case is closed."),
            Map.entry("banned-and-rejected", "Banned the author from the site and rejected their published comments. Their cases are closed."),
            Map.entry("lifted", "Lifted the sanction."),
            Map.entry("image-removed", "Removed the image. The text stays; the picture is deleted unless another comment shows it."),
            Map.entry("saved", "Saved the rules."),
            Map.entry("words", "Saved the word list. New comments are matched against it from now on."));

    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

    /** The parameters every page's layout needs: who is signed in and the token their forms carry. */
    static Map<String, Object> params(Session session) {
        Map<String, Object> params = new HashMap<>();
        params.put("user", session.user());
        params.put("csrf", session.csrfToken());
        return params;
    }

    /** Renders {@code desk/<template>.jte}; pages are personal, so nothing caches them. */
    void send(ServerResponse res, Status status, String template, Map<String, Object> params) {
        Utf8ByteOutput html = new Utf8ByteOutput();
        engine.render("desk/" + template + ".jte", params, html);
        res.status(status)
                .header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8")
                .header(HeaderNames.CACHE_CONTROL, "no-store")
                .send(html.toByteArray());
    }

    /** The sentence a {@code done=…} link parameter stands for; empty for anything else. */
    static String doneMessage(String done) {
        return DONE.getOrDefault(done, "");
    }

    static void redirect(ServerResponse res, String location) {
        res.status(Status.SEE_OTHER_303)
                .header(HeaderNames.LOCATION, location)
                .header(HeaderNames.CACHE_CONTROL, "no-store")
                .send();
    }

    /** {@code name=value&…} from name/value pairs, leaving out empty values; {@code ?} first unless empty. */
    static String query(String... pairs) {
        StringJoiner joined = new StringJoiner("&", "?", "").setEmptyValue("");
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (pairs[i + 1] != null && !pairs[i + 1].isEmpty()) {
                joined.add(pairs[i] + "=" + URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
            }
        }
        return joined.toString();
    }
}
