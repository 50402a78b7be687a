package io.gridpulse.analytics.nilm.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CombinatorialOptimisationTest {
    private static CombinatorialOptimisation fridgeAndKettle() {
        Map<String, double[]> states = new LinkedHashMap<>();
        states.put("kettle", new double[] {0, 2000});
        states.put("fridge", new double[] {0, 120, 400});
        return new CombinatorialOptimisation(states);
    }

    @Test
    void choosesTheStateCombinationNearestTheAggregate() {
        Map<String, double[]> out = fridgeAndKettle().disaggregate(new double[] {0, 130, 2110, 2390, 390});
        assertThat(out.get("kettle")).containsExactly(0, 0, 2000, 2000, 0);
        assertThat(out.get("fridge")).containsExactly(0, 120, 120, 400, 400);
    }

    @Test
    void enumeratesEveryCombinationOnce() {
        assertThat(fridgeAndKettle().combinations()).isEqualTo(6);
    }

    @Test
    void aggregateBeyondAllStatesTakesTheLargestCombination() {
        Map<String, double[]> out = fridgeAndKettle().disaggregate(new double[] {9000});
        assertThat(out.get("kettle")).containsExactly(2000);
        assertThat(out.get("fridge")).containsExactly(400);
    }

    @Test
    void powerStatesFindOffAndOnLevels() {
        double[] fridge = new double[300];
        for (int i = 0; i < fridge.length; i++) {
            fridge[i] = i % 3 == 0 ? 2 : 130 + (i % 5);
        }
        double[] states = PowerStates.cluster(fridge, 2);
        assertThat(states).hasSize(2);
        assertThat(states[0]).isEqualTo(2.0);
        assertThat(states[1]).isBetween(130.0, 134.0);
    }
}
