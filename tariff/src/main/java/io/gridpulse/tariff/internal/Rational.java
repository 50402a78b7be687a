package io.gridpulse.tariff.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * An exact fraction, used for every intermediate money and energy value of a bill so that
 * day-based pro-rating (e.g. 21/31 + 10/31) never loses a won to binary or decimal rounding.
 * Immutable; the denominator is always positive.
 */
public record Rational(BigInteger numerator, BigInteger denominator) implements Comparable<Rational> {
    public static final Rational ZERO = new Rational(BigInteger.ZERO, BigInteger.ONE);

    public Rational {
        if (denominator.signum() == 0) {
            throw new ArithmeticException("zero denominator");
        }
        if (denominator.signum() < 0) {
            numerator = numerator.negate();
            denominator = denominator.negate();
        }
        BigInteger gcd = numerator.gcd(denominator);
        if (gcd.signum() != 0 && !gcd.equals(BigInteger.ONE)) {
            numerator = numerator.divide(gcd);
            denominator = denominator.divide(gcd);
        }
    }

    public static Rational of(long value) {
        return new Rational(BigInteger.valueOf(value), BigInteger.ONE);
    }

    public static Rational of(long numerator, long denominator) {
        return new Rational(BigInteger.valueOf(numerator), BigInteger.valueOf(denominator));
    }

    public static Rational of(BigDecimal value) {
        if (value.scale() <= 0) {
            return new Rational(value.toBigIntegerExact(), BigInteger.ONE);
        }
        return new Rational(value.unscaledValue(), BigInteger.TEN.pow(value.scale()));
    }

    public Rational plus(Rational other) {
        return new Rational(numerator.multiply(other.denominator).add(other.numerator.multiply(denominator)),
                denominator.multiply(other.denominator));
    }

    public Rational minus(Rational other) {
        return plus(other.negate());
    }

    public Rational negate() {
        return new Rational(numerator.negate(), denominator);
    }

    public Rational times(Rational other) {
        return new Rational(numerator.multiply(other.numerator), denominator.multiply(other.denominator));
    }

    public Rational times(BigDecimal other) {
        return times(of(other));
    }

    public Rational times(long other) {
        return times(of(other));
    }

    public Rational dividedBy(long divisor) {
        return new Rational(numerator, denominator.multiply(BigInteger.valueOf(divisor)));
    }

    public int signum() {
        return numerator.signum();
    }

    public Rational min(Rational other) {
        return compareTo(other) <= 0 ? this : other;
    }

    public Rational max(Rational other) {
        return compareTo(other) >= 0 ? this : other;
    }

    /** Clamps into [low, high]. */
    public Rational clamp(Rational low, Rational high) {
        return max(low).min(high);
    }

    /** Rounded to a whole multiple of {@code step} with the given mode, exactly. */
    public long roundToStep(long step, RoundingMode mode) {
        BigDecimal quotient = new BigDecimal(numerator).divide(
                new BigDecimal(denominator.multiply(BigInteger.valueOf(step))), 0, mode);
        return quotient.longValueExact() * step;
    }

    /** Rounded to {@code scale} decimal places, for display only. */
    public BigDecimal toDecimal(int scale, RoundingMode mode) {
        return new BigDecimal(numerator).divide(new BigDecimal(denominator), scale, mode);
    }

    /** Rounded half-up to at most {@code maxScale} decimals, without trailing zeros (200, 17976.13). */
    public BigDecimal toDisplay(int maxScale) {
        BigDecimal value = toDecimal(maxScale, RoundingMode.HALF_UP).stripTrailingZeros();
        return value.scale() < 0 ? value.setScale(0) : value;
    }

    @Override
    public int compareTo(Rational other) {
        return numerator.multiply(other.denominator).compareTo(other.numerator.multiply(denominator));
    }
}
