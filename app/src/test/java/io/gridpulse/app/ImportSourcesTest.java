package io.gridpulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridpulse.core.InvalidInputException;
import io.gridpulse.ingest.dataset.DatasetFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportSourcesTest {
    @TempDir
    Path dir;

    private String meterOf(ImportSources.Source source) {
        return source.meter().value();
    }

    @Test
    void gjwFolderTakesOnlyActivePowerFilesIntoOneMeter() throws IOException {
        Files.writeString(dir.resolve("active-power-2013-11-20.csv"), "");
        Files.writeString(dir.resolve("active-power-2015-06-10.csv"), "");
        Files.writeString(dir.resolve("reactive-power-2013-11-20.csv"), "");

        var sources = ImportSources.resolve(DatasetFormat.GJW, dir, "gjw", false);

        assertThat(sources).extracting(s -> s.file().getFileName().toString())
                .containsExactly("active-power-2013-11-20.csv", "active-power-2015-06-10.csv");
        assertThat(sources).extracting(this::meterOf).containsOnly("gjw");
    }

    @Test
    void tracebaseFolderGivesOneMeterPerDeviceWithItsDaysTogether() throws IOException {
        Files.createDirectories(dir.resolve("Kettle"));
        Files.createDirectories(dir.resolve("Refrigerator"));
        Files.writeString(dir.resolve("Kettle/dev_76C07F_2011.12.01.csv"), "");
        Files.writeString(dir.resolve("Kettle/dev_76C07F_2011.12.02.csv"), "");
        Files.writeString(dir.resolve("Kettle/notes.md"), "");
        Files.writeString(dir.resolve("Refrigerator/dev_76C07F_2012.01.05.csv"), ""); // the same plug on another appliance
        Files.writeString(dir.resolve("Refrigerator/Refrigerator_2011.11.28.csv"), "");

        var sources = ImportSources.resolve(DatasetFormat.TRACEBASE, dir, "tb", false);

        assertThat(sources).extracting(this::meterOf).containsExactly("tb-Kettle-dev_76C07F", "tb-Kettle-dev_76C07F",
                "tb-Refrigerator-Refrigerator", "tb-Refrigerator-dev_76C07F");
    }

    @Test
    void channelsAreOrderedNumericallyNotAlphabetically() throws IOException {
        Files.writeString(dir.resolve("channel_10.dat"), "");
        Files.writeString(dir.resolve("channel_9.dat"), "");

        var sources = ImportSources.resolve(DatasetFormat.UKDALE, dir, "h", false);

        assertThat(sources).extracting(this::meterOf).containsExactly("h-channel_9", "h-channel_10");
    }

    @Test
    void labelsWithSpacesBecomeValidMeterIds() {
        assertThat(ImportSources.meterOf("h", "washer dryer/2").value()).isEqualTo("h-washer_dryer_2");
    }

    @Test
    void folderWithoutMatchingFilesIsRejected() {
        assertThatThrownBy(() -> ImportSources.resolve(DatasetFormat.REDD, dir, "h", false))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("no redd files");
    }
}
