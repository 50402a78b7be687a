package io.gridpulse.core;

/** Credentials are missing or wrong ({@code unauthenticated}) or lack the needed scope. */
public class AccessDeniedException extends GridPulseException {
    private final boolean unauthenticated;

    public AccessDeniedException(String message, boolean unauthenticated) {
        super(message);
        this.unauthenticated = unauthenticated;
    }

    public boolean unauthenticated() {
        return unauthenticated;
    }

    @Override
    public String kind() {
        return unauthenticated ? "unauthenticated" : "forbidden";
    }
}
