package io.gridpulse.app.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

/** Short fleet runs (warm-up second + 3 s) against an embedded node: all sent is acknowledged, stored and read back. */
class LoadRunSmokeTest {
    private static final int METERS = 200;
    private static final int DURATION_S = 3;

    private static LoadReport run(LoadPlan.Via via) throws Exception {
        LoadPlan plan = new LoadPlan(METERS, DURATION_S, via, null, null, null, 2, 100, 50);
        return new LoadRun(plan, new PrintStream(new ByteArrayOutputStream())).execute();
    }

    @Test
    void mqttFleetRunStoresEveryAcknowledgedReading() throws Exception {
        LoadReport report = run(LoadPlan.Via.mqtt);

        assertThat(report.sent()).isEqualTo(METERS * (DURATION_S + 1L));
        assertThat(report.acknowledged()).isEqualTo(report.sent());
        assertThat(report.stored()).isEqualTo(report.acknowledged());
        assertThat(report.lost()).isZero();
        assertThat(report.p99Ms()).isPositive();
    }

    @Test
    void httpLineProtocolFleetRunStoresEveryAcknowledgedReading() throws Exception {
        LoadReport report = run(LoadPlan.Via.http);

        assertThat(report.acknowledged()).isEqualTo(METERS * (DURATION_S + 1L));
        assertThat(report.stored()).isEqualTo(report.acknowledged());
        assertThat(report.zeroLoss()).isTrue();
    }

    @Test
    void profileGivesPlausibleHouseholdPower() {
        for (int meter = 0; meter < 1000; meter++) {
            long mw = FleetProfile.powerMilliwatts(meter, 1_700_000_000L + meter * 37L);
            assertThat(mw).isBetween(70_000L, 3_100_000L);
        }
        assertThat(FleetProfile.powerMilliwatts(7, 1_700_000_000L)).isEqualTo(FleetProfile.powerMilliwatts(7, 1_700_000_000L));
    }

    @Test
    void durationAcceptsSecondsMinutesAndHours() {
        assertThat(LoadPlan.seconds("45")).isEqualTo(45);
        assertThat(LoadPlan.seconds("45s")).isEqualTo(45);
        assertThat(LoadPlan.seconds("10m")).isEqualTo(600);
        assertThat(LoadPlan.seconds("1h")).isEqualTo(3600);
    }
}
