package org.parley.imports;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Posts of a Disqus export, kept in a temporary file (readable by this user only, deleted on close) while the rest of
 * the export is read: Disqus lists posts apart from their threads, in any order, so a page's comments are known only
 * at the end of the file. Memory holds one offset per post, not the posts; a thread's posts are read back together.
 */
final class PostSpill implements AutoCloseable {

    private final Path file;
    private final DataOutputStream out;
    private final Map<String, Offsets> byThread = new LinkedHashMap<>();
    private long written;
    private FileChannel reader;

    PostSpill() {
        try {
            file = Files.createTempFile("parley-import-", ".posts");
            out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a temporary file for the export's posts: " + e.getMessage(), e);
        }
    }

    /** Keeps {@code post} of thread {@code thread}. */
    void add(String thread, SourceComment post) {
        byte[] record = encode(post);
        try {
            out.writeInt(record.length);
            out.write(record);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the export's posts to " + file + ": " + e.getMessage(), e);
        }
        byThread.computeIfAbsent(thread, t -> new Offsets()).add(written);
        written += Integer.BYTES + record.length;
    }

    /** The threads posts named, in the order of their first post. */
    Set<String> threads() {
        return byThread.keySet();
    }

    /** The posts of {@code thread}, in file order. */
    List<SourceComment> posts(String thread) {
        Offsets offsets = byThread.get(thread);
        if (offsets == null) {
            return List.of();
        }
        try {
            if (reader == null) {
                out.close();
                reader = FileChannel.open(file, StandardOpenOption.READ);
            }
            List<SourceComment> posts = new ArrayList<>(offsets.size);
            for (int i = 0; i < offsets.size; i++) {
                ByteBuffer length = ByteBuffer.allocate(Integer.BYTES);
                readFully(length, offsets.values[i]);
                ByteBuffer record = ByteBuffer.allocate(length.flip().getInt());
                readFully(record, offsets.values[i] + Integer.BYTES);
                posts.add(decode(record.array()));
            }
            return posts;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the export's posts back from " + file + ": " + e.getMessage(), e);
        }
    }

    private void readFully(ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int read = reader.read(buffer, at);
            if (read < 0) {
                throw new IOException("the temporary file ended early");
            }
            at += read;
        }
    }

    @Override
    public void close() {
        try {
            out.close();
            if (reader != null) {
                reader.close();
            }
        } catch (IOException e) {
            // Only a temporary file is lost; it is deleted next.
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                file.toFile().deleteOnExit();
            }
        }
    }

    private static byte[] encode(SourceComment post) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + post.html().length());
        try (DataOutputStream data = new DataOutputStream(bytes)) {
            text(data, post.sourceId());
            optional(data, post.parentId());
            optional(data, post.authorName());
            optional(data, post.authorEmail());
            optional(data, post.authorUser());
            text(data, post.html());
            data.writeByte(post.state().ordinal());
            data.writeLong(post.createdAt().getEpochSecond());
            data.writeInt(post.createdAt().getNano());
            data.writeInt(post.line());
            data.writeInt(post.up());
            data.writeInt(post.down());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static SourceComment decode(byte[] record) throws IOException {
        DataInputStream data = new DataInputStream(new ByteArrayInputStream(record));
        return new SourceComment(text(data), optional(data), optional(data), optional(data), optional(data), text(data),
                SourceComment.State.values()[data.readByte()], Instant.ofEpochSecond(data.readLong(), data.readInt()), data.readInt(),
                data.readInt(), data.readInt());
    }

    private static void text(DataOutputStream data, String value) throws IOException {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        data.writeInt(utf8.length);
        data.write(utf8);
    }

    private static void optional(DataOutputStream data, Optional<String> value) throws IOException {
        data.writeBoolean(value.isPresent());
        if (value.isPresent()) {
            text(data, value.get());
        }
    }

    private static String text(DataInputStream data) throws IOException {
        return new String(data.readNBytes(data.readInt()), StandardCharsets.UTF_8);
    }

    private static Optional<String> optional(DataInputStream data) throws IOException {
        return data.readBoolean() ? Optional.of(text(data)) : Optional.empty();
    }

    /** A growable list of file offsets. */
    private static final class Offsets {
        long[] values = new long[4];
        int size;

        void add(long offset) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = offset;
        }
    }
}
