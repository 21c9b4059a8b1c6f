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
        this.trustedProxies = Set.copyOf(trustedProxies);
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        req.context().register(new ClientAddress(resolve(req.remotePeer().host(),
                req.headers().all(HeaderNames.X_FORWARDED_FOR, List::of))));
        chain.proceed();
    }

    String resolve(String peer, List<String> forwardedHeaders) {
        if (!trustedProxies.contains(peer)) {
            return peer;
        }
        String client = peer;
        List<String> hops = forwardedHeaders.stream().flatMap(h -> java.util.Arrays.stream(h.split(","))).map(String::strip)
                .filter(hop -> !hop.isEmpty()).toList();
        for (int i = hops.size() - 1; i >= 0; i--) {
            client = hops.get(i);
            if (!trustedProxies.contains(client)) {
                break;
            }
        }
        return client;
    }
}
