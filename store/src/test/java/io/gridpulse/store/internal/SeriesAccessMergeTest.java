package io.gridpulse.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.core.Reading;
import io.gridpulse.store.ReadingColumns;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The column merge of a range read gives what the list merge gives: time order, the first input wins ties. */
class SeriesAccessMergeTest {

    @Test
    void emptyInputsLeaveTheOther() {
        ReadingColumns some = columns(List.of(Reading.ofPower(5, 1)));
        assertThat(SeriesAccess.merge(some, new ReadingColumns(0))).isSameAs(some);
        assertThat(SeriesAccess.merge(new ReadingColumns(0), some)).isSameAs(some);
    }

    @Test
    void disjointInputsAreJoinedInTimeOrder() {
        List<Reading> early = List.of(Reading.ofPower(1, 10), new Reading(2, 20, 7));
        List<Reading> late = List.of(Reading.ofPower(3, 30), Reading.ofPower(9, -40));
        assertThat(SeriesAccess.merge(columns(early), columns(late)).toList()).isEqualTo(SeriesAccess.merge(early, late));
        assertThat(SeriesAccess.merge(columns(late), columns(early)).toList()).isEqualTo(SeriesAccess.merge(late, early));
        assertThat(SeriesAccess.merge(columns(early), columns(late)).toList()).hasSize(4);
    }

    @Test
    void interleavedInputsWithSharedTimestampsKeepTheFirstInputsReading() {
        long seed = System.nanoTime();
        System.out.println("SeriesAccessMergeTest seed " + seed);
        Random random = new Random(seed);
        for (int round = 0; round < 200; round++) {
            List<Reading> a = randomSeries(random);
            List<Reading> b = randomSeries(random);
            TreeMap<Long, Reading> expected = new TreeMap<>();
            a.forEach(r -> expected.put(r.timestampMs(), r));
            b.forEach(r -> expected.putIfAbsent(r.timestampMs(), r));
            List<Reading> merged = SeriesAccess.merge(columns(a), columns(b)).toList();
            assertThat(merged).as("seed " + seed).isEqualTo(List.copyOf(expected.values()));
            assertThat(merged).as("seed " + seed).isEqualTo(SeriesAccess.merge(a, b));
        }
    }

    private static List<Reading> randomSeries(Random random) {
        TreeMap<Long, Reading> out = new TreeMap<>();
        int n = random.nextInt(40);
        for (int i = 0; i < n; i++) {
            long ts = random.nextInt(60);
            out.put(ts, new Reading(ts, random.nextInt(2_000) - 1_000, random.nextBoolean() ? Reading.NO_ENERGY : random.nextInt(9)));
        }
        return List.copyOf(out.values());
    }

    private static ReadingColumns columns(List<Reading> readings) {
        ReadingColumns out = new ReadingColumns(readings.size());
        readings.forEach(r -> out.add(r.timestampMs(), r.powerMilliwatts(), r.energyMilliwattHours()));
        return out;
    }
}
