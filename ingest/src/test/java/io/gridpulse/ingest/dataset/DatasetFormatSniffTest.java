package io.gridpulse.ingest.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DatasetFormatSniffTest {
    @Test
    void eachPublishedLayoutIsRecognisedByOneLine() {
        assertThat(DatasetFormat.sniff("2013-10-17 17:19:07,382")).contains(DatasetFormat.GJW);
        assertThat(DatasetFormat.sniff("09/01/2012 00:00:01;60;60")).contains(DatasetFormat.TRACEBASE);
        assertThat(DatasetFormat.sniff("1303132929 1.00")).contains(DatasetFormat.REDD);
        assertThat(DatasetFormat.sniff("1303132929 -0.5")).contains(DatasetFormat.REDD);
    }

    @Test
    void gridPulseCsvAndAnythingElseAreNotGuessed() {
        assertThat(DatasetFormat.sniff("ts,powerW")).isEmpty();
        assertThat(DatasetFormat.sniff("1700000000000,120")).isEmpty();
        assertThat(DatasetFormat.sniff("2023-11-20T00:00:00Z,120")).isEmpty();
        assertThat(DatasetFormat.sniff("")).isEmpty();
    }
}
