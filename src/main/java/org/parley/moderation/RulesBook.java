package org.parley.moderation;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.parley.comments.PageKey;
import org.parley.http.Json;
import org.parley.sites.SiteId;
import org.parley.store.Database;

/**
 * Each site's moderation rules and each page's own pre-moderation mode, stored as JSON and cached
 * (every comment posted asks). A change through this class is visible at once on this node.
 */
final class RulesBook {

    private static final String SITE_WIDE = "";
    private static final int MAX_CACHED = 100_000;

    private final Database db;
    private final ObjectMapper json = Json.mapper();
    private final SettingsRepository repository = new SettingsRepository();
    private final Map<String, Optional<String>> cache = new ConcurrentHashMap<>();

    private final ModerationRules defaults;

    RulesBook(Database db, ModerationRules defaults) {
        this.db = db;
        this.defaults = defaults;
    }

    /** The rules for a comment on this page: the site's, with the page's pre-moderation mode if it has one. */
    ModerationRules forPage(SiteId site, PageKey page) {
        ModerationRules rules = forSite(site);
        return stored(site, page.value())
                .map(text -> read(text, PagePremoderation.class).premoderation())
                .map(rules::withPremoderation)
                .orElse(rules);
    }

    ModerationRules forSite(SiteId site) {
        return stored(site, SITE_WIDE).map(this::withDefaults).orElse(defaults);
    }

    /** Stored rules over today's defaults, so a rule added since they were saved takes its default. */
    private ModerationRules withDefaults(String text) {
        try {
            com.fasterxml.jackson.databind.node.ObjectNode merged = json.valueToTree(defaults);
            merged.setAll((com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(text));
            return json.treeToValue(merged, ModerationRules.class);
        } catch (IOException e) {
            throw new UncheckedIOException("stored moderation settings are not readable: " + text, e);
        }
    }

    /** The page's own pre-moderation mode, if it has one. */
    Optional<Premoderation> pageMode(SiteId site, PageKey page) {
        return stored(site, page.value()).map(text -> read(text, PagePremoderation.class).premoderation());
    }

    void saveSite(SiteId site, ModerationRules rules, String by, Instant now) {
        save(site, SITE_WIDE, Json.bytes(json, rules), by, now);
    }

    void savePage(SiteId site, PageKey page, Optional<Premoderation> mode, String by, Instant now) {
        if (mode.isEmpty()) {
            db.write(h -> {
                repository.delete(h, site, page.value());
                return null;
            });
            db.afterCommit(() -> cache.remove(key(site, page.value())));
            return;
        }
        save(site, page.value(), Json.bytes(json, new PagePremoderation(mode.get())), by, now);
    }

    /** A page's setting: only its pre-moderation mode. */
    record PagePremoderation(Premoderation premoderation) {
    }

    private void save(SiteId site, String page, byte[] settings, String by, Instant now) {
        db.write(h -> {
            repository.save(h, site, page, new String(settings, java.nio.charset.StandardCharsets.UTF_8), by, now);
            return null;
        });
        db.afterCommit(() -> cache.remove(key(site, page)));
    }

    private Optional<String> stored(SiteId site, String page) {
        String key = key(site, page);
        Optional<String> cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        Optional<String> loaded = db.read(h -> repository.find(h, site, page));
        if (!db.inTransaction()) {
            if (cache.size() > MAX_CACHED) {
                cache.clear();
            }
            cache.put(key, loaded);
        }
        return loaded;
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (IOException e) {
            throw new UncheckedIOException("stored moderation settings are not readable: " + text, e);
        }
    }

    private static String key(SiteId site, String page) {
        return site.value() + '\n' + page;
    }
}
