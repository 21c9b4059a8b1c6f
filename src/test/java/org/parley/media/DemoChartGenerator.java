package org.parley.media;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Draws the demo thread's image comment: a bar chart of the area held by ISIS, in km², week by week,
 * falling to "under 15 km²" in January 2019 and staying there. The numbers are made up for the demo
 * (round, plausible, labelled as such on the chart); the chart is Parley's own drawing.
 *
 * <p>Run {@code main} to rewrite {@code src/main/resources/demo/isis-held-area.png} (or the path given
 * as the first argument) after changing anything here; {@link DemoChartTest} checks the shipped file
 * still matches.
 */
public final class DemoChartGenerator {

    static final Path SHIPPED = Path.of("src/main/resources/demo/isis-held-area.png");
    static final int WIDTH = 800;
    static final int HEIGHT = 450;

    /** Week starting, area held in km² (illustrative). */
    record Week(String label, int squareKilometres) {
    }

    static final List<Week> WEEKS = List.of(
            new Week("3 Dec", 380), new Week("10 Dec", 300), new Week("17 Dec", 210),
            new Week("24 Dec", 130), new Week("31 Dec", 70), new Week("7 Jan", 35),
            new Week("14 Jan", 14), new Week("21 Jan", 14), new Week("28 Jan", 14));

    private static final int MAX_VALUE = 400;
    private static final int LEFT = 78;
    private static final int RIGHT = WIDTH - 30;
    private static final int TOP = 112;
    private static final int BOTTOM = HEIGHT - 78;
    private static final Color INK = new Color(0x22, 0x22, 0x22);
    private static final Color MUTED = new Color(0x6b, 0x6b, 0x6b);
    private static final Color GRID = new Color(0xe3, 0xe3, 0xe3);
    private static final Color BAR = new Color(0x9b, 0x2c, 0x2c);
    private static final Color FLAT = new Color(0xc9, 0x6a, 0x4a);

    private DemoChartGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Path target = args.length > 0 ? Path.of(args[0]) : SHIPPED;
        byte[] png = Encoder.encode(ImageFormat.PNG, render()); // as Parley stores it: storing the demo chart changes no byte
        Files.write(target, png);
        System.out.println("wrote " + target + " (" + png.length + " bytes, " + WIDTH + " × " + HEIGHT + ")");
    }

    static BufferedImage render() {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            titles(g);
            axes(g);
            bars(g);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void titles(Graphics2D g) {
        g.setColor(INK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 24));
        g.drawString("ISIS-held area, km²", LEFT - 48, 42);
        g.setColor(MUTED);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
        g.drawString("Syria, weekly, December 2018 to January 2019", LEFT - 48, 66);
        g.setFont(new Font(Font.SANS_SERIF, Font.ITALIC, 12));
        g.drawString("Illustrative, demo data", LEFT - 48, HEIGHT - 14);
    }

    private static void axes(Graphics2D g) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        FontMetrics metrics = g.getFontMetrics();
        for (int value = 0; value <= MAX_VALUE; value += 100) {
            int y = y(value);
            g.setColor(value == 0 ? INK : GRID);
            g.setStroke(new BasicStroke(value == 0 ? 1.5f : 1f));
            g.drawLine(LEFT, y, RIGHT, y);
            g.setColor(MUTED);
            String label = Integer.toString(value);
            g.drawString(label, LEFT - 10 - metrics.stringWidth(label), y + metrics.getAscent() / 2 - 1);
        }
        g.drawString("km²", LEFT - 10 - metrics.stringWidth("km²"), TOP - 14);
        String axis = "Week beginning";
        g.drawString(axis, (LEFT + RIGHT - metrics.stringWidth(axis)) / 2, BOTTOM + 44);
    }

    private static void bars(Graphics2D g) {
        int slot = (RIGHT - LEFT) / WEEKS.size();
        int width = slot * 3 / 5;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        FontMetrics metrics = g.getFontMetrics();
        for (int i = 0; i < WEEKS.size(); i++) {
            Week week = WEEKS.get(i);
            int x = LEFT + i * slot + (slot - width) / 2;
            int top = y(week.squareKilometres());
            boolean flat = week.squareKilometres() < 15;
            g.setColor(barColour(week));
            g.fillRect(x, top, width, BOTTOM - top);
            String value = flat ? "< 15" : Integer.toString(week.squareKilometres());
            g.setColor(INK);
            g.drawString(value, x + (width - metrics.stringWidth(value)) / 2, top - 6);
            g.setColor(MUTED);
            g.drawString(week.label(), x + (width - metrics.stringWidth(week.label())) / 2, BOTTOM + 20);
        }
        int firstFlat = LEFT + 6 * slot;
        g.setColor(FLAT);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString("still \u201cunder 15 km\u00b2\u201d", firstFlat + 8, y(15) - 40);
        g.setStroke(new BasicStroke(1.2f));
        g.drawLine(firstFlat + slot / 2, y(15) - 34, firstFlat + slot / 2, y(15) - 20);
    }

    /** Horizontal centre of week {@code index}'s bar. */
    static int barCentre(int index) {
        int slot = (RIGHT - LEFT) / WEEKS.size();
        return LEFT + index * slot + slot / 2;
    }

    static Color barColour(Week week) {
        return week.squareKilometres() < 15 ? FLAT : BAR;
    }

    /** The row a value's bar reaches up to. */
    static int y(int value) {
        return BOTTOM - (int) Math.round((double) value * (BOTTOM - TOP) / MAX_VALUE);
    }
}
