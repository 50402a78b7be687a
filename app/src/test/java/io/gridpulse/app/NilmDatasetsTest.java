package io.gridpulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridpulse.analytics.nilm.ApplianceDataset;
import io.gridpulse.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tracebase as it is published: many day files per device, a device's days on one side of the split. */
class NilmDatasetsTest {
    private static final int TICKS_PER_DAY = 28_800; // 3 s grid

    @TempDir
    Path dir;

    @Test
    void anEmptyReddCircuitIsLeftOutRatherThanEmptyingTheHouse() throws IOException {
        Path house = Files.createDirectories(dir.resolve("house_9"));
        Files.writeString(house.resolve("labels.dat"), "1 mains\n3 refrigerator\n4 lighting\n5 washer_dryer\n");
        StringBuilder fridge = new StringBuilder();
        StringBuilder lights = new StringBuilder();
        for (long t = 1_303_084_800L; t < 1_303_084_800L + 600; t += 3) {
            fridge.append(t).append(" 120.00\n");
            lights.append(t).append(" 60.00\n");
        }
        Files.writeString(house.resolve("channel_3.dat"), fridge);
        Files.writeString(house.resolve("channel_4.dat"), lights);
        Files.writeString(house.resolve("channel_5.dat"), ""); // published without its data

        var dataset = NilmDatasets.redd(house);

        assertThat(dataset.appliances()).containsExactlyInAnyOrder("refrigerator", "lighting");
        assertThat(dataset.size()).isGreaterThan(100);
        assertThat(dataset.aggregateW()[dataset.size() / 2]).isEqualTo(180.0);
    }

    @Test
    void sixtyPercentOfDevicesTrainAndEveryTypeWithTwoOrMoreKeepsOneForTheTest() {
        assertThat(NilmDatasets.trainingDevices(1)).isEqualTo(1);
        assertThat(NilmDatasets.trainingDevices(2)).isEqualTo(1);
        assertThat(NilmDatasets.trainingDevices(3)).isEqualTo(2);
        assertThat(NilmDatasets.trainingDevices(5)).isEqualTo(3);
        assertThat(NilmDatasets.trainingDevices(11)).isEqualTo(7);
        assertThat(NilmDatasets.trainingDevices(14)).isEqualTo(8);
    }

    @Test
    void deviceIsTheFileNameBeforeItsDate() {
        assertThat(NilmDatasets.deviceOf("dev_599393_2012.01.09.csv")).isEqualTo("dev_599393");
        assertThat(NilmDatasets.deviceOf("Refrigerator_2011.11.28.csv")).isEqualTo("Refrigerator");
        assertThat(NilmDatasets.deviceOf("dev_98ABAA_2012.01.14_CRT-TV.csv")).isEqualTo("dev_98ABAA");
        assertThat(NilmDatasets.deviceOf("dev_59ADA7_2012.01.09..csv")).isEqualTo("dev_59ADA7");
        assertThat(NilmDatasets.deviceOf("kettle.csv")).isEqualTo("kettle");
    }

    @Test
    void devicesNotFilesAreSplitSoNoDeviceIsOnBothSides() throws IOException {
        // 3 devices, 7 files: a split by file (60 % = 5 files) would put dev_B's second day in the test
        dayFile("Refrigerator", "dev_A", 0, 100);
        dayFile("Refrigerator", "dev_A", 1, 110);
        dayFile("Refrigerator", "dev_A", 2, 120);
        dayFile("Refrigerator", "dev_B", 0, 200);
        dayFile("Refrigerator", "dev_B", 1, 210);
        dayFile("Refrigerator", "dev_C", 0, 300);
        dayFile("Refrigerator", "dev_C", 1, 310);
        dayFile("MicrowaveOven", "Microwave", 0, 900); // one device: nothing to test it on

        ApplianceDataset train = NilmDatasets.tracebase(dir, NilmDatasets.Instances.TRAIN, 0);
        ApplianceDataset test = NilmDatasets.tracebase(dir, NilmDatasets.Instances.TEST, 0);

        assertThat(train.appliances()).containsExactly("refrigerator"); // the same kinds in both households
        assertThat(test.appliances()).containsExactly("refrigerator");
        // devices in turn, each on its next day, up to 3 days of each
        assertThat(dayPowers(train)).containsExactly(100.0, 200.0, 110.0, 210.0, 120.0);
        assertThat(dayPowers(test)).containsExactly(300.0, 310.0);
        assertThat(dayPowers(NilmDatasets.tracebase(dir, NilmDatasets.Instances.TRAIN, 2))).containsExactly(100.0, 200.0);
        assertThat(dayPowers(NilmDatasets.tracebase(dir, NilmDatasets.Instances.TEST, 3)))
                .containsExactly(300.0, 310.0, 300.0);
        assertThat(train.aggregateW()[0]).isEqualTo(100.0 + NilmDatasets.BASELOAD_W);
    }

    @Test
    void withOneDevicePerTypeEveryTypeTrainsButNoneCanBeTested() throws IOException {
        dayFile("MicrowaveOven", "Microwave", 0, 900);
        dayFile("MicrowaveOven", "Microwave", 1, 950);

        ApplianceDataset train = NilmDatasets.tracebase(dir, NilmDatasets.Instances.TRAIN, 0);

        assertThat(train.appliances()).containsExactly("microwave");
        assertThat(dayPowers(train)).containsExactly(900.0, 950.0);
        assertThatThrownBy(() -> NilmDatasets.tracebase(dir, NilmDatasets.Instances.TEST, 0))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no test instances")
                .hasMessageContaining("two or more devices");
    }

