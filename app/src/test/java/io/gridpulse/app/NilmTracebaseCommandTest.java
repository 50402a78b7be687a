package io.gridpulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridpulse.core.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nilm train} and {@code nilm eval} on a folder laid out as the published tracebase (several
 * devices per type, one file per device and day), as the check runs them: the real shared
 * traces under device names, so the split has a held-out device of each type.
 */
class NilmTracebaseCommandTest {
    @TempDir
    Path dir;

    @Test
    void trainsOnSomeDevicesAndScoresTheHeldOutOnesAgainstMeanAndCo() throws Exception {
        Optional<Path> fridge = SharedData.resolve("tracebase/Refrigerator/Refrigerator_2011.11.28.csv");
        Optional<Path> kettle = SharedData.resolve("tracebase/WaterKettle");
        assumeTrue(fridge.isPresent() && kettle.isPresent(), "skipped: ../shared/data/tracebase not present");
        Path kettleDay;
        try (var files = Files.list(kettle.get())) {
            kettleDay = files.filter(p -> p.toString().endsWith(".csv")).findFirst().orElseThrow();
        }
        for (String device : List.of("dev_A", "dev_B", "dev_C")) { // 2 train, 1 test
            copy(fridge.get(), "Refrigerator", device);
        }
        for (String device : List.of("dev_K", "dev_L")) { // 1 train, 1 test
            copy(kettleDay, "WaterKettle", device);
        }
        Path model = dir.resolve("tb.model");
        Path plot = dir.resolve("eval.png");

        CapturedRun train = CapturedRun.of("nilm", "train", "--data", dir.resolve("tracebase").toString(), "--format", "tracebase",
                "--out", model.toString());
        CapturedRun eval = CapturedRun.of("nilm", "eval", "--model", model.toString(), "--data", dir.resolve("tracebase").toString(),
                "--format", "tracebase", "--json", "--plot", plot.toString());

        assertThat(train.code()).as(train.err()).isZero();
        assertThat(train.err()).contains("training on 57600 ticks") // 2 days: the fridge's two training devices
                .contains("(the period and 2 copies scaled in size)"); // tracebase's default: other devices at test
        assertThat(eval.code()).as(eval.err()).isZero();
        assertThat(eval.err()).contains("evaluating on 28800 ticks"); // 1 day: one held-out device per type
        JsonNode report = new ObjectMapper().readTree(eval.out());
        List<String> names = new ArrayList<>();
        for (JsonNode a : report.get("appliances")) {
            names.add(a.get("appliance").asText());
            assertThat(a.get("maeW").isNumber()).isTrue();
            assertThat(a.get("meanBaselineMaeW").isNumber()).isTrue();
            assertThat(a.get("coMaeW").isNumber()).isTrue();
        }
        assertThat(names).contains("refrigerator", "waterkettle");
        // the picture: the aggregate's strip, then one per scored appliance
        java.awt.image.BufferedImage picture = javax.imageio.ImageIO.read(plot.toFile());
        assertThat(picture.getHeight()).isEqualTo(DisaggregationPicture.HEADER
                + (1 + names.size()) * (DisaggregationPicture.STRIP + DisaggregationPicture.STRIP_GAP) + 20);
    }

    @Test
    void aModelOfOneDevicePerTypeIsScoredOnTheDevicesOfAnotherFolder() throws Exception {
        // the shape of ../shared (one device per type) for training, new devices elsewhere for the test
        Optional<Path> fridge = SharedData.resolve("tracebase/Refrigerator/Refrigerator_2011.11.28.csv");
        assumeTrue(fridge.isPresent(), "skipped: ../shared/data/tracebase not present");
        copy(fridge.get(), "shared", "Refrigerator", "dev_A");
        copy(fridge.get(), "other", "Refrigerator", "dev_A"); // the trained device again: left out
        copy(fridge.get(), "other", "Refrigerator", "dev_B");
        Path model = dir.resolve("shared.model");

        CapturedRun train = CapturedRun.of("nilm", "train", "--data", dir.resolve("shared").toString(), "--format",
                "tracebase", "--out", model.toString());
        CapturedRun eval = CapturedRun.of("nilm", "eval", "--model", model.toString(), "--data",
                dir.resolve("other").toString(), "--format", "tracebase", "--json");
        CapturedRun trainedOnly = CapturedRun.of("nilm", "eval", "--model", model.toString(), "--data",
                dir.resolve("shared").toString(), "--format", "tracebase");

        assertThat(train.code()).as(train.err()).isZero();
        assertThat(eval.code()).as(eval.err()).isZero();
        assertThat(eval.err()).contains("testing on the devices the model never saw").contains("evaluating on 28800 ticks");
        assertThat(new ObjectMapper().readTree(eval.out()).get("appliances").get(0).get("appliance").asText())
                .isEqualTo("refrigerator");
        assertThat(trainedOnly.code()).isEqualTo(2);
        assertThat(trainedOnly.err()).contains("that it was not trained on");
    }

    private void copy(Path day, String type, String device) throws Exception {
        copy(day, "tracebase", type, device);
    }

    private void copy(Path day, String folderName, String type, String device) throws Exception {
        Path folder = Files.createDirectories(dir.resolve(folderName).resolve(type));
        Files.copy(day, folder.resolve(device + "_2011.11.28.csv"));
    }
}
