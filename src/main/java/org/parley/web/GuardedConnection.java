package org.parley.web;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataReader;
import io.helidon.common.buffers.DataWriter;
import io.helidon.common.socket.HelidonSocket;
import io.helidon.common.socket.PeerInfo;
import io.helidon.http.DirectHandler;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.RequestException;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.ListenerContext;
import io.helidon.webserver.ProxyProtocolData;
import io.helidon.webserver.Router;
import io.helidon.webserver.ServerConnectionException;
import io.helidon.webserver.http.DirectTransportRequest;
import io.helidon.webserver.spi.ServerConnection;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * One accepted connection as Helidon's HTTP/1.1 connection sees it: Helidon's own context, except that the
 * bytes it reads pass through {@link RequestFraming} and each wait for bytes is timed, so a silent or slow
 * client can be answered 408 and closed by {@link #enforce}: a head must arrive within its timeout, each
 * read of a body within the body-read timeout, and a body as a whole at a minimum average rate, counted
 * over the time the server spent waiting for it (a body trickled a byte at a time, each within the read
 * timeout, would otherwise hold the connection, and the memory set aside for it, for ever). Also closes
 * the connection after any response that says {@code Connection: close}, which Helidon 4.5 announces but
 * does not do.
 */
final class GuardedConnection implements ConnectionContext, Supplier<byte[]> {

    private enum Expiry { IDLE, HEAD, BODY, BODY_RATE }

    private final ConnectionContext helidon;
    private final ParleyConfig.Timeouts timeouts;
    private final RequestFraming framing;
    private final BodilessResponses responses;
    private final DataReader reader = DataReader.create(this);
    private ByteBuffer pending = ByteBuffer.allocate(0);
    private volatile ServerConnection connection;
    private volatile HttpPrologue prologue;
    private volatile boolean responseStarted;
    private volatile boolean prologueParsed;
    private volatile boolean closeRequested;
    // Guarded by this: the reading thread and the watchdog agree on whether a wait has timed out.
    private boolean reading;
    private boolean timedOut;
    private long readStarted;
    private long headStarted;
    // The current request's body so far: time spent waiting for it, bytes it brought.
    private long bodyWaitedNanos;
    private long bodyBytes;

    GuardedConnection(ConnectionContext helidon, ParleyConfig.Timeouts timeouts, int maxHeadBytes) {
        this.helidon = helidon;
        this.timeouts = timeouts;
        PeerInfo local = helidon.localPeer();
        String host = local.host().contains(":") ? "[" + local.host() + "]" : local.host();
        this.framing = new RequestFraming(maxHeadBytes, host + ":" + local.port());
        this.responses = new BodilessResponses(helidon.dataWriter());
    }

    void serve(ServerConnection connection) {
        this.connection = connection;
    }

    /** Helidon parsed a request line: a new request begins. */
    void requestStarted(HttpPrologue prologue) {
        responses.nextResponse(framing.headRequest());
        this.prologue = prologue;
        this.responseStarted = false;
        this.prologueParsed = true;
    }

    /** Helidon parsed the request's headers, which say how its body is framed. */
    void headersParsed(Headers headers) {
        long length;
        try {
            length = headers.contentLength().orElse(0);
        } catch (IllegalArgumentException unusable) {
            length = -1; // Helidon refuses the request itself
        }
        framing.bodyFollows(headers.contains(HeaderNames.TRANSFER_ENCODING), length);
        if (framing.closeAfterRequest() || headers.containsToken(HeaderValues.CONNECTION_CLOSE)) {
            closeAfterResponse();
        }
    }

    /** A response is being sent; one that announces {@code Connection: close} ends the connection after it. */
    void responseStarted(boolean closes) {
        responseStarted = true;
        if (closes) {
            closeAfterResponse();
        }
    }

    private void closeAfterResponse() {
        closeRequested = true;
        ServerConnection current = connection;
        // Ends Helidon's request loop once the current exchange is done. Not while a request line is being read
        // (the request failed before it was parsed): Helidon would interrupt this very thread, and the error
        // response it is about to write would be lost; it closes after such a response anyway.
        if (current != null && prologueParsed) {
            current.close(false);
        }
    }

    boolean isOpen() {
        return helidon.serverSocket().isConnected();
    }

    /** The bytes Helidon reads: from the socket, through {@link RequestFraming}. */
    @Override
    public byte[] get() {
        if (closeRequested && framing.phase() == RequestFraming.Phase.AWAITING) {
            throw new CloseConnectionException("the last response said Connection: close");
        }
        while (true) {
            if (!pending.hasRemaining()) {
                byte[] read = readSocket();
                if (read == null) {
                    try {
                        framing.endOfInput();
                    } catch (RequestFraming.BadFraming e) {
                        throw refusal(e);
                    }
                    return null;
                }
                pending = ByteBuffer.wrap(read);
            }
            RequestFraming.Phase before = framing.phase();
            byte[] out;
            try {
                out = framing.next(pending);
            } catch (RequestFraming.BadFraming e) {
                throw refusal(e);
            }
            if (framing.phase() == RequestFraming.Phase.HEAD && before != RequestFraming.Phase.HEAD) {
                prologueParsed = false;
                // The previous response, if any, is finished: a timeout from here on is this request's, answered.
                responseStarted = false;
                responses.nextResponse(false);
                synchronized (this) {
                    headStarted = System.nanoTime();
                    bodyWaitedNanos = 0;
                    bodyBytes = 0;
                }
            }
            if (out.length > 0) {
                return out;
            }
        }
    }

    private byte[] readSocket() {
        synchronized (this) {
            if (timedOut) {
                throw timedOutException();
            }
            reading = true;
            readStarted = System.nanoTime();
        }
        byte[] read = null;
        try {
            DataReader accepted = helidon.dataReader(); // holds bytes only if Helidon peeked; normally empty
            read = accepted.available() > 0 ? accepted.readBytes(accepted.available()) : helidon.serverSocket().get();
            return read;
        } catch (UncheckedIOException e) {
            throw new ServerConnectionException("Failed to get data from socket", e);
        } finally {
            synchronized (this) {
                reading = false;
                if (inBody(framing.phase())) {
                    bodyWaitedNanos += System.nanoTime() - readStarted;
                    bodyBytes += read == null ? 0 : read.length;
                }
                if (timedOut) {
                    throw timedOutException(); // the watchdog answered and closed; nothing more happens here
                }
            }
        }
    }

    private RequestException refusal(RequestFraming.BadFraming e) {
        closeRequested = true;
        return RequestException.builder()
                .type(DirectHandler.EventType.BAD_REQUEST)
                .status(Status.BAD_REQUEST_400)
                .setKeepAlive(false)
                .message(e.getMessage())
                .request(transportRequest())
                .build();
    }

    private static CloseConnectionException timedOutException() {
        return new CloseConnectionException("connection timed out waiting for the client");
    }

    /**
     * Called by the watchdog: if the current wait for the client has lasted longer than its timeout, answers
     * 408 (unless a response is already under way, or the connection was merely idle) and closes it.
     */
    void enforce(long now) {
        Expiry expiry;
        String detail;
        synchronized (this) {
            if (!reading || timedOut) {
                return;
            }
            expiry = switch (framing.phase()) {
                case AWAITING -> now - readStarted > timeouts.idle().toNanos() ? Expiry.IDLE : null;
                case HEAD -> now - headStarted > timeouts.header().toNanos() ? Expiry.HEAD : null;
                case HEAD_PASSED, BODY, PASSTHROUGH -> now - readStarted > timeouts.bodyRead().toNanos() ? Expiry.BODY
                        : tooSlow(bodyWaitedNanos + now - readStarted) ? Expiry.BODY_RATE : null;
            };
            if (expiry == null) {
                return;
            }
            detail = switch (expiry) {
                case IDLE -> "";
                case HEAD -> "The request line and headers did not arrive within " + timeouts.header().toSeconds() + " s.";
                case BODY -> "The request body stopped arriving for " + timeouts.bodyRead().toSeconds() + " s.";
                case BODY_RATE -> "The request body arrived at " + bodyBytes * 1_000_000_000L / (bodyWaitedNanos + now - readStarted)
                        + " bytes per second on average, slower than the " + timeouts.minBodyBytesPerSecond()
                        + " this server waits for; send it over a faster connection, or a smaller one.";
            };
            timedOut = true;
        }
        // A slow reader could block the write: never on the watchdog's thread.
        Thread.ofVirtual().name("parley-timeout").start(() -> end(expiry, detail));
    }

    /** Whether a body that has kept the server waiting {@code waitedNanos} in all has brought too few bytes. */
    private boolean tooSlow(long waitedNanos) {
        int minimum = timeouts.minBodyBytesPerSecond();
        return minimum > 0 && waitedNanos > timeouts.bodyRead().toNanos()
                && bodyBytes * 1_000_000_000L < minimum * waitedNanos;
    }

    private static boolean inBody(RequestFraming.Phase phase) {
        return phase == RequestFraming.Phase.HEAD_PASSED || phase == RequestFraming.Phase.BODY
                || phase == RequestFraming.Phase.PASSTHROUGH;
    }

    private void end(Expiry expiry, String detail) {
        try {
            if (expiry != Expiry.IDLE && !responseStarted) {
                helidon.dataWriter().writeNow(BufferData.create(requestTimeout(detail)));
            }
        } catch (RuntimeException clientGone) {
            // closing below is all that is left to do
        } finally {
            try {
                helidon.serverSocket().close();
            } catch (RuntimeException alreadyClosed) {
                // nothing to release
            }
        }
    }

    private byte[] requestTimeout(String message) {
        DirectHandler.TransportResponse response = helidon.listenerContext().directHandlers()
                .handler(DirectHandler.EventType.OTHER)
                .handle(transportRequest(), DirectHandler.EventType.OTHER, Status.REQUEST_TIMEOUT_408,
                        ServerResponseHeaders.create(), message);
        byte[] entity = response.entity().orElse(new byte[0]);
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(response.status().code()).append(' ')
                .append(response.status().reasonPhrase()).append("\r\n");
        for (Header header : response.headers()) {
            head.append(header.name()).append(": ").append(header.values()).append("\r\n");
        }
        head.append("Content-Length: ").append(entity.length).append("\r\nConnection: close\r\n\r\n");
        byte[] start = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = Arrays.copyOf(start, start.length + entity.length);
        System.arraycopy(entity, 0, all, start.length, entity.length);
        return all;
    }

    private DirectHandler.TransportRequest transportRequest() {
        HttpPrologue current = prologue;
        return current == null || framing.phase() == RequestFraming.Phase.HEAD || framing.phase() == RequestFraming.Phase.AWAITING
                ? DirectTransportRequest.create("HTTP/1.1", "", "")
                : DirectTransportRequest.create("HTTP/1.1", current.method().text(), current.uriPath().rawPath());
    }

    @Override
    public DataReader dataReader() {
        return reader;
    }

    @Override
    public ListenerContext listenerContext() {
        return helidon.listenerContext();
    }

    @Override
    public ExecutorService executor() {
        return helidon.executor();
    }

    @Override
    public DataWriter dataWriter() {
        return responses;
    }

    @Override
    public Router router() {
        return helidon.router();
    }

    @Override
    public Optional<ProxyProtocolData> proxyProtocolData() {
        return helidon.proxyProtocolData();
    }

    @Override
    public HelidonSocket serverSocket() {
        return helidon.serverSocket();
    }

    @Override
    public PeerInfo remotePeer() {
        return helidon.remotePeer();
    }

    @Override
    public PeerInfo localPeer() {
        return helidon.localPeer();
    }

    @Override
    public boolean isSecure() {
        return helidon.isSecure();
    }

    @Override
    public String socketId() {
        return helidon.socketId();
    }

    @Override
    public String childSocketId() {
        return helidon.childSocketId();
    }
}
