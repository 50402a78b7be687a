package io.gridpulse.app;

import io.gridpulse.analytics.eval.ApplianceScore;
import io.gridpulse.analytics.eval.NilmEvaluation;
import io.gridpulse.analytics.nilm.ApplianceDataset;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * {@code nilm eval --series}: the test period tick by tick as CSV, for a researcher's own metrics
 * and plots: the aggregate, then per scored appliance the sub-metered truth, our estimate and CO's
 * ({@code <appliance>.trueW,<appliance>.oursW,<appliance>.coW}), in W with one decimal.
 */
final class DisaggregationSeries {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private DisaggregationSeries() {}

    static void write(Path csv, ApplianceDataset test, NilmEvaluation.Run run, ZoneId zone) throws IOException {
        List<String> appliances = run.report().appliances().stream().map(ApplianceScore::appliance).toList();
        try (Writer out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            StringBuilder header = new StringBuilder("ts,aggregateW");
            appliances.forEach(a -> header.append(',').append(a).append(".trueW,").append(a).append(".oursW,").append(a).append(".coW"));
            out.write(header.append('\n').toString());
            long[] ts = test.timestampsMs();
            double[] aggregate = test.aggregateW();
            StringBuilder row = new StringBuilder();
            for (int i = 0; i < ts.length; i++) {
                row.setLength(0);
                row.append(TIME.format(Instant.ofEpochMilli(ts[i]).atZone(zone))).append(',').append(watts(aggregate[i]));
                for (String a : appliances) {
                    row.append(',').append(watts(test.applianceW(a)[i]))
                            .append(',').append(watts(run.ours().get(a)[i]))
                            .append(',').append(watts(run.co().get(a)[i]));
                }
                out.write(row.append('\n').toString());
            }
        }
    }

    private static String watts(double w) {
        return String.format(Locale.ROOT, "%.1f", w);
    }
}
