package io.gridpulse.tariff.internal;

import io.gridpulse.tariff.BillLine;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Collects bill lines in order, rounding each charge and keeping the running 전기요금계. */
final class LineList {
    private final RoundingRule chargeRounding;
    private final List<BillLine> lines = new ArrayList<>();
    private long chargesWon;

    LineList(RoundingRule chargeRounding) {
        this.chargeRounding = chargeRounding;
    }

    void charge(String item, LocalizedText label, Rational exactWon, Rational kwh, BigDecimal rate) {
        long won = chargeRounding.apply(exactWon);
        chargesWon += won;
        lines.add(line(item, label, BillLine.CHARGE, won, kwh, rate));
    }

    void detail(String item, LocalizedText label, Rational exactWon, Rational kwh, BigDecimal rate) {
        lines.add(line(item, label, BillLine.DETAIL, chargeRounding.apply(exactWon), kwh, rate));
    }

    void deduction(String item, LocalizedText label, Rational exactWon) {
        long won = chargeRounding.apply(exactWon);
        chargesWon -= won;
        lines.add(line(item, label, BillLine.DEDUCTION, -won, null, null));
    }

    void fixed(String item, LocalizedText label, String kind, long won) {
        lines.add(line(item, label, kind, won, null, null));
    }

    long chargesWon() {
        return chargesWon;
    }

    List<BillLine> lines() {
        return List.copyOf(lines);
    }

    private static BillLine line(String item, LocalizedText label, String kind, long won, Rational kwh, BigDecimal rate) {
        return new BillLine(item, label.ko(), label.en(), kind, won, kwh == null ? null : kwh.toDisplay(3), rate);
    }
}
