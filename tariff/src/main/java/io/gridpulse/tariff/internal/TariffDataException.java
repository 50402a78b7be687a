package io.gridpulse.tariff.internal;

/** A tariff data file is malformed or inconsistent; raised while loading, so start-up stops. */
public final class TariffDataException extends IllegalStateException {
    public TariffDataException(String message) {
        super(message);
    }

    public TariffDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
