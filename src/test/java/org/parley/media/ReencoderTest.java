package org.parley.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.parley.media.TestImages.ascii;
import static org.parley.media.TestImages.concat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.http.ParleyException;

/** From upload bytes to stored renditions, without a database: formats, sizes, metadata, orientation, refusals. */
class ReencoderTest {

    final Reencoder reencoder = new Reencoder(MediaConfig.defaults());

    static ParleyException refusal(Reencoder reencoder, byte[] upload) {
        ParleyException e = catchThrowableOfType(ParleyException.class, () -> reencoder.reencode(upload));
        assertThat(e).as("expected the upload to be refused").isNotNull();
        assertThat(e.type().status()).isBetween(400, 499);
        return e;
    }

    ParleyException refusal(byte[] upload) {
        return refusal(reencoder, upload);
    }

    static boolean near(int rgb, Color expected) {
        Color c = new Color(rgb);
        return Math.abs(c.getRed() - expected.getRed()) < 40 && Math.abs(c.getGreen() - expected.getGreen()) < 40
                && Math.abs(c.getBlue() - expected.getBlue()) < 40;
    }

    // ---- metadata and orientation -------------------------------------------------------------------

    @Test
    void aCameraJpegLosesAllItsMetadataAndIsTurnedUprightByItsExifOrientation() {
        byte[] camera = TestImages.withSegments(TestImages.jpeg(TestImages.halves(40, 20)),
                TestImages.exifSegment(6), TestImages.xmpSegment(), TestImages.iccSegment(),
                TestImages.commentSegment("Serial 4711, owner Jane Doe"));
        assertThat(UploadFormat.JPEG.inspect(camera).exif()).as("the test file really carries EXIF").isNotEmpty();

        Rendition stored = reencoder.reencode(camera);

        assertThat(stored.format()).isEqualTo(ImageFormat.JPEG);
        assertThat(List.of(stored.width(), stored.height())).as("rotated 90°: sides swapped").containsExactly(20, 40);
        assertThat(List.of(stored.displayWidth(), stored.displayHeight())).containsExactly(20, 40);
        for (byte[] variant : List.of(stored.display(), stored.thumb())) {
            List<Integer> markers = TestImages.jpegMarkers(variant);
            assertThat(markers).as("only JFIF's APP0, tables, frame, scan: no APP1 (EXIF, XMP), APP2 (ICC), COM")
                    .allMatch(m -> m == 0xE0 || !(m >= 0xE1 && m <= 0xEF) && m != 0xFE);
            String text = new String(variant, StandardCharsets.ISO_8859_1);
            assertThat(text).doesNotContain("Exif", "http://ns.adobe.com", "ICC_PROFILE", "Jane Doe", "GPS");
            assertThat(TestImages.jpegEnd(variant)).as("nothing after EOI").isEqualTo(variant.length);
        }
        BufferedImage upright = TestImages.read(stored.display());
        assertThat(upright.getWidth()).isEqualTo(20);
        assertThat(near(upright.getRGB(10, 5), TestImages.RED)).as("the left (red) half is now on top").isTrue();
        assertThat(near(upright.getRGB(10, 35), TestImages.BLUE)).as("the right (blue) half is now below").isTrue();
    }

