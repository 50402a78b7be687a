package io.gridpulse.core;

/**
 * The store could not make a write durable (disk full, I/O error) or found corrupted data.
 * Nothing of a refused write was acknowledged; what was stored before stays readable.
 */
public class StorageException extends GridPulseException {
    private final boolean outOfSpace;

    public StorageException(String message, boolean outOfSpace, Throwable cause) {
        super(message, cause);
        this.outOfSpace = outOfSpace;
    }

    public boolean outOfSpace() {
        return outOfSpace;
    }

    @Override
    public String kind() {
        return outOfSpace ? "insufficient-storage" : "storage-error";
    }
}
