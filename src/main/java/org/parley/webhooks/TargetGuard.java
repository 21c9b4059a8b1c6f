package org.parley.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.parley.http.FieldError;
import org.parley.http.ParleyException;

/**
 * Keeps webhooks from being aimed at Parley's own network (SSRF): a target must be an http or https URL
 * whose host resolves only to public addresses, unless {@code allowPrivate}. Checked when an endpoint is
 * saved and again before every attempt, since a name can be pointed elsewhere later.
 */
final class TargetGuard {

    static final int MAX_URL_LENGTH = 2_000;

    private final boolean allowPrivate;

    TargetGuard(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** The URL as typed, checked for shape (422 {@code invalid-webhook}) and target (422 {@code webhook-target-refused}). */
    URI check(String raw) {
        URI url = shape(raw == null ? "" : raw.strip());
        refusal(url).ifPresent(reason -> {
            throw new ParleyException.InvalidInput(WebhookProblem.WEBHOOK_TARGET_REFUSED, "Webhooks are not sent to "
                    + url.getHost() + ": " + reason + ".", List.of(new FieldError("url", reason)));
        });
        return url;
    }

    /** Why Parley will not post to {@code url} now, if it will not: the host does not resolve, or not only to public addresses. */
    Optional<String> refusal(URI url) {
        if (allowPrivate) {
            return Optional.empty();
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(url.getHost())) {
                if (isInternal(address)) {
                    return Optional.of("it resolves to " + address.getHostAddress()
                            + ", a loopback, private, link-local or metadata address");
                }
            }
            return Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.of("its host name does not resolve");
        }
    }

    private static URI shape(String raw) {
        if (raw.isEmpty() || raw.length() > MAX_URL_LENGTH) {
            throw invalid("must be an http or https URL of at most " + MAX_URL_LENGTH + " characters");
        }
        URI url;
        try {
            url = new URI(raw);
        } catch (URISyntaxException e) {
            throw invalid("is not a URL: " + e.getReason());
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw invalid("must start with http:// or https://");
        }
        if (url.getHost() == null || url.getHost().isEmpty()) {
            throw invalid("has no host name");
        }
        if (url.getRawUserInfo() != null) {
            throw invalid("must not carry a user name or password; the signature proves who sends");
        }
        if (url.getRawFragment() != null) {
            throw invalid("must not have a #fragment");
        }
        return url;
    }

    /** Loopback, unspecified, private (RFC 1918, unique-local, carrier-grade NAT), link-local (cloud metadata) or multicast. */
    static boolean isInternal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isSiteLocalAddress()
                || address.isLinkLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 || (first == 100 && second >= 64 && second < 128) || (first == 192 && second == 0 && (b[2] & 0xff) == 0)
                    || first >= 240;
        }
        if (address instanceof Inet6Address) {
            boolean uniqueLocal = (b[0] & 0xfe) == 0xfc;
            boolean mappedV4 = isZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
            if (mappedV4) {
                try {
                    return isInternal(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
            return uniqueLocal;
        }
        return true;
    }

    private static boolean isZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static ParleyException invalid(String message) {
        return new ParleyException.InvalidInput(WebhookProblem.INVALID_WEBHOOK, "The webhook URL " + message + ".",
                List.of(new FieldError("url", message)));
    }
}
