package io.gridpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.analytics.nilm.ApplianceDataset;
import java.awt.image.BufferedImage;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class DisaggregationPictureTest {
    static final int TICKS = 3_000;
    static final long STEP_MS = 60_000;

    @Test
    void truthIsAGreyAreaAndOursABlueLineAtTheirTicks() {
        double[] truth = new double[TICKS];
        double[] ours = new double[TICKS];
        for (int i = TICKS / 2; i < 3 * TICKS / 4; i++) {
            truth[i] = 1000; // a heater in the third quarter
        }
        for (int i = TICKS / 4; i < TICKS / 2; i++) {
            ours[i] = 1000; // ours puts it in the second quarter
        }
        var strips = List.of(new DisaggregationPicture.Strip("heater", truth, ours, null));

        BufferedImage image = DisaggregationPicture.render("t", dataset(), strips, ZoneOffset.UTC);

        int columns = DisaggregationPicture.WIDTH - DisaggregationPicture.LEFT - DisaggregationPicture.RIGHT;
        int top = DisaggregationPicture.HEADER + 16;
        int middle = top + DisaggregationPicture.STRIP / 2;
        int third = DisaggregationPicture.LEFT + columns * 5 / 8;
        int second = DisaggregationPicture.LEFT + columns * 3 / 8;
        int first = DisaggregationPicture.LEFT + columns / 8;
        assertThat(image.getHeight()).isEqualTo(DisaggregationPicture.HEADER + DisaggregationPicture.STRIP
                + DisaggregationPicture.STRIP_GAP + 20);
        assertThat(image.getRGB(third, middle)).isEqualTo(DisaggregationPicture.TRUTH.getRGB());
        assertThat(image.getRGB(second, middle)).isEqualTo(0xFFFFFFFF);
        assertThat(image.getRGB(first, middle)).isEqualTo(0xFFFFFFFF);
        // 1000 W is the strip's full scale: ours runs along its top edge in the second quarter only.
        assertThat(image.getRGB(second, top)).isEqualTo(DisaggregationPicture.OURS.getRGB());
        assertThat(image.getRGB(first, top)).isNotEqualTo(DisaggregationPicture.OURS.getRGB());
        assertThat(image.getRGB(first, top + DisaggregationPicture.STRIP)).isEqualTo(DisaggregationPicture.OURS.getRGB());
    }

    @Test
    void scalesAndColumns() {
        assertThat(DisaggregationPicture.niceCeiling(0)).isEqualTo(10);
        assertThat(DisaggregationPicture.niceCeiling(130)).isEqualTo(200);
        assertThat(DisaggregationPicture.niceCeiling(2_600)).isEqualTo(5_000);
        assertThat(DisaggregationPicture.niceCeiling(5_000)).isEqualTo(5_000);
        // fewer ticks than columns: every column shows the tick it falls in
        assertThat(DisaggregationPicture.columnMeans(new double[] {1, 2}, 4, 2)).containsExactly(1, 1, 2, 2);
        assertThat(DisaggregationPicture.columnMeans(new double[] {1, 3, 5, 7}, 2, 4)).containsExactly(2, 6);
    }

    private static ApplianceDataset dataset() {
        long[] ts = new long[TICKS];
        for (int i = 0; i < TICKS; i++) {
            ts[i] = i * STEP_MS;
        }
        return ApplianceDataset.aggregateOnly(STEP_MS, ts, new double[TICKS]);
    }
}
