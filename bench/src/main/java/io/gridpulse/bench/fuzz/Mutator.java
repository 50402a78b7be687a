package io.gridpulse.bench.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Stacks one to six random edits on a seed: bit flips, special bytes, deleted, repeated or
 * truncated ranges, splices with another seed and tokens that parsers trip on (huge numbers,
 * NaN, quotes, separators). Deterministic for a given random source.
 */
final class Mutator {
    private static final byte[] SPECIAL_BYTES = "\0\u007f\"\\,;:=\n\r\t {}[]-+.eE0129 #".getBytes(StandardCharsets.ISO_8859_1);
    private static final List<String> COMMON_TOKENS = List.of("NaN", "Infinity", "-Infinity", "null", "true", "1e999",
            "-1e-999", "1e18", "9223372036854775807", "-9223372036854775808", "18446744073709551616",
            "0.000000000000000000001", "99999999999999999999999999", "-0", "0x1F", ".5", "5.", "\"\"", "{}", "[]",
            "\\u0000", "\\ud800", "\u00e9", "\uffff", "2024-02-30T25:61:61+99:00", "1970-01-01T00:00:00Z", "\"ts\"",
            "\"powerW\"", "\"energyWh\"", "\"readings\"", "\r\n", "\u0000");
    private static final int MAX_EDITS = 6;

    private final List<byte[]> seeds;
    private final List<byte[]> tokens = new ArrayList<>();
    private final int maxBytes;

    Mutator(List<byte[]> seeds, List<String> dictionary, int maxBytes) {
        this.seeds = seeds;
        this.maxBytes = maxBytes;
        for (String token : COMMON_TOKENS) {
            tokens.add(token.getBytes(StandardCharsets.UTF_8));
        }
        for (String token : dictionary) {
            tokens.add(token.getBytes(StandardCharsets.UTF_8));
        }
    }

    byte[] next(SplittableRandom random) {
        byte[] input = seeds.get(random.nextInt(seeds.size()));
        int edits = 1 + random.nextInt(MAX_EDITS);
        for (int i = 0; i < edits; i++) {
            input = edit(input, random);
        }
        return input.length > maxBytes ? Arrays.copyOf(input, maxBytes) : input;
    }

    private byte[] edit(byte[] in, SplittableRandom random) {
        if (in.length == 0) {
            return tokens.get(random.nextInt(tokens.size()));
        }
        int at = random.nextInt(in.length);
        return switch (random.nextInt(8)) {
            case 0 -> {
                byte[] out = in.clone();
                out[at] ^= (byte) (1 << random.nextInt(8));
                yield out;
            }
            case 1 -> {
                byte[] out = in.clone();
                out[at] = SPECIAL_BYTES[random.nextInt(SPECIAL_BYTES.length)];
                yield out;
            }
            case 2 -> remove(in, at, 1 + random.nextInt(Math.max(1, Math.min(in.length - at, in.length / 4 + 1))));
            case 3 -> {
                int length = 1 + random.nextInt(Math.min(in.length - at, 256));
                yield insert(in, random.nextInt(in.length + 1), Arrays.copyOfRange(in, at, at + length), 1 + random.nextInt(4));
            }
            case 4, 5 -> insert(in, at, tokens.get(random.nextInt(tokens.size())), 1);
            case 6 -> {
                byte[] other = seeds.get(random.nextInt(seeds.size()));
                int cut = other.length == 0 ? 0 : random.nextInt(other.length);
                byte[] out = Arrays.copyOf(in, at + other.length - cut);
                System.arraycopy(other, cut, out, at, other.length - cut);
                yield out;
            }
            default -> Arrays.copyOf(in, at);
        };
    }

    private static byte[] remove(byte[] in, int at, int length) {
        byte[] out = new byte[in.length - length];
        System.arraycopy(in, 0, out, 0, at);
        System.arraycopy(in, at + length, out, at, in.length - at - length);
        return out;
    }

    private static byte[] insert(byte[] in, int at, byte[] piece, int times) {
        byte[] out = new byte[in.length + piece.length * times];
        System.arraycopy(in, 0, out, 0, at);
        for (int i = 0; i < times; i++) {
            System.arraycopy(piece, 0, out, at + i * piece.length, piece.length);
        }
        System.arraycopy(in, at, out, at + piece.length * times, in.length - at);
        return out;
    }
}
