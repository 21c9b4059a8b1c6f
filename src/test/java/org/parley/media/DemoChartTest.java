package org.parley.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * The demo's chart (src/main/resources/demo/isis-held-area.png) is what {@link DemoChartGenerator} draws.
 *
 * <p>Not compared byte for byte: text is rasterised with whatever fonts the machine maps "SansSerif" to, so
 * a faithful re-render elsewhere differs in its letters. What must agree does not depend on fonts: the
 * size, every bar's colour and height (so changed numbers without a re-render fail), and most pixels.
 */
class DemoChartTest {

    static final int BUDGET_BYTES = 60 * 1024;

    static byte[] shipped() throws IOException {
        try (InputStream in = DemoChartTest.class.getResourceAsStream("/demo/isis-held-area.png")) {
            assertThat(in).as("the chart is on the class path at /demo/isis-held-area.png").isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void theGeneratorDrawsTheChartWithinTheSizeBudget() {
        BufferedImage chart = DemoChartGenerator.render();

        assertThat(chart.getWidth()).isEqualTo(DemoChartGenerator.WIDTH);
        assertThat(chart.getHeight()).isEqualTo(DemoChartGenerator.HEIGHT);
        assertThat(Encoder.encode(ImageFormat.PNG, chart).length).isLessThanOrEqualTo(BUDGET_BYTES);
    }

    @Test
    void theShippedChartIsTheGeneratorsDrawing() throws IOException {
        byte[] bytes = shipped();
        BufferedImage shipped = TestImages.read(bytes);
        BufferedImage fresh = DemoChartGenerator.render();

        assertThat(bytes.length).isLessThanOrEqualTo(BUDGET_BYTES);
        assertThat(Files.size(DemoChartGenerator.SHIPPED)).isEqualTo(bytes.length);
        assertThat(shipped.getWidth()).isEqualTo(fresh.getWidth());
        assertThat(shipped.getHeight()).isEqualTo(fresh.getHeight());
        for (int i = 0; i < DemoChartGenerator.WEEKS.size(); i++) {
            DemoChartGenerator.Week week = DemoChartGenerator.WEEKS.get(i);
            int x = DemoChartGenerator.barCentre(i);
            int top = DemoChartGenerator.y(week.squareKilometres());
            int colour = DemoChartGenerator.barColour(week).getRGB();
            assertThat(shipped.getRGB(x, top + 2)).as("%s: inside the bar", week).isEqualTo(colour);
            assertThat(shipped.getRGB(x, top - 2)).as("%s: above the bar (re-run DemoChartGenerator.main?)", week).isNotEqualTo(colour);
        }
        assertThat(agreement(shipped, fresh))
                .as("share of pixels alike: letters (about 4 %% of the chart) may differ, the layout may not")
                .isGreaterThan(0.90);
    }

    @Test
    void theShippedChartIsStoredAsAPngOfTheSameSize() throws IOException {
        Rendition stored = new Reencoder(MediaConfig.defaults()).reencode(shipped());

        assertThat(stored.format()).isEqualTo(ImageFormat.PNG);
        assertThat(stored.displayWidth()).isEqualTo(DemoChartGenerator.WIDTH);
        assertThat(stored.displayHeight()).isEqualTo(DemoChartGenerator.HEIGHT);
        assertThat(TestImages.pngChunks(stored.display())).containsExactly("IHDR", "IDAT", "IEND");
    }

    private static double agreement(BufferedImage a, BufferedImage b) {
        long alike = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                boolean near = Math.abs((p >> 16 & 0xFF) - (q >> 16 & 0xFF)) <= 8
                        && Math.abs((p >> 8 & 0xFF) - (q >> 8 & 0xFF)) <= 8
                        && Math.abs((p & 0xFF) - (q & 0xFF)) <= 8;
                alike += near ? 1 : 0;
            }
        }
        return (double) alike / ((long) a.getWidth() * a.getHeight());
    }
}
