package org.parley.http;

import io.helidon.webserver.http.ServerRequest;

/**
 * The network address a request really came from: the peer, or — when the peer is a reverse proxy
 * Parley was told to trust — the address that proxy reports in {@code X-Forwarded-For}. The web layer
 * puts it in each request's context; rate limits use it. Never shown to anyone.
 */
public record ClientAddress(String value) {

    /** The address the web layer resolved for {@code req}, or the socket's peer if none was set. */
    public static String of(ServerRequest req) {
        return req.context().get(ClientAddress.class).map(ClientAddress::value).orElseGet(() -> req.remotePeer().host());
    }
}
