package io.gridpulse.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridpulse.core.Reading;
import io.gridpulse.store.ReadingColumns;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PendingBlocksTest {
    /** A fleet second of meters 10, 20, 30 (meter 20 sends two readings, meter 30 no register). */
    private static PendingBlock second(long sequence, long second) {
        long ms = second * 1_000;
        PendingBlock.Builder builder = new PendingBlock.Builder(3);
        builder.add(10, List.of(new Reading(ms, 1_000 + second, 5_000 + second)));
        builder.add(20, List.of(new Reading(ms, 2_000, 7), new Reading(ms + 500, 2_500, 8)));
        builder.add(30, List.of(Reading.ofPower(ms, -300)));
        return builder.build(sequence);
    }

    private static List<Reading> readings(PendingReadings pending) {
        ReadingColumns out = new ReadingColumns(16);
        pending.addTo(out, Long.MIN_VALUE, Long.MAX_VALUE);
        return out.toList();
    }

    @Test
    void aMetersReadingsComeFromEveryBlockInTimeOrder() {
        PendingBlocks blocks = new PendingBlocks();
        for (int s = 0; s < 3; s++) {
            blocks.add(second(blocks.nextSequence(), s), s == 0 ? 3 : 0);
        }
        assertThat(readings(blocks.of(10, blocks.epoch()))).containsExactly(new Reading(0, 1_000, 5_000),
                new Reading(1_000, 1_001, 5_001), new Reading(2_000, 1_002, 5_002));
        assertThat(readings(blocks.of(20, blocks.epoch()))).extracting(Reading::timestampMs)
                .containsExactly(0L, 500L, 1_000L, 1_500L, 2_000L, 2_500L);
        assertThat(blocks.of(15, blocks.epoch())).isNull();
        assertThat(blocks.readingsHeld()).isEqualTo(12);
        assertThat(blocks.readingsSinceCut()).isEqualTo(12);
        assertThat(blocks.metersSinceCut()).isEqualTo(3);
        assertThat(blocks.blocksSinceCut()).isEqualTo(3);
    }

    @Test
    void aMoveDropsExactlyItsCutAndReadersSkipMetersWhoseEpochIsMoved() {
        PendingBlocks blocks = new PendingBlocks();
        long before = blocks.epoch();
        blocks.add(second(blocks.nextSequence(), 0), 3);
        PendingBlocks.Cut cut = blocks.cut();
        assertThat(cut.sequenceLimit()).isEqualTo(1);
        assertThat(blocks.epoch()).isEqualTo(before + 1);
        assertThat(blocks.readingsSinceCut()).isZero();
        blocks.add(second(blocks.nextSequence(), 1), 3); // written while the cut is being moved

        assertThat(readings(blocks.of(10, before + 1))).hasSize(2); // not moved yet: both blocks
        blocks.moved(cut);
        assertThat(blocks.of(10, before)).as("its last readings were in the moved cut").isNull();
        assertThat(readings(blocks.of(10, before + 1))).containsExactly(new Reading(1_000, 1_001, 5_001));
        assertThat(blocks.readingsHeld()).isEqualTo(4);
    }

    @Test
    void aFailedMoveKeepsItsBlocksAndCountsThemAgain() {
        PendingBlocks blocks = new PendingBlocks();
        blocks.add(second(blocks.nextSequence(), 0), 3);
        blocks.add(second(blocks.nextSequence(), 1), 0);
        PendingBlocks.Cut cut = blocks.cut();
        blocks.notMoved(cut);
        assertThat(blocks.readingsSinceCut()).isEqualTo(8);
        assertThat(blocks.metersSinceCut()).isEqualTo(3);
        assertThat(readings(blocks.of(30, cut.epoch()))).hasSize(2);
        PendingBlocks.Cut again = blocks.cut();
        assertThat(again.blocks()).containsExactlyElementsOf(cut.blocks());
        blocks.moved(again);
        assertThat(blocks.readingsHeld()).isZero();
    }

    @Test
    void aMeterInTwoGatewaysIsWalkedOnceWithItsReadingsInBlockOrder() {
        PendingBlocks blocks = new PendingBlocks();
        for (int s = 0; s < 4; s++) { // two gateways: meters 10, 20, 30 and 5, 20 (20 in both), alternating
            blocks.add(second(blocks.nextSequence(), s), 0);
            PendingBlock.Builder other = new PendingBlock.Builder(2);
            other.add(5, List.of(new Reading(s * 1_000L + 1, 50, 1)));
            other.add(20, List.of(new Reading(s * 1_000L + 700, 70, 9)));
            blocks.add(other.build(blocks.nextSequence()), 0);
        }
        PendingBlocks.ByMeter meters = blocks.cut().byMeter();
        List<Long> keys = new ArrayList<>();
        while (meters.next()) {
            keys.add(meters.key());
            List<Long> times = new ArrayList<>();
            for (int r = 0; r < meters.count(); r++) {
                times.add(meters.fields()[r * PendingReadings.STRIDE]);
            }
            if (meters.key() == 20) {
                assertThat(times).containsExactly(0L, 500L, 700L, 1_000L, 1_500L, 1_700L, 2_000L, 2_500L, 2_700L,
                        3_000L, 3_500L, 3_700L);
            } else {
                assertThat(times).hasSize(4).isSorted();
            }
        }
        assertThat(keys).containsExactly(5L, 10L, 20L, 30L);
    }

    @Test
    void gatewaysWithTheirOwnMetersAreWalkedGatewayByGateway() {
        PendingBlocks blocks = new PendingBlocks();
        for (int s = 0; s < 3; s++) { // gateway A: meters 10, 20, 30; gateway B: meters 40, 50
            blocks.add(second(blocks.nextSequence(), s), 0);
            PendingBlock.Builder other = new PendingBlock.Builder(2);
            other.add(40, List.of(new Reading(s * 1_000L, 40, 1)));
            other.add(50, List.of(new Reading(s * 1_000L, 50, 1), new Reading(s * 1_000L + 900, 51, 1)));
            blocks.add(other.build(blocks.nextSequence()), 0);
        }
        PendingBlocks.ByMeter meters = blocks.cut().byMeter();
        List<Long> keys = new ArrayList<>();
        while (meters.next()) {
            keys.add(meters.key());
            List<Long> powers = new ArrayList<>();
            for (int r = 0; r < meters.count(); r++) {
                powers.add(meters.fields()[r * PendingReadings.STRIDE + 1]);
            }
            if (meters.key() == 10) {
                assertThat(powers).containsExactly(1_000L, 1_001L, 1_002L);
            } else if (meters.key() == 50) {
                assertThat(powers).containsExactly(50L, 51L, 50L, 51L, 50L, 51L);
            }
        }
        assertThat(keys).containsExactlyInAnyOrder(10L, 20L, 30L, 40L, 50L);
    }

    /**
     * Fleet seconds (one reading per meter and block) are walked through tiles of meters: gateways
     * of 37 and 16 meters (a part tile and a whole one) over 7 seconds give each meter exactly its
     * seven readings, every field in time order, as the general walk does.
     */
    @Test
    void fleetSecondsWalkedTileByTileGiveEachMeterItsReadingsInTimeOrder() {
        PendingBlocks blocks = new PendingBlocks();
        int[] gatewayMeters = {37, 16};
        for (int s = 0; s < 7; s++) {
            for (int g = 0; g < gatewayMeters.length; g++) {
                PendingBlock.Builder gateway = new PendingBlock.Builder(gatewayMeters[g]);
                for (int m = 0; m < gatewayMeters[g]; m++) {
                    long key = 1_000L * (g + 1) + m;
                    gateway.add(key, List.of(new Reading(s * 1_000L, key * 10 + s, key * 100 + s)));
                }
                blocks.add(gateway.build(blocks.nextSequence()), 0);
            }
        }
        PendingBlocks.ByMeter meters = blocks.cut().byMeter();
        int walked = 0;
        while (meters.next()) {
            walked++;
            long key = meters.key();
            assertThat(meters.count()).as("meter %d", key).isEqualTo(7);
            for (int s = 0; s < 7; s++) {
                int at = s * PendingReadings.STRIDE;
                assertThat(new long[] {meters.fields()[at], meters.fields()[at + 1], meters.fields()[at + 2]})
                        .as("meter %d, second %d", key, s).containsExactly(s * 1_000L, key * 10 + s, key * 100 + s);
            }
        }
        assertThat(walked).isEqualTo(37 + 16);
    }

    @Test
    void blocksTakeMetersInAscendingKeyOrderOnly() {
        PendingBlock.Builder builder = new PendingBlock.Builder(2);
        builder.add(20, List.of(new Reading(0, 1, 1)));
        assertThatThrownBy(() -> builder.add(20, List.of(new Reading(1_000, 1, 1))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFleetSecondsRecordTakesAboutEightBytesAMeterAndDecodesToItsReadings() {
        long ms = 1_800_000_000_000L;
        PendingBlock.Builder builder = new PendingBlock.Builder(1_000);
        for (int m = 0; m < 1_000; m++) { // keys with gaps; one meter without a register, one exporting
            Reading reading = m == 500 ? Reading.ofPower(ms, 900_000)
                    : new Reading(ms, m == 7 ? -1_250_000 : 150_000 + 1_700 * m, 5_000_000L + 1_000L * m);
            builder.add(1_000 + 3L * m + m % 2, List.of(reading));
        }
        PendingBlock block = builder.build(3);
        byte[] record = PendingLog.encode(block);
        assertThat(record.length).as("the first layout took 13 bytes a meter here").isLessThan(9 * 1_000 + 20);
        Map<Long, List<Reading>> decoded = PendingLog.decode(record);
        assertThat(decoded).hasSize(1_000);
        for (int m = 0; m < block.meters(); m++) {
            assertThat(decoded.get(block.key(m))).isEqualTo(block.readings(m));
        }
        assertThat(decoded.get(1_000L + 3 * 500).getFirst().hasEnergy()).isFalse();
    }

    @Test
    void recordsOfTheFirstLayoutStillDecode() {
        // second(7, 1_800_000_000L) as the first layout wrote it: what a crash may have left behind
        byte[] record = java.util.HexFormat.of().parseHex(
                "80c0e285e368030a010100d0d7ceb40d9096cfb40d14020100a01f0ee8078827101e010000d704");
        Map<Long, List<Reading>> decoded = PendingLog.decode(record);
        PendingBlock block = second(7, 1_800_000_000L);
        assertThat(decoded.keySet()).containsExactly(10L, 20L, 30L);
        for (int m = 0; m < block.meters(); m++) {
            assertThat(decoded.get(block.key(m))).isEqualTo(block.readings(m));
        }
    }

    @Test
    void theRecordOfABlockDecodesToItsReadings() {
        PendingBlock block = second(7, 1_800_000_000L);
        Map<Long, List<Reading>> decoded = PendingLog.decode(PendingLog.encode(block));
        assertThat(decoded.keySet()).containsExactly(10L, 20L, 30L);
        List<Reading> all = new ArrayList<>();
        for (int m = 0; m < block.meters(); m++) {
            assertThat(decoded.get(block.key(m))).isEqualTo(block.readings(m));
            all.addAll(block.readings(m));
        }
        assertThat(all).hasSize(4).contains(Reading.ofPower(1_800_000_000_000L, -300));
    }
}
