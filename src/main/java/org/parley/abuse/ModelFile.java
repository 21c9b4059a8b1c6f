package org.parley.abuse;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * Parley's abuse model file, big-endian:
 * <pre>
 *   magic "PARLEYAB", u16 version (3; versions 1 and 2, without the parts marked 2+ and 3, are still read)
 *   u8 hash bits, u8 char n-gram min, u8 char n-gram max, u8 word bigrams (0/1), i32 hash salt,
 *   u8 pooling exponent (percent), u16 word boost (percent),
 *   u8 negation scope (words), u8 pair window (words, version 2 only), u16 n, n × modified-UTF-8 identity terms
 *   f32 bias, f64 low, f64 flag, f64 hold    thresholds chosen at training time
 *   u16 block size, f32[2^bits / block] scales, i8[2^bits] weights
 *   u8 has ensemble (3), and if 1: modified-UTF-8 encoder name, u16 hidden units h, u32 n, f32[n] inner
 *      head weights, u32 m, f32[m] outer head weights ({@link EncoderHead}),
 *      f32 fast weight, f32 encoder weight, f32 bias, f32 pooling temperature,
 *      f64 low, f64 flag, f64 hold                         the {@link Ensemble} with the encoder
 *   u32 CRC-32 of everything before it
 * </pre>
 * Writing the same model always gives the same bytes (no timestamps, fixed order).
 */
final class ModelFile {

    private static final byte[] MAGIC = "PARLEYAB".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int VERSION = 3;

    private ModelFile() {
    }

    private static java.util.List<String> identityTerms(DataInputStream in) throws IOException {
        int count = in.readUnsignedShort();
        java.util.List<String> terms = new java.util.ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            terms.add(in.readUTF());
        }
        return terms;
    }

    /** What a model file holds: the fast model, and the ensemble with the sentence encoder if it was trained. */
    record Contents(Model fast, Ensemble ensemble) {
    }

    static byte[] write(Model model) {
        return write(model, null);
    }

    static byte[] write(Model model, Ensemble ensemble) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(model.quantizedWeights().length + 64 * 1024);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            Features f = model.features();
            out.write(MAGIC);
            out.writeShort(VERSION);
            out.writeByte(f.bits());
            out.writeByte(f.charMin());
            out.writeByte(f.charMax());
            out.writeByte(f.bigrams() ? 1 : 0);
            out.writeInt(f.salt());
            out.writeByte(f.pooling());
            out.writeShort(f.wordBoost());
            out.writeByte(f.negationScope());
            out.writeByte(f.pairWindow());
            out.writeShort(f.identityTerms().size());
            for (String term : f.identityTerms()) {
                out.writeUTF(term);
            }
            out.writeFloat(model.bias());
            out.writeDouble(model.thresholds().low());
            out.writeDouble(model.thresholds().flag());
            out.writeDouble(model.thresholds().hold());
            out.writeShort(Model.BLOCK);
            for (float scale : model.scales()) {
                out.writeFloat(scale);
            }
            out.write(model.quantizedWeights());
            out.writeByte(ensemble == null ? 0 : 1);
            if (ensemble != null) {
                out.writeUTF(ensemble.encoder());
                EncoderHead head = ensemble.head();
                out.writeShort(head.hidden());
                for (float[] weights : new float[][] {head.inner(), head.outer()}) {
                    out.writeInt(weights.length);
                    for (float w : weights) {
                        out.writeFloat(w);
                    }
                }
                out.writeFloat(ensemble.fastWeight());
                out.writeFloat(ensemble.encoderWeight());
                out.writeFloat(ensemble.bias());
                out.writeFloat(ensemble.temperature());
                out.writeDouble(ensemble.thresholds().low());
                out.writeDouble(ensemble.thresholds().flag());
                out.writeDouble(ensemble.thresholds().hold());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing the model to memory", e);
        }
        byte[] body = bytes.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(body);
        byte[] file = Arrays.copyOf(body, body.length + 4);
        int sum = (int) crc.getValue();
        for (int i = 0; i < 4; i++) {
            file[body.length + i] = (byte) (sum >>> (24 - 8 * i));
        }
        return file;
    }

    /** Reads a model; fails with what is wrong if the bytes are not a complete model of a known version. */
    static Contents read(InputStream stream, String name) throws IOException {
        byte[] file = new BufferedInputStream(stream).readAllBytes();
        if (file.length < MAGIC.length + 4 || !Arrays.equals(Arrays.copyOf(file, MAGIC.length), MAGIC)) {
            throw new IOException(name + " is not a Parley abuse model (no PARLEYAB header)");
        }
        CRC32 crc = new CRC32();
        crc.update(file, 0, file.length - 4);
        int stored = ((file[file.length - 4] & 0xFF) << 24) | ((file[file.length - 3] & 0xFF) << 16)
                | ((file[file.length - 2] & 0xFF) << 8) | (file[file.length - 1] & 0xFF);
        if ((int) crc.getValue() != stored) {
            throw new IOException(name + " is damaged (checksum mismatch)");
        }
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(file, MAGIC.length, file.length - 4 - MAGIC.length));
        int version = in.readUnsignedShort();
        if (version < 1 || version > VERSION) {
            throw new IOException(name + " has model format version " + version + "; this Parley reads version " + VERSION);
        }
        Features features = new Features(in.readUnsignedByte(), in.readUnsignedByte(), in.readUnsignedByte(), in.readUnsignedByte() == 1,
                in.readInt(), in.readUnsignedByte(), in.readUnsignedShort(), in.readUnsignedByte(),
                version == 1 ? 0 : in.readUnsignedByte(), identityTerms(in));
        float bias = in.readFloat();
        AbuseThresholds thresholds = new AbuseThresholds(in.readDouble(), in.readDouble(), in.readDouble());
        int block = in.readUnsignedShort();
        if (block != Model.BLOCK) {
            throw new IOException(name + " uses blocks of " + block + " weights; expected " + Model.BLOCK);
        }
        int size = 1 << features.bits();
        float[] scales = new float[size / block];
        for (int i = 0; i < scales.length; i++) {
            scales[i] = in.readFloat();
        }
        byte[] weights = new byte[size];
        in.readFully(weights);
        Model fast = new Model(features, bias, weights, scales, thresholds);
        if (version < 3 || in.readUnsignedByte() == 0) {
            return new Contents(fast, null);
        }
        String encoder = in.readUTF();
        int hidden = in.readUnsignedShort();
        float[] inner = floats(in, name);
        float[] outer = floats(in, name);
        EncoderHead head;
        try {
            head = new EncoderHead(hidden, inner, outer);
        } catch (IllegalArgumentException e) {
            throw new IOException(name + " is damaged: " + e.getMessage(), e);
        }
        return new Contents(fast, new Ensemble(encoder, head, in.readFloat(), in.readFloat(), in.readFloat(),
                in.readFloat(), new AbuseThresholds(in.readDouble(), in.readDouble(), in.readDouble())));
    }

    private static float[] floats(DataInputStream in, String name) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > 1 << 22) {
            throw new IOException(name + " is damaged: " + count + " head weights");
        }
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            out[i] = in.readFloat();
        }
        return out;
    }
}
