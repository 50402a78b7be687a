package io.gridpulse.app;

import io.gridpulse.analytics.eval.ApplianceScore;
import io.gridpulse.analytics.eval.EvaluationReport;
import io.gridpulse.analytics.eval.NilmEvaluation;
import io.gridpulse.analytics.nilm.ApplianceDataset;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The picture behind {@code nilm eval --plot}: the test period's aggregate, then one strip per
 * scored appliance with its sub-metered truth (grey area), our estimate (blue) and CO's (orange),
 * then the loads the model does not know. The time axis runs over the test ticks only (gaps are
 * closed up), with a line where each day starts; each strip has its own watt scale.
 */
final class DisaggregationPicture {
    static final int WIDTH = 1600;
    static final int LEFT = 70;
    static final int RIGHT = 20;
    static final int HEADER = 56;
    static final int STRIP = 80;
    static final int STRIP_GAP = 30;
    static final Color TRUTH = new Color(190, 190, 190);
    static final Color OURS = new Color(20, 70, 200);
    static final Color CO = new Color(235, 130, 20);

    private DisaggregationPicture() {}

    /** One strip: what it is called and the series drawn in it (null = not drawn). */
    record Strip(String label, double[] truth, double[] ours, double[] co) {}

    static void write(Path png, String title, ApplianceDataset test, NilmEvaluation.Run run, ZoneId zone)
            throws IOException {
        Pictures.write(render(title, test, strips(test, run), zone), png);
    }

    static List<Strip> strips(ApplianceDataset test, NilmEvaluation.Run run) {
        EvaluationReport report = run.report();
        List<Strip> strips = new ArrayList<>();
        double[] knownSum = new double[test.size()];
        run.ours().values().forEach(est -> {
            for (int i = 0; i < knownSum.length; i++) {
                knownSum[i] += est[i];
            }
        });
        var o = report.overall();
        strips.add(new Strip(String.format(Locale.ROOT, "aggregate (grey) and all known appliances, ours (blue): "
                        + "%.2f kWh, %.1f %% left unidentified (truly unknown: %.1f %%)", o.aggregateKwh(),
                100 * o.unidentifiedShare(), 100 * o.trueUnidentifiedShare()), test.aggregateW(), knownSum, null));
        for (ApplianceScore s : report.appliances()) {
            strips.add(new Strip(String.format(Locale.ROOT,
                    "%s: MAE ours %.1f W (%.2f × Mean), Mean %.1f W, CO %.1f W; F1 ours %.3f, CO %.3f",
                    s.appliance(), s.maeW(), s.maeW() / s.meanBaselineMaeW(), s.meanBaselineMaeW(), s.coMaeW(), s.f1(),
                    s.coF1()), test.applianceW(s.appliance()), run.ours().get(s.appliance()),
                    run.co().get(s.appliance())));
        }
        for (String unknown : report.unknownLoads().appliances()) {
            strips.add(new Strip(unknown + ": not known to the model (should stay unidentified)",
                    test.applianceW(unknown), null, null));
        }
        return strips;
    }

