package io.gridpulse.app;

import java.io.PrintStream;

/** A one-line progress bar on stderr: percentage, count, rate and time left. Thread-safe. */
final class ProgressBar {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final String label;
    private final long total;
    private final String unit;
    private final long startNanos = System.nanoTime();
    private long done;
    private long lastPrintNanos;

    ProgressBar(PrintStream out, String label, long total, String unit) {
        this.out = out;
        this.label = label;
        this.total = Math.max(1, total);
        this.unit = unit;
    }

    synchronized void advance(long amount) {
        done += amount;
        long now = System.nanoTime();
        if (now - lastPrintNanos > 200_000_000L || done >= total) {
            lastPrintNanos = now;
            print(now);
        }
    }

    private void print(long now) {
        double fraction = Math.min(1.0, (double) done / total);
        int filled = (int) Math.round(fraction * WIDTH);
        double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
        double rate = done / seconds;
        long etaSeconds = rate > 0 ? Math.round((total - done) / rate) : 0;
        out.printf("\r%s [%s%s] %3d%% %s %s  %s/s  ETA %ds ", label, "#".repeat(filled), " ".repeat(WIDTH - filled),
                Math.round(fraction * 100), human(done), unit, human(Math.round(rate)), etaSeconds);
        out.flush();
    }

    synchronized void finish() {
        print(System.nanoTime());
        out.println();
    }

    static String human(long n) {
        if (n >= 1_000_000) {
            return String.format("%.1fM", n / 1e6);
        }
        if (n >= 10_000) {
            return String.format("%.0fk", n / 1e3);
        }
        return Long.toString(n);
    }
}
