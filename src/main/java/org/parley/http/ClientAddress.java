package org.parley.http;

import io.helidon.webserver.http.ServerRequest;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The network address a request really came from: the peer, or — when the peer is a reverse proxy
 * Parley was told to trust — the address that proxy reports in {@code X-Forwarded-For}. The web layer
 * puts it in each request's context; rate limits use it. Never shown to anyone.
 *
 * <p>An address belongs to networks of three reaches, which limits and counts group by. An IPv4 address
 * is the same network at every reach: a home or an office behind NAT has one. For IPv6 they differ,
 * because one customer holds many /64s:
 * <ul>
 *   <li>{@link #network} — the /64, the block one link is given (a home's LAN, one phone on a mobile network):
 *       the unit of per-network allowances;</li>
 *   <li>{@link #household} — the /56, what ISPs commonly delegate to one home: brand-new readers' votes,
 *       reports and blocks count once per household;</li>
 *   <li>{@link #delegation} — the /48, the most one customer is commonly given (a business, a tunnel broker's
 *       user, some ISPs' homes): it weighs at most {@value #DELEGATION_WEIGHT} networks, in allowances and in
 *       brand-new readers' acts.</li>
 * </ul>
 * Mobile carriers give each phone its own /64 out of shared pools, so nothing wider than a /64 is one
 * person; the wider reaches only cap what one customer's many /64s add up to.
 */
public record ClientAddress(String value) {

    /**
     * How many networks one delegation (an IPv6 /48) weighs at most: its allowances are this many times one
     * network's, and its brand-new readers' acts on one thing count at most this many times. Ten offices'
     * worth, against 65,536 /64s.
     */
    public static final int DELEGATION_WEIGHT = 10;

    /** Longest text kept as a network when a proxy reports something that is not an address at all. */
    private static final int MAX_OPAQUE = 64;
    private static final int LINK_BITS = 64;
    private static final int HOUSEHOLD_BITS = 56;
    private static final int DELEGATION_BITS = 48;
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
        return prefix(address, LINK_BITS);
    }

    /**
     * The household an address belongs to: an IPv6 address's /56 (what ISPs commonly delegate to one home),
     * otherwise the same as {@link #network}.
     */
    public static String household(String address) {
        return prefix(address, HOUSEHOLD_BITS);
    }

    /**
     * The delegation an address belongs to: an IPv6 address's /48 (the most one customer is commonly given),
     * otherwise the same as {@link #network}. It weighs at most {@value #DELEGATION_WEIGHT} networks.
     */
    public static String delegation(String address) {
        return prefix(address, DELEGATION_BITS);
    }

    /** The address's first {@code bits} bits as {@code hex/bits} if it is IPv6; its canonical or opaque text otherwise. */
    private static String prefix(String address, int bits) {
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
        Optional<String> parsed = IPV4.matcher(text).matches() ? ipv4(text)
                : text.indexOf(':') >= 0 && IPV6_TEXT.matcher(text).matches() ? ipv6(text, bits) : Optional.empty();
        if (parsed.isPresent()) {
            return parsed.get();
        }
        String opaque = text.toLowerCase(Locale.ROOT);
        return opaque.length() > MAX_OPAQUE ? opaque.substring(0, MAX_OPAQUE) : opaque;
    }

    private static Optional<String> ipv4(String text) {
        StringBuilder canonical = new StringBuilder();
        for (String octet : text.split("\\.")) {
            int value = Integer.parseInt(octet);
            if (value > 255) {
                return Optional.empty();
            }
            canonical.append(canonical.isEmpty() ? "" : ".").append(value);
        }
        return Optional.of(canonical.toString());
    }

    private static Optional<String> ipv6(String text, int bits) {
        // With a colon, InetAddress parses the literal or refuses it; it never asks DNS.
        try {
            InetAddress parsed = InetAddress.getByName(text);
            return Optional.of(parsed instanceof Inet4Address ? parsed.getHostAddress()
                    : HexFormat.of().formatHex(parsed.getAddress(), 0, bits / 8) + "/" + bits);
        } catch (UnknownHostException e) {
            return Optional.empty(); // not an address after all: the caller keeps it as opaque text
        }
    }
}
