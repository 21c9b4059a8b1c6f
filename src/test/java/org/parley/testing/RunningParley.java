package org.parley.testing;

import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.parley.sites.NewSite;
import org.parley.sites.SavedSite;
import org.parley.sites.SiteId;
import org.parley.web.ConfigKey;
import org.parley.web.Parley;
import org.parley.web.ParleyConfig;

/**
 * A real Parley server for integration tests: SQLite in a temporary directory, a free port, the
 * production routing. Close it after the test class.
 */
public final class RunningParley implements AutoCloseable {

    static {
        org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
        org.slf4j.bridge.SLF4JBridgeHandler.install();
    }

    private final Parley parley;
    private final Http http;

    private RunningParley(Parley parley) {
        this.parley = parley;
        this.http = new Http("http://localhost:" + parley.port());
    }

    public static RunningParley start(Path dataDir, Clock clock, boolean demo, Map<ConfigKey, String> overrides) {
        Map<ConfigKey, String> config = new EnumMap<>(ConfigKey.class);
        config.put(ConfigKey.SERVER_PORT, "0");
        config.put(ConfigKey.SERVER_HOST, "127.0.0.1");
        config.put(ConfigKey.DATA_DIR, dataDir.toString());
        // Tests post quickly from one address; tests of rate limits set their own values.
        config.put(ConfigKey.MODERATION_COMMENTS_PER_MINUTE, "1000");
        config.put(ConfigKey.MODERATION_COMMENTS_PER_HOUR, "100000");
        config.put(ConfigKey.MODERATION_ADDRESS_COMMENTS_PER_MINUTE, "10000");
        // All their guests come from 127.0.0.1: as many as they like, and none brand-new (so none counts
        // once with the others or shares their allowances). Tests of guest limits and voices set their own.
        config.put(ConfigKey.IDENTITY_GUESTS_PER_ADDRESS_PER_MINUTE, "1000000");
        config.put(ConfigKey.IDENTITY_GUESTS_PER_ADDRESS_PER_HOUR, "10000000");
        config.put(ConfigKey.IDENTITY_NEW_GUEST_HOURS, "0");
        // For the same reason no traces: every test reader writes from the network of any reader a test banned.
        config.put(ConfigKey.IDENTITY_TRACE_DAYS, "0");
        config.putAll(overrides);
        return new RunningParley(Parley.start(ParleyConfig.of(config), clock, demo));
    }

    public static RunningParley start(Path dataDir) {
        return start(dataDir, Clock.systemUTC(), false, Map.of());
    }

    public Http http() {
        return http;
    }

    public Parley parley() {
        return parley;
    }

    public int port() {
        return parley.port();
    }

    /** Creates a site allowing the given origins; returns it with its API secret. */
    public SavedSite site(String id, String... origins) {
        return parley.sites().save(NewSite.withDefaults(new SiteId(id), "Test site " + id, List.of(origins)));
    }

    /** A new guest's bearer token, created through the API as the widget does. */
    public String guestToken(String site) {
        var reply = http.post("/api/v1/sites/" + site + "/guests", "{}");
        if (reply.status() != 201) {
            throw new AssertionError("guest creation failed: " + reply.status() + " " + reply.text());
        }
        return reply.json().get("token").asText();
    }

    @Override
    public void close() {
        parley.close();
    }
}
