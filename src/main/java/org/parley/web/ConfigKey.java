package org.parley.web;

import org.parley.identity.IdentityConfig;
import org.parley.mail.MailConfig;
import org.parley.media.MediaConfig;

/**
 * Every configuration key Parley reads: its name in the config file, its environment variable, its
 * default and what it means. The README's configuration table lists exactly these (a test checks).
 */
public enum ConfigKey {
    SERVER_HOST("server.host", "PARLEY_HOST", "0.0.0.0", "Address to listen on"),
    SERVER_PORT("server.port", "PARLEY_PORT", "8080", "HTTP port (flag --port)"),
    SERVER_TRUSTED_PROXIES("server.trustedProxies", "PARLEY_TRUSTED_PROXIES", "127.0.0.1,::1", "Comma-separated proxy addresses whose X-Forwarded-For is believed"),
    SERVER_PUBLIC_URL("server.publicUrl", "PARLEY_PUBLIC_URL", "", "URL readers reach Parley at; empty means http://localhost:<port>"),
    SERVER_HEADER_TIMEOUT_SECONDS("server.headerTimeoutSeconds", "PARLEY_HEADER_TIMEOUT_SECONDS", "15", "Seconds a client has to send a request line and headers, counted from their first byte; then 408 and the connection is closed"),
    SERVER_BODY_READ_TIMEOUT_SECONDS("server.bodyReadTimeoutSeconds", "PARLEY_BODY_READ_TIMEOUT_SECONDS", "30", "Seconds the server waits for each read of a request body; then 408 and the connection is closed"),
    SERVER_MIN_BODY_BYTES_PER_SECOND("server.minBodyBytesPerSecond", "PARLEY_MIN_BODY_BYTES_PER_SECOND", "1024", "Slowest average a request body may arrive at, in bytes per second of waiting for it, once it has had server.bodyReadTimeoutSeconds; then 408 and the connection is closed (0: no minimum)"),
    SERVER_SHUTDOWN_GRACE_SECONDS("server.shutdownGraceSeconds", "PARLEY_SHUTDOWN_GRACE_SECONDS", "10", "Seconds a stopping server gives requests in progress to finish; live streams are told at once to reconnect"),
    SERVER_IDLE_TIMEOUT_SECONDS("server.idleTimeoutSeconds", "PARLEY_IDLE_TIMEOUT_SECONDS", "90", "Seconds an open connection may wait for its next request before it is closed (keep it above a load balancer's idle timeout)"),
    DATA_DIR("data.dir", "PARLEY_DATA", "./data", "Directory for the SQLite database (flag --data)"),
    DB_URL("db.url", "PARLEY_DB_URL", "", "JDBC URL; empty means SQLite in data.dir, or jdbc:postgresql://host/db"),
    DB_USER("db.user", "PARLEY_DB_USER", "", "Database user (PostgreSQL)"),
    DB_PASSWORD("db.password", "PARLEY_DB_PASSWORD", "", "Database password (PostgreSQL)"),
    DB_POOL_SIZE("db.poolSize", "PARLEY_DB_POOL_SIZE", "8", "Database connections kept open"),
    COMMENTS_PAGE_SIZE("comments.pageSize", "PARLEY_COMMENTS_PAGE_SIZE", "20", "Top-level comments per page when the client does not say"),
    COMMENTS_REPLIES_PER_COMMENT("comments.repliesPerComment", "PARLEY_COMMENTS_REPLIES_PER_COMMENT", "5", "Replies shown under a comment before \"more replies\""),
    COMMENTS_INLINE_REPLY_LEVELS("comments.inlineReplyLevels", "PARLEY_COMMENTS_INLINE_REPLY_LEVELS", "5", "Levels of replies sent with a thread page; deeper ones load on demand"),
    COMMENTS_CACHED_PAGES("comments.cachedPages", "PARLEY_COMMENTS_CACHED_PAGES", "2000", "Threads kept in memory; the least used are dropped first"),
    IDENTITY_GUESTS_PER_ADDRESS_PER_MINUTE("identity.guestsPerAddressPerMinute", "PARLEY_IDENTITY_GUESTS_PER_ADDRESS_PER_MINUTE", String.valueOf(IdentityConfig.DEFAULT_GUESTS_PER_MINUTE), "New guests one network address may create at once (refilled over a minute)"),
    IDENTITY_GUESTS_PER_ADDRESS_PER_HOUR("identity.guestsPerAddressPerHour", "PARLEY_IDENTITY_GUESTS_PER_ADDRESS_PER_HOUR", String.valueOf(IdentityConfig.DEFAULT_GUESTS_PER_HOUR), "New guests one network address may create in an hour"),
    ABUSE_ENCODER("abuse.encoder", "PARLEY_ABUSE_ENCODER", "on", "on: the abuse model reads comments with its sentence encoder too (about 5 ms of one core per comment); off: the fast model alone (under 0.1 ms)"),
    IDENTITY_TRACE_DAYS("identity.traceDays", "PARLEY_IDENTITY_TRACE_DAYS", String.valueOf(IdentityConfig.DEFAULT_TRACE_DAYS), "Days the keyed hashes of the networks and browsers a reader wrote from are kept, to flag new readers writing from a banned reader's; 0 keeps none"),
    IDENTITY_NEW_GUEST_HOURS("identity.newGuestHours", "PARLEY_IDENTITY_NEW_GUEST_HOURS", String.valueOf(IdentityConfig.DEFAULT_NEW_GUEST_HOURS), "Hours a new guest is brand-new: its votes, reports and blocks count once per network"),
    MODERATION_COMMENTS_PER_MINUTE("moderation.commentsPerMinute", "PARLEY_MODERATION_COMMENTS_PER_MINUTE", "5", "Default: one commenter's comments per minute on a site"),
    MODERATION_COMMENTS_PER_HOUR("moderation.commentsPerHour", "PARLEY_MODERATION_COMMENTS_PER_HOUR", "30", "Default: one commenter's comments per hour on a site"),
    MODERATION_ADDRESS_COMMENTS_PER_MINUTE("moderation.addressCommentsPerMinute", "PARLEY_MODERATION_ADDRESS_COMMENTS_PER_MINUTE", "20", "Default: comments per minute from one network address on a site"),
    MEDIA_MAX_UPLOAD_BYTES("media.maxUploadBytes", "PARLEY_MEDIA_MAX_UPLOAD_BYTES", String.valueOf(MediaConfig.DEFAULT_MAX_UPLOAD_BYTES), "Largest image upload accepted, in bytes"),
    MEDIA_MAX_PIXELS("media.maxPixels", "PARLEY_MEDIA_MAX_PIXELS", String.valueOf(MediaConfig.DEFAULT_MAX_PIXELS), "Largest image accepted, in pixels (width × height from its header, checked before decoding)"),
    MEDIA_DISPLAY_LONG_SIDE_PIXELS("media.displayLongSidePixels", "PARLEY_MEDIA_DISPLAY_LONG_SIDE_PIXELS", String.valueOf(MediaConfig.DEFAULT_DISPLAY_LONG_SIDE), "Long side of the image shown in comments, in pixels"),
    MEDIA_THUMB_LONG_SIDE_PIXELS("media.thumbLongSidePixels", "PARLEY_MEDIA_THUMB_LONG_SIDE_PIXELS", String.valueOf(MediaConfig.DEFAULT_THUMB_LONG_SIDE), "Long side of image thumbnails, in pixels"),
    MEDIA_UPLOADS_PER_GUEST("media.uploadsPerGuest", "PARLEY_MEDIA_UPLOADS_PER_GUEST", String.valueOf(MediaConfig.DEFAULT_UPLOADS_PER_GUEST), "Images one guest may upload to a site in 10 minutes"),
    MEDIA_UPLOADS_PER_ADDRESS("media.uploadsPerAddress", "PARLEY_MEDIA_UPLOADS_PER_ADDRESS", String.valueOf(MediaConfig.DEFAULT_UPLOADS_PER_ADDRESS), "Images one network address may upload to a site in 10 minutes"),
    MEDIA_UPLOAD_MEMORY_PERCENT("media.uploadMemoryPercent", "PARLEY_MEDIA_UPLOAD_MEMORY_PERCENT", String.valueOf(MediaConfig.DEFAULT_UPLOAD_MEMORY_PERCENT), "Share of the Java heap (-Xmx) images being uploaded may hold at once, in percent; beyond it uploads wait (media.uploadWaitSeconds), then get 503"),
    MEDIA_UPLOAD_WAIT_SECONDS("media.uploadWaitSeconds", "PARLEY_MEDIA_UPLOAD_WAIT_SECONDS", String.valueOf(MediaConfig.DEFAULT_UPLOAD_WAIT_SECONDS), "Seconds an image upload may wait in all for memory other uploads hold, then 503 with Retry-After"),
    LIVE_HEARTBEAT_SECONDS("live.heartbeatSeconds", "PARLEY_LIVE_HEARTBEAT_SECONDS", "20", "Seconds between heartbeats on live streams"),
    LIVE_MAX_CLIENTS("live.maxClients", "PARLEY_LIVE_MAX_CLIENTS", "0", "Live readers one node serves at once; more are answered 503 to come back later or elsewhere (0: as many as 60 % of the heap holds, about 32 KiB each)"),
    LIVE_CLIENT_QUEUE_SIZE("live.clientQueueSize", "PARLEY_LIVE_CLIENT_QUEUE_SIZE", "256", "Live messages buffered per client before it is dropped to catch up"),
    WEBHOOKS_ALLOW_PRIVATE_TARGETS("webhooks.allowPrivateTargets", "PARLEY_WEBHOOKS_ALLOW_PRIVATE_TARGETS", "false", "true lets webhooks go to loopback, private, link-local and cloud metadata addresses (an intranet, tests); false refuses them when an endpoint is saved and before every attempt"),
    WEBHOOKS_TIMEOUT_SECONDS("webhooks.timeoutSeconds", "PARLEY_WEBHOOKS_TIMEOUT_SECONDS", "10", "Seconds a webhook endpoint has to accept a connection and to answer; then the attempt failed"),
    WEBHOOKS_MAX_ATTEMPTS("webhooks.maxAttempts", "PARLEY_WEBHOOKS_MAX_ATTEMPTS", "8", "Attempts per webhook message (retried after about 5 s, 5 min, 30 min, 2 h, 5 h, then every 10 h) before it is marked failed"),
    WEBHOOKS_LOG_DAYS("webhooks.logDays", "PARLEY_WEBHOOKS_LOG_DAYS", "30", "Days the webhook delivery log and sent or failed messages are kept"),
    WEBHOOKS_POLL_MILLIS("webhooks.pollMillis", "PARLEY_WEBHOOKS_POLL_MILLIS", "1000", "Milliseconds between a node's looks for webhook messages due for another attempt (new ones go out at once)"),
    LOGGING_FORMAT("logging.format", "PARLEY_LOGGING_FORMAT", "text", "Log output: text (one readable line per event) or json (one JSON object per line, for log collectors)"),
    METRICS_TOKEN("metrics.token", "PARLEY_METRICS_TOKEN", "", "Bearer token GET /metrics requires (16 or more visible ASCII characters); empty leaves /metrics open to whoever reaches it"),
    MAIL_SMTP_HOST("mail.smtpHost", "PARLEY_MAIL_SMTP_HOST", "", "SMTP server Parley sends email through; empty turns email off"),
    MAIL_SMTP_PORT("mail.smtpPort", "PARLEY_MAIL_SMTP_PORT", "587", "Port of the SMTP server"),
    MAIL_SMTP_TLS("mail.smtpTls", "PARLEY_MAIL_SMTP_TLS", "starttls", "none, starttls (required: never falls back to plain text) or implicit (TLS from the first byte, usually port 465)"),
    MAIL_SMTP_USERNAME("mail.smtpUsername", "PARLEY_MAIL_SMTP_USERNAME", "", "User name for SMTP authentication; empty sends without authenticating"),
    MAIL_SMTP_PASSWORD("mail.smtpPassword", "PARLEY_MAIL_SMTP_PASSWORD", "", "Password for SMTP authentication (never logged)"),
    MAIL_FROM_ADDRESS("mail.fromAddress", "PARLEY_MAIL_FROM_ADDRESS", "", "From address of Parley's email; required when mail.smtpHost is set"),
    MAIL_FROM_NAME("mail.fromName", "PARLEY_MAIL_FROM_NAME", "Parley", "Display name beside the From address"),
    MAIL_CONNECT_TIMEOUT_SECONDS("mail.connectTimeoutSeconds", "PARLEY_MAIL_CONNECT_TIMEOUT_SECONDS", "10", "Seconds connecting to the SMTP server may take before the attempt is retried later"),
    MAIL_READ_TIMEOUT_SECONDS("mail.readTimeoutSeconds", "PARLEY_MAIL_READ_TIMEOUT_SECONDS", "30", "Seconds the SMTP server may take to answer any one command"),
    MAIL_MAX_ATTEMPTS("mail.maxAttempts", "PARLEY_MAIL_MAX_ATTEMPTS", String.valueOf(MailConfig.DEFAULT_MAX_ATTEMPTS), "Attempts to send one email (temporary failures are retried after 30 s, 1 min, 2 min … at most 6 h, jittered) before it is marked failed"),
    MAIL_RETENTION_DAYS("mail.retentionDays", "PARLEY_MAIL_RETENTION_DAYS", String.valueOf(MailConfig.DEFAULT_RETENTION_DAYS), "Days sent and failed emails stay in the outbox before they are deleted"),
    MAIL_TEMPLATES_DIR("mail.templatesDir", "PARLEY_MAIL_TEMPLATES_DIR", "", "Directory of the newsroom's own email templates, each replacing the shipped file of the same name; empty uses the shipped ones");

    private final String key;
    private final String env;
    private final String fallback;
    private final String description;

    ConfigKey(String key, String env, String fallback, String description) {
        this.key = key;
        this.env = env;
        this.fallback = fallback;
        this.description = description;
    }

    /** Name in the configuration file, e.g. {@code server.port}. */
    public String key() {
        return key;
    }

    /** Environment variable that overrides the file, e.g. {@code PARLEY_PORT}. */
    public String env() {
        return env;
    }

    public String fallback() {
        return fallback;
    }

    public String description() {
        return description;
    }
}
