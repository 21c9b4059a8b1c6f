package org.parley.media;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.parley.http.ParleyException;

/**
 * Decodes the first frame of an inspected upload, and only after its size passed the pixel limit twice:
 * once from Parley's own walk of the header, once from the reader's (both header-only). Large images are
 * decoded subsampled (every n-th pixel of every n-th row, which the readers do row by row) to a long side
 * between the display size and twice that, so one decode holds at most min(maxPixels, (2 × display long
 * side)²) pixels however large the upload (10.2 megapixels with the defaults; an 8000 × 5000 picture is
 * decoded at 2667 × 1667). Subsampling right down to the display size would need half as much for most
 * large pictures, but every n-th pixel is not their average, and with no headroom left for the renderer
 * to smooth, fine detail turns to moiré (measured in docs/PERFORMANCE.md); the headroom stays. How much
 * memory a decode takes is {@link Footprint}'s business. WebP is the exception (see {@link #WEBP_MAX_PIXELS}).
 */
final class Decoder {

    /** The decoded pixels (maybe subsampled) and the full size the reader reported, before orientation. */
    record Decoded(BufferedImage image, int width, int height) {
    }

    /**
     * The WebP reader ignores subsampling and always decodes the whole canvas as 4-byte pixels, so WebP
     * keeps to 4,096 × 4,096 (a 64 MiB raster) whatever {@link MediaConfig#maxPixels()} allows.
     */
    static final long WEBP_MAX_PIXELS = 4096L * 4096L;

    private final MediaConfig config;

    Decoder(MediaConfig config) {
        this.config = config;
    }

    /** Refuses sizes over {@code maxPixels} (or WebP's own limit); a 422 problem naming the size. */
    static void requireWithinLimit(UploadFormat format, long width, long height, long maxPixels) {
        if (format == UploadFormat.WEBP && width * height > Math.min(maxPixels, WEBP_MAX_PIXELS)) {
            throw Refusal.tooManyPixels(width, height, Math.min(maxPixels, WEBP_MAX_PIXELS),
                    " WebP images cannot be decoded at a reduced size, so they have a lower limit; a JPEG or PNG of this"
                            + " picture may be larger.");
        }
        if (width * height > maxPixels) {
            throw Refusal.tooManyPixels(width, height, maxPixels, "");
        }
    }

    /**
     * Decodes the first frame of an upload whose walked header passed {@link #requireWithinLimit}, refusing
     * again, from the reader's own header, anything over {@code maxPixels}.
     */
    Decoded decode(Inspection inspection, long maxPixels) {
        ImageReader reader = reader(inspection.format());
        try (ImageInputStream in = new ByteArrayImageInputStream(inspection.decodable())) {
            reader.setInput(in, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (width <= 0 || height <= 0) {
                throw Refusal.broken("declares a size of " + width + " × " + height + " pixels");
            }
            requireWithinLimit(inspection.format(), width, height, maxPixels);
            ImageReadParam param = reader.getDefaultReadParam();
            int step = subsampling(width, height, config.displayLongSidePixels());
            param.setSourceSubsampling(step, step, 0, 0);
            BufferedImage image = reader.read(0, param);
            return new Decoded(image, width, height);
        } catch (ParleyException refusal) {
            throw refusal;
        } catch (IOException | RuntimeException e) {
            // Decoders meet hostile bytes here; whatever they throw, the upload is what is broken.
            throw Refusal.broken("could not be decoded as " + inspection.format().readerName().toUpperCase(Locale.ROOT)
                    + " (" + reason(e) + ")", e);
        } finally {
            reader.dispose();
        }
    }

    /** Keeps every n-th pixel so the long side lands above the display size and at most twice that. */
    static int subsampling(int width, int height, int displayLongSide) {
        int twiceDisplay = 2 * displayLongSide;
        return Math.max(1, (Math.max(width, height) + twiceDisplay - 1) / twiceDisplay);
    }

    /** Pixels of the raster a {@code width × height} image is decoded into, after subsampling. */
    static long decodedPixels(int width, int height, int displayLongSide) {
        int step = subsampling(width, height, displayLongSide);
        return (long) ((width + step - 1) / step) * ((height + step - 1) / step);
    }

    private static String reason(Exception e) {
        Throwable cause = e instanceof java.io.UncheckedIOException unchecked ? unchecked.getCause() : e;
        String message = cause.getMessage();
        if (message == null || message.isBlank()) {
            return cause.getClass().getSimpleName();
        }
        return message.length() > 160 ? message.substring(0, 160) + "…" : message;
    }

    private static ImageReader reader(UploadFormat format) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.readerName());
        if (!readers.hasNext()) {
            throw new IllegalStateException("no ImageIO reader for " + format + "; is TwelveMonkeys imageio-webp on the class path?");
        }
        return readers.next();
    }
}
