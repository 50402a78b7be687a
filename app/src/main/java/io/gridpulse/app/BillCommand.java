package io.gridpulse.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.gridpulse.core.GridPulseException;
import io.gridpulse.tariff.Bill;
import io.gridpulse.tariff.BillLine;
import io.gridpulse.tariff.BillingPeriod;
import io.gridpulse.tariff.BillingService;
import io.gridpulse.tariff.HourlyUsage;
import io.gridpulse.tariff.TariffCatalog;
import io.gridpulse.tariff.TariffInfo;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gridpulse bill}: prices a period's energy under a tariff and prints every line item,
 * e.g. {@code gridpulse bill --tariff kepco-residential-low --month 2024-08 --kwh 363 --json}.
 * The energy is spread evenly over the period's hours (only time-of-use tariffs care).
 */
@Command(name = "bill", mixinStandardHelpOptions = true,
        description = {"Price a period's electricity use under a tariff (KEPCO 주택용 누진제, TOU, flat).",
                "전기요금 계산: 사용량과 기간으로 청구금액과 모든 항목을 보여줍니다."})
public final class BillCommand implements Callable<Integer> {
    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

    @Spec
    CommandSpec spec;

    @Option(names = "--tariff", required = true,
            description = "Tariff id: kepco-residential-low, kepco-residential-high, kepco-jeju-residential-tou, flat-example")
    String tariffId;

    @Option(names = "--month", paramLabel = "YYYY-MM", description = "Calendar month as the period (검침일 1일)")
    YearMonth month;

    @Option(names = "--from", paramLabel = "DATE", description = "First day of a reading period (yyyy-mm-dd)")
    LocalDate from;

    @Option(names = "--to", paramLabel = "DATE", description = "Last day of the reading period, inclusive")
    LocalDate to;

    @Option(names = "--kwh", required = true, paramLabel = "N", description = "Energy used in the period, kWh")
    BigDecimal kwh;

    @Option(names = "--json", description = "Print the bill as JSON (all line items and totalWon)")
    boolean json;

    @Override
    public Integer call() throws Exception {
        TariffCatalog catalog = TariffCatalog.loadDefault();
        BillingPeriod period = period();
        Bill bill;
        try {
            bill = new BillingService(catalog).bill(tariffId, period, usage(period), SEOUL);
        } catch (GridPulseException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(bill));
        } else {
            printTable(out, catalog.info(tariffId), bill);
        }
        out.flush();
        return 0;
    }

    private BillingPeriod period() {
        boolean range = from != null || to != null;
        if ((month == null) == !range || (range && (from == null || to == null))) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "give either --month YYYY-MM or both --from DATE and --to DATE");
        }
        try {
            return month != null ? BillingPeriod.ofMonth(month) : BillingPeriod.of(from, to);
        } catch (GridPulseException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    private HourlyUsage usage(BillingPeriod period) {
        if (kwh.signum() < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--kwh must not be negative");
        }
        long microwattHours = kwh.movePointRight(9).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
        return HourlyUsage.spreadEvenly(period.start().atStartOfDay(SEOUL).toInstant(),
                period.endExclusive().atStartOfDay(SEOUL).toInstant(), microwattHours);
    }

    private static void printTable(PrintWriter out, TariffInfo tariff, Bill bill) {
        out.printf("%s / %s%n", tariff.nameKo(), tariff.nameEn());
        out.printf("사용기간 Period : %s ~ %s (%d일 days)%n", bill.period().start(), bill.period().end(), bill.period().days());
        out.printf("사용량 Usage    : %s kWh%n", bill.billedKwh().toPlainString());
        out.println("-".repeat(64));
        for (BillLine line : bill.lines()) {
            if (line.kind().equals(BillLine.SUBTOTAL) || line.kind().equals(BillLine.TOTAL)) {
                out.println("-".repeat(64));
            }
            String indent = line.kind().equals(BillLine.DETAIL) ? "  " : "";
            String energy = line.energyKwh() == null || !line.kind().equals(BillLine.DETAIL) ? ""
                    : line.energyKwh().toPlainString() + " kWh";
            out.printf("%-36s %12s %,12d 원%n", indent + line.labelKo() + " (" + line.labelEn() + ")", energy, line.amountWon());
        }
    }
}
