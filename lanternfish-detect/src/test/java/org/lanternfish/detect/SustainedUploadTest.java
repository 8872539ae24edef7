package org.lanternfish.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.lanternfish.breach.Breach;
import org.lanternfish.event.Event;
import org.junit.jupiter.api.Test;

/**
 * Slow exfiltration: a client spreads about a GB over several night hours to sites the whole office uses, no hour near
 * 1 GiB and no destination rare. It breaches; a nightly backup agent that always uploads at those hours, a long
 * video call that receives as much as it sends, and one large upload of an hour stay quiet.
 */
final class SustainedUploadTest {

  private static final String UPLOAD = "Anomalous Connection / Sustained Unusual Upload";
  private static final String BACKUP_AGENT = "10.0.1.19";

  /** Four days of office life; the backup agent uploads about 300 MiB an hour from 01:00 to 04:00 every night. */
  private static Traffic office() {
    Traffic t = new Traffic();
    for (int day = 0; day < 4; day++) {
      nightlyBackup(t, day);
      Office.life(t, day, 1);
    }
    return t;
  }

  private static void nightlyBackup(Traffic t, int day) {
    for (int hour = 1; hour < 4; hour++) {
      for (int k = 0; k < 10; k++) {
        t.conn(Traffic.at(day, hour, k * 6), BACKUP_AGENT, "20.60.40.4", 443, "ssl", 30L << 20, 200_000, "SF");
      }
    }
  }

  private static List<Breach> fired(Traffic t) {
    List<Event> inTime = new ArrayList<>(t.events);
    inTime.sort(Comparator.comparingLong(Event::ts));
    return Office.detect(inTime).stream().filter(b -> b.model().equals(UPLOAD)).toList();
  }

  /** Uploads {@code mibPerHour} an hour for {@code hours} hours from 01:10 on day 4, round the office's common sites. */
  private static List<String> upload(Traffic t, String client, int hours, int mibPerHour, long receivedEach) {
    List<String> uids = new ArrayList<>();
    int perHour = 24;
    for (int i = 0; i < hours * perHour; i++) {
      long ts = Traffic.at(4, 1, 10) + i * (3600L / perHour) * Traffic.SECOND;
      String[] site = Office.COMMON[i % Office.COMMON.length];
      uids.add(t.conn(ts, client, site[1], 443, "ssl", ((long) mibPerHour << 20) / perHour, receivedEach, "SF"));
    }
    return uids;
  }

  @Test
  void aboutAGigabyteOverFourNightHours_toCommonSites_breaches() {
    Traffic t = office();
    nightlyBackup(t, 4);
    List<String> uploads = upload(t, Office.client(7), 4, 240, 600);
    assertThat(fired(t)).singleElement().satisfies(b -> {
      assertThat(b.device()).isEqualTo(Office.client(7));
      assertThat(b.score()).isGreaterThanOrEqualTo(65);
      assertThat(b.techniques()).contains("T1041");
      assertThat(uploads).containsAll(b.recordUids());
      assertThat(b.evidence()).anySatisfy(e -> assertThat(e.text()).contains("consecutive hours"));
    });
  }

  @Test
  void nightlyBackup_atItsUsualHours_staysQuiet() {
    Traffic t = office();
    nightlyBackup(t, 4);
    for (int hour = 4; hour < 6; hour++) {
      t.conn(Traffic.at(4, hour, 0), BACKUP_AGENT, "20.60.40.4", 443, "ssl", 2L << 20, 20_000, "SF");
    }
    assertThat(fired(t)).isEmpty();
  }

  @Test
  void longVideoCall_receivingAsMuchAsItSends_staysQuiet() {
    Traffic t = office();
    upload(t, Office.client(7), 3, 500, (600L << 20) / 24);
    assertThat(fired(t)).isEmpty();
  }

  @Test
  void oneLargeUploadOfAnHour_acrossTwoClockHours_staysQuiet() {
    Traffic t = office();
    upload(t, Office.client(7), 1, 800, 600);
    assertThat(fired(t)).isEmpty();
  }
}
