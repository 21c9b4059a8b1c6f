package org.parley.http;

import io.helidon.webserver.http.ServerRequest;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The network address a request really came from: the peer, or — when the peer is a reverse proxy
 * Parley was told to trust — the address that proxy reports in {@code X-Forwarded-For}. The web layer
 * puts it in each request's context; rate limits use it. Never shown to anyone.
 */
public record ClientAddress(String value) {

    /** Longest text kept as a network when a proxy reports something that is not an address at all. */
    private static final int MAX_OPAQUE = 64;
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV4_WITH_PORT = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,3}){3}):\\d{1,5}");
    private static final Pattern IPV6_TEXT = Pattern.compile("[0-9A-Fa-f:.]+");

    /** The address the web layer resolved for {@code req}, or the socket's peer if none was set. */
    public static String of(ServerRequest req) {
        return req.context().get(ClientAddress.class).map(ClientAddress::value).orElseGet(() -> req.remotePeer().host());
    }

    /**
     * The network an address belongs to, as one reader's or household's: an IPv4 address stands for itself
     * (a home or an office behind NAT has one), an IPv6 address for its /64 prefix (the block one link is
     * given; a device picks new addresses inside it at will, so anything narrower is free to rotate).
     * IPv4-mapped IPv6 addresses are their IPv4 address. Ports and zone ids are dropped; text that is no
     * address (a proxy may report anything) is its own network. Never looks anything up.
     */
    public static String network(String address) {
        String text = address.strip();
        var port = IPV4_WITH_PORT.matcher(text);
        if (port.matches()) {
            text = port.group(1);
        } else if (text.startsWith("[") && text.indexOf(']') > 0) {
            text = text.substring(1, text.indexOf(']'));
        }
        int zone = text.indexOf('%');
        if (zone >= 0) {
            text = text.substring(0, zone);
        }
        if (IPV4.matcher(text).matches()) {
            String[] octets = text.split("\\.");
            StringBuilder canonical = new StringBuilder();
            for (String octet : octets) {
                int value = Integer.parseInt(octet);
                if (value > 255) {
                    canonical = null;
                    break;
                }
                canonical.append(canonical.isEmpty() ? "" : ".").append(value);
            }
            if (canonical != null) {
                return canonical.toString();
            }
        } else if (text.indexOf(':') >= 0 && IPV6_TEXT.matcher(text).matches()) {
            // With a colon, InetAddress parses the literal or refuses it; it never asks DNS.
            try {
                InetAddress parsed = InetAddress.getByName(text);
                return parsed instanceof Inet4Address ? parsed.getHostAddress()
                        : HexFormat.of().formatHex(parsed.getAddress(), 0, 8) + "/64";
            } catch (UnknownHostException e) {
                // not an address after all: falls through to the opaque form
            }
        }
        String opaque = text.toLowerCase(Locale.ROOT);
        return opaque.length() > MAX_OPAQUE ? opaque.substring(0, MAX_OPAQUE) : opaque;
    }
}
