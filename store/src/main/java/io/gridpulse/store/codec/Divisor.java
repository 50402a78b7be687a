package io.gridpulse.store.codec;

/**
 * Division by a fixed divisor without a division instruction: a 64-bit division takes ~15
 * cycles, and the encoder divides once or twice per reading (a column's scale, a chunk's time
 * unit). With divisor = odd · 2^k and inverse = odd⁻¹ mod 2^64, an exact multiple n has
 * quotient (n ≫ k) · inverse, and n is a multiple iff rotr(n · inverse, k) ≤ ⌊(2^64 − 1) / divisor⌋
 * (unsigned; Granlund and Montgomery 1994, Hacker's Delight §10-16, 10-17).
 */
final class Divisor {
    private final long inverse;
    private final int shift;
    private final long limit;

    /** @param divisor ≥ 1 */
    Divisor(long divisor) {
        if (divisor < 1) {
            throw new IllegalArgumentException("divisor must be positive: " + divisor);
        }
        shift = Long.numberOfTrailingZeros(divisor);
        inverse = inverseOf(divisor >>> shift);
        limit = Long.divideUnsigned(-1L, divisor);
    }

    /** Whether {@code n}, read as unsigned, is a multiple of the divisor. */
    boolean divides(long n) {
        return Long.compareUnsigned(Long.rotateRight(n * inverse, shift), limit) <= 0;
    }

    /** {@code n / divisor} for a signed exact multiple {@code n}. */
    long quotientOfMultiple(long n) {
        return (n >> shift) * inverse;
    }

    /** {@code n / divisor} for an unsigned exact multiple {@code n}. */
    long unsignedQuotientOfMultiple(long n) {
        return (n >>> shift) * inverse;
    }

    /** Newton's iteration for the inverse of an odd number mod 2^64 (each step doubles the correct bits). */
    private static long inverseOf(long odd) {
        long x = odd; // correct to 3 bits: odd · odd ≡ 1 mod 8
        for (int i = 0; i < 5; i++) {
            x *= 2 - odd * x;
        }
        return x;
    }
}
