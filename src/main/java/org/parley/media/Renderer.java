package org.parley.media;

import java.awt.AlphaComposite;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBufferInt;
import java.awt.image.DirectColorModel;
import java.awt.image.Raster;
import java.util.Set;

/**
 * Turns decoded pixels into the stored variants: scales to the display size (halving steps, then one
 * bilinear step, which averages like a box filter and avoids the shimmer of one big bilinear jump; layouts
 * Java2D would first copy whole into an int image go through {@link AreaAverage} instead), turns the result
 * upright, derives the thumbnail from it, and picks the output format:
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
    /**
     * Layouts Java2D scales with a loop of its own. Any other (16-bit channels, grey with alpha, packed
     * bits) it would first copy whole into a four-byte-a-pixel image, the largest allocation of an upload
     * when it is a big 16-bit PNG; those go through {@link AreaAverage}, which reads a row at a time.
     */
    static final Set<Integer> NATIVELY_SCALED = Set.of(BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB,
            BufferedImage.TYPE_INT_ARGB_PRE, BufferedImage.TYPE_INT_BGR, BufferedImage.TYPE_3BYTE_BGR,
            BufferedImage.TYPE_4BYTE_ABGR, BufferedImage.TYPE_4BYTE_ABGR_PRE, BufferedImage.TYPE_BYTE_GRAY,
            BufferedImage.TYPE_BYTE_INDEXED);

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
        BufferedImage current = NATIVELY_SCALED.contains(source.getType()) ? source : AreaAverage.scale(source, width, height);
        // Drawn at least once, so what leaves here is always one of the two int layouts.
        while (current == source || current.getWidth() != width || current.getHeight() != height) {
            int nextWidth = Math.max(width, current.getWidth() / 2);
            int nextHeight = Math.max(height, current.getHeight() / 2);
            current = draw(current, nextWidth, nextHeight, working);
        }
        return alpha ? unpremultiplied(current) : current;
    }

    /**
     * A premultiplied TYPE_INT_ARGB_PRE image as TYPE_INT_ARGB when some pixel is transparent and as
     * TYPE_INT_RGB otherwise, converted in place and viewed through another colour model rather than drawn
     * into a copy of its size (encoders take neither premultiplied pixels nor, for JPEG, an alpha channel).
     */
    private static BufferedImage unpremultiplied(BufferedImage premultiplied) {
        DataBufferInt buffer = (DataBufferInt) premultiplied.getRaster().getDataBuffer();
        int[] pixels = buffer.getData();
        boolean transparent = false;
        for (int i = 0; i < pixels.length; i++) {
            int a = pixels[i] >>> 24;
            if (a != 0xFF) {
                transparent = true;
                pixels[i] = a == 0 ? 0 : a << 24 | divide(pixels[i] >> 16, a) << 16 | divide(pixels[i] >> 8, a) << 8 | divide(pixels[i], a);
            }
        }
        int width = premultiplied.getWidth();
        int height = premultiplied.getHeight();
        int[] masks = transparent ? new int[] {0xFF0000, 0xFF00, 0xFF, 0xFF000000} : new int[] {0xFF0000, 0xFF00, 0xFF};
        ColorModel model = transparent ? ColorModel.getRGBdefault() : new DirectColorModel(24, 0xFF0000, 0xFF00, 0xFF);
        return new BufferedImage(model, Raster.createPackedRaster(buffer, width, height, width, masks, null), false, null);
    }

    /** One premultiplied channel (the low byte of {@code channel}) back to its straight value, rounded. */
    private static int divide(int channel, int alpha) {
        return Math.min(0xFF, ((channel & 0xFF) * 0xFF + alpha / 2) / alpha);
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
