package io.gridpulse.store.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gridpulse.core.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Compression on real household data (../shared/data), chunked per hour. The limits sit just
 * above today's measured figures (docs/benchmarks.md), so a compression regression fails
 * here. Skipped, with a message, where the shared data is absent (a user's fresh clone).
 */
class ChunkCodecRealDataTest {

    @Test
    void gjwChangeOnlyAsLoggedStaysBelowXzBound() {
        RealSeries series = RealSeries.gjw(require("gjw-uk-home/active-power-2013-11-20.csv"));
        // measured 1.432; "integer deltas + xz -9" on the whole file: 1.53; Gorilla 2.573
        assertBytesPerReadingAtMost(series, 1.46);
    }

    @Test
    void gjwForwardFilledToOneHertzStaysFarBelowTarget() {
        RealSeries series = RealSeries.gjw(require("gjw-uk-home/active-power-2013-11-20.csv")).filledToOneHertz();
        // measured 0.048; target 0.5 x Gorilla (0.300) = 0.150; DESIGN bar 0.8
        assertBytesPerReadingAtMost(series, 0.055);
    }

    @Test
    void gjwSecondPeriodBehavesLikeTheFirst() {
        RealSeries series = RealSeries.gjw(require("gjw-uk-home/active-power-2015-06-10.csv"));
        assertBytesPerReadingAtMost(series, 1.53); // measured 1.497
        assertBytesPerReadingAtMost(series.filledToOneHertz(), 0.075); // measured 0.067
    }

    @Test
    void gjwChangeOnlyInDayChunksReachesHalfOfGorilla() {
        RealSeries series = RealSeries.gjw(require("gjw-uk-home/active-power-2013-11-20.csv"));
        // measured 1.2485 (codec version 3: 1.2786); Gorilla on the same day chunks 2.6134 (half: 1.307); hour chunks 1.429
        assertThat(dayChunkBytesPerReading(series, "gjw 2013 as logged")).isLessThanOrEqualTo(1.255);
    }

    @Test
    void sealedHoursAreInBlocksAndTheirPriceIsBounded() {
        RealSeries gjw = RealSeries.gjw(require("gjw-uk-home/active-power-2013-11-20.csv"));
        RealSeries fridge = RealSeries.redd(require("redd-house5/channel_18.dat"));
        // change-only meters: the range coder's bytes vs packed columns, both per hour (lossless, checked)
        long gjwFast = gjw.fastBytesPerHourChunk();
        long fridgeFast = fridge.fastBytesPerHourChunk();
        report("gjw 2013 as logged, sealed hours", gjwFast, gjw.count());
        report("redd channel_18 as logged, sealed hours", fridgeFast, fridge.count());
        // block columns with exceptions (version 8) measured 1.21 (1.7367 vs 1.4322) and 1.81 (0.6884 vs 0.3804);
        // packed columns, the sealed hours' layout before it, were 1.12 and 1.44 at half the decode speed
        assertThat((double) gjwFast / gjw.encodedBytesPerHourChunk()).isBetween(1.0, 1.3);
        assertThat((double) fridgeFast / fridge.encodedBytesPerHourChunk()).isBetween(1.0, 1.9);
    }

    @Test
    void reddFridgeAsLoggedMatchesXzOnTheWholeFile() {
        RealSeries series = RealSeries.redd(require("redd-house5/channel_18.dat"));
        // measured 0.3804 in hour chunks (codec v2: 0.505); "integer deltas + xz -9" on the whole file 0.3802,
        // per hour 0.656; the 3 s / 4 s sampling pattern is learnt from the previous delta's exact value
        assertBytesPerReadingAtMost(series, 0.381);
        assertThat(dayChunkBytesPerReading(series, "redd channel_18 as logged")).isLessThan(0.3802); // measured 0.3491
    }

    @Test
    void aQuietReddCircuitAsLoggedLearnsTheSamplersPattern() {
        RealSeries series = RealSeries.redd(require("redd-house5/channel_15.dat"));
        // a quiet circuit's bytes are nearly all timestamps: deltas of 3 and 4 s in a pattern that the recent runs and
        // deltas predict (codec version 6: 0.1236; version 7 mixes several history lengths). Version 5: 0.1301; "integer deltas + xz -9" on the whole file: 0.1222
        assertThat(dayChunkBytesPerReading(series, "redd channel_15 as logged")).isLessThanOrEqualTo(0.1165); // measured 0.1157
    }

    @Test
    void reddCircuitsAsLoggedCompressWell() {
        long bytes = 0;
        long readings = 0;
        for (Path channel : reddChannels()) {
            RealSeries series = RealSeries.redd(channel);
            bytes += series.encodedBytesPerHourChunk();
            readings += series.count();
        }
        report("redd-house5 all channels as logged", bytes, readings);
        assertThat((double) bytes / readings).isLessThanOrEqualTo(0.33); // measured 0.316
    }

    @Test
    void reddCircuitsFilledToOneHertzCompressWell() {
        long bytes = 0;
        long readings = 0;
        for (Path channel : reddChannels().subList(0, 6)) {
            RealSeries series = RealSeries.redd(channel).filledToOneHertz();
            bytes += series.encodedBytesPerHourChunk();
            readings += series.count();
        }
        report("redd-house5 channels 10-15 filled", bytes, readings);
        assertThat((double) bytes / readings).isLessThanOrEqualTo(0.0075); // measured 0.0064
    }

    @Test
    void aDenseDayIsRangeCodedWhereThatIsClearlySmaller() {
        // tracebase's freezer at 1 Hz: every hour dense, the range coder 1.33x smaller over the day;
        // sampled on 8 blocks as an hour chunk is, the day was kept packed (0.1684 instead of 0.1280 B/reading)
        RealSeries freezer = RealSeries.tracebase(require("tracebase/Freezer/dev_D36601_2011.12.16.csv")).filledToOneHertz();
        assertThat(dayChunkBytesPerReading(freezer, "tracebase freezer filled")).isLessThan(0.14);
    }

    @Test
    void countedRangeCoderBytesMatchTheCodedBytes() {
        // the dense-chunk samples are sized by counting ideal code lengths instead of coding
        RealSeries series = RealSeries.gjw(require("gjw-uk-home/active-power-2013-11-20.csv"));
        int n = 3_000;
        long[] ts = java.util.Arrays.copyOf(series.timestampsMs(), n);
        long[] power = java.util.Arrays.copyOf(series.powerMilliwatts(), n);
        ChunkCodec.Scratch scratch = new ChunkCodec.Scratch();
        long counted = ChunkCodec.rangeCodedBytes(scratch, ts, power, null, n);
        int coded = ChunkCodec.encode(ts, power, null, n, ChunkCodec.Mode.ADAPTIVE).length - 4;
        System.out.printf("ChunkCodecRealDataTest counted %d bytes, coded %d%n", counted, coded);
        assertThat(counted).isCloseTo(coded, org.assertj.core.data.Percentage.withPercentage(0.5));
    }

    private static void assertBytesPerReadingAtMost(RealSeries series, double limit) {
        long bytes = series.encodedBytesPerHourChunk();
        report("series", bytes, series.count());
        assertThat((double) bytes / series.count()).isLessThanOrEqualTo(limit);
    }

    /** Bytes per reading in UTC-day chunks, as the store keeps a finished day. */
    private static double dayChunkBytesPerReading(RealSeries series, String what) {
        long bytes = series.encodedBytesPerChunk(24 * 3_600_000L);
        report(what + ", day chunks", bytes, series.count());
        return (double) bytes / series.count();
    }

    private static void report(String what, long bytes, long readings) {
        System.out.printf("ChunkCodecRealDataTest %s: %d readings, %d bytes, %.4f B/reading%n", what, readings, bytes,
                (double) bytes / readings);
    }

    private static List<Path> reddChannels() {
        Path dir = require("redd-house5");
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("channel_\\d+\\.dat")).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path require(String relative) {
        Optional<Path> path = SharedData.resolve(relative);
        assumeTrue(path.isPresent(), () -> "skipped: shared data " + relative
                + " not found (set GRIDPULSE_SHARED_DATA or place it at ../shared/data)");
        return path.orElseThrow();
    }
}
