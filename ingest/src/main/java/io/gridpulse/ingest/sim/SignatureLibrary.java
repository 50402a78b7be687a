package io.gridpulse.ingest.sim;

import io.gridpulse.core.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The appliance power shapes a {@link HouseholdSimulator} draws from: measured tracebase runs when
 * the data set is present, else the attributed tracebase slices bundled as resources, else
 * parametric shapes. Loading never fails; a kind that cannot be read falls back alone. Immutable
 * and thread-safe once loaded.
 *
 * <p>Measured shapes: contains information from the tracebase data set, which is made available at
 * http://www.tracebase.org under the Open Database License (ODbL).
 */
public final class SignatureLibrary {
    private static final Logger LOG = LoggerFactory.getLogger(SignatureLibrary.class);

    private final Map<SignatureKind, Signature> signatures;
    private final String source;

    private SignatureLibrary(Map<SignatureKind, Signature> signatures, String source) {
        this.signatures = Map.copyOf(signatures);
        this.source = source;
    }

    /** From {@code ../shared/data/tracebase} when present, else {@link #builtIn()}. Never fails. */
    public static SignatureLibrary load() {
        return load(SharedData.resolve("tracebase").orElse(null));
    }

    /** From the tracebase folder {@code tracebaseDir}; null or missing gives {@link #builtIn()}. */
    public static SignatureLibrary load(Path tracebaseDir) {
        if (tracebaseDir == null || !Files.isDirectory(tracebaseDir)) {
            return builtIn();
        }
        Map<SignatureKind, Signature> found = new EnumMap<>(SignatureKind.class);
        for (SignatureKind kind : SignatureKind.values()) {
            tryExtract(tracebaseDir, kind).ifPresent(s -> found.put(kind, s));
        }
        if (found.isEmpty()) {
            return builtIn();
        }
        return completedWith(found, builtIn(), "tracebase (ODbL) + parametric");
    }

    /** The shapes that ship with GridPulse: bundled tracebase slices where present, else parametric. */
    public static SignatureLibrary builtIn() {
        Map<SignatureKind, Signature> bundled = BundledSignatures.load();
        if (bundled.isEmpty()) {
            return parametric();
        }
        return completedWith(bundled, parametric(), "tracebase slices (ODbL, bundled) + parametric");
    }

    /** Hand-written shapes only; needs no data at all. */
    public static SignatureLibrary parametric() {
        Map<SignatureKind, Signature> all = new EnumMap<>(SignatureKind.class);
        for (SignatureKind kind : SignatureKind.values()) {
            all.put(kind, ParametricSignatures.of(kind));
        }
        return new SignatureLibrary(all, "parametric");
    }

    /** Where the shapes come from: {@code "tracebase (ODbL) + parametric"}, {@code "parametric"}, … */
    public String source() {
        return source;
    }

    /** The shape of {@code kind}; never null. */
    public Signature signature(SignatureKind kind) {
        return signatures.get(kind);
    }

    private static SignatureLibrary completedWith(Map<SignatureKind, Signature> found, SignatureLibrary rest, String source) {
        Map<SignatureKind, Signature> all = new EnumMap<>(SignatureKind.class);
        for (SignatureKind kind : SignatureKind.values()) {
            all.put(kind, found.getOrDefault(kind, rest.signature(kind)));
        }
        return new SignatureLibrary(all, source);
    }

    private static Optional<Signature> tryExtract(Path tracebaseDir, SignatureKind kind) {
        try {
            return TracebaseSignatures.extract(tracebaseDir, kind);
        } catch (RuntimeException e) {
            LOG.warn("tracebase {} unusable, using the built-in shape: {}", kind, e.toString());
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "SignatureLibrary[" + source + ", " + signatures.values() + "]";
    }
}
