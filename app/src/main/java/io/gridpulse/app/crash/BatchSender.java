package io.gridpulse.app.crash;

import io.gridpulse.core.Reading;
import java.util.List;

/** Sends one meter's batch to a running server; returns only when the server acknowledged it. */
interface BatchSender extends AutoCloseable {
    /** True once acknowledged (HTTP 200 / MQTT PUBACK); false or an exception if not. */
    boolean send(String meterId, List<Reading> batch) throws Exception;

    @Override
    void close();
}
