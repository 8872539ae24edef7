package org.lanternfish.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lanternfish.analyst.Step;
import org.lanternfish.breach.Breach;
import org.lanternfish.model.Catalogue;
import org.lanternfish.model.Model;

/** The AI Analyst tells every shipped model's breach as a step of an attack, never as "unusual activity". */
final class ShippedModelStepsTest {

  @Test
  void everyShippedModel_isAStepOfTheAnalystsStory() {
    List<String> untold = Catalogue.shipped().models().stream()
        .filter(model -> Step.of(new Breach("b", model.id(), model.name(), model.category(), 0L, "WS-1", null, 70,
            List.of(), List.of(), "explained", List.of(), List.of(), Map.of())) == Step.OTHER)
        .map(Model::id)
        .toList();

    assertThat(untold).isEmpty();
  }
}