    static BufferedImage render(String title, ApplianceDataset test, List<Strip> strips, ZoneId zone) {
        int height = HEADER + strips.size() * (STRIP + STRIP_GAP) + 20;
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Pictures.canvas(image, title);
        try {
            legend(g, 10, 38);
            int columns = WIDTH - LEFT - RIGHT;
            List<int[]> dayStarts = dayStarts(test, zone, columns);
            for (int s = 0; s < strips.size(); s++) {
                int top = HEADER + s * (STRIP + STRIP_GAP) + 16;
                strip(g, strips.get(s), top, columns, test.size());
                days(g, dayStarts, test, zone, top, s == strips.size() - 1);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void legend(Graphics2D g, int x, int y) {
        g.setColor(TRUTH);
        g.fillRect(x, y - 9, 18, 10);
        g.setColor(Color.BLACK);
        g.drawString("sub-metered truth", x + 24, y);
        g.setColor(OURS);
        g.fillRect(x + 150, y - 5, 18, 2);
        g.setColor(Color.BLACK);
        g.drawString("ours", x + 174, y);
        g.setColor(CO);
        g.fillRect(x + 220, y - 5, 18, 2);
        g.setColor(Color.BLACK);
        g.drawString("CO baseline; each strip has its own watt scale; gaps between test ticks are closed up",
                x + 244, y);
    }

    private static void strip(Graphics2D g, Strip strip, int top, int columns, int ticks) {
        double[] truth = columnMeans(strip.truth(), columns, ticks);
        double[] ours = columnMeans(strip.ours(), columns, ticks);
        double[] co = columnMeans(strip.co(), columns, ticks);
        double maxW = niceCeiling(Math.max(max(truth), Math.max(max(ours), max(co))));
        g.setColor(Color.BLACK);
        g.drawString(strip.label(), LEFT, top - 4);
        g.setColor(Color.DARK_GRAY);
        g.drawString(String.format(Locale.ROOT, "%.0f W", maxW), 4, top + 10);
        g.drawString("0", LEFT - 14, top + STRIP);
        g.setColor(new Color(235, 235, 235));
        g.drawRect(LEFT, top, columns, STRIP);
        g.setColor(TRUTH);
        for (int c = 0; c < columns; c++) {
            int y = y(truth[c], maxW, top);
            if (y < top + STRIP) {
                g.drawLine(LEFT + c, y, LEFT + c, top + STRIP);
            }
        }
        line(g, co, maxW, top, CO, 1f);
        line(g, ours, maxW, top, OURS, 1.3f);
    }

    private static void line(Graphics2D g, double[] values, double maxW, int top, Color color, float width) {
        if (values == null) {
            return;
        }
        g.setColor(color);
        g.setStroke(new BasicStroke(width));
        for (int c = 1; c < values.length; c++) {
            g.drawLine(LEFT + c - 1, y(values[c - 1], maxW, top), LEFT + c, y(values[c], maxW, top));
        }
        g.setStroke(new BasicStroke(1f));
    }

    /** Column and date of each tick that starts a new day in {@code zone}. */
    private static List<int[]> dayStarts(ApplianceDataset test, ZoneId zone, int columns) {
        List<int[]> out = new ArrayList<>();
        LocalDate previous = null;
        for (int i = 0; i < test.size(); i++) {
            LocalDate day = LocalDate.ofInstant(Instant.ofEpochMilli(test.timestampsMs()[i]), zone);
            if (!day.equals(previous)) {
                out.add(new int[] {column(i, columns, test.size()), i});
                previous = day;
            }
        }
        return out;
    }

    private static void days(Graphics2D g, List<int[]> starts, ApplianceDataset test, ZoneId zone, int top,
                             boolean labels) {
        int labelEnd = 0;
        for (int[] start : starts) {
            int x = LEFT + start[0];
            g.setColor(new Color(120, 120, 120));
            g.drawLine(x, top, x, top + STRIP);
            String day = LocalDate.ofInstant(Instant.ofEpochMilli(test.timestampsMs()[start[1]]), zone).toString();
            int width = g.getFontMetrics().stringWidth(day);
            if (labels && x + 2 >= labelEnd && x + 2 + width <= WIDTH) { // short days: no overlapping dates
                g.setColor(Color.DARK_GRAY);
                g.drawString(day, x + 2, top + STRIP + 14);
                labelEnd = x + 2 + width + 6;
            }
        }
    }

    /** Mean of the ticks that fall in each pixel column; null stays null. */
    static double[] columnMeans(double[] values, int columns, int ticks) {
        if (values == null) {
            return null;
        }
        double[] sum = new double[columns];
        int[] count = new int[columns];
        for (int i = 0; i < ticks; i++) {
            int c = column(i, columns, ticks);
            sum[c] += values[i];
            count[c]++;
        }
        double last = 0;
        for (int c = 0; c < columns; c++) {
            last = count[c] == 0 ? last : sum[c] / count[c]; // fewer ticks than columns: hold the last value
            sum[c] = last;
        }
        return sum;
    }

    static int column(int tick, int columns, int ticks) {
        return (int) ((long) tick * columns / Math.max(1, ticks));
    }

    private static int y(double watts, double maxW, int top) {
        double clamped = Math.max(0, Math.min(watts, maxW));
        return top + STRIP - (int) Math.round(clamped / maxW * STRIP);
    }

    private static double max(double[] values) {
        double m = 0;
        if (values != null) {
            for (double v : values) {
                m = Math.max(m, v);
            }
        }
        return m;
    }

    /** 1, 2 or 5 × a power of ten, at least 10 W. */
    static double niceCeiling(double watts) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(Math.max(10, watts))));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * magnitude >= watts) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }
}
