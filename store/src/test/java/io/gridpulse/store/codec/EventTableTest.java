package io.gridpulse.store.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The value-column decoding table against the prefix code it is built from: every entry not
 * marked slow is exactly the event the code's own table and the raw extra bits give.
 */
class EventTableTest {

    @Test
    void everyFastEntryIsTheEventTheCodeAndItsExtraBitsGive() {
        SplittableRandom random = new SplittableRandom(11);
        int fast = 0;
        int slow = 0;
        for (int c = 0; c < 300; c++) {
            int precision = c % Buckets.PRECISIONS;
            int[] counts = new int[PackedColumns.ALPHABET];
            int used = random.nextInt(1, 60);
            for (int u = 0; u < used; u++) {
                // mostly short symbols (the common case), some with long extra bits (the slow path)
                int bucket = random.nextInt(8) == 0 ? random.nextInt(Buckets.symbols(precision)) : random.nextInt(24);
                int symbol = random.nextBoolean() ? Math.min(bucket, PackedColumns.RUN_SYMBOLS - 1) : PackedColumns.RUN_SYMBOLS + bucket;
                counts[symbol] += random.nextInt(1, 1000);
            }
            int[] entries = checkAgainstCode(new EventTable(), readBack(counts, precision), precision, "case " + c);
            fast += entries[0];
            slow += entries[1];
        }
        assertThat(fast).isPositive();
        assertThat(slow).isPositive();
    }

    @Test
    void defaultCodesResolveThroughTheSharedCode() {
        for (int index = 0; index < 1 << DefaultCodes.INDEX_BITS; index += 37) {
            ByteSink sink = new ByteSink();
            BitSink bits = new BitSink(sink);
            bits.start();
            PrefixCode written = new PrefixCode();
            written.useDefault(index);
            written.write(bits, PackedColumns.RUN_SYMBOLS);
            bits.finish();
            PrefixCode read = new PrefixCode();
            BitSource in = new BitSource();
            in.start(sink.buffer(), 0, sink.size());
            read.read(in, PackedColumns.RUN_SYMBOLS, PackedColumns.extraBits(DefaultCodes.PRECISION), true);
            EventTable first = new EventTable();
            int[] entries = checkAgainstCode(first, read, DefaultCodes.PRECISION, "default " + index);
            assertThat(entries[0]).as("default " + index).isPositive();
            // every reader of a default code shares its one table: no per-chunk fill
            EventTable second = new EventTable();
            checkAgainstCode(second, read, DefaultCodes.PRECISION, "default " + index + ", second reader");
            assertThat(second.entries).as("default " + index).isSameAs(first.entries);
            // a reader moving on to a code of its own fills its own table, never the shared one
            int[] shared = second.entries.clone();
            int[] own = new int[PackedColumns.ALPHABET];
            own[0] = 5;
            own[PackedColumns.RUN_SYMBOLS + 3] = 7;
            own[PackedColumns.RUN_SYMBOLS + 10] = 2;
            checkAgainstCode(first, readBack(own, 2), 2, "own code after default " + index);
            assertThat(first.entries).isNotSameAs(second.entries);
            assertThat(second.entries).as("default " + index).isEqualTo(shared);
        }
    }

    @Test
    void aChunkWithChangesOfEveryBitLengthRoundTripsPacked() {
        SplittableRandom random = new SplittableRandom(5);
        int n = 5000;
        long[] ts = new long[n];
        long[] power = new long[n];
        for (int i = 0; i < n; i++) {
            ts[i] = 1_700_000_000_000L + 1000L * i;
            // small noise with a jump of 2^k (k up to 62) every few readings, and short runs
            long step = random.nextInt(6) == 0 ? 1L << random.nextInt(63) : random.nextInt(-20, 21);
            power[i] = i == 0 ? 0 : power[i - 1] + (random.nextInt(10) == 0 ? 0 : step);
        }
        byte[] chunk = ChunkCodec.encode(ts, power, null, n, ChunkCodec.Mode.PACKED);
        DecodedChunk out = ChunkCodec.decode(chunk);
        assertThat(out.timestampsMs()).isEqualTo(ts);
        assertThat(out.powerMilliwatts()).isEqualTo(power);
    }

