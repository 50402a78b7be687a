package io.gridpulse.tariff;

import static io.gridpulse.tariff.Fixtures.LOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tariffs are data: new versions are added in files, validated at load, and never rewrite the past. */
class TariffDataTest {
    private static final List<String> FILES = List.of("catalog.json", "kepco-residential-low.json",
            "kepco-residential-high.json", "kepco-jeju-residential-tou.json", "flat-example.json");
    private final ObjectMapper mapper = new ObjectMapper();

    @TempDir
    Path dir;

    private void copyBuiltInData() throws IOException {
        for (String file : FILES) {
            try (InputStream in = TariffCatalog.class.getResourceAsStream(TariffCatalog.RESOURCE_DIR + file)) {
                Files.copy(in, dir.resolve(file));
            }
        }
    }

    private ObjectNode lowVoltage() throws IOException {
        return (ObjectNode) mapper.readTree(dir.resolve("kepco-residential-low.json").toFile());
    }

    private void write(ObjectNode tariff) throws IOException {
        mapper.writeValue(dir.resolve("kepco-residential-low.json").toFile(), tariff);
    }

    /** Appends a version one year ahead with every rate +10 won/kWh (a data-only change). */
    private void addVersion2027() throws IOException {
        ObjectNode tariff = lowVoltage();
        ArrayNode versions = (ArrayNode) tariff.get("versions");
        ObjectNode next = versions.get(versions.size() - 1).deepCopy();
        next.put("effectiveFrom", "2027-01-01");
        ArrayNode rates = mapper.createArrayNode();
        next.get("energy").get("wonPerKwh").forEach(r -> rates.add(new java.math.BigDecimal(r.asText()).add(java.math.BigDecimal.TEN).toPlainString()));
        ((ObjectNode) next.get("energy")).set("wonPerKwh", rates);
        versions.add(next);
        write(tariff);
    }

    @Test
    void builtInDataLoadsFromAFolderToo() throws IOException {
        copyBuiltInData();

        assertThat(TariffCatalog.load(dir).ids()).isEqualTo(Fixtures.CATALOG.ids());
    }

    @Test
    void nextYearsRatesAreADataChange() throws IOException {
        copyBuiltInData();
        addVersion2027();
        BillingService updated = new BillingService(TariffCatalog.load(dir));

        Bill bill2027 = Fixtures.monthBill(updated, LOW, "2027-04", "100");

        assertThat(bill2027.amountWon("energy")).isEqualTo(100 * 130);
    }

    @Test
    void addingAVersionNeverChangesAPastBill() throws IOException {
        copyBuiltInData();
        addVersion2027();
        BillingService updated = new BillingService(TariffCatalog.load(dir));

        for (String month : List.of("2021-02", "2022-08", "2023-05", "2024-08", "2026-11")) {
            assertThat(Fixtures.monthBill(updated, LOW, month, "523"))
                    .isEqualTo(Fixtures.monthBill(new BillingService(Fixtures.CATALOG), LOW, month, "523"));
        }
    }

    @Test
    void versionsOutOfDateOrderAreRejectedAtLoad() throws IOException {
        copyBuiltInData();
        ObjectNode tariff = lowVoltage();
        ((ObjectNode) tariff.get("versions").get(1)).put("effectiveFrom", "2020-06-01");
        write(tariff);

        assertThatThrownBy(() -> TariffCatalog.load(dir)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("increasing effectiveFrom");
    }

    @Test
    void missingRateIsRejectedNamingTheField() throws IOException {
        copyBuiltInData();
        ObjectNode tariff = lowVoltage();
        ((ObjectNode) tariff.get("versions").get(0).get("energy")).remove("wonPerKwh");
        write(tariff);

        assertThatThrownBy(() -> TariffCatalog.load(dir)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("kepco-residential-low.json.versions[0].energy")
                .hasMessageContaining("wonPerKwh");
    }

    @Test
    void unknownScheduleIsRejected() throws IOException {
        copyBuiltInData();
        ObjectNode tariff = lowVoltage();
        ((ObjectNode) tariff.get("perKwhCharges").get(0)).put("schedule", "no-such-schedule");
        write(tariff);

        assertThatThrownBy(() -> TariffCatalog.load(dir)).hasMessageContaining("no-such-schedule");
    }

    @Test
    void seasonsMustCoverEveryMonth() throws IOException {
        copyBuiltInData();
        ObjectNode tariff = lowVoltage();
        ((ObjectNode) tariff.get("versions").get(0).get("seasons")).remove("winter");
        write(tariff);

        assertThatThrownBy(() -> TariffCatalog.load(dir)).hasMessageContaining("12 months");
    }
}
