package io.gridpulse.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridpulse.analytics.nilm.ApplianceModel;
import io.gridpulse.analytics.nilm.NilmModel;
import io.gridpulse.analytics.nilm.NilmTrainer;
import io.gridpulse.analytics.nilm.tree.GradientBoostedTrees;
import io.gridpulse.analytics.nilm.tree.TreeParams;
import io.gridpulse.core.MeterId;
import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.core.TenantId;
import io.gridpulse.ingest.sim.HouseholdSimulator;
import io.gridpulse.ingest.sim.SignatureLibrary;
import io.gridpulse.server.auth.Scope;
import io.gridpulse.server.nilm.SimulatedTraining;
import io.gridpulse.store.ReadingStore;
import io.gridpulse.store.StorageConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /appliances} against the real server on port 0: simulated home 3 (Seoul) reports every
 * second from midnight to 20:00 on a summer day; a small model trained on two earlier days of the
 * same home's sub-meters disaggregates it. The clock stands at 20:00.
 */
class ApplianceRoutesEndToEndTest {
    private static final String KEY = "appliances-admin-key-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final LocalDate DAY = LocalDate.of(2026, 7, 22);
    private static final long DAY_MS = DAY.atStartOfDay(SEOUL).toInstant().toEpochMilli();
    private static final long NOW_MS = DAY_MS + 20 * 3600_000L;
    private static final MeterRef HOME = new MeterRef(TenantId.DEFAULT, new MeterId("home"));
    private static final SignatureLibrary SIGNATURES = SignatureLibrary.parametric();
    private static NilmModel model;

