package org.parley.media;

import java.awt.AlphaComposite;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * Turns decoded pixels into the stored variants: scales to the display size (halving steps, then one
 * bilinear step, which averages like a box filter and avoids the shimmer of one big bilinear jump), turns
 * the result upright, derives the thumbnail from it, and picks the output format:
 * <ul>
 *   <li>any pixel actually transparent → PNG;</li>
 *   <li>a JPEG upload → JPEG (a photograph stays a photograph; PNG would only store its artefacts);</li>
 *   <li>any other opaque upload (PNG, GIF, WebP) → PNG, unless PNG comes out more than twice the size of
 *       JPEG, which happens for photographs; charts and screenshots stay crisp.</li>
 * </ul>
 * GIF therefore becomes its first frame as PNG. Works on images of at most about twice the display size
 * (see {@link Decoder}), so every buffer here is bounded.
 */
final class Renderer {

    static final int PNG_SIZE_TOLERANCE = 2;

    private final MediaConfig config;

    Renderer(MediaConfig config) {
        this.config = config;
    }

    Rendition render(UploadFormat source, Decoder.Decoded decoded, Orientation orientation) {
        int[] display = fit(decoded.width(), decoded.height(), config.displayLongSidePixels());
        BufferedImage upright = orientation.apply(scale(decoded.image(), display[0], display[1]));
        int[] thumbSize = fit(upright.getWidth(), upright.getHeight(), config.thumbLongSidePixels());
        BufferedImage thumb = scale(upright, thumbSize[0], thumbSize[1]);

        ImageFormat format;
        byte[] displayBytes;
        if (upright.getType() == BufferedImage.TYPE_INT_ARGB) {
            format = ImageFormat.PNG;
            displayBytes = Encoder.encode(ImageFormat.PNG, upright);
        } else if (source == UploadFormat.JPEG) {
            format = ImageFormat.JPEG;
            displayBytes = Encoder.encode(ImageFormat.JPEG, upright);
        } else {
            byte[] png = Encoder.encode(ImageFormat.PNG, upright);
            byte[] jpeg = Encoder.encode(ImageFormat.JPEG, upright);
            boolean pngFits = (long) png.length <= (long) PNG_SIZE_TOLERANCE * jpeg.length;
            format = pngFits ? ImageFormat.PNG : ImageFormat.JPEG;
            displayBytes = pngFits ? png : jpeg;
        }
        int width = orientation.swapsSides() ? decoded.height() : decoded.width();
        int height = orientation.swapsSides() ? decoded.width() : decoded.height();
        return Rendition.of(format, width, height, upright.getWidth(), upright.getHeight(), displayBytes,
                thumb.getWidth(), thumb.getHeight(), Encoder.encode(format, thumb));
    }

    /** The size that fits {@code width × height} within {@code longSide}, keeping the aspect ratio; never larger. */
    static int[] fit(int width, int height, int longSide) {
        int longest = Math.max(width, height);
        if (longest <= longSide) {
            return new int[] {width, height};
        }
        double scale = (double) longSide / longest;
        return new int[] {
                Math.max(1, (int) Math.round(width * scale)),
                Math.max(1, (int) Math.round(height * scale))};
    }

    /**
     * {@code source} at exactly {@code width × height}, as TYPE_INT_ARGB when some pixel is transparent and
     * TYPE_INT_RGB otherwise, whatever type the decoder produced (palette, 16-bit, grey, CMYK converted).
     */
    static BufferedImage scale(BufferedImage source, int width, int height) {
        boolean alpha = source.getColorModel().hasAlpha();
        // Premultiplied while scaling, so transparent pixels' hidden colour cannot bleed into edges.
        int working = alpha ? BufferedImage.TYPE_INT_ARGB_PRE : BufferedImage.TYPE_INT_RGB;
        BufferedImage current = source;
        do {
            int nextWidth = Math.max(width, current.getWidth() / 2);
            int nextHeight = Math.max(height, current.getHeight() / 2);
            current = draw(current, nextWidth, nextHeight, working);
        } while (current.getWidth() != width || current.getHeight() != height);
        if (!alpha) {
            return current;
        }
        return draw(current, width, height, isTransparent(current) ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    }

    private static boolean isTransparent(BufferedImage argb) {
        for (int pixel : ((DataBufferInt) argb.getRaster().getDataBuffer()).getData()) {
            if (pixel >>> 24 != 0xFF) {
                return true;
            }
        }
        return false;
    }

    private static BufferedImage draw(BufferedImage source, int width, int height, int type) {
        BufferedImage out = new BufferedImage(width, height, type);
        Graphics2D g = out.createGraphics();
        try {
            g.setComposite(AlphaComposite.Src);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_COLOR_RENDERING, RenderingHints.VALUE_COLOR_RENDER_QUALITY);
            g.drawImage(source, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
