package org.parley.media;

import java.awt.image.BufferedImage;

/**
 * Scales an image of any pixel layout down to an int raster by averaging, for each target pixel, the
 * source pixels it covers (weighted by how much of each it covers), reading the source one row at a time.
 *
 * <p>It exists for layouts Java2D has no scaling loop for (16-bit channels, grey with alpha, packed bits):
 * asked to draw one of those, Java2D first copies the whole source into an int image, four bytes a pixel,
 * which for a large 16-bit PNG was the biggest allocation of an upload. Here the extra memory is two rows
 * of the target and one of the source. It reads every source pixel through the colour model, so it is
 * slower than Java2D's loops (about 20 ns a pixel for 8-bit layouts, more for 16-bit ones), and used only
 * where those would copy. Colours are averaged premultiplied by their alpha, so the hidden colour of
 * transparent pixels cannot bleed into edges.
 */
final class AreaAverage {

    private static final int CHANNELS = 4;

    private AreaAverage() {
    }

    /**
     * {@code source} at {@code width × height} (each at most the source's), as TYPE_INT_ARGB_PRE when the
     * source has alpha and TYPE_INT_RGB otherwise.
     */
    static BufferedImage scale(BufferedImage source, int width, int height) {
        int sourceWidth = source.getWidth();
        int sourceHeight = source.getHeight();
        boolean alpha = source.getColorModel().hasAlpha();
        BufferedImage out = new BufferedImage(width, height, alpha ? BufferedImage.TYPE_INT_ARGB_PRE : BufferedImage.TYPE_INT_RGB);
        // On a common axis, target column c spans [c × sourceWidth, (c + 1) × sourceWidth) and source column x
        // spans [x × width, (x + 1) × width): integer overlaps, and a source column touches at most two targets.
        Spans columns = Spans.of(sourceWidth, width);
        Spans rows = Spans.of(sourceHeight, height);
        double total = (double) sourceWidth * sourceHeight;
        int[] sourceRow = new int[sourceWidth];
        double[] reduced = new double[width * CHANNELS];
        double[] current = new double[width * CHANNELS];
        double[] next = new double[width * CHANNELS];
        int[] targetRow = new int[width];
        for (int y = 0; y < sourceHeight; y++) {
            source.getRGB(0, y, sourceWidth, 1, sourceRow, 0, sourceWidth);
            java.util.Arrays.fill(reduced, 0);
            for (int x = 0; x < sourceWidth; x++) {
                int argb = sourceRow[x];
                int a = argb >>> 24;
                double r = ((argb >> 16) & 0xFF) * a / 255.0;
                double g = ((argb >> 8) & 0xFF) * a / 255.0;
                double b = (argb & 0xFF) * a / 255.0;
                int c = columns.target[x] * CHANNELS;
                add(reduced, c, columns.first[x], a, r, g, b);
                if (columns.rest[x] > 0) {
                    add(reduced, c + CHANNELS, columns.rest[x], a, r, g, b);
                }
            }
            addRow(current, reduced, rows.first[y]);
            if (rows.rest[y] > 0 || rows.endsTarget[y]) {
                write(out, rows.target[y], current, total, alpha, targetRow);
                double[] done = current;
                current = next;
                next = done;
                java.util.Arrays.fill(next, 0);
                addRow(current, reduced, rows.rest[y]);
            }
        }
        return out;
    }

    private static void add(double[] into, int at, long weight, int a, double r, double g, double b) {
        into[at] += weight * (double) a;
        into[at + 1] += weight * r;
        into[at + 2] += weight * g;
        into[at + 3] += weight * b;
    }

    private static void addRow(double[] into, double[] row, long weight) {
        if (weight == 0) {
            return;
        }
        for (int i = 0; i < into.length; i++) {
            into[i] += row[i] * weight;
        }
    }

    private static void write(BufferedImage out, int y, double[] sums, double total, boolean alpha, int[] row) {
        for (int x = 0; x < row.length; x++) {
            int at = x * CHANNELS;
            int a = alpha ? channel(sums[at] / total) : 0xFF;
            row[x] = a << 24 | channel(sums[at + 1] / total) << 16 | channel(sums[at + 2] / total) << 8
                    | channel(sums[at + 3] / total);
        }
        out.getRaster().setDataElements(0, y, row.length, 1, row);
    }

    private static int channel(double value) {
        return (int) Math.max(0, Math.min(255, Math.round(value)));
    }

    /**
     * How source positions (columns or rows) fall on target ones: position i puts {@code first[i]} of its
     * weight on {@code target[i]} and {@code rest[i]} on the next; {@code endsTarget[i]} when its end is
     * exactly the end of its target.
     */
    private record Spans(int[] target, long[] first, long[] rest, boolean[] endsTarget) {

        static Spans of(int sourceLength, int targetLength) {
            int[] target = new int[sourceLength];
            long[] first = new long[sourceLength];
            long[] rest = new long[sourceLength];
            boolean[] endsTarget = new boolean[sourceLength];
            for (int i = 0; i < sourceLength; i++) {
                long start = (long) i * targetLength;
                long end = start + targetLength;
                int t = (int) (start / sourceLength);
                long boundary = (long) (t + 1) * sourceLength;
                target[i] = t;
                first[i] = Math.min(end, boundary) - start;
                rest[i] = Math.max(0, end - boundary);
                endsTarget[i] = end == boundary;
            }
            return new Spans(target, first, rest, endsTarget);
        }
    }
}