    private final HttpClient http = HttpClient.newHttpClient();
    private final Clock clock = Clock.fixed(Instant.ofEpochMilli(NOW_MS), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private ReadingStore store;
    private GridPulseServer server;

    @BeforeAll
    static void trainSmallModel() {
        var options = new NilmTrainer.Options(1800, 300, new TreeParams(15, 4, 0.3, 20, 0.5, 32, false, 42), 0.03, 15_000);
        model = SimulatedTraining.train(new HouseholdSimulator(3, SEOUL, SIGNATURES), DAY_MS - 2 * 86_400_000L, DAY_MS,
                options, line -> {});
    }

    @BeforeEach
    void start() {
        store = ReadingStore.open(StorageConfig.defaults(dir), clock);
        server = new GridPulseServer(ServerConfig.defaults(0), store, clock);
        server.apiKeys().register(KEY, TenantId.DEFAULT, Scope.ADMIN, "admin");
        server.start();
        HouseholdSimulator home = new HouseholdSimulator(3, SEOUL, SIGNATURES);
        long[] power = new long[3600];
        for (long t = DAY_MS; t < NOW_MS; t += 3600_000L) {
            home.fill(t, 1000, power.length, power);
            List<Reading> batch = new ArrayList<>();
            for (int i = 0; i < power.length; i++) {
                batch.add(Reading.ofPower(t + i * 1000L, power[i]));
            }
            server.pipeline().ingest(HOME, batch);
        }
    }

    @AfterEach
    void stop() {
        server.close();
        store.close();
    }

    private HttpResponse<String> send(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
                .header("Authorization", "Bearer " + KEY).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> r = send(path);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    @Test
    void meterWithoutModelIsNotFoundWithHowToTrain() throws Exception {
        HttpResponse<String> r = send("/api/v1/meters/home/appliances");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        assertThat(JSON.readTree(r.body()).get("detail").asText()).contains("train one with").contains("nilm/default/home.model");
    }

    @Test
    void todayIsSplitIntoAppliancesThatAddUpToTheMeter() throws Exception {
        server.nilmModels().save(HOME, model);
        JsonNode body = get("/api/v1/meters/home/appliances");

        assertThat(body.get("from").asLong()).isEqualTo(DAY_MS);
        assertThat(body.get("to").asLong()).isEqualTo(NOW_MS);
        JsonNode appliances = body.get("appliances");
        double sumWh = 0;
        double sumShare = 0;
        for (JsonNode a : appliances) {
            sumWh += a.get("energyWh").asDouble();
            sumShare += a.get("share").asDouble();
            assertThat(a.get("costWon").asLong()).isNotNegative();
        }
        double meterWh = meterEnergyWh();
        assertThat(sumWh).isCloseTo(meterWh, within(meterWh * 0.01));
        assertThat(sumShare).isCloseTo(1.0, within(0.01));
        assertThat(appliances.get(appliances.size() - 1).get("appliance").asText()).isEqualTo("unidentified");
        assertThat(appliances.findValuesAsText("appliance")).contains("fridge");
    }

    @Test
    void onlineNilmFedByIngestReportsWhatIsOnNow() throws Exception {
        assertThat(server.liveInsights().awaitIdle(30_000)).isTrue();
        server.nilmModels().save(HOME, model); // the live state, fed since the start, picks it up
        HouseholdSimulator home = new HouseholdSimulator(3, SEOUL, SIGNATURES);
        long[] power = new long[1800];
        home.fill(NOW_MS, 1000, power.length, power);
        List<Reading> batch = new ArrayList<>();
        for (int i = 0; i < power.length; i++) {
            batch.add(Reading.ofPower(NOW_MS + i * 1000L, power[i]));
        }
        server.pipeline().ingest(HOME, batch);
        assertThat(server.liveInsights().awaitIdle(30_000)).isTrue();

        JsonNode onNow = get("/api/v1/meters/home/appliances?from=" + (NOW_MS - 3_600_000L)).get("onNow");
        assertThat(onNow).isNotNull();
        List<String> on = new ArrayList<>();
        onNow.forEach(a -> on.add(a.asText()));
        assertThat(on).isNotEmpty();
        assertThat(model.applianceNames()).containsAll(on);
    }

    @Test
    void fridgeHasOnPeriodsWithAveragePowerAndCostsWon() throws Exception {
        server.nilmModels().save(HOME, model);
        JsonNode fridge = find(get("/api/v1/meters/home/appliances"), "fridge");

        assertThat(fridge.get("onPeriods").size()).isGreaterThan(5);
        JsonNode first = fridge.get("onPeriods").get(0);
        assertThat(first.get("endMs").asLong()).isGreaterThan(first.get("startMs").asLong());
        assertThat(first.get("avgW").asDouble()).isBetween(40.0, 400.0);
        assertThat(fridge.get("costWon").asLong()).isPositive();
    }

    @Test
    void eachApplianceSaysWhetherItsRunsWereRecognisedOrOnlyItsTypicalLevelIsKnown() throws Exception {
        // The fridge's trees swapped for its typical level, as the trainer does when they lose to it,
        // and the TV's blended half and half with its level by hour.
        List<ApplianceModel> appliances = model.appliances().stream()
                .map(a -> switch (a.name()) {
                    case "fridge" -> new ApplianceModel(a.name(), a.onThresholdW(), a.meanW(), a.statesW(), a.signatures(),
                            GradientBoostedTrees.constant(model.features().size(), 60));
                    case "TV" -> new ApplianceModel(a.name(), a.onThresholdW(), a.meanW(), a.statesW(), a.signatures(),
                            a.regressor(), a.typicalW(), ApplianceModel.BLEND_TREE_SHARE);
                    default -> a;
                })
                .toList();
        server.nilmModels().save(HOME, new NilmModel(model.settings(), model.detector(), appliances));
        JsonNode body = get("/api/v1/meters/home/appliances");

        for (JsonNode a : body.get("appliances")) {
            String name = a.get("appliance").asText();
            ApplianceModel m = appliances.stream().filter(x -> x.name().equals(name)).findFirst().orElse(null);
            String expected = m == null ? "remainder" : m.regressor().treeCount() == 0 ? "typicalLevel"
                    : m.treeShare() < 1 ? "blended" : "recognised";
            assertThat(a.get("estimate").asText()).as(name).isEqualTo(expected);
        }
        assertThat(find(body, "TV").get("estimate").asText()).isEqualTo("blended");
        JsonNode fridge = find(body, "fridge");
        assertThat(fridge.get("estimate").asText()).isEqualTo("typicalLevel");
        assertThat(fridge.get("onPeriods").size()).isZero(); // 60 W is below its on threshold all day
        // At most 60 W from 00:00 to 20:00 (less where the estimates together would exceed the meter).
        assertThat(fridge.get("energyWh").asDouble()).isBetween(600.0, 60 * 20.0 + 0.5);
        assertThat(body.get("appliances").findValuesAsText("estimate")).contains("recognised");
    }

    @Test
    void costIsTheEnergyAtTheMonthsMarginalRate() throws Exception {
        server.nilmModels().save(HOME, model);
        JsonNode body = get("/api/v1/meters/home/appliances");

        long sumWon = 0;
        for (JsonNode a : body.get("appliances")) {
            sumWon += a.get("costWon").asLong();
        }
        assertThat(body.get("costWon").asLong()).isEqualTo(sumWon);
        // KEPCO low voltage, July, first kWh of the month: tier-1 rate + climate + fuel, VAT and fund,
        // plus the basic charge spread over the month's few kWh.
        double wonPerKwh = sumWon / (body.get("energyWh").asDouble() / 1000);
        assertThat(wonPerKwh).isBetween(100.0, 400.0);
    }

    @Test
    void serverWideModelServesMetersWithoutTheirOwn() throws Exception {
        Path file = dir.resolve("shared.model");
        model.write(file);
        server.nilmModels().useServerWide(file);
        assertThat(get("/api/v1/meters/home/appliances?from=" + DAY_MS).get("to").asLong()).isEqualTo(DAY_MS + 86_400_000L);
    }

    @Test
    void rangeWithoutReadingsHasNoEnergy() throws Exception {
        server.nilmModels().save(HOME, model);
        JsonNode body = get("/api/v1/meters/home/appliances?from=" + (DAY_MS - 86_400_000L) + "&to=" + (DAY_MS - 3600_000L));

        assertThat(body.get("energyWh").asDouble()).isZero();
        assertThat(body.get("costWon").asLong()).isZero();
    }

    @Test
    void rangeOverSevenDaysIsRejected() throws Exception {
        server.nilmModels().save(HOME, model);
        HttpResponse<String> r = send("/api/v1/meters/home/appliances?from=" + (NOW_MS - 8 * 86_400_000L) + "&to=" + NOW_MS);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("7 days");
    }

    /** The home's energy from midnight to the clock, integrated at 1 Hz. */
    private static double meterEnergyWh() {
        int seconds = (int) ((NOW_MS - DAY_MS) / 1000);
        long[] power = new long[seconds];
        new HouseholdSimulator(3, SEOUL, SIGNATURES).fill(DAY_MS, 1000, seconds, power);
        return java.util.Arrays.stream(power).sum() / 3.6e6;
    }

    private static JsonNode find(JsonNode body, String appliance) {
        for (JsonNode a : body.get("appliances")) {
            if (a.get("appliance").asText().equals(appliance)) {
                return a;
            }
        }
        throw new AssertionError("no " + appliance + " in " + body);
    }
}
