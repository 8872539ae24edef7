package org.lanternfish.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.lanternfish.breach.Breach;
import org.lanternfish.detect.embedded.EmbeddedDetector;
import org.lanternfish.event.Event;
import org.junit.jupiter.api.Test;

/**
 * A device first seen on the network's first day (its site's morning came hours after the sensor started) has
 * learned when the network has; a device that arrived later learns on its own clock.
 */
final class FoundingDeviceLearningTest {

  private static final String MODEL = "unusual-internal-download";
  private static final long MIB = 1L << 20;

  private static List<Breach> downloads(Traffic t, String device) {
    List<Breach> out = new ArrayList<>();
    try (EmbeddedDetector detector = new EmbeddedDetector(Office.config(), 1)) {
      for (Event e : t.events.stream().sorted(Comparator.comparingLong(Event::ts)).toList()) {
        out.addAll(detector.onEvent(e));
      }
      out.addAll(detector.flush());
    }
    return out.stream().filter(b -> b.modelId().equals(MODEL) && b.device().equals(device)).toList();
  }

  /** From {@code firstDay} on, the device reads a few MiB from the file server every evening. */
  private static void evenings(Traffic t, String device, int firstDay) {
    for (int day = firstDay; day <= Office.LEARNING_DAYS; day++) {
      t.conn(Traffic.at(day, 20, 0), device, Office.FS, 445, "smb", 20_000, 3 * MIB, "SF");
    }
  }

  /** A gigabyte pulled from the file server in ten sessions on the morning after the network's learning period. */
  private static void bulkRead(Traffic t, String device) {
    for (int i = 0; i < 10; i++) {
      t.conn(Traffic.at(Office.LEARNING_DAYS, 10, 2 * i), device, Office.FS, 445, "smb", 50_000, 100 * MIB, "SF");
    }
  }

  @Test
  void deviceFirstSeenLateOnTheNetworksFirstDay_isJudgedOnceTheNetworkHasLearned() {
    Traffic t = new Traffic();
    Office.life(t, 0, Office.LEARNING_DAYS + 1);
    String late = "10.0.1.30";
    evenings(t, late, 0);
    bulkRead(t, late);
    assertThat(downloads(t, late)).as("its own clock has not run the learning period, the network's has")
        .singleElement().satisfies(b -> assertThat(b.score()).isGreaterThanOrEqualTo(55));
  }

  @Test
  void deviceThatArrivedOnALaterDay_stillLearnsOnItsOwnClock() {
    Traffic t = new Traffic();
    Office.life(t, 0, Office.LEARNING_DAYS + 1);
    String arrival = "10.0.1.31";
    evenings(t, arrival, 1);
    bulkRead(t, arrival);
    assertThat(downloads(t, arrival)).isEmpty();
  }
}
