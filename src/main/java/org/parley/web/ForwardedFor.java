package org.parley.web;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.List;
import java.util.Set;
import org.parley.http.ClientAddress;

/**
 * Resolves each request's client address. Behind a reverse proxy every request comes from the proxy, so
 * rate limits per address would lump all readers together; for peers listed as trusted proxies the
 * rightmost {@code X-Forwarded-For} entry that is not itself a trusted proxy is the client. A header from
 * anyone else is ignored: it is trivially forged.
 */
final class ForwardedFor implements Filter {

    private final Set<String> trustedProxies;

    ForwardedFor(List<String> trustedProxies) {
        this.trustedProxies = trustedProxies.stream().map(ForwardedFor::canonical).collect(java.util.stream.Collectors.toSet());
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        req.context().register(new ClientAddress(resolve(req.remotePeer().host(),
                req.headers().all(HeaderNames.X_FORWARDED_FOR, List::of))));
        chain.proceed();
    }

    String resolve(String peer, List<String> forwardedHeaders) {
        if (!trustedProxies.contains(canonical(peer))) {
            return peer;
        }
        String client = peer;
        List<String> hops = forwardedHeaders.stream().flatMap(h -> java.util.Arrays.stream(h.split(","))).map(String::strip)
                .filter(hop -> !hop.isEmpty()).toList();
        for (int i = hops.size() - 1; i >= 0; i--) {
            client = hops.get(i);
            if (!trustedProxies.contains(canonical(client))) {
                break;
            }
        }
        return client;
    }

    /**
     * One spelling per address, so {@code ::1}, {@code 0:0:0:0:0:0:0:1}, {@code [::1]} and {@code ::1%lo}
     * are the same proxy. Only IPv6 literals are parsed (with a colon, InetAddress never asks DNS); anything else is
     * compared as written.
     */
    static String canonical(String address) {
        String text = address.strip();
        if (text.startsWith("[") && text.endsWith("]")) {
            text = text.substring(1, text.length() - 1);
        }
        int zone = text.indexOf('%');
        if (zone >= 0) {
            text = text.substring(0, zone);
        }
        if (text.indexOf(':') < 0 || !text.matches("[0-9A-Fa-f:.]+")) {
            return text;
        }
        try {
            return java.net.InetAddress.getByName(text).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            return text;
        }
    }
}
