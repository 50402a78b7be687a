package io.gridpulse.ingest.sim;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import javax.imageio.ImageIO;

/**
 * Renders one simulated home's day to a PNG, to judge realism by eye (docs/simulated-day.png).
 * Usage: {@code SimulatedDayPicture <out.png> [seed] [yyyy-mm-dd ...]}; one panel per date.
 */
public final class SimulatedDayPicture {
    private static final int WIDTH = 1600;
    private static final int PANEL = 300;
    private static final int LEFT = 60;
    private static final int TOP = 40;

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/simulated-day.png");
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        String[] dates = args.length > 2 ? java.util.Arrays.copyOfRange(args, 2, args.length) : new String[] {"2025-07-23", "2025-01-15"};
        ZoneId zone = ZoneId.of("Asia/Seoul");
        SignatureLibrary library = SignatureLibrary.load();
        BufferedImage image = new BufferedImage(WIDTH, TOP + dates.length * (PANEL + 50) + 10, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        HouseholdSimulator sim = new HouseholdSimulator(seed, zone, library);
        g.drawString("seed " + seed + " — " + sim.describe(), 10, 16);
        g.drawString("signatures: " + library.source() + "; grey = 1 s power, blue = 1-min mean", 10, 32);
        for (int p = 0; p < dates.length; p++) {
            LocalDate date = LocalDate.parse(dates[p]);
            long[] power = new long[86_400];
            new HouseholdSimulator(seed, zone, library).fill(date.atStartOfDay(zone).toInstant().toEpochMilli(), 1000, power.length, power);
            panel(g, power, date, TOP + p * (PANEL + 50) + 20);
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        ImageIO.write(image, "png", out.toFile());
    }

    private static void panel(Graphics2D g, long[] power, LocalDate date, int top) {
        long max = 0;
        double kwh = 0;
        for (long p : power) {
            max = Math.max(max, p);
            kwh += p / 3.6e9;
        }
        double maxWatts = Math.max(1000, Math.ceil(max / 1e6) * 1000);
        int width = WIDTH - LEFT - 20;
        g.setColor(Color.BLACK);
        g.drawString(String.format("%s (%s): %.1f kWh, peak %.0f W", date, date.getDayOfWeek(), kwh, max / 1000.0), LEFT, top - 6);
        g.setColor(new Color(230, 230, 230));
        for (int h = 0; h <= 24; h += 2) {
            int x = LEFT + h * width / 24;
            g.drawLine(x, top, x, top + PANEL);
            g.setColor(Color.DARK_GRAY);
            g.drawString(h + "h", x - 8, top + PANEL + 14);
            g.setColor(new Color(230, 230, 230));
        }
        for (int w = 0; w <= maxWatts; w += 500) {
            int y = top + PANEL - (int) (w / maxWatts * PANEL);
            g.drawLine(LEFT, y, LEFT + width, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(w + " W", 5, y + 4);
            g.setColor(new Color(230, 230, 230));
        }
        g.setColor(new Color(150, 150, 150));
        for (int s = 1; s < power.length; s++) {
            g.drawLine(x(s - 1, width), y(power[s - 1], maxWatts, top), x(s, width), y(power[s], maxWatts, top));
        }
        g.setColor(new Color(20, 70, 200));
        g.setStroke(new BasicStroke(1.5f));
        for (int m = 1; m < 1440; m++) {
            g.drawLine(x(m * 60 - 30, width), y(mean(power, m - 1), maxWatts, top), x(m * 60 + 30, width), y(mean(power, m), maxWatts, top));
        }
        g.setStroke(new BasicStroke(1f));
    }

    private static long mean(long[] power, int minute) {
        long sum = 0;
        for (int s = minute * 60; s < minute * 60 + 60; s++) {
            sum += power[s];
        }
        return sum / 60;
    }

    private static int x(int second, int width) {
        return LEFT + (int) ((long) second * width / 86_400);
    }

    private static int y(long milliwatts, double maxWatts, int top) {
        return top + PANEL - (int) (milliwatts / 1000.0 / maxWatts * PANEL);
    }
}