    @Test
    void aHouseholdNamesTheDayFilesItWasBuiltFrom() throws IOException {
        dayFile("Refrigerator", "dev_A", 0, 100);
        dayFile("Refrigerator", "dev_A", 1, 110);
        dayFile("Refrigerator", "dev_B", 0, 200);

        NilmDatasets.Household train = NilmDatasets.tracebaseHousehold(dir, NilmDatasets.Instances.TRAIN, 0);

        assertThat(train.dayFiles()).containsExactly("Refrigerator/dev_A_2012.01.01.csv", "Refrigerator/dev_A_2012.01.02.csv");
    }

    @Test
    void anotherFolderIsTestedOnTheDevicesTheModelNeverSaw() throws IOException {
        // trained on dev_A's first day (a shared folder of one device per type); the other folder holds
        // dev_A's later days, two new fridges and a type the model was not trained with
        List<String> trained = List.of("Refrigerator/dev_A_2012.01.01.csv");
        dayFile("Refrigerator", "dev_A", 0, 100);
        dayFile("Refrigerator", "dev_A", 1, 110);
        dayFile("Refrigerator", "dev_B", 0, 200);
        dayFile("Refrigerator", "dev_C", 0, 300);
        dayFile("MicrowaveOven", "Microwave", 0, 900);

        NilmDatasets.Unseen unseen = NilmDatasets.tracebaseUnseen(dir, trained, 0).orElseThrow();

        assertThat(unseen.newDevices()).isTrue();
        assertThat(unseen.household().data().appliances()).containsExactly("refrigerator");
        assertThat(unseen.household().dayFiles()).containsExactly("Refrigerator/dev_B_2012.01.01.csv",
                "Refrigerator/dev_C_2012.01.01.csv");
        assertThat(dayPowers(unseen.household().data())).containsExactly(200.0, 300.0);
    }

    @Test
    void withoutNewDevicesTheModelsDevicesAreTestedOnDaysItWasNotTrainedOn() throws IOException {
        List<String> trained = List.of("Refrigerator/dev_A_2012.01.01.csv");
        dayFile("Refrigerator", "dev_A", 0, 100);
        dayFile("Refrigerator", "dev_A", 1, 110);
        dayFile("Refrigerator", "dev_A", 2, 120);

        NilmDatasets.Unseen unseen = NilmDatasets.tracebaseUnseen(dir, trained, 0).orElseThrow();

        assertThat(unseen.newDevices()).isFalse();
        assertThat(dayPowers(unseen.household().data())).containsExactly(110.0, 120.0);
        assertThat(NilmDatasets.tracebaseUnseen(dir, List.of("Refrigerator/dev_A_2012.01.01.csv",
                "Refrigerator/dev_A_2012.01.02.csv", "Refrigerator/dev_A_2012.01.03.csv"), 0)).isEmpty();
    }

    @Test
    void onItsOwnFolderTheUnseenDevicesAreTheHeldOutOnes() throws IOException {
        dayFile("Refrigerator", "dev_A", 0, 100);
        dayFile("Refrigerator", "dev_B", 0, 200);
        dayFile("Refrigerator", "dev_C", 0, 300);
        dayFile("MicrowaveOven", "Microwave", 0, 900); // one device: left out of training, so out of the test too

        NilmDatasets.Household train = NilmDatasets.tracebaseHousehold(dir, NilmDatasets.Instances.TRAIN, 0);
        NilmDatasets.Unseen unseen = NilmDatasets.tracebaseUnseen(dir, train.dayFiles(), 0).orElseThrow();

        assertThat(unseen.household().dayFiles()).isEqualTo(
                NilmDatasets.tracebaseHousehold(dir, NilmDatasets.Instances.TEST, 0).dayFiles());
    }

    /** The refrigerator's power at 00:05 of each synthetic day. */
    private static List<Double> dayPowers(ApplianceDataset data) {
        double[] fridge = data.applianceW(data.appliances().get(0));
        List<Double> out = new ArrayList<>();
        for (int day = 0; day < data.size() / TICKS_PER_DAY; day++) {
            out.add(fridge[day * TICKS_PER_DAY + 100]);
        }
        return out;
    }

    /** Ten minutes of a constant power from midnight, in tracebase's format, on day n from 2012-01-01. */
    private void dayFile(String type, String device, int n, int watts) throws IOException {
        LocalDate date = LocalDate.of(2012, 1, 1).plus(n, ChronoUnit.DAYS);
        StringBuilder rows = new StringBuilder();
        for (int s = 0; s < 600; s += 2) {
            rows.append(date.format(DateTimeFormatter.ofPattern("dd/MM/yyyy")))
                    .append(String.format(" 00:%02d:%02d;%d;%d%n", s / 60, s % 60, watts, watts));
        }
        Path folder = Files.createDirectories(dir.resolve(type));
        Files.writeString(folder.resolve(device + "_" + date.format(DateTimeFormatter.ofPattern("yyyy.MM.dd")) + ".csv"),
                rows);
    }
}
