package io.gridpulse.ingest.sim;

import io.gridpulse.core.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.StringJoiner;

/**
 * Writes the tracebase signatures cut from ../shared/data/tracebase as the bundled resource slices
 * (one {@code KIND.txt} per shape: an origin line, then watts per second comma-separated). Run by
 * hand when the extraction changes; keep ATTRIBUTION.md beside the files.
 */
public final class BundledSignatureExport {
    public static void main(String[] args) throws IOException {
        Path tracebase = SharedData.resolve("tracebase").orElseThrow(() -> new IllegalStateException("no tracebase"));
        Path out = Path.of(args.length > 0 ? args[0] : "ingest/src/main/resources/io/gridpulse/ingest/sim/tracebase");
        Files.createDirectories(out);
        for (SignatureKind kind : SignatureKind.values()) {
            Signature signature = TracebaseSignatures.extract(tracebase, kind).orElseThrow();
            StringJoiner watts = new StringJoiner(",");
            for (short w : signature.watts()) {
                watts.add(Short.toString(w));
            }
            Files.writeString(out.resolve(kind.name() + ".txt"), signature.origin() + "\n" + watts + "\n", StandardCharsets.UTF_8);
        }
    }
}
