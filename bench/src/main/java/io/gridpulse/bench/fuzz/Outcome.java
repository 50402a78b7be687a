package io.gridpulse.bench.fuzz;

import io.gridpulse.core.InvalidInputException;
import io.gridpulse.core.PayloadTooLargeException;
import io.gridpulse.core.Reading;
import io.gridpulse.ingest.IngestLimits;
import io.gridpulse.ingest.ReadingParsers;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.concurrent.Callable;

/**
 * What a parser made of one input: a value, or the refusal it promises (too large, or invalid).
 * Two parsers of the same format must reach equal outcomes; an exception of any other kind
 * propagates as a finding.
 */
record Outcome(Object value, String refusal) {
    /** The parsers' "now": seeds are the day before it, so the future and before-2000 checks bite on mutations. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T00:00:00Z"), ZoneOffset.UTC);
    static final long SEED_DAY_MS = CLOCK.millis() - 86_400_000L;

    static Outcome of(Callable<?> parse) throws Exception {
        try {
            return new Outcome(parse.call(), null);
        } catch (PayloadTooLargeException e) {
            return new Outcome(null, "too large");
        } catch (InvalidInputException e) {
            return new Outcome(null, "invalid");
        }
    }

    boolean accepted() {
        return refusal == null;
    }

    /** What every accepted batch promises the store: readings inside the time window and the power range, within the batch limit. */
    static void checkAccepted(Collection<Reading> readings, IngestLimits limits) {
        if (readings.size() > limits.maxBatchReadings()) {
            throw new FuzzFinding("batch limit: " + readings.size() + " readings accepted");
        }
        for (Reading r : readings) {
            if (r.timestampMs() < IngestLimits.EARLIEST_TIMESTAMP_MS || r.timestampMs() > CLOCK.millis() + limits.maxFutureMs()) {
                throw new FuzzFinding("timestamp window: accepted " + r);
            }
            if (Math.abs(r.powerMilliwatts()) > ReadingParsers.MAX_ABS_POWER_MILLIWATTS) {
                throw new FuzzFinding("power range: accepted " + r);
            }
        }
    }
}
