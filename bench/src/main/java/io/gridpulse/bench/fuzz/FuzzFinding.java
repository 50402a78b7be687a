package io.gridpulse.bench.fuzz;

/** A broken contract found by a fuzz target: not a refusal, a bug. */
public final class FuzzFinding extends RuntimeException {
    public FuzzFinding(String message) {
        super(message);
    }
}
