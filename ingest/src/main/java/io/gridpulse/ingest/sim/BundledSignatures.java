package io.gridpulse.ingest.sim;

import java.util.EnumMap;
import java.util.Map;

/** Tracebase slices shipped as resources beside their attribution; none yet. */
final class BundledSignatures {
    private BundledSignatures() {}

    static Map<SignatureKind, Signature> load() {
        return new EnumMap<>(SignatureKind.class);
    }
}
