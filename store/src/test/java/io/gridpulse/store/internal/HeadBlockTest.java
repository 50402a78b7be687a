package io.gridpulse.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.core.Reading;
import io.gridpulse.store.ReadingColumns;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HeadBlockTest {
    private static final long T0 = 1_772_323_200_000L; // 2026-03-01T00:00:00Z

    private static List<Reading> decode(long firstMs, byte[] value, long fromMs, long toMs) {
        ReadingColumns out = new ReadingColumns(16);
        HeadBlock.decode(Keys.meterTime(7, firstMs), value, fromMs, toMs, out);
        return out.toList();
    }

    /** Irregular steps, negative power (export), registers that reset or are missing, extreme values. */
    private static List<Reading> awkward(Random random, int n) {
        List<Reading> out = new ArrayList<>();
        long ts = T0;
        long energy = random.nextLong(1L << 40);
        for (int i = 0; i < n; i++) {
            ts += 1 + random.nextInt(random.nextInt(10) == 0 ? 600_000 : 1_500);
            energy = random.nextInt(50) == 0 ? 0 : energy + random.nextInt(10);
            long power = switch (random.nextInt(20)) {
                case 0 -> Long.MAX_VALUE;
                case 1 -> Long.MIN_VALUE + 1;
                case 2 -> -random.nextInt(5_000_000);
                default -> random.nextInt(8_000_000);
            };
            out.add(random.nextInt(7) == 0 ? Reading.ofPower(ts, power) : new Reading(ts, power, energy));
        }
        return out;
    }

    @Test
    void blocksRoundTripExactlyWithAndWithoutRegisters() {
        Random random = new Random(3);
        for (int round = 0; round < 200; round++) {
            List<Reading> readings = awkward(random, 1 + random.nextInt(300));
            if (round % 2 == 0) {
                readings = readings.stream().map(r -> Reading.ofPower(r.timestampMs(), r.powerMilliwatts())).toList();
            }
            long first = readings.get(0).timestampMs();
            assertThat(decode(first, encode(readings, 0, readings.size()), Long.MIN_VALUE, Long.MAX_VALUE))
                    .as("round %d", round).isEqualTo(readings);
        }
    }

    @Test
    void decodeKeepsOnlyTheAskedRangeAndEncodeOnlyTheGivenSlice() {
        List<Reading> readings = awkward(new Random(5), 100);
        byte[] slice = encode(readings, 10, 60);
        long from = readings.get(20).timestampMs();
        long to = readings.get(40).timestampMs();
        assertThat(decode(readings.get(10).timestampMs(), slice, from, to)).isEqualTo(readings.subList(20, 40));
    }

    @Test
    void aMeterSendingEachSecondCostsAFewBytesPerReading() {
        List<Reading> readings = new ArrayList<>();
        long energy = 123_456_789;
        Random random = new Random(9);
        for (int i = 0; i < 60; i++) {
            long power = 300_000 + random.nextInt(2_000_000);
            energy += power / 3_600_000 + random.nextInt(2);
            readings.add(new Reading(T0 + i * 1_000L, power, energy));
        }
        // The fixed layout of store format 3 took 20 bytes per reading with a register.
        assertThat(encode(readings, 0, 60).length).isLessThanOrEqualTo(5 + 60 * 7);
    }

    /** Readings [from, to) in the store's side-by-side form, encoded. */
    private static byte[] encode(List<Reading> readings, int from, int to) {
        long[] fields = new long[readings.size() * HeadBlock.STRIDE];
        for (int i = 0; i < readings.size(); i++) {
            fields[i * HeadBlock.STRIDE] = readings.get(i).timestampMs();
            fields[i * HeadBlock.STRIDE + 1] = readings.get(i).powerMilliwatts();
            fields[i * HeadBlock.STRIDE + 2] = readings.get(i).energyMilliwattHours();
        }
        return HeadBlock.encode(fields, from, to);
    }

    /** Blocks written by store format 3: {@code [count:4][hasEnergy:1]} then fixed-width fields. */
    @Test
    void fixedLayoutBlocksOfStoreFormat3StillDecode() {
        List<Reading> readings = awkward(new Random(11), 50).stream()
                .map(r -> new Reading(r.timestampMs(), r.powerMilliwatts(), r.hasEnergy() ? r.energyMilliwattHours() : Reading.NO_ENERGY))
                .toList();
        long first = readings.get(0).timestampMs();
        for (boolean withEnergy : new boolean[] {true, false}) {
            ByteBuffer old = ByteBuffer.allocate(5 + readings.size() * (withEnergy ? 20 : 12));
            old.putInt(readings.size()).put((byte) (withEnergy ? 1 : 0));
            List<Reading> expected = new ArrayList<>();
            for (Reading r : readings) {
                old.putInt((int) (r.timestampMs() - first)).putLong(r.powerMilliwatts());
                if (withEnergy) {
                    old.putLong(r.energyMilliwattHours());
                }
                expected.add(withEnergy ? r : Reading.ofPower(r.timestampMs(), r.powerMilliwatts()));
            }
            assertThat(decode(first, old.array(), Long.MIN_VALUE, Long.MAX_VALUE)).isEqualTo(expected);
        }
    }
}
