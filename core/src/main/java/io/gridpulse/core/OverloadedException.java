package io.gridpulse.core;

/** The server is at capacity; the caller should retry after {@link #retryAfterSeconds()}. */
public class OverloadedException extends GridPulseException {
    private final int retryAfterSeconds;

    public OverloadedException(String message, int retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    @Override
    public String kind() {
        return "overloaded";
    }
}