    @Test
    void theSamePictureWithOtherMetadataGetsTheSameId() {
        byte[] plain = TestImages.jpeg(TestImages.halves(40, 20));
        byte[] tagged = TestImages.withSegments(plain, TestImages.xmpSegment(), TestImages.commentSegment("hello"));

        Rendition first = reencoder.reencode(plain);
        Rendition second = reencoder.reencode(tagged);

        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.display()).isEqualTo(first.display());
        assertThat(reencoder.reencode(plain).id()).as("encoding is deterministic").isEqualTo(first.id());
    }

    @Test
    void aWebpExifOrientationIsAppliedToo() {
        Rendition stored = reencoder.reencode(TestImages.webpSolidWithExif(8, 4, 0xFF1E1EDC, 6));

        assertThat(List.of(stored.width(), stored.height())).containsExactly(4, 8);
        assertThat(new Color(TestImages.read(stored.display()).getRGB(1, 1))).isEqualTo(new Color(0x1E1EDC));
    }

    // ---- formats ------------------------------------------------------------------------------------

    @Test
    void aTransparentPngStaysPngWithItsTransparencyAndNoOtherChunks() {
        byte[] upload = TestImages.afterIhdr(TestImages.png(TestImages.transparentDisc(64)),
                TestImages.chunk("tEXt", ascii("Author\0Jane Doe")));

        Rendition stored = reencoder.reencode(upload);

        assertThat(stored.format()).isEqualTo(ImageFormat.PNG);
        assertThat(TestImages.pngChunks(stored.display())).containsExactly("IHDR", "IDAT", "IEND");
        BufferedImage image = TestImages.read(stored.display());
        assertThat(image.getRGB(0, 0) >>> 24).as("corner stays transparent").isZero();
        assertThat(image.getRGB(32, 32)).isEqualTo(TestImages.RED.getRGB());
    }

    @Test
    void flatGraphicsStayPngAndPhotographsSentAsPngBecomeJpeg() {
        assertThat(reencoder.reencode(TestImages.png(TestImages.halves(200, 100))).format()).isEqualTo(ImageFormat.PNG);

        assertThat(reencoder.reencode(TestImages.png(TestImages.photoLike(200, 150, 7))).format()).isEqualTo(ImageFormat.JPEG);
    }

    @Test
    void anAnimatedGifBecomesItsFirstFrameAsPng() {
        byte[] gif = TestImages.animatedGif(TestImages.solid(30, 20, TestImages.RED), TestImages.solid(30, 20, TestImages.BLUE));

        Rendition stored = reencoder.reencode(gif);

        assertThat(stored.format()).isEqualTo(ImageFormat.PNG);
        assertThat(List.of(stored.width(), stored.height())).containsExactly(30, 20);
        assertThat(near(TestImages.read(stored.display()).getRGB(15, 10), TestImages.RED)).isTrue();
    }

    @Test
    void aTransparentGifKeepsItsTransparency() {
        BufferedImage image = TestImages.read(reencoder.reencode(TestImages.transparentGif(16)).display());

        assertThat(image.getRGB(0, 0) >>> 24).isZero();
        assertThat(image.getRGB(8, 8) >>> 24).isEqualTo(0xFF);
    }

    @Test
    void aLosslessWebpIsRead() {
        Rendition stored = reencoder.reencode(TestImages.webpSolid(5, 3, 0xFF336699));

        assertThat(stored.format()).isEqualTo(ImageFormat.PNG);
        assertThat(new Color(TestImages.read(stored.display()).getRGB(4, 2))).isEqualTo(new Color(0x336699));
    }

    @Test
    void aLosslessWebpWithoutItsPixelDataIsRefusedInsteadOfDecodedFromNothing() {
        ParleyException e = refusal(TestImages.webpWithoutPixelData(2000, 2000));

        assertThat(e.type()).isEqualTo(MediaProblem.BROKEN_IMAGE);
        assertThat(e.detail()).contains("past the end");
    }

    @Test
    void webpHasALowerPixelLimitBecauseItCannotBeDecodedAtAReducedSize() {
        ParleyException e = refusal(TestImages.webpSolid(5000, 4000, 0xFF336699));

        assertThat(e.type()).isEqualTo(MediaProblem.IMAGE_TOO_MANY_PIXELS);
        assertThat(e.detail()).contains("5000 × 4000", "WebP", Long.toString(Decoder.WEBP_MAX_PIXELS));
    }

    @Test
    void largeImagesAreScaledToTheDisplayAndThumbnailSizes() {
        Rendition stored = reencoder.reencode(TestImages.jpeg(TestImages.halves(4000, 1000)));

        assertThat(List.of(stored.width(), stored.height())).containsExactly(4000, 1000);
        assertThat(List.of(stored.displayWidth(), stored.displayHeight())).containsExactly(1600, 400);
        assertThat(List.of(stored.thumbWidth(), stored.thumbHeight())).containsExactly(320, 80);
        BufferedImage display = TestImages.read(stored.display());
        assertThat(List.of(display.getWidth(), display.getHeight())).containsExactly(1600, 400);
        assertThat(near(display.getRGB(100, 200), TestImages.RED) && near(display.getRGB(1500, 200), TestImages.BLUE)).isTrue();
        BufferedImage thumb = TestImages.read(stored.thumb());
        assertThat(List.of(thumb.getWidth(), thumb.getHeight())).containsExactly(320, 80);
    }

    @Test
    void unusualPixelLayoutsAreNormalised() {
        BufferedImage grey16 = new BufferedImage(30, 20, BufferedImage.TYPE_USHORT_GRAY);
        grey16.getRaster().setSample(5, 5, 0, 65535);
        BufferedImage grey8 = new BufferedImage(30, 20, BufferedImage.TYPE_BYTE_GRAY);
        grey8.getRaster().setSample(5, 5, 0, 255);
        BufferedImage opaqueAlpha = new BufferedImage(30, 20, BufferedImage.TYPE_4BYTE_ABGR);
        opaqueAlpha.createGraphics().drawImage(TestImages.halves(30, 20), 0, 0, null);

        for (byte[] upload : List.of(TestImages.png(grey16), TestImages.jpeg(grey8), TestImages.interlacedPng(TestImages.halves(30, 20)),
                TestImages.png(opaqueAlpha))) {
            Rendition stored = reencoder.reencode(upload);
            BufferedImage image = TestImages.read(stored.display());
            assertThat(List.of(image.getWidth(), image.getHeight())).containsExactly(30, 20);
            assertThat(image.getColorModel().hasAlpha()).as("opaque stays opaque").isFalse();
        }
        assertThat(new Color(TestImages.read(reencoder.reencode(TestImages.png(grey16)).display()).getRGB(5, 5)))
                .isEqualTo(Color.WHITE);
        assertThat(near(TestImages.read(reencoder.reencode(TestImages.interlacedPng(TestImages.halves(30, 20))).display())
                .getRGB(25, 10), TestImages.BLUE)).isTrue();
    }

    // ---- polyglots ----------------------------------------------------------------------------------

    @Test
    void imagesThatAreAlsoAWebPageAnArchiveOrAPdfAreRefused() {
        byte[] png = TestImages.png(TestImages.halves(20, 20));
        byte[] jpeg = TestImages.jpeg(TestImages.halves(20, 20));
        byte[] gif = TestImages.encode(TestImages.solid(10, 10, TestImages.RED), "gif");
        // A GIF comment extension with a script right after the header, where a browser sniffing for HTML looks.
        byte[] script = ascii("<script>alert(1)</script>");
        byte[] comment = concat(new byte[] {0x21, (byte) 0xFE, (byte) script.length}, script, new byte[] {0});
        int afterScreen = 13 + ((gif[10] & 0x80) == 0 ? 0 : 3 << ((gif[10] & 0x07) + 1));
        byte[] zipEnd = concat(ascii("PK"), new byte[] {5, 6}, new byte[18]);

        Map<String, byte[]> polyglots = Map.of(
                "HTML after a PNG's end", concat(png, ascii("<html><script>alert(document.cookie)</script>")),
                "a script after a JPEG's end", concat(jpeg, ascii("<script>alert(1)</script>")),
                "a script in a GIF's first comment", concat(Arrays.copyOf(gif, afterScreen), comment, Arrays.copyOfRange(gif, afterScreen, gif.length)),
                "a GIF header followed by HTML", concat(ascii("GIF89a"), ascii("<html><script>alert(1)</script></html>")),
                "a JAR appended to a GIF", concat(gif, ascii("PK"), new byte[] {3, 4}, new byte[40], zipEnd),
                "a PDF in a JPEG's comment", TestImages.withSegments(jpeg, TestImages.commentSegment("%PDF-1.7 1 0 obj")));

        polyglots.forEach((what, bytes) -> {
            ParleyException refused = refusal(reencoder, bytes);
            assertThat(refused.type()).as(what).isEqualTo(MediaProblem.IMAGE_POLYGLOT);
            assertThat(refused.detail()).as(what).contains("save it as a new JPEG or PNG");
        });
    }

    @Test
    void markupDeepInsideAnImageIsDroppedByReencoding() {
        // Past the windows other formats are sniffed in, a comment segment is left to re-encoding, which keeps no metadata.
        byte[] jpeg = TestImages.withSegments(TestImages.jpeg(TestImages.halves(20, 20)),
                TestImages.segment(0xE2, new byte[2_000]), TestImages.commentSegment("<script>alert(1)</script>"));

        Rendition stored = reencoder.reencode(concat(jpeg, new byte[2_000]));

        assertThat(TestImages.jpegEnd(stored.display())).isEqualTo(stored.display().length);
        assertThat(new String(stored.display(), StandardCharsets.ISO_8859_1)).doesNotContain("<script");
    }

    @Test
    void aJpegWithAnExifSegmentTooShortForItsHeaderIsRefusedAsBroken() {
        byte[] jpeg = TestImages.jpeg(TestImages.halves(20, 20));
        byte[] crafted = concat(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE1, 0, 2}, ascii("Exif\0\0"),
                Arrays.copyOfRange(jpeg, 2, jpeg.length));

        assertThat(refusal(reencoder, crafted).type()).isEqualTo(MediaProblem.BROKEN_IMAGE);
    }

    // ---- refusals -----------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {
            "<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'><rect width='10' height='10'/></svg>",
            "<?xml version='1.0'?>\n<svg xmlns='http://www.w3.org/2000/svg'/>",
            "\uFEFF  <svg/>"})
    void svgIsRefusedWithAReason(String svg) {
        ParleyException e = refusal(svg.getBytes(StandardCharsets.UTF_8));

        assertThat(e.type()).isEqualTo(MediaProblem.UNSUPPORTED_IMAGE);
        assertThat(e.detail()).contains("SVG", "PNG");
    }

    @Test
    void htmlTextAndOtherFormatsAreRefusedSayingWhatTheyAre() {
        assertThat(refusal(ascii("<!DOCTYPE html><html><body>hi</body></html>")).detail()).contains("HTML");
        assertThat(refusal(ascii("just some words\nand more")).detail()).contains("plain text");
        assertThat(refusal(concat(ascii("BM"), new byte[40])).detail()).contains("BMP");
        assertThat(refusal(concat(new byte[] {0, 0, 0, 24}, ascii("ftypheic"), new byte[16])).detail()).contains("HEIC");
        assertThat(refusal(new byte[] {0, 1, 2, 3, (byte) 0x99}).detail()).contains("not in any image format");
        assertThat(refusal(new byte[0]).type().slug()).isEqualTo("missing-body");
    }

    @Test
    void truncatedFilesAreRefusedAsBroken() {
        byte[] jpeg = TestImages.jpeg(TestImages.photoLike(64, 64, 1));
        byte[] png = TestImages.png(TestImages.photoLike(64, 64, 1));
        byte[] gif = TestImages.encode(TestImages.photoLike(64, 64, 1), "gif");
        byte[] webp = TestImages.webpSolid(4, 4, 0xFF000000);

        for (byte[] whole : List.of(jpeg, png, gif, webp)) {
            for (int length : new int[] {whole.length / 2, whole.length - 2}) {
                ParleyException e = refusal(Arrays.copyOf(whole, length));
                assertThat(e.type()).as("%d of %d bytes", length, whole.length).isEqualTo(MediaProblem.BROKEN_IMAGE);
            }
        }
        assertThat(refusal(Arrays.copyOf(jpeg, jpeg.length - 2)).detail()).contains("ends before");
    }

    @Test
    void aGifCutOffAfterItsFirstFrameIsStillAccepted() {
        byte[] gif = TestImages.animatedGif(TestImages.solid(30, 20, TestImages.RED), TestImages.solid(30, 20, TestImages.BLUE));

        assertThat(reencoder.reencode(Arrays.copyOf(gif, gif.length - 1)).width())
                .as("only the first frame is used, and it is whole").isEqualTo(30);
    }

    @Test
    void aJpegWithThousandsOfScansIsRefusedBeforeDecoding() {
        byte[] jpeg = TestImages.jpeg(TestImages.solid(8, 8, TestImages.RED));
        int sos = 2;
        while (!(jpeg[sos] == (byte) 0xFF && jpeg[sos + 1] == (byte) 0xDA)) {
            sos++;
        }
        byte[] scan = Arrays.copyOfRange(jpeg, sos, jpeg.length - 2);
        byte[][] parts = new byte[JpegFile.MAX_SCANS + 3][];
        parts[0] = Arrays.copyOf(jpeg, sos);
        Arrays.fill(parts, 1, parts.length - 1, scan);
        parts[parts.length - 1] = new byte[] {(byte) 0xFF, (byte) 0xD9};

        assertThat(refusal(concat(parts)).detail()).contains("scans");
    }

    @Test
    void uploadsOverTheByteLimitAreRefusedBeforeAnythingElse() {
        Reencoder small = new Reencoder(new MediaConfig(2048, 40_000_000, 1600, 320));
        byte[] big = TestImages.png(TestImages.photoLike(64, 64, 3));
        assertThat(big.length).isGreaterThan(2048);

        assertThat(refusal(small, big).type()).isEqualTo(MediaProblem.IMAGE_TOO_LARGE);
        assertThat(refusal(small, concat(ascii("<svg>"), new byte[3000])).type()).isEqualTo(MediaProblem.IMAGE_TOO_LARGE);
    }

    @Test
    void imagesOverThePixelLimitAreRefusedNamingTheirSize() {
        Reencoder small = new Reencoder(new MediaConfig(1 << 20, 10_000, 1600, 320));

        ParleyException e = refusal(small, TestImages.png(TestImages.solid(101, 100, TestImages.RED)));

        assertThat(e.type()).isEqualTo(MediaProblem.IMAGE_TOO_MANY_PIXELS);
        assertThat(e.detail()).contains("101 × 100", "10000");
        assertThat(small.reencode(TestImages.png(TestImages.solid(100, 100, TestImages.RED))).width()).isEqualTo(100);
    }
}
