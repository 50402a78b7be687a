package io.gridpulse.tariff;

import java.util.List;

/**
 * What a tariff is, for listings and pickers.
 *
 * @param id stable id, e.g. {@code kepco-residential-low}
 * @param type {@code tiered} (incl. flat) or {@code timeOfUse}
 * @param versionsFrom effective dates of its price versions, ascending (yyyy-mm-dd)
 */
public record TariffInfo(String id, String nameKo, String nameEn, String type, List<String> versionsFrom) {
    public TariffInfo {
        versionsFrom = List.copyOf(versionsFrom);
    }
}
