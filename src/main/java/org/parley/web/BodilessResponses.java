package org.parley.web;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataWriter;

/**
 * The connection's writer, which leaves out the body of the answer to a {@code HEAD} request. Parley's
 * routes answer {@code GET}; {@link RequestFraming} hands Helidon a {@code HEAD} request as a {@code GET},
 * and here everything after that response's header block is dropped, so the client gets the headers
 * (Content-Length included) a {@code GET} would, as HTTP asks. Written from one request thread at a time.
 */
final class BodilessResponses implements DataWriter {

    private static final byte[] HEAD_END = {'\r', '\n', '\r', '\n'};

    private final DataWriter helidon;
    private boolean bodiless;
    private boolean headerDone;
    private int matched;

    BodilessResponses(DataWriter helidon) {
        this.helidon = helidon;
    }

    /** The next response answers a {@code HEAD} request (or not): its body is left out. */
    void nextResponse(boolean headRequest) {
        bodiless = headRequest;
        headerDone = false;
        matched = 0;
    }

    @Override
    public void write(BufferData... buffers) {
        for (BufferData buffer : buffers) {
            write(buffer);
        }
    }

    @Override
    public void write(BufferData buffer) {
        BufferData kept = keep(buffer);
        if (kept != null) {
            helidon.write(kept);
        }
    }

    @Override
    public void writeNow(BufferData... buffers) {
        for (BufferData buffer : buffers) {
            writeNow(buffer);
        }
    }

    @Override
    public void writeNow(BufferData buffer) {
        BufferData kept = keep(buffer);
        if (kept != null) {
            helidon.writeNow(kept);
        }
    }

    @Override
    public void flush() {
        helidon.flush();
    }

    @Override
    public void close() {
        helidon.close();
    }

    /** What of {@code buffer} goes out: all of it, the header block's part of it, or nothing. */
    private BufferData keep(BufferData buffer) {
        if (!bodiless) {
            return buffer;
        }
        if (headerDone) {
            return null;
        }
        byte[] bytes = new byte[buffer.available()];
        buffer.read(bytes);
        for (int i = 0; i < bytes.length; i++) {
            matched = bytes[i] == HEAD_END[matched] ? matched + 1 : (bytes[i] == HEAD_END[0] ? 1 : 0);
            if (matched == HEAD_END.length) {
                headerDone = true;
                return BufferData.create(bytes, 0, i + 1);
            }
        }
        return BufferData.create(bytes);
    }
}
