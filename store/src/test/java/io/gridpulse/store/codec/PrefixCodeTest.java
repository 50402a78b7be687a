package io.gridpulse.store.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PrefixCodeTest {

    @Test
    void codesAreCompleteLengthLimitedAndDecodeBackToTheirSymbols() {
        SplittableRandom random = new SplittableRandom(7);
        for (int c = 0; c < 500; c++) {
            int[] counts = new int[PackedColumns.ALPHABET];
            int used = random.nextInt(2, 120);
            for (int u = 0; u < used; u++) {
                counts[random.nextInt(counts.length)] += c % 3 == 0 ? 1 << random.nextInt(20) : random.nextInt(1, 1000);
            }
            assertCodeRoundTrips(counts, "case " + c);
        }
    }

    @Test
    void fibonacciCountsAreFlattenedToTheLengthLimit() {
        int[] counts = new int[PackedColumns.ALPHABET];
        int a = 1;
        int b = 1;
        for (int s = 0; s < 30; s++) { // an unlimited Huffman code would need 29 bits
            counts[PackedColumns.RUN_SYMBOLS + s] = a;
            int next = a + b;
            a = b;
            b = next;
        }
        assertCodeRoundTrips(counts, "fibonacci");
    }

    @Test
    void everyDefaultCodeIsCompleteAndCodesEverySymbolOfItsPrecision() {
        for (int index = 0; index < 1 << DefaultCodes.INDEX_BITS; index++) {
            PrefixCode code = DefaultCodes.code(index);
            long kraft = 0;
            for (int s = 0; s < PackedColumns.ALPHABET; s++) {
                int length = code.lengths[s];
                kraft += length == 0 ? 0 : 1L << (PrefixCode.MAX_BITS - length);
                boolean possible = s < PackedColumns.RUN_SYMBOLS
                        || s - PackedColumns.RUN_SYMBOLS < Buckets.symbols(DefaultCodes.PRECISION);
                assertThat(length > 0).as("default " + index + " symbol " + s).isEqualTo(possible);
            }
            assertThat(kraft).as("default " + index).isEqualTo(1L << PrefixCode.MAX_BITS);
        }
    }

    private static void assertCodeRoundTrips(int[] counts, String description) {
        PrefixCode code = new PrefixCode();
        code.build(counts, counts.length);
        long kraft = 0;
        long used = java.util.Arrays.stream(counts).filter(count -> count > 0).count();
        for (int s = 0; s < counts.length; s++) {
            if (counts[s] > 0) {
                assertThat(code.lengths[s]).as(description).isBetween(used == 1 ? 0 : 1, PrefixCode.MAX_BITS);
                kraft += code.lengths[s] == 0 ? 0 : 1L << (PrefixCode.MAX_BITS - code.lengths[s]);
            }
        }
        if (used > 1) {
            assertThat(kraft).as(description + " Kraft sum").isEqualTo(1L << PrefixCode.MAX_BITS);
        }
        ByteSink sink = new ByteSink();
        BitSink bits = new BitSink(sink);
        bits.start();
        code.write(bits, PackedColumns.RUN_SYMBOLS);
        for (int s = 0; s < counts.length; s++) {
            if (counts[s] > 0) {
                bits.put(code.codes[s], code.lengths[s]);
            }
        }
        bits.finish();
        assertThat(sink.size() * 8L).as(description + " stored size").isGreaterThanOrEqualTo(code.storedBits(PackedColumns.RUN_SYMBOLS));
        PrefixCode read = new PrefixCode();
        BitSource in = new BitSource();
        in.start(sink.buffer(), 0, sink.size());
        assertThat(read.read(in, PackedColumns.RUN_SYMBOLS, PackedColumns.extraBits(Buckets.FINEST), true)).isTrue();
        for (int s = 0; s < counts.length; s++) {
            if (counts[s] > 0) {
                in.refill();
                int entry = read.table[(int) in.buffer & ((1 << read.tableBits) - 1)];
                assertThat(PrefixCode.symbol(entry)).as(description + " symbol").isEqualTo(s);
                assertThat(PrefixCode.extraBits(entry)).as(description + " extra bits").isEqualTo(PackedColumns.extraBits(Buckets.FINEST)[s]);
                in.read(PrefixCode.codeLength(entry));
            }
        }
    }
}
