package io.gridpulse.analytics.nilm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class NilmModelFileTest {
    @Test
    void writtenModelReadsBackWithIdenticalEstimates() throws IOException {
        NilmModel model = SyntheticHome.smallModel(SyntheticHome.days(1, 21, 0));
        NilmModel back = NilmModel.read(new ByteArrayInputStream(bytesOf(model)));
        ApplianceDataset test = SyntheticHome.days(1, 22, 86_400_000L);
        assertThat(back.applianceNames()).containsExactlyInAnyOrder("refrigerator", "kettle");
        assertThat(back.settings()).isEqualTo(model.settings());
        assertThat(back.estimate(test).get("kettle")).containsExactly(model.estimate(test).get("kettle"));
        for (int a = 0; a < model.appliances().size(); a++) {
            assertThat(back.appliances().get(a).typicalW().wattsByUtcHour())
                    .containsExactly(model.appliances().get(a).typicalW().wattsByUtcHour());
        }
        // The fridge cycles 250 of every 600 ticks at ~132 W, idling at 1 W: its median hour is idle.
        assertThat(back.appliances().stream().filter(a -> a.name().equals("refrigerator")).findFirst().orElseThrow()
                .typicalW().at(3_600_000L * 5)).isEqualTo(1.0);
    }

    @Test
    void aBlendedAppliancesTreeShareReadsBack() throws IOException {
        NilmModel model = SyntheticHome.smallModel(SyntheticHome.days(1, 21, 0));
        NilmModel blended = new NilmModel(model.settings(), model.detector(), model.appliances().stream()
                .map(a -> new ApplianceModel(a.name(), a.onThresholdW(), a.meanW(), a.statesW(), a.signatures(),
                        a.regressor(), a.typicalW(), a.name().equals("kettle") ? ApplianceModel.BLEND_TREE_SHARE : 1))
                .toList());
        NilmModel back = NilmModel.read(new ByteArrayInputStream(bytesOf(blended)));
        ApplianceDataset test = SyntheticHome.days(1, 22, 86_400_000L);

        assertThat(back.appliances()).extracting(ApplianceModel::treeShare).containsExactly(
                blended.appliances().stream().map(ApplianceModel::treeShare).toArray(Double[]::new));
        assertThat(back.estimate(test).get("kettle")).containsExactly(blended.estimate(test).get("kettle"));
        assertThat(blended.estimate(test).get("kettle")).isNotEqualTo(model.estimate(test).get("kettle"));
    }

    private static byte[] bytesOf(NilmModel model) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        model.write(bytes);
        return bytes.toByteArray();
    }

    @Test
    void theTrainingHouseholdsFilesAreKept() throws IOException {
        NilmModel model = SyntheticHome.smallModel(SyntheticHome.days(1, 21, 0))
                .withTrainingFiles(List.of("Refrigerator/Refrigerator_2011.11.28.csv", "WaterKettle/Kettle_2011.11.23.csv"));
        assertThat(NilmModel.read(new ByteArrayInputStream(bytesOf(model))).settings().trainingFiles())
                .containsExactly("Refrigerator/Refrigerator_2011.11.28.csv", "WaterKettle/Kettle_2011.11.23.csv");
    }

    @Test
    void aVersion1FileReadsWithoutTrainingFiles() throws IOException {
        NilmModel model = SyntheticHome.smallModel(SyntheticHome.days(1, 21, 0));
        byte[] v2 = bytesOf(model); // a version-3 file: older readers stop before its hourly levels
        // version 1 = version 2 without the training-file count (an int after the source string)
        int source = 6 + 4 + 8 + 8 + 4 + 4 + 3 * 8 + 4 + 8 + 8;
        int count = source + 2 + (((v2[source] & 0xFF) << 8) | (v2[source + 1] & 0xFF));
        ByteBuffer v1 = ByteBuffer.allocate(v2.length - 4);
        v1.put(v2, 0, count).put(v2, count + 4, v2.length - count - 4);
        v1.putInt(6, 1);

        NilmModel back = NilmModel.read(new ByteArrayInputStream(v1.array()));

        assertThat(back.settings()).isEqualTo(model.settings());
        assertThat(back.settings().trainingFiles()).isEmpty();
        assertThat(back.applianceNames()).isEqualTo(model.applianceNames());
    }

    @Test
    void aVersion2FileReadsWithoutTypicalLevels() throws IOException {
        NilmModel model = SyntheticHome.smallModel(SyntheticHome.days(1, 21, 0));
        byte[] v3 = bytesOf(model);
        int tail = model.appliances().size() * (1 + 24 * 8 + 8); // every appliance's levels and tree share
        ByteBuffer v2 = ByteBuffer.allocate(v3.length - tail).put(v3, 0, v3.length - tail);
        v2.putInt(6, 2);

        NilmModel old = NilmModel.read(new ByteArrayInputStream(v2.array()));

        assertThat(old.appliances()).allSatisfy(a -> assertThat(a.typicalW()).isNull());
        assertThat(old.applianceNames()).isEqualTo(model.applianceNames());
    }

    @Test
    void fileWithoutTheMagicIsRejected() {
        assertThatThrownBy(() -> NilmModel.read(new ByteArrayInputStream("hello world".getBytes())))
                .isInstanceOf(IOException.class).hasMessageContaining("magic");
    }
}
