package io.gridpulse.ingest;

import java.util.Random;

/**
 * A random decimal as devices write them, for comparing a fast number path with its reference:
 * many digits, ties at the fourth decimal (rounding to milli-units), a plain 0 integer part.
 * Tests add their format's variants (exponents, suffixes, leading zeros) from its parts.
 */
public record RandomDecimal(String sign, String integer, String number) {
    public static RandomDecimal next(Random random) {
        String sign = random.nextBoolean() ? "-" : "";
        StringBuilder integer = new StringBuilder().append(1 + random.nextInt(9));
        for (int d = random.nextInt(18); d > 0; d--) {
            integer.append(random.nextInt(10));
        }
        StringBuilder fraction = new StringBuilder();
        int digits = random.nextInt(8);
        for (int d = 0; d < digits; d++) {
            fraction.append(d == 3 && random.nextBoolean() ? '5' : (char) ('0' + random.nextInt(10)));
        }
        String number = sign + (random.nextInt(4) == 0 ? "0" : integer) + (digits > 0 ? "." + fraction : "");
        return new RandomDecimal(sign, integer.toString(), number);
    }

    public boolean hasFraction() {
        return number.indexOf('.') >= 0;
    }

    /** The number with a decimal exponent in [-3, 3]. */
    public String withExponent(Random random) {
        return number + "e" + (random.nextInt(7) - 3);
    }
}
