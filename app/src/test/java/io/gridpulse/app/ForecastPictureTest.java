package io.gridpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.analytics.eval.ForecastBacktest.CheckpointError;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForecastPictureTest {
    @Test
    void eachMethodsErrorIsDrawnAtItsDayAndHeight() {
        List<CheckpointError> errors = new ArrayList<>();
        for (int day = 1; day < 16; day++) {
            errors.add(new CheckpointError(day, 40, 20.0 - day, 40.0 - 2 * day)); // model starts lower, both converge
        }

        BufferedImage image = ForecastPicture.render("t", errors);

        // scale: the largest error, 38 %, rounds up to 50 %
        assertThat(image.getRGB(ForecastPicture.x(1, 15), ForecastPicture.y(19, 50))).isEqualTo(ForecastPicture.MODEL.getRGB());
        assertThat(image.getRGB(ForecastPicture.x(1, 15), ForecastPicture.y(38, 50))).isEqualTo(ForecastPicture.NAIVE.getRGB());
        assertThat(image.getRGB(ForecastPicture.x(10, 15), ForecastPicture.y(10, 50))).isEqualTo(ForecastPicture.MODEL.getRGB());
        assertThat(image.getRGB(ForecastPicture.x(10, 15), ForecastPicture.y(20, 50))).isEqualTo(ForecastPicture.NAIVE.getRGB());
        assertThat(image.getRGB(ForecastPicture.x(10, 15), ForecastPicture.y(25, 50))).isEqualTo(0xFFFFFFFF); // between the lines, off the grid
    }

    @Test
    void noPeriodIsSaidInsteadOfAnEmptyChart() {
        BufferedImage image = ForecastPicture.render("t", List.of(new CheckpointError(5, 0, Double.NaN, Double.NaN)));

        assertThat(image.getRGB(ForecastPicture.x(5, 5), ForecastPicture.y(10, 50))).isEqualTo(0xFFFFFFFF);
    }
}
