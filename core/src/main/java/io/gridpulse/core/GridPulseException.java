package io.gridpulse.core;

/**
 * Root of GridPulse's small error catalogue. Each subclass names one kind of failure that a
 * caller can act on; the server maps each to exactly one HTTP status in one place.
 */
public abstract class GridPulseException extends RuntimeException {
    protected GridPulseException(String message) {
        super(message);
    }

    protected GridPulseException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A short, stable, machine-readable kind, used as the problem type's last path segment. */
    public abstract String kind();
}
