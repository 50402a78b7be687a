package io.gridpulse.core.event;

import io.gridpulse.core.MeterRef;
import java.util.Map;

/**
 * Something worth telling a person about a meter: a tier crossed, an anomaly, a silent meter.
 *
 * @param meter the meter it concerns
 * @param timestampMs when it happened (UTC epoch ms)
 * @param type stable machine-readable type, e.g. {@code tier-entered}, {@code meter-silent}
 * @param severity {@code info}, {@code warning} or {@code critical}
 * @param message plain-language explanation for the household
 * @param details extra values (numbers in integer units with unit names, or plain ratios): every number
 *     {@code message} states is here too, so a UI can say it in the household's language
 */
public record MeterEvent(MeterRef meter, long timestampMs, String type, String severity, String message,
                         Map<String, Object> details) {
    public MeterEvent {
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
