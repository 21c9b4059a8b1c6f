package org.parley.media;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.stream.ImageInputStreamImpl;

/**
 * An ImageIO stream over bytes already in memory. ImageIO's own streams would copy them into a cache
 * (in memory or, by a global default, in a temporary file); the upload is already bounded and held, so
 * reading it in place costs nothing and touches no global setting.
 *
 * <p>It also stops decoders that keep reading past the end. Some treat end-of-data as zeros and carry on
 * (TwelveMonkeys' WebP bit reader catches each EOFException and goes on to the next pixel), so a tiny
 * truncated file declaring millions of pixels would cost an exception per pixel — minutes of CPU. After
 * {@value #MAX_READS_PAST_END} reads at the end the stream throws an unchecked exception no reader
 * swallows, and the upload is refused as broken.
 */
final class ByteArrayImageInputStream extends ImageInputStreamImpl {

    /** A whole, valid file causes a handful of such reads (readers fetch ahead); a truncated one, millions. */
    static final int MAX_READS_PAST_END = 1024;

    private final byte[] bytes;
    private int readsPastEnd;

    ByteArrayImageInputStream(byte[] bytes) {
        this.bytes = bytes;
    }

    @Override
    public int read() throws IOException {
        checkClosed();
        bitOffset = 0;
        return streamPos < bytes.length ? bytes[(int) streamPos++] & 0xFF : end();
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        checkClosed();
        java.util.Objects.checkFromIndexSize(offset, length, into.length);
        bitOffset = 0;
        if (length == 0) {
            return 0;
        }
        if (streamPos >= bytes.length) {
            return end();
        }
        int count = (int) Math.min(length, bytes.length - streamPos);
        System.arraycopy(bytes, (int) streamPos, into, offset, count);
        streamPos += count;
        return count;
    }

    private int end() {
        if (++readsPastEnd > MAX_READS_PAST_END) {
            throw new UncheckedIOException(new EOFException("the decoder kept reading past the end of the "
                    + bytes.length + " bytes of image data"));
        }
        return -1;
    }

    @Override
    public long length() {
        return bytes.length;
    }
}
