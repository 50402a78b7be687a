package io.gridpulse.store.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A column's scale is the gcd of its values, whatever the divisor's power of two and the values' signs. */
class ValueScaleTest {
    @Test
    void scaleIsTheGcdOfTheValues() {
        SplittableRandom random = new SplittableRandom(11);
        long[] divisors = {1, 2, 3, 10, 100, 1000, 1024, 3 << 20, 7L << 40, 999_999_937L, 1L << 62};
        for (int trial = 0; trial < 2000; trial++) {
            long divisor = divisors[trial % divisors.length];
            int count = 1 + random.nextInt(50);
            long[] values = new long[count];
            long bound = Math.max(2, Long.MAX_VALUE / divisor / 2);
            for (int i = 0; i < count; i++) {
                values[i] = random.nextLong(1 - bound, bound) * divisor; // never Long.MIN_VALUE (scale 1 by rule)
                if (i > 0 && random.nextInt(4) == 0) {
                    values[i] += random.nextInt(3) - 1; // sometimes off the grid
                }
            }
            assertThat(ValueColumn.scaleOf(values, count)).as("trial %d", trial).isEqualTo(bruteForceGcd(values));
        }
    }

    @Test
    void leadingZerosAndExtremesKeepTheRightScale() {
        assertThat(ValueColumn.scaleOf(new long[] {0, 0, 500, -1500, 0}, 5)).isEqualTo(500);
        assertThat(ValueColumn.scaleOf(new long[] {0, 0}, 2)).isEqualTo(1);
        assertThat(ValueColumn.scaleOf(new long[] {Long.MAX_VALUE - 1, 2}, 2)).isEqualTo(2);
        assertThat(ValueColumn.scaleOf(new long[] {4, Long.MIN_VALUE}, 2)).isEqualTo(1);
    }

    @Test
    void divisorAgreesWithDivisionOnMultiplesAndNonMultiples() {
        SplittableRandom random = new SplittableRandom(12);
        for (int trial = 0; trial < 20_000; trial++) {
            long divisor = switch (trial % 4) {
                case 0 -> 1 + random.nextInt(2000);
                case 1 -> (1 + random.nextLong(1L << 20)) << random.nextInt(40);
                case 2 -> 1L << random.nextInt(63);
                default -> 1 + random.nextLong(Long.MAX_VALUE);
            };
            Divisor fast = new Divisor(divisor);
            long quotient = random.nextLong(Long.MIN_VALUE / divisor, Long.MAX_VALUE / divisor);
            long multiple = quotient * divisor;
            assertThat(fast.quotientOfMultiple(multiple)).as("%d / %d", multiple, divisor).isEqualTo(quotient);
            assertThat(fast.divides(Math.abs(multiple))).isTrue();
            long other = random.nextLong() >>> 1;
            assertThat(fast.divides(other)).as("%d divides %d", divisor, other).isEqualTo(other % divisor == 0);
            assertThat(fast.divides(other + 1)).isEqualTo((other + 1) % divisor == 0);
            long unsignedMultiple = Long.remainderUnsigned(random.nextLong(), divisor) == 0 ? 0 : random.nextLong();
            unsignedMultiple -= Long.remainderUnsigned(unsignedMultiple, divisor);
            assertThat(fast.unsignedQuotientOfMultiple(unsignedMultiple)).isEqualTo(Long.divideUnsigned(unsignedMultiple, divisor));
            assertThat(fast.divides(unsignedMultiple)).isTrue();
        }
    }

    private static long bruteForceGcd(long[] values) {
        BigInteger gcd = BigInteger.ZERO;
        for (long value : values) {
            gcd = gcd.gcd(BigInteger.valueOf(value));
        }
        return gcd.signum() == 0 ? 1 : gcd.longValueExact();
    }
}
