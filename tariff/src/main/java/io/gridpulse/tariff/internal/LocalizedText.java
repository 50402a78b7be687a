package io.gridpulse.tariff.internal;

/** A label in Korean and English. */
public record LocalizedText(String ko, String en) {
    public LocalizedText {
        ko = ko == null ? en : ko;
        en = en == null ? ko : en;
        if (ko == null) {
            throw new IllegalArgumentException("a label needs ko or en text");
        }
    }
}
