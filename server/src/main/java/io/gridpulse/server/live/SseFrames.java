package io.gridpulse.server.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridpulse.core.Reading;
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
        StringBuilder b = new StringBuilder(64).append("event: reading\ndata: {\"ts\":").append(r.timestampMs())
                .append(",\"powerW\":");
        appendWatts(b, r.powerMilliwatts());
        return b.append("}\n\n").toString().getBytes(StandardCharsets.US_ASCII);
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

    /** Milliwatts as plain decimal watts without trailing zeros: 777500 → 777.5, 1000000 → 1000. */
    static void appendWatts(StringBuilder b, long milliwatts) {
        long whole = milliwatts / 1000;
        long thousandths = Math.abs(milliwatts % 1000);
        if (milliwatts < 0 && whole == 0) {
            b.append('-');
        }
        b.append(whole);
        if (thousandths != 0) {
            b.append('.');
            if (thousandths < 100) {
                b.append('0');
            }
            if (thousandths < 10) {
                b.append('0');
            }
            while (thousandths % 10 == 0) {
                thousandths /= 10;
            }
            b.append(thousandths);
        }
    }
}
