package org.parley.web;

import io.helidon.common.buffers.BufferData;
import io.helidon.http.Headers;
import io.helidon.http.HeaderValues;
import io.helidon.http.HttpPrologue;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionListener;
import io.helidon.webserver.http1.Http1ConnectionSelector;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Parley's only connection selector: every connection is Helidon's HTTP/1.1 connection, over a
 * {@link GuardedConnection}. Helidon's own HTTP/1.1 selector is not used (service discovery of protocols is
 * off), because it rejects {@code HTTP/1.0} before any of Parley's code could see it. Keeps the open
 * connections so the watchdog can {@link #enforceTimeouts() enforce their timeouts}.
 */
final class GuardedConnections implements ServerConnectionSelector {

    private final ParleyConfig.Timeouts timeouts;
    private final Http1ConnectionSelector http1;
    private final int maxHeadBytes;
    private final Set<GuardedConnection> open = ConcurrentHashMap.newKeySet();

    GuardedConnections(ParleyConfig.Timeouts timeouts) {
        this.timeouts = timeouts;
        Http1Config config = Http1Config.builder()
                .addReceiveListener(new Http1ConnectionListener() {
                    @Override
                    public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
                        guarded(ctx).requestStarted(prologue);
                    }

                    @Override
                    public void headers(ConnectionContext ctx, Headers headers) {
                        guarded(ctx).headersParsed(headers);
                    }
                })
                .addSendListener(new Http1ConnectionListener() {
                    @Override
                    public void headers(ConnectionContext ctx, Headers headers) {
                        guarded(ctx).responseStarted(headers.containsToken(HeaderValues.CONNECTION_CLOSE));
                    }
                })
                .build();
        this.http1 = Http1ConnectionSelector.builder().config(config).build();
        this.maxHeadBytes = config.maxPrologueLength() + config.maxHeadersSize() + 4;
    }

    private static GuardedConnection guarded(ConnectionContext ctx) {
        return (GuardedConnection) ctx;
    }

    @Override
    public int bytesToIdentifyConnection() {
        return 0;
    }

    @Override
    public Support supports(BufferData request) {
        return Support.SUPPORTED;
    }

    @Override
    public Set<String> supportedApplicationProtocols() {
        return http1.supportedApplicationProtocols();
    }

    @Override
    public ServerConnection connection(ConnectionContext ctx) {
        GuardedConnection guarded = new GuardedConnection(ctx, timeouts, maxHeadBytes);
        ServerConnection connection = http1.connection(guarded);
        guarded.serve(connection);
        open.add(guarded);
        return connection;
    }

    /** Times out connections that have waited too long for their client; forgets closed ones. */
    void enforceTimeouts() {
        long now = System.nanoTime();
        open.removeIf(connection -> !connection.isOpen());
        open.forEach(connection -> connection.enforce(now));
    }
}
