package io.gridpulse.app.load;

/**
 * Sends one second of readings for a slice of the fleet. The {@link FleetDriver} calls {@link
 * #sendPart} from {@link #workers()} threads, worker {@code w} owning meters {@code i} with
 * {@code i % workers == w}. Acknowledgements are reported to the {@link LoadStats}.
 */
interface FleetSender extends AutoCloseable {
    int workers();

    /**
     * Sends the reading at {@code epochSecond} of part {@code part} (of {@link #partsPerSecond()})
     * of this worker's slice: meters {@code i = worker + k·workers} with {@code k % parts == part}.
     */
    void sendPart(int worker, long epochSecond, int part) throws InterruptedException;

    /** Parts each second is spread over: real meters do not all send at the same instant. */
    int partsPerSecond();

    /** Waits up to {@code timeoutMs} for outstanding acknowledgements. */
    void drain(long timeoutMs) throws InterruptedException;

    @Override
    void close();
}
