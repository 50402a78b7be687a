package io.gridpulse.core;

/** A batch or body over the configured size limit; nothing of it was stored. */
public class PayloadTooLargeException extends GridPulseException {
    public PayloadTooLargeException(String message) {
        super(message);
    }

    @Override
    public String kind() {
        return "payload-too-large";
    }
}
