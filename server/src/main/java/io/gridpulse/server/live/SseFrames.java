package io.gridpulse.server.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridpulse.core.Reading;
import io.gridpulse.core.Units;
import io.gridpulse.core.event.MeterEvent;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Server-sent-event frames, encoded once as the bytes that go on the wire. */
final class SseFrames {
    static final byte[] KEEPALIVE = comment("keepalive");

    private SseFrames() {}

    /**
     * {@code event: reading} with {@code {"ts":…,"powerW":…}}, written by hand: it is the one frame
     * sent for every reading of every watched meter, and a map through Jackson cost more than the write.
     */
    static byte[] reading(Reading r) {
        char[] watts = new char[Units.PLAIN_THOUSANDTHS_MAX_CHARS];
        int start = Units.plainThousandths(r.powerMilliwatts(), watts);
        return new StringBuilder(64).append("event: reading\ndata: {\"ts\":").append(r.timestampMs()).append(",\"powerW\":")
                .append(watts, start, watts.length - start).append("}\n\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] alert(MeterEvent e, ObjectMapper json) {
        try {
            return ("event: alert\ndata: " + json.writeValueAsString(Map.of("ts", e.timestampMs(), "type", e.type(),
                    "severity", e.severity(), "message", e.message(), "details", e.details())) + "\n\n")
                    .getBytes(StandardCharsets.UTF_8); // Jackson escapes line breaks, so the data is one line
        } catch (JsonProcessingException x) {
            throw new IllegalStateException("live payloads are plain maps", x);
        }
    }

    /** A comment line; browsers ignore it, and it keeps proxies from closing an idle stream. */
    static byte[] comment(String text) {
        return (": " + text.replace('\r', ' ').replace('\n', ' ') + "\n\n").getBytes(StandardCharsets.UTF_8);
    }
}
