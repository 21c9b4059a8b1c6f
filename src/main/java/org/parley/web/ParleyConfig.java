package org.parley.web;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import org.parley.comments.CommentsConfig;
import org.parley.identity.IdentityConfig;
import org.parley.mail.EmailAddress;
import org.parley.mail.MailConfig;
import org.parley.mail.SmtpServer;
import org.parley.mail.TlsMode;
import org.parley.media.MediaConfig;
import org.parley.moderation.ModerationRules;
import org.parley.store.StoreConfig;
import org.parley.webhooks.WebhooksConfig;

/**
 * Parley's whole configuration, immutable and validated. Each value comes from the first of: a
 * command-line flag, a {@code PARLEY_*} environment variable, the configuration file (Java properties),
 * the default in {@link ConfigKey}. An invalid value fails start-up with the key, the value and where it
 * came from.
 */
public record ParleyConfig(Server server, StoreConfig store, CommentsConfig comments, ModerationRules moderation, Live live,
                           MediaConfig media, IdentityConfig identity, LogFormat logFormat, Metrics metrics, MailConfig mail,
                           WebhooksConfig webhooks, boolean abuseEncoder) {

    /** Where Parley listens, how readers reach it, which proxies' forwarded addresses to believe, how long it waits. */
    public record Server(String host, int port, String publicUrl, List<String> trustedProxies, Timeouts timeouts,
                         Duration shutdownGrace) {
        public Server {
            trustedProxies = List.copyOf(trustedProxies);
        }

        /** Where a browser on this machine reaches the server, however it names the host (the demo site's origins). */
        public List<String> ownOrigins() {
            return List.of(publicUrl, "http://localhost:" + port, "http://127.0.0.1:" + port);
        }
    }

    /**
     * How long a connection may keep the server waiting: for a request's line and headers (from their first
     * byte), for each read of a request body, and between requests; and how fast, on average, a body must
     * arrive once it has had {@code bodyRead} to get going (0: any speed). Responses being written, live
     * streams included, are never cut by these.
     */
    public record Timeouts(Duration header, Duration bodyRead, Duration idle, int minBodyBytesPerSecond) {
    }

    /** Live stream settings. */
    public record Live(Duration heartbeat, int clientQueueSize, int maxClients) {
    }

    /**
     * The metrics endpoint: the bearer token {@code GET /metrics} requires, or none, when it answers whoever
     * reaches it. The token never shows in {@link #toString}.
     */
    public record Metrics(Optional<String> token) {
        /** Shortest token accepted: guessing one must be hopeless even without rate limits. */
        public static final int MIN_TOKEN_LENGTH = 16;

        @Override
        public String toString() {
            return "Metrics[token=" + (token.isPresent() ? "set" : "none") + "]";
        }
    }

    /** A configuration of defaults only, with overrides; for tests and tools. */
    public static ParleyConfig of(Map<ConfigKey, String> overrides) {
        return load(Map.of(), Optional.empty(), overrides);
    }

    /**
     * Resolves every key from {@code flags}, then {@code env}, then the file, then the default.
     *
     * @throws IllegalArgumentException naming the key whose value is unusable
     */
    public static ParleyConfig load(Map<String, String> env, Optional<Path> file, Map<ConfigKey, String> flags) {
        Properties fromFile = file.map(ParleyConfig::read).orElseGet(Properties::new);
        Map<ConfigKey, String> values = new EnumMap<>(ConfigKey.class);
        Map<ConfigKey, String> sources = new EnumMap<>(ConfigKey.class);
        for (ConfigKey key : ConfigKey.values()) {
            if (flags.containsKey(key)) {
                values.put(key, flags.get(key));
                sources.put(key, "command-line flag");
            } else if (env.containsKey(key.env())) {
                values.put(key, env.get(key.env()));
                sources.put(key, "environment variable " + key.env());
            } else if (fromFile.containsKey(key.key())) {
                values.put(key, fromFile.getProperty(key.key()));
                sources.put(key, "file " + file.orElseThrow());
            } else {
                values.put(key, key.fallback());
                sources.put(key, "default");
            }
        }
        var reader = new Values(values, sources);
        int port = reader.integer(ConfigKey.SERVER_PORT, 0, 65_535);
        String publicUrl = values.get(ConfigKey.SERVER_PUBLIC_URL).strip();
        var server = new Server(values.get(ConfigKey.SERVER_HOST).strip(), port,
                publicUrl.isEmpty() ? "http://localhost:" + port : publicUrl.replaceAll("/+$", ""),
                Arrays.stream(values.get(ConfigKey.SERVER_TRUSTED_PROXIES).split(",")).map(String::strip)
                        .filter(s -> !s.isEmpty()).toList(),
                new Timeouts(Duration.ofSeconds(reader.integer(ConfigKey.SERVER_HEADER_TIMEOUT_SECONDS, 1, 3_600)),
                        Duration.ofSeconds(reader.integer(ConfigKey.SERVER_BODY_READ_TIMEOUT_SECONDS, 1, 3_600)),
                        Duration.ofSeconds(reader.integer(ConfigKey.SERVER_IDLE_TIMEOUT_SECONDS, 1, 86_400)),
                        reader.integer(ConfigKey.SERVER_MIN_BODY_BYTES_PER_SECOND, 0, 1 << 20)),
                Duration.ofSeconds(reader.integer(ConfigKey.SERVER_SHUTDOWN_GRACE_SECONDS, 0, 300)));
        try {
            var store = new StoreConfig(values.get(ConfigKey.DB_URL), values.get(ConfigKey.DB_USER),
                    values.get(ConfigKey.DB_PASSWORD), reader.integer(ConfigKey.DB_POOL_SIZE, 1, 200),
                    Path.of(values.get(ConfigKey.DATA_DIR)));
            store.vendor();
            var comments = new CommentsConfig(reader.integer(ConfigKey.COMMENTS_PAGE_SIZE, 1, CommentsConfig.MAX_PAGE_SIZE),
                    reader.integer(ConfigKey.COMMENTS_REPLIES_PER_COMMENT, 1, 50),
                    reader.integer(ConfigKey.COMMENTS_INLINE_REPLY_LEVELS, 0, 20),
                    reader.integer(ConfigKey.COMMENTS_CACHED_PAGES, 1, 1_000_000));
            var live = new Live(Duration.ofSeconds(reader.integer(ConfigKey.LIVE_HEARTBEAT_SECONDS, 1, 3_600)),
                    reader.integer(ConfigKey.LIVE_CLIENT_QUEUE_SIZE, 8, 100_000),
                    reader.integer(ConfigKey.LIVE_MAX_CLIENTS, 0, 10_000_000));
            ModerationRules defaults = ModerationRules.defaults();
            var moderation = new ModerationRules(defaults.premoderation(), defaults.trustedAfter(), defaults.abuseFlag(),
                    defaults.abuseHold(), defaults.blocksToFlag(), defaults.blockWindowDays(),
                    reader.integer(ConfigKey.MODERATION_COMMENTS_PER_MINUTE, 1, 1_000),
                    reader.integer(ConfigKey.MODERATION_COMMENTS_PER_HOUR, 1, 100_000),
                    reader.integer(ConfigKey.MODERATION_ADDRESS_COMMENTS_PER_MINUTE, 1, 10_000),
                    defaults.flameWarMessages(), defaults.flameWarMinutes(), defaults.repeatsToFlag(), defaults.repeatHours(),
                    defaults.linksToFlag(), defaults.nudgeAt(), defaults.imagesTrustedAfter(), defaults.otherLanguages());
            var media = new MediaConfig(reader.integer(ConfigKey.MEDIA_MAX_UPLOAD_BYTES, 1024, MediaConfig.MAX_UPLOAD_BYTES_LIMIT),
                    reader.integer(ConfigKey.MEDIA_MAX_PIXELS, 1, MediaConfig.MAX_PIXELS_LIMIT),
                    reader.integer(ConfigKey.MEDIA_DISPLAY_LONG_SIDE_PIXELS, 16, MediaConfig.MAX_DISPLAY_LONG_SIDE),
                    reader.integer(ConfigKey.MEDIA_THUMB_LONG_SIDE_PIXELS, 16, MediaConfig.MAX_DISPLAY_LONG_SIDE),
                    reader.integer(ConfigKey.MEDIA_UPLOADS_PER_GUEST, 1, 100_000),
                    reader.integer(ConfigKey.MEDIA_UPLOADS_PER_ADDRESS, 1, 1_000_000),
                    reader.integer(ConfigKey.MEDIA_UPLOAD_MEMORY_PERCENT, MediaConfig.MIN_UPLOAD_MEMORY_PERCENT,
                            MediaConfig.MAX_UPLOAD_MEMORY_PERCENT),
                    reader.integer(ConfigKey.MEDIA_UPLOAD_WAIT_SECONDS, 0, MediaConfig.MAX_UPLOAD_WAIT_SECONDS));
            var identity = new IdentityConfig(reader.integer(ConfigKey.IDENTITY_GUESTS_PER_ADDRESS_PER_MINUTE, 1, 1_000_000),
                    reader.integer(ConfigKey.IDENTITY_GUESTS_PER_ADDRESS_PER_HOUR, 1, 10_000_000),
                    Duration.ofHours(reader.integer(ConfigKey.IDENTITY_NEW_GUEST_HOURS, 0, 24 * 365)),
                    Duration.ofDays(reader.integer(ConfigKey.IDENTITY_TRACE_DAYS, 0, 3650)));
            var webhooks = new WebhooksConfig(reader.choice(ConfigKey.WEBHOOKS_ALLOW_PRIVATE_TARGETS, new Boolean[] {false, true},
                    String::valueOf), Duration.ofSeconds(reader.integer(ConfigKey.WEBHOOKS_TIMEOUT_SECONDS, 1, 60)),
                    reader.integer(ConfigKey.WEBHOOKS_MAX_ATTEMPTS, 1, WebhooksConfig.MAX_ATTEMPTS_LIMIT),
                    Duration.ofDays(reader.integer(ConfigKey.WEBHOOKS_LOG_DAYS, 1, 3_650)),
                    Duration.ofMillis(reader.integer(ConfigKey.WEBHOOKS_POLL_MILLIS, 10, 600_000)));
            return new ParleyConfig(server, store, comments, moderation, live, media, identity,
                    reader.choice(ConfigKey.LOGGING_FORMAT, LogFormat.values(), LogFormat::value), reader.metrics(), reader.mail(),
                    webhooks, reader.choice(ConfigKey.ABUSE_ENCODER, new String[] {"on", "off"}, v -> v).equals("on"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid configuration: " + e.getMessage(), e);
        }
    }

    private record Values(Map<ConfigKey, String> values, Map<ConfigKey, String> sources) {
        int integer(ConfigKey key, int min, int max) {
            String raw = values.get(key).strip();
            try {
                int value = Integer.parseInt(raw);
                if (value >= min && value <= max) {
                    return value;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new IllegalArgumentException(key.key() + " must be an integer from " + min + " to " + max
                    + ", but " + sources.get(key) + " says '" + raw + "'");
        }

        /** The token is a secret: an error says what is wrong with it, never what it is. */
        Metrics metrics() {
            String token = values.get(ConfigKey.METRICS_TOKEN).strip();
            if (token.isEmpty()) {
                return new Metrics(Optional.empty());
            }
            boolean visible = token.chars().allMatch(c -> c > ' ' && c < 127);
            if (token.length() < Metrics.MIN_TOKEN_LENGTH || !visible) {
                throw new IllegalArgumentException(ConfigKey.METRICS_TOKEN.key() + " must be at least " + Metrics.MIN_TOKEN_LENGTH
                        + " visible ASCII characters without spaces, but the one " + sources.get(ConfigKey.METRICS_TOKEN)
                        + " gives has " + token.length() + " characters" + (visible ? "" : ", not all of them visible ASCII"));
            }
            return new Metrics(Optional.of(token));
        }

        /** Email is off without a host; with one, it needs a From address. The password is never quoted. */
        MailConfig mail() {
            int port = integer(ConfigKey.MAIL_SMTP_PORT, 1, 65_535);
            TlsMode tls = choice(ConfigKey.MAIL_SMTP_TLS, TlsMode.values(), TlsMode::value);
            Duration connect = Duration.ofSeconds(integer(ConfigKey.MAIL_CONNECT_TIMEOUT_SECONDS, 1, 600));
            Duration read = Duration.ofSeconds(integer(ConfigKey.MAIL_READ_TIMEOUT_SECONDS, 1, 600));
            int attempts = integer(ConfigKey.MAIL_MAX_ATTEMPTS, 1, 100);
            Duration retention = Duration.ofDays(integer(ConfigKey.MAIL_RETENTION_DAYS, 1, 3_650));
            String dir = values.get(ConfigKey.MAIL_TEMPLATES_DIR).strip();
            if (!dir.isEmpty() && !Files.isDirectory(Path.of(dir))) {
                throw new IllegalArgumentException(ConfigKey.MAIL_TEMPLATES_DIR.key() + " must name a directory, but "
                        + sources.get(ConfigKey.MAIL_TEMPLATES_DIR) + " says '" + dir + "', which is none");
            }
            Optional<Path> templates = dir.isEmpty() ? Optional.empty() : Optional.of(Path.of(dir));
            String host = values.get(ConfigKey.MAIL_SMTP_HOST).strip();
            if (host.isEmpty()) {
                return new MailConfig(Optional.empty(), attempts, retention, templates);
            }
            String from = values.get(ConfigKey.MAIL_FROM_ADDRESS).strip();
            if (!EmailAddress.isValid(from)) {
                throw new IllegalArgumentException(ConfigKey.MAIL_FROM_ADDRESS.key() + " must be an address such as "
                        + "comments@news.example when " + ConfigKey.MAIL_SMTP_HOST.key() + " is set, but "
                        + sources.get(ConfigKey.MAIL_FROM_ADDRESS) + " gives " + (from.isEmpty() ? "none" : "an invalid one"));
            }
            String user = values.get(ConfigKey.MAIL_SMTP_USERNAME).strip();
            String password = values.get(ConfigKey.MAIL_SMTP_PASSWORD);
            if (!password.isEmpty() && user.isEmpty()) {
                throw new IllegalArgumentException(ConfigKey.MAIL_SMTP_PASSWORD.key() + " is set but "
                        + ConfigKey.MAIL_SMTP_USERNAME.key() + " is not; set both, or neither to send without authenticating");
            }
            var server = new SmtpServer(host, port, tls, Optional.of(user).filter(u -> !u.isEmpty()),
                    Optional.of(password).filter(p -> !p.isEmpty()), new EmailAddress(from),
                    values.get(ConfigKey.MAIL_FROM_NAME).strip(), connect, read);
            return new MailConfig(Optional.of(server), attempts, retention, templates);
        }

        <T> T choice(ConfigKey key, T[] allowed, Function<T, String> spelling) {
            String raw = values.get(key).strip();
            for (T each : allowed) {
                if (spelling.apply(each).equalsIgnoreCase(raw)) {
                    return each;
                }
            }
            throw new IllegalArgumentException(key.key() + " must be one of " + String.join(", ", Arrays.stream(allowed).map(spelling).toList())
                    + ", but " + sources.get(key) + " says '" + raw + "'");
        }
    }

    private static Properties read(Path file) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read configuration file " + file, e);
        }
        return properties;
    }
}
