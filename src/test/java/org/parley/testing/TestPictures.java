package org.parley.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Small distinct pictures for tests that attach images to comments: each seed gives other bytes. */
public final class TestPictures {

    private TestPictures() {
    }

    /** A PNG of {@code width} × {@code height}: two coloured halves that depend on {@code seed}. */
    public static byte[] png(int width, int height, int seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(seed * 40 % 256, 90, 160));
        g.fillRect(0, 0, width / 2, height);
        g.setColor(new Color(230, seed * 70 % 256, 40));
        g.fillRect(width / 2, 0, width - width / 2, height);
        g.dispose();
        return encode(image);
    }

    /** A PNG of random pixels: it does not compress, so its size in bytes is about 3 × width × height. */
    public static byte[] noise(int width, int height, int seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        java.util.Random random = new java.util.Random(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        return encode(image);
    }

    private static byte[] encode(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
