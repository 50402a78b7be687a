package io.gridpulse.core;

/** The thing asked for does not exist in the caller's tenant (or the caller may not know it does). */
public class NotFoundException extends GridPulseException {
    public NotFoundException(String message) {
        super(message);
    }

    @Override
    public String kind() {
        return "not-found";
    }
}
