package io.gridpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code gridpulse bill} through picocli, output captured. Figures are the reference's published ones. */
class BillCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new GridPulseCli());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    private JsonNode json() throws Exception {
        return new ObjectMapper().readTree(out.toString());
    }

    @Test
    void jsonBillOfAugust2024AverageHouseholdIs63610Won() throws Exception {
        int code = run("bill", "--tariff", "kepco-residential-low", "--month", "2024-08", "--kwh", "363", "--json");

        assertThat(code).isZero();
        assertThat(json().get("totalWon").asLong()).isEqualTo(63_610);
        assertThat(json().get("lines").findValuesAsText("item"))
                .contains("basic", "energy", "climate", "fuelAdjustment", "electricityCharge", "vat", "fund", "total");
    }

    @Test
    void readingPeriodWithFromAndToIsProRated() throws Exception {
        int code = run("bill", "--tariff", "kepco-residential-low", "--from", "2022-03-11", "--to", "2022-04-10",
                "--kwh", "350", "--json");

        assertThat(code).isZero();
        JsonNode energy = null;
        for (JsonNode line : json().get("lines")) {
            if (line.get("item").asText().equals("energy")) {
                energy = line;
            }
        }
        assertThat(energy.get("amountWon").asLong()).isEqualTo(45_648);
    }

    @Test
    void tableShowsKoreanAndEnglishLabelsAndTheTotal() {
        int code = run("bill", "--tariff", "kepco-residential-low", "--month", "2023-08", "--kwh", "427");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("청구금액", "Amount billed", "80,530", "전력산업기반기금");
    }

    @Test
    void unknownTariffIsAUsageErrorListingTheKnownIds() {
        int code = run("bill", "--tariff", "kepco-nope", "--month", "2024-08", "--kwh", "100");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("kepco-residential-low");
    }

    @Test
    void monthAndRangeTogetherAreRejected() {
        int code = run("bill", "--tariff", "kepco-residential-low", "--month", "2024-08", "--from", "2024-08-01",
                "--to", "2024-08-31", "--kwh", "100");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--month");
    }

    @Test
    void periodBeforeTheFirstTariffVersionIsAUsageError() {
        assertThat(run("bill", "--tariff", "kepco-residential-high", "--month", "2019-01", "--kwh", "100")).isEqualTo(2);
    }
}
