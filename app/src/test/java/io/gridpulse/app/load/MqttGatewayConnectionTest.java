package io.gridpulse.app.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MqttGatewayConnectionTest {
    @Test
    void handEncodedPayloadIsTheSameJsonAsTheReferenceEncoding() {
        long epochSecond = 1_764_000_000L;
        byte[] ts = Long.toString(epochSecond * 1000).getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[64];
        long[] powers = {0, 5, 999, 1000, 1001, 123_456, 2_500_000, -7, -12_345};
        for (long mw : powers) {
            int n = MqttGatewayConnection.encodePayload(out, ts, mw);
            assertThat(new String(Arrays.copyOf(out, n), StandardCharsets.US_ASCII))
                    .isEqualTo(new String(MqttFleetSender.payload(epochSecond, mw), StandardCharsets.UTF_8));
        }
        for (int meter = 0; meter < 2_000; meter++) { // the generator's own values
            long mw = FleetProfile.powerMilliwatts(meter, epochSecond + meter);
            int n = MqttGatewayConnection.encodePayload(out, ts, mw);
            assertThat(Arrays.copyOf(out, n)).isEqualTo(MqttFleetSender.payload(epochSecond, mw));
        }
    }
}
