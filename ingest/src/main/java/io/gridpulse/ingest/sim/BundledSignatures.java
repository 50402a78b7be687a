package io.gridpulse.ingest.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

/**
 * Tracebase slices shipped as resources ({@code tracebase/KIND.txt}: an origin line, then watts per
 * second comma-separated), with their ODbL attribution in {@code tracebase/ATTRIBUTION.md} beside
 * them. Missing or unreadable slices are left out; the caller falls back to parametric shapes.
 */
final class BundledSignatures {
    private static final String FOLDER = "tracebase/";

    private BundledSignatures() {}

    static Map<SignatureKind, Signature> load() {
        Map<SignatureKind, Signature> out = new EnumMap<>(SignatureKind.class);
        for (SignatureKind kind : SignatureKind.values()) {
            try (InputStream in = BundledSignatures.class.getResourceAsStream(FOLDER + kind.name() + ".txt")) {
                if (in != null) {
                    out.put(kind, parse(kind, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (RuntimeException e) {
                // a damaged slice: leave it out, the parametric shape takes its place
            }
        }
        return out;
    }

    private static Signature parse(SignatureKind kind, String text) {
        String[] lines = text.strip().split("\n", 2);
        String[] values = lines[1].strip().split(",");
        short[] watts = new short[values.length];
        for (int i = 0; i < values.length; i++) {
            watts[i] = Short.parseShort(values[i]);
        }
        return new Signature(kind, watts, lines[0].strip() + " (bundled)");
    }
}
