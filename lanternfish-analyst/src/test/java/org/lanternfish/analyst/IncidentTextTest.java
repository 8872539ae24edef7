package org.lanternfish.analyst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lanternfish.analyst.BreachFactory.DAY;
import static org.lanternfish.analyst.BreachFactory.MINUTE;
import static org.lanternfish.analyst.BreachFactory.MONDAY;

import java.util.List;
import org.junit.jupiter.api.Test;

final class IncidentTextTest {

  @Test
  void render_showsHeadlineGraphAndEveryLinkedSentence() {
    Incident incident = Analyst.thread(Scenarios.shadowPad(MONDAY + 2 * DAY + 70 * MINUTE), AnalystConfig.defaults(),
        TradecraftProfiles.bundled()).get(0);

    String text = IncidentText.render(incident);
    // Printed so the story can be read in the build log.
    System.out.println(text);

    List<String> lines = text.lines().toList();
    assertThat(lines.get(0)).startsWith(incident.id() + "  priority " + incident.priority());
    assertThat(lines).contains("  DESKTOP-O82ILGG -[DCSync]-> DC-02", "  DC-01 -[DNS tunnel]-> 158.247.199.185 (external)");
    assertThat(lines.stream().filter(l -> l.matches("  \\d+\\. .*\\[s2-.*]"))).hasSize(incident.summary().size());
  }
}
