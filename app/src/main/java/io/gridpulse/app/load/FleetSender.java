package io.gridpulse.app.load;

/**
 * Sends one second of readings for a slice of the fleet. The {@link FleetDriver} calls {@link
 * #sendTick} from {@link #workers()} threads, worker {@code w} owning meters {@code i} with
 * {@code i % workers == w}. Acknowledgements are reported to the {@link LoadStats}.
 */
interface FleetSender extends AutoCloseable {
    int workers();

    /** Sends the reading at {@code epochSecond} of every meter of this worker's slice. */
    void sendTick(int worker, long epochSecond) throws InterruptedException;

    /** Waits up to {@code timeoutMs} for outstanding acknowledgements. */
    void drain(long timeoutMs) throws InterruptedException;

    @Override
    void close();
}
