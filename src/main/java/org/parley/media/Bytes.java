package org.parley.media;

import java.nio.charset.StandardCharsets;

/** Bounds-checked reads of the integers image containers are built from. Callers check the bounds first. */
final class Bytes {

    private Bytes() {
    }

    static int u8(byte[] b, int at) {
        return b[at] & 0xFF;
    }

    static int u16be(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
    }

    static int u16le(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    static int u24le(byte[] b, int at) {
        return u16le(b, at) | (b[at + 2] & 0xFF) << 16;
    }

    static long u32be(byte[] b, int at) {
        return (long) u16be(b, at) << 16 | u16be(b, at + 2);
    }

    static long u32le(byte[] b, int at) {
        return u16le(b, at) | (long) u16le(b, at + 2) << 16;
    }

    /** True when {@code b} holds the ASCII text {@code expected} at {@code at}. */
    static boolean ascii(byte[] b, int at, String expected) {
        if (at < 0 || at + expected.length() > b.length) {
            return false;
        }
        byte[] wanted = expected.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < wanted.length; i++) {
            if (b[at + i] != wanted[i]) {
                return false;
            }
        }
        return true;
    }
}
