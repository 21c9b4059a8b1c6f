package org.parley.moderation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.parley.comments.PageKey;
import org.parley.http.Json;
import org.parley.sites.SiteId;
import org.parley.store.Database;
import org.parley.store.SharedCache;

/**
 * Each site's moderation rules and each page's own pre-moderation mode, stored as JSON and kept parsed
 * in memory (every comment posted asks) until they change: a change made on any node is seen at once on
 * this one and within about a second on the others.
 */
final class RulesBook {

    private static final String SITE_WIDE = "";
    private static final int MAX_SITES = 10_000;
    private static final int MAX_PAGES = 100_000;

    private final Database db;
    private final ObjectMapper json = Json.mapper();
    private final SettingsRepository repository = new SettingsRepository();
    private final ModerationRules defaults;
    private final SharedCache<ModerationRules> siteRules;
    /** A page's own mode, keyed by site and page; empty when the page follows its site. */
    private final SharedCache<Optional<Premoderation>> pageModes;

    RulesBook(Database db, ModerationRules defaults) {
        this.db = db;
        this.defaults = defaults;
        this.siteRules = db.caches().cache("moderation-rules", MAX_SITES, (h, site) ->
                repository.find(h, new SiteId(site), SITE_WIDE).map(this::withDefaults).orElse(defaults));
        this.pageModes = db.caches().cache("page-premoderation", MAX_PAGES, (h, key) -> {
            int split = key.indexOf('\n');
            return repository.find(h, new SiteId(key.substring(0, split)), key.substring(split + 1))
                    .map(text -> read(text, PagePremoderation.class).premoderation());
        });
    }

    /** The rules for a comment on this page: the site's, with the page's pre-moderation mode if it has one. */
    ModerationRules forPage(SiteId site, PageKey page) {
        ModerationRules rules = forSite(site);
        return pageMode(site, page).map(rules::withPremoderation).orElse(rules);
    }

    ModerationRules forSite(SiteId site) {
        return siteRules.get(site.value());
    }

    /** The page's own pre-moderation mode, if it has one. */
    Optional<Premoderation> pageMode(SiteId site, PageKey page) {
        return pageModes.get(pageKey(site, page));
    }

    void saveSite(SiteId site, ModerationRules rules, String by, Instant now) {
        db.write(h -> {
            repository.save(h, site, SITE_WIDE, Json.text(json, rules), by, now);
            siteRules.changed(site.value());
            return null;
        });
    }

    void savePage(SiteId site, PageKey page, Optional<Premoderation> mode, String by, Instant now) {
        db.write(h -> {
            if (mode.isEmpty()) {
                repository.delete(h, site, page.value());
            } else {
                byte[] settings = Json.bytes(json, new PagePremoderation(mode.get()));
                repository.save(h, site, page.value(), new String(settings, StandardCharsets.UTF_8), by, now);
            }
            pageModes.changed(pageKey(site, page));
            return null;
        });
    }

    /** A page's setting: only its pre-moderation mode. */
    record PagePremoderation(Premoderation premoderation) {
    }

    /** Stored rules over today's defaults, so a rule added since they were saved takes its default. */
    private ModerationRules withDefaults(String text) {
        try {
            ObjectNode merged = json.valueToTree(defaults);
            merged.setAll((ObjectNode) json.readTree(text));
            return json.treeToValue(merged, ModerationRules.class);
        } catch (IOException e) {
            throw new UncheckedIOException("stored moderation settings are not readable: " + text, e);
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (IOException e) {
            throw new UncheckedIOException("stored moderation settings are not readable: " + text, e);
        }
    }

    private static String pageKey(SiteId site, PageKey page) {
        return site.value() + '\n' + page.value();
    }
}
