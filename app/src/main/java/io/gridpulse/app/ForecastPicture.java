package io.gridpulse.app;

import io.gridpulse.analytics.eval.ForecastBacktest.CheckpointError;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The picture behind {@code insights-backtest --plot}: the period-end projection's error (MAPE) on
 * every day of the period, the model's and the naive projection's, so the days where a method
 * wins are seen at once rather than at three checkpoints.
 */
final class ForecastPicture {
    static final int WIDTH = 1000;
    static final int HEIGHT = 420;
    static final int LEFT = 60;
    static final int RIGHT = 20;
    static final int TOP = 50;
    static final int BOTTOM = 40;
    static final Color MODEL = DisaggregationPicture.OURS;
    static final Color NAIVE = DisaggregationPicture.CO;

    private ForecastPicture() {}

    static void write(Path png, String title, List<CheckpointError> errors) throws IOException {
        Pictures.write(render(title, errors), png);
    }

    /** @param errors one per day of the period, in day order (days with no period are skipped) */
    static BufferedImage render(String title, List<CheckpointError> errors) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Pictures.canvas(image, title);
        try {
            g.setColor(MODEL);
            g.fillRect(10, 30, 18, 2);
            g.setColor(Color.BLACK);
            g.drawString("model (MAPE % of the projected period-end energy)", 34, 35);
            g.setColor(NAIVE);
            g.fillRect(420, 30, 18, 2);
            g.setColor(Color.BLACK);
            g.drawString("naive: average so far × period days", 444, 35);
            List<CheckpointError> shown = errors.stream().filter(e -> e.periods() > 0).toList();
            if (shown.isEmpty()) {
                g.drawString("no period with every day covered", LEFT, TOP + 20);
                return image;
            }
            int lastDay = shown.getLast().day();
            double maxPercent = DisaggregationPicture.niceCeiling(shown.stream()
                    .mapToDouble(e -> Math.max(e.modelMapePercent(), e.naiveMapePercent())).max().orElse(10));
            axes(g, lastDay, maxPercent);
            line(g, shown, CheckpointError::naiveMapePercent, lastDay, maxPercent, NAIVE);
            line(g, shown, CheckpointError::modelMapePercent, lastDay, maxPercent, MODEL);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void axes(Graphics2D g, int lastDay, double maxPercent) {
        g.setColor(new Color(230, 230, 230));
        for (int i = 0; i <= 5; i++) { // fifths of 10, 20, 50 … are whole numbers
            int y = y(maxPercent * i / 5, maxPercent);
            g.drawLine(LEFT, y, WIDTH - RIGHT, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format(Locale.ROOT, "%.0f %%", maxPercent * i / 5), 8, y + 4);
            g.setColor(new Color(230, 230, 230));
        }
        g.setColor(Color.DARK_GRAY);
        for (int day = 1; day <= lastDay; day++) {
            if (day == 1 || day % 5 == 0) {
                g.drawString("day " + day, x(day, lastDay) - 14, HEIGHT - BOTTOM + 16);
            }
        }
    }

    private static void line(Graphics2D g, List<CheckpointError> errors, ToDoubleFunction<CheckpointError> value,
                             int lastDay, double maxPercent, Color color) {
        g.setColor(color);
        g.setStroke(new BasicStroke(2f));
        for (int i = 0; i < errors.size(); i++) {
            CheckpointError e = errors.get(i);
            int x = x(e.day(), lastDay);
            int y = y(value.applyAsDouble(e), maxPercent);
            g.fillOval(x - 3, y - 3, 6, 6);
            if (i > 0) {
                CheckpointError p = errors.get(i - 1);
                g.drawLine(x(p.day(), lastDay), y(value.applyAsDouble(p), maxPercent), x, y);
            }
        }
        g.setStroke(new BasicStroke(1f));
    }

    static int x(int day, int lastDay) {
        return LEFT + (int) Math.round((double) (day - 1) / Math.max(1, lastDay - 1) * (WIDTH - LEFT - RIGHT));
    }

    static int y(double percent, double maxPercent) {
        return HEIGHT - BOTTOM - (int) Math.round(Math.min(percent, maxPercent) / maxPercent * (HEIGHT - TOP - BOTTOM));
    }
}
