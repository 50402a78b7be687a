package io.gridpulse.app;

import io.gridpulse.analytics.nilm.ChannelAligner;
import io.gridpulse.analytics.series.MinuteAverage;
import io.gridpulse.analytics.series.MinuteSeries;
import io.gridpulse.core.Reading;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A REDD low_freq house folder as one whole-house minute series for {@code insights-backtest}: its
 * mains legs summed, or, when the folder holds no mains data (REDD house 5 as in ../shared), its
 * circuits summed (REDD's "synthetic aggregate").
 */
final class ReddHouseSeries {
    /** REDD's homes are in the Boston area. */
    static final ZoneId ZONE = ZoneId.of("America/New_York");
    /** REDD samples every 1–4 s: a channel silent for 5 minutes is missing, not steady. */
    static final int HOLD_MINUTES = 5;

    /** The series, how many readings it was built from, and from which channels ("mains" or "circuits"). */
    record Series(List<MinuteAverage> minutes, int readings, String channels) {}

    private ReddHouseSeries() {}

    static boolean isHouseFolder(Path path) {
        return Files.isDirectory(path) && Files.isRegularFile(path.resolve("labels.dat"));
    }

    static Series read(Path dir, long holdMs) {
        List<ChannelAligner.Channel> mains = nonEmpty(NilmDatasets.reddChannels(dir, NilmDatasets.REDD_MAINS::equals));
        boolean useMains = !mains.isEmpty();
        List<ChannelAligner.Channel> channels = useMains ? mains
                : nonEmpty(NilmDatasets.reddChannels(dir, label -> !label.equals(NilmDatasets.REDD_MAINS)));
        List<List<MinuteAverage>> perChannel = new ArrayList<>();
        int readings = 0;
        for (ChannelAligner.Channel c : channels) {
            // REDD's clocks step back slightly now and then; the averager drops the duplicates
            List<Reading> sorted = c.readings().stream().sorted(Comparator.comparingLong(Reading::timestampMs)).toList();
            perChannel.add(MinuteSeries.fromReadings(sorted, holdMs));
            readings += sorted.size();
        }
        return new Series(MinuteSeries.sum(perChannel), readings, useMains ? "mains" : "circuits");
    }

    private static List<ChannelAligner.Channel> nonEmpty(List<ChannelAligner.Channel> channels) {
        return channels.stream().filter(c -> !c.readings().isEmpty()).toList();
    }
}
