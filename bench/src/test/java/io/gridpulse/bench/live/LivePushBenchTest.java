package io.gridpulse.bench.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A short `bench live`: every reading a gateway posts reaches its meter's SSE subscriber, once, and is timed. */
class LivePushBenchTest {
    @TempDir
    Path dir;

    @Test
    void everyPostedReadingReachesItsSubscriber() throws Exception {
        LivePushBench.Result result = new LivePushBench(new LivePushBench.Settings(dir, 20, 1, 3), line -> {}).run();
        assertThat(result.expectedEvents()).isEqualTo(60);
        assertThat(result.receivedEvents()).isEqualTo(60);
        assertThat(result.pushP50Ms()).isPositive().isLessThanOrEqualTo(result.pushP99Ms());
        assertThat(result.pushP99Ms()).isLessThanOrEqualTo(result.pushMaxMs());
        assertThat(result.toJson()).contains("\"received\":60");
    }
}
