package org.parley.media;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;

/**
 * The benchmark behind docs/PERFORMANCE.md's "Image uploads under memory pressure" (not a test; run by
 * {@code bench/uploads.sh}). Part 1, in this JVM: for each kind of large upload, the memory reserved for
 * it, the bytes it allocates in large buffers (an upper bound on the heap it holds at once), all the bytes
 * it allocates, and the time it takes. Part 2: how close the display variant of an 8000 × 5000 picture
 * comes to a reference (the whole picture decoded and area-averaged) when decoded subsampled to between
 * one and two display sizes, as shipped, or right down to the display size. Part 3: bursts of sixteen
 * simultaneous uploads (each of the 16-bit PNGs, then the 12-megapixel JPEG) to a child Parley with a
 * 256 MiB heap, with one reader reading a thread meanwhile.
 */
public final class UploadMemoryBench {

    private static final long MIB = 1 << 20;

    private UploadMemoryBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Path scratch = Files.createTempDirectory("parley-upload-bench");
        Map<String, byte[]> uploads = new LinkedHashMap<>();
        uploads.put("16-bit RGBA PNG 8000 × 5000 (the issue's file)", TestImages.rawPng(8000, 5000, 16, 6, false));
        uploads.put("16-bit RGBA PNG 6324 × 6324", TestImages.rawPng(6324, 6324, 16, 6, false));
        uploads.put("16-bit RGBA PNG 3199 × 3199 (largest decode)", TestImages.rawPng(3199, 3199, 16, 6, false));
        uploads.put("JPEG photograph 4032 × 3024 (12 MP phone)", TestImages.jpeg(TestImages.photoLike(4032, 3024, 1)));
        uploads.put("JPEG photograph 8000 × 5000", TestImages.jpeg(TestImages.photoLike(8000, 5000, 2)));
        perUpload(uploads, scratch);
        quality();
        bursts(uploads, rounds, scratch);
    }

    private static void quality() throws Exception {
        int width = 8000;
        int height = 5000;
        int display = MediaConfig.DEFAULT_DISPLAY_LONG_SIDE;
        int[] size = Renderer.fit(width, height, display);
        System.out.println("== display variant of an 8000 × 5000 PNG against the whole picture area-averaged (PSNR, higher is closer)");
        System.out.println("| picture | decoded at 2667 × 1667, bilinear (shipped) | decoded at 2667 × 1667, area-averaged"
                + " | decoded at 1600 × 1000 (display size) |");
        System.out.println("|---|---|---|---|");
        for (String picture : List.of("photograph (gradients and grain)", "zone plate (rings up to the finest detail)")) {
            BufferedImage whole = picture.startsWith("photo") ? TestImages.photoLike(width, height, 7) : zonePlate(width, height);
            byte[] png = TestImages.png(whole);
            BufferedImage reference = AreaAverage.scale(whole, size[0], size[1]);
            int shipped = Decoder.subsampling(width, height, display);
            System.out.printf("| %s | %.1f dB | %.1f dB | %.1f dB |%n", picture,
                    psnr(reference, Renderer.scale(decoded(png, shipped), size[0], size[1])),
                    psnr(reference, AreaAverage.scale(decoded(png, shipped), size[0], size[1])),
                    psnr(reference, Renderer.scale(decoded(png, Math.max(width, height) / display), size[0], size[1])));
        }
    }

    private static BufferedImage decoded(byte[] png, int step) throws IOException {
        ImageReader reader = ImageIO.getImageReadersByFormatName("png").next();
        try {
            reader.setInput(new ByteArrayImageInputStream(png));
            ImageReadParam param = reader.getDefaultReadParam();
            param.setSourceSubsampling(step, step, 0, 0);
            return reader.read(0, param);
        } finally {
            reader.dispose();
        }
    }

    /** Grey rings whose spacing shrinks towards the edges, down to a pixel: every frequency at once. */
    private static BufferedImage zonePlate(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double dx = x - width / 2.0;
                double dy = y - height / 2.0;
                int v = (int) (127.5 + 127.5 * Math.cos((dx * dx + dy * dy) * Math.PI / (2.0 * width)));
                image.setRGB(x, y, v << 16 | v << 8 | v);
            }
        }
        return image;
    }

    private static double psnr(BufferedImage a, BufferedImage b) {
        double squares = 0;
        long samples = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift < 24; shift += 8) {
                    int d = ((p >> shift) & 0xFF) - ((q >> shift) & 0xFF);
                    squares += d * d;
                    samples++;
                }
            }
        }
        return 10 * Math.log10(255.0 * 255.0 / (squares / samples));
    }

    private static void perUpload(Map<String, byte[]> uploads, Path scratch) throws Exception {
        MediaConfig config = MediaConfig.defaults();
        Reencoder reencoder = new Reencoder(config);
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        System.out.println("== per upload (median of 5 after 2 warm-ups); largest legal upload reserves "
                + Footprint.largest(config) / MIB + " MiB");
        System.out.println("| upload | bytes | decoded at | reserved | large buffers | all allocations | time |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (Map.Entry<String, byte[]> upload : uploads.entrySet()) {
            byte[] bytes = upload.getValue();
            Inspection inspection = reencoder.inspect(bytes, SizeLimits.of(config));
            int step = Decoder.subsampling(inspection.width(), inspection.height(), config.displayLongSidePixels());
            for (int i = 0; i < 2; i++) {
                reencoder.reencode(bytes);
            }
            long large = LargeAllocations.of(() -> reencoder.reencode(bytes), scratch);
            List<Long> millis = new ArrayList<>();
            long all = 0;
            for (int i = 0; i < 5; i++) {
                long before = threads.getCurrentThreadAllocatedBytes();
                long start = System.nanoTime();
                reencoder.reencode(bytes);
                millis.add((System.nanoTime() - start) / 1_000_000);
                all = threads.getCurrentThreadAllocatedBytes() - before;
            }
            Collections.sort(millis);
            System.out.printf("| %s | %,d | %d × %d | %d MiB | %d MiB | %d MiB | %d ms |%n", upload.getKey(), bytes.length,
                    (inspection.width() + step - 1) / step, (inspection.height() + step - 1) / step,
                    Footprint.of(inspection, bytes.length, config.displayLongSidePixels()) / MIB, large / MIB, all / MIB, millis.get(2));
        }
    }

    private static void bursts(Map<String, byte[]> uploads, int rounds, Path scratch) throws Exception {
        List<byte[]> pictures = new ArrayList<>(uploads.values());
        System.out.println("== bursts of 16 simultaneous uploads, child JVM -Xmx256m, " + rounds + " rounds each");
        System.out.println("| uploads | round | 201 | 503 | other | burst took | thread reads | slowest read | OutOfMemoryError |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        // The three 16-bit PNGs, then the phone photograph: what a busy comment section sends.
        for (int kind = 0; kind < 4; kind++) {
            String name = uploads.keySet().stream().toList().get(kind);
            for (int round = 1; round <= rounds; round++) {
                Path dir = Files.createTempDirectory(scratch, "burst");
                try (HeapLimitedParley server = HeapLimitedParley.start(dir, "-Xmx256m")) {
                    UploadBurst.Result burst = UploadBurst.run(server.http(), Collections.nCopies(16, pictures.get(kind)));
                    System.out.printf("| 16 × %s | %d | %d | %d | %d | %.1f s | %,d | %d ms | %s |%n", name, round, burst.count(201),
                            burst.count(503), 16 - burst.count(201) - burst.count(503), burst.took().toMillis() / 1000.0,
                            burst.reads(), burst.slowestRead().toMillis(), server.log().contains("OutOfMemoryError") ? "yes" : "no");
                }
            }
        }
    }
}