    @Test
    void aTableKeptForARepeatedCodeIsRebuiltWhenTheCodeOrPrecisionChanges() {
        SplittableRandom random = new SplittableRandom(3);
        EventTable table = new EventTable();
        int[][] counts = new int[3][PackedColumns.ALPHABET];
        for (int[] column : counts) {
            for (int u = 0; u < 40; u++) {
                column[PackedColumns.RUN_SYMBOLS + random.nextInt(30)] += random.nextInt(1, 500);
            }
            column[random.nextInt(5)] += 100;
        }
        int[][] sequence = {{0, 2}, {0, 2}, {1, 2}, {1, 2}, {1, 1}, {0, 1}, {2, 0}, {0, 2}};
        for (int[] step : sequence) { // the same table object through every change of code and precision
            checkAgainstCode(table, readBack(counts[step[0]], step[1]), step[1], "code " + step[0] + " precision " + step[1]);
        }
    }

    /** Returns {fast entries, slow entries}. */
    private static int[] checkAgainstCode(EventTable table, PrefixCode code, int precision, String description) {
        long[] base = PackedColumns.bases(precision);
        int[] extraBits = PackedColumns.extraBits(precision);
        table.build(code, base, extraBits, PackedColumns.RUN_SYMBOLS);
        assertThat(table.bits).as(description).isGreaterThanOrEqualTo(code.tableBits);
        int fast = 0;
        int slow = 0;
        for (int index = 0; index < 1 << table.bits; index++) {
            int entry = table.entries[index];
            int symbolEntry = code.table[index & ((1 << code.tableBits) - 1)];
            int symbol = PrefixCode.symbol(symbolEntry);
            int length = PrefixCode.codeLength(symbolEntry);
            int extra = PrefixCode.extraBits(symbolEntry);
            if ((entry & EventTable.SLOW) != 0) {
                slow++;
                assertThat(EventTable.slowSymbol(entry)).as(description + " index " + index + " slow symbol").isEqualTo(symbol);
                assertThat(EventTable.slowCodeLength(entry)).as(description + " index " + index + " slow length").isEqualTo(length);
                long largest = base[symbol] + (1L << Math.min(extra, 62)) - 1;
                assertThat(length + extra > table.bits || extra > 24 || largest >= 1 << 23)
                        .as(description + " index " + index + ": slow entry for an event that fits").isTrue();
                continue;
            }
            fast++;
            long u = base[symbol] + ((index >>> length) & ((1L << extra) - 1));
            boolean run = symbol < PackedColumns.RUN_SYMBOLS;
            assertThat(entry & 63).as(description + " index " + index + " bits").isEqualTo(length + extra);
            assertThat((entry & EventTable.RUN) != 0).as(description + " index " + index + " run").isEqualTo(run);
            assertThat(EventTable.value(entry)).as(description + " index " + index + " value")
                    .isEqualTo(run ? u : ChunkCodec.unzigzag(u + 1));
        }
        return new int[] {fast, slow};
    }

    /** The code for these counts, written and read back as the decoder sees it. */
    private static PrefixCode readBack(int[] counts, int precision) {
        PrefixCode written = new PrefixCode();
        written.build(counts, counts.length);
        ByteSink sink = new ByteSink();
        BitSink bits = new BitSink(sink);
        bits.start();
        written.write(bits, PackedColumns.RUN_SYMBOLS);
        bits.finish();
        PrefixCode read = new PrefixCode();
        BitSource in = new BitSource();
        in.start(sink.buffer(), 0, sink.size());
        assertThat(read.read(in, PackedColumns.RUN_SYMBOLS, PackedColumns.extraBits(precision), true)).isTrue();
        return read;
    }
}
