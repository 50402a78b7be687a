package io.gridpulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridpulse.core.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nilm eval}'s default test period on a REDD folder that goes on past the model's training
 * (a later download of the same house): every day after the training is tested, and a period that
 * overlaps the training on the same folder is flagged.
 */
class NilmReddCommandTest {
    /** 2011-05-23 00:00 UTC: the early folder stops here (04-18 … 05-22, five days with data). */
    private static final long EARLY_END_S = 1_306_108_800L;

    @TempDir
    Path dir;

    @Test
    void evalTestsEveryDayAfterTheTrainingAndFlagsAnOverlap() throws Exception {
        Optional<Path> house = SharedData.resolve("redd-house5");
        assumeTrue(house.isPresent(), "skipped: ../shared/data/redd-house5 not present");
        Path early = copy(house.get(), dir.resolve("early/house5"), EARLY_END_S);
        Path full = copy(house.get(), dir.resolve("full/house5"), Long.MAX_VALUE);
        Path model = dir.resolve("early.model");

        CapturedRun train = CapturedRun.of("nilm", "train", "--data", early.toString(), "--format", "redd", "--out", model.toString());
        CapturedRun eval = CapturedRun.of("nilm", "eval", "--model", model.toString(), "--data", full.toString(), "--format", "redd");
        CapturedRun overlapping = CapturedRun.of("nilm", "eval", "--model", model.toString(), "--data", full.toString(), "--format", "redd",
                "--test-from", "2011-04-20");

        assertThat(train.code()).as(train.err()).isZero();
        assertThat(train.err()).contains("[2011-04-18, 2011-04-19, 2011-04-20]"); // 60 % of the early folder's 5 days
        assertThat(eval.code()).as(eval.err()).isZero();
        // all four days after the training, not the full folder's last 40 % (05-22 … 05-24)
        assertThat(eval.err()).contains("testing on the data after the model's training period")
                .contains("[2011-04-21, 2011-05-22, 2011-05-23, 2011-05-24]").doesNotContain("overlaps");
        assertThat(overlapping.code()).as(overlapping.err()).isZero();
        assertThat(overlapping.err()).contains("overlaps the model's training period (2011-04-18 .. 2011-04-20)");
    }

    @Test
    void evalWritesTheTestPeriodTickByTickAndItsColumnsGiveTheReportedErrors() throws Exception {
        Optional<Path> house = SharedData.resolve("redd-house5");
        assumeTrue(house.isPresent(), "skipped: ../shared/data/redd-house5 not present");
        Path folder = copy(house.get(), dir.resolve("house5"), Long.MAX_VALUE);
        Path model = dir.resolve("h5.model");
        Path series = dir.resolve("series.csv");
        assertThat(CapturedRun.of("nilm", "train", "--data", folder.toString(), "--format", "redd", "--out", model.toString()).code()).isZero();
        CapturedRun eval = CapturedRun.of("nilm", "eval", "--model", model.toString(), "--data", folder.toString(), "--format", "redd",
                "--json", "--series", series.toString());
        assertThat(eval.code()).as(eval.err()).isZero();

        List<String> lines = Files.readAllLines(series);
        String[] header = lines.getFirst().split(",");
        assertThat(header).startsWith("ts", "aggregateW").contains("refrigerator.trueW", "refrigerator.oursW", "refrigerator.coW");
        assertThat(eval.err()).contains("evaluating on " + (lines.size() - 1) + " ticks").contains("wrote");
        JsonNode report = new ObjectMapper().readTree(eval.out());
        for (JsonNode scored : report.get("appliances")) {
            String appliance = scored.get("appliance").asText();
            int truth = List.of(header).indexOf(appliance + ".trueW");
            double oursError = 0;
            double coError = 0;
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split(",");
                double trueW = Double.parseDouble(cells[truth]);
                oursError += Math.abs(Double.parseDouble(cells[truth + 1]) - trueW);
                coError += Math.abs(Double.parseDouble(cells[truth + 2]) - trueW);
            }
            int ticks = lines.size() - 1;
            assertThat(oursError / ticks).as(appliance).isCloseTo(scored.get("maeW").asDouble(), within(0.1));
            assertThat(coError / ticks).as(appliance).isCloseTo(scored.get("coMaeW").asDouble(), within(0.1));
        }
    }

    /** labels.dat and the fridge and microwave circuits, rows before {@code endS}. */
    private static Path copy(Path house, Path to, long endS) throws Exception {
        Files.createDirectories(to);
        Files.copy(house.resolve("labels.dat"), to.resolve("labels.dat"));
        for (String channel : List.of("channel_3.dat", "channel_18.dat")) {
            List<String> rows = Files.readAllLines(house.resolve(channel)).stream()
                    .filter(line -> Long.parseLong(line.substring(0, line.indexOf(' '))) < endS).toList();
            Files.write(to.resolve(channel), rows);
        }
        return to;
    }
}
