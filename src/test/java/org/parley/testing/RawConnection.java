package org.parley.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One TCP connection to a server, written and read byte for byte: for requests no HTTP client would send
 * (HTTP/1.0, broken chunking, a TLS handshake on a plain port) and for watching when the server closes.
 */
public final class RawConnection implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private final Socket socket;
    private final InputStream in;

    /** A response as read off the wire; header names are case-insensitive. */
    public record Response(String statusLine, int status, Map<String, String> headers, byte[] body) {
        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name));
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("response body is not JSON: " + text(), e);
            }
        }
    }

    private RawConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        socket.setSoTimeout((int) PATIENCE.toMillis());
    }

    public static RawConnection open(int port) {
        try {
            return new RawConnection(new Socket("127.0.0.1", port));
        } catch (IOException e) {
            throw new UncheckedIOException("connect to 127.0.0.1:" + port, e);
        }
    }

    public RawConnection send(String ascii) {
        return send(ascii.getBytes(StandardCharsets.ISO_8859_1));
    }

    public RawConnection send(byte[] bytes) {
        try {
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("write to the server", e);
        }
    }

    /** Says "no more bytes from me" while still reading the answer. */
    public RawConnection endOutput() {
        try {
            socket.shutdownOutput();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one response (Content-Length, chunked, or until the server closes), waiting up to {@code patience}. */
    public Response read(Duration patience) {
        return read(patience, true);
    }

    /** Reads the answer to a HEAD request: a status line and headers, and no body whatever they announce. */
    public Response readHeadAnswer() {
        return read(PATIENCE, false);
    }

    private Response read(Duration patience, boolean withBody) {
        try {
            socket.setSoTimeout((int) patience.toMillis());
            String statusLine = line();
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (String header = line(); !header.isEmpty(); header = line()) {
                int colon = header.indexOf(':');
                headers.put(header.substring(0, colon).strip(), header.substring(colon + 1).strip());
            }
            byte[] body;
            if (!withBody) {
                body = new byte[0];
            } else if (headers.containsKey("Content-Length")) {
                body = in.readNBytes(Integer.parseInt(headers.get("Content-Length")));
            } else if ("chunked".equalsIgnoreCase(headers.get("Transfer-Encoding"))) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                for (int size = Integer.parseInt(line(), 16); size > 0; size = Integer.parseInt(line(), 16)) {
                    out.write(in.readNBytes(size));
                    line();
                }
                line();
                body = out.toByteArray();
            } else {
                body = in.readAllBytes();
            }
            return new Response(statusLine, Integer.parseInt(statusLine.split(" ")[1]), headers, body);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no response within " + patience, e);
        } catch (IOException e) {
            throw new UncheckedIOException("read a response", e);
        }
    }

    public Response read() {
        return read(PATIENCE);
    }

    /**
     * True when the server closes the connection within {@code window} (EOF or reset), false if it is still
     * open then. Bytes arriving meanwhile are skipped.
     */
    public boolean closedWithin(Duration window) {
        long deadline = System.nanoTime() + window.toNanos();
        try {
            while (true) {
                socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                if (in.read() == -1) {
                    return true;
                }
                if (System.nanoTime() > deadline) {
                    return false;
                }
            }
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (SocketException reset) {
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b == -1) {
                throw new IOException("the server closed the connection mid-response, after: " + line.toString(StandardCharsets.ISO_8859_1));
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a test connection
        }
    }
}
