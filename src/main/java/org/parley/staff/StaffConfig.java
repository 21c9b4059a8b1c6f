package org.parley.staff;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * How staff sign-in behaves.
 *
 * @param publicOrigin          the origin staff reach Parley at ({@code https://comments.news.example}); a form
 *                              posted from it, or from the host the request was sent to, passes the origin check
 * @param secureCookies         mark the session cookie {@code Secure}; off only for plain-http deployments on a
 *                              host other than localhost, where browsers would otherwise drop the cookie
 * @param sessionIdleTimeout    a session ends after this long without a request
 * @param sessionLifetime       a session ends this long after sign-in, however active
 * @param failuresPerUsername   failed sign-ins allowed per username within {@code failureWindow}
 * @param failuresPerAddress    failed sign-ins allowed per client address within {@code failureWindow}
 * @param failureWindow         the window over which failures refill (one token every window / allowance)
 */
public record StaffConfig(String publicOrigin, boolean secureCookies, Duration sessionIdleTimeout,
                          Duration sessionLifetime, int failuresPerUsername, int failuresPerAddress,
                          Duration failureWindow) {

    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofHours(12);
    public static final Duration DEFAULT_LIFETIME = Duration.ofDays(7);
    public static final int DEFAULT_FAILURES_PER_USERNAME = 5;
    public static final int DEFAULT_FAILURES_PER_ADDRESS = 20;
    public static final Duration DEFAULT_FAILURE_WINDOW = Duration.ofMinutes(15);

    public StaffConfig {
        if (sessionIdleTimeout.compareTo(Duration.ofMinutes(1)) < 0 || sessionLifetime.compareTo(sessionIdleTimeout) < 0) {
            throw new IllegalArgumentException("staff sessions need an idle timeout of at least a minute and a lifetime "
                    + "no shorter than it, were " + sessionIdleTimeout + " and " + sessionLifetime);
        }
        if (failuresPerUsername < 1 || failuresPerAddress < 1 || failureWindow.isNegative() || failureWindow.isZero()) {
            throw new IllegalArgumentException("sign-in limits must allow at least one failure per positive window");
        }
    }

    /**
     * The defaults (12 h idle, 7 days at most, 5 failures per username and 20 per address per 15 min)
     * for Parley served at {@code publicUrl}; cookies are {@code Secure} unless that URL is plain http on a
     * host other than localhost or 127.0.0.1.
     *
     * @throws IllegalArgumentException when {@code publicUrl} is not an absolute http(s) URL
     */
    public static StaffConfig forPublicUrl(String publicUrl) {
        URI uri = URI.create(publicUrl.strip());
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || host.isEmpty()) {
            throw new IllegalArgumentException("the public URL must be an absolute http or https URL, was " + publicUrl);
        }
        boolean local = host.equals("localhost") || host.equals("127.0.0.1");
        boolean defaultPort = uri.getPort() == -1 || uri.getPort() == (scheme.equals("http") ? 80 : 443);
        String origin = scheme + "://" + host + (defaultPort ? "" : ":" + uri.getPort());
        return new StaffConfig(origin, scheme.equals("https") || local, DEFAULT_IDLE_TIMEOUT, DEFAULT_LIFETIME,
                DEFAULT_FAILURES_PER_USERNAME, DEFAULT_FAILURES_PER_ADDRESS, DEFAULT_FAILURE_WINDOW);
    }
}
