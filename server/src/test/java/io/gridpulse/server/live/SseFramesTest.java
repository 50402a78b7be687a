package io.gridpulse.server.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.core.Reading;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SseFramesTest {
    @Test
    void wattsAreThePlainDecimalOfTheMilliwatts() {
        long[] milliwatts = {0, 1, 5, 10, 50, 120, 500, 999, 1000, 777_500, 1_000_000, 123_456_789, -1, -50, -999, -1000,
            -1_234_560, Long.MAX_VALUE, Long.MIN_VALUE};
        for (long mW : milliwatts) {
            String frame = new String(SseFrames.reading(new Reading(0, mW, Reading.NO_ENERGY)), StandardCharsets.US_ASCII);
            String watts = frame.substring(frame.indexOf("\"powerW\":") + 9, frame.indexOf('}'));
            String expected = BigDecimal.valueOf(mW, 3).stripTrailingZeros().toPlainString();
            assertThat(watts).as("%d mW", mW).isEqualTo(expected.equals("0.000") ? "0" : expected);
        }
    }

    @Test
    void aReadingIsOneEventWithItsTimestampAndWatts() {
        String frame = new String(SseFrames.reading(new Reading(1_764_000_000_000L, 777_500, Reading.NO_ENERGY)),
                StandardCharsets.US_ASCII);
        assertThat(frame).isEqualTo("event: reading\ndata: {\"ts\":1764000000000,\"powerW\":777.5}\n\n");
    }

    @Test
    void aCommentCannotEndItsFrameEarly() {
        assertThat(new String(SseFrames.comment("a\nevent: x\r\n"), StandardCharsets.UTF_8)).isEqualTo(": a event: x  \n\n");
    }
}
