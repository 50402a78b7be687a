package io.gridpulse.analytics.nilm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class NilmModelFileTest {
    @Test
    void writtenModelReadsBackWithIdenticalEstimates() throws IOException {
        ApplianceDataset train = SyntheticHome.days(1, 21, 0);
        NilmModel model = SyntheticHome.smallModel(train);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        model.write(bytes);
        NilmModel back = NilmModel.read(new ByteArrayInputStream(bytes.toByteArray()));
        ApplianceDataset test = SyntheticHome.days(1, 22, 86_400_000L);
        assertThat(back.applianceNames()).containsExactlyInAnyOrder("refrigerator", "kettle");
        assertThat(back.settings()).isEqualTo(model.settings());
        assertThat(back.estimate(test).get("kettle")).containsExactly(model.estimate(test).get("kettle"));
    }

    @Test
    void fileWithoutTheMagicIsRejected() {
        assertThatThrownBy(() -> NilmModel.read(new ByteArrayInputStream("hello world".getBytes())))
                .isInstanceOf(IOException.class).hasMessageContaining("magic");
    }
}
