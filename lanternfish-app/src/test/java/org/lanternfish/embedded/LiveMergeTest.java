package org.lanternfish.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lanternfish.event.Event;
import org.lanternfish.event.NoticeEvent;
import org.lanternfish.event.WeirdEvent;
import org.lanternfish.ingest.tail.TailPosition;

final class LiveMergeTest {
  @Test
  void release_linesOfTwoLogs_comeOutInTimeOrderWithTiesByLogType() {
    LiveMerge merge = new LiveMerge();
    List<String> out = new ArrayList<>();
    merge.add(List.of(weird("w1", 10)), at("weird.log", 1));
    merge.add(List.of(weird("w2", 20)), at("weird.log", 2));
    merge.add(List.of(notice("n1", 20)), at("notice.log", 1));
    merge.add(List.of(notice("n2", 30)), at("notice.log", 2));

    merge.release(20, event -> out.add(event.uid()));

    // Notice comes before weird among the log types, so it wins the tie at 20.
    assertThat(out).containsExactly("w1", "n1", "w2");
    assertThat(merge.takeReached()).isEqualTo(Map.of("weird.log", at("weird.log", 2), "notice.log",
        at("notice.log", 1)));
    merge.release(Long.MAX_VALUE, event -> out.add(event.uid()));
    assertThat(out).containsExactly("w1", "n1", "w2", "n2");
  }

  @Test
  void release_heldLines_moveNoPositionUntilReleased() {
    LiveMerge merge = new LiveMerge();
    List<String> out = new ArrayList<>();
    merge.add(List.of(weird("w1", 10)), at("weird.log", 1));
    merge.add(List.of(), at("weird.log", 2));
    merge.add(List.of(weird("w3", 50)), at("weird.log", 3));
    long watermark = merge.seen();
    merge.add(List.of(), at("weird.log", 4));

    merge.release(30, event -> out.add(event.uid()));
    assertThat(out).containsExactly("w1");
    assertThat(merge.takeReached()).as("a line without events after w1 moves the position; w3 waits")
        .isEqualTo(Map.of("weird.log", at("weird.log", 2)));

    merge.release(watermark, event -> out.add(event.uid()));
    assertThat(out).containsExactly("w1", "w3");
    assertThat(merge.takeReached()).isEqualTo(Map.of("weird.log", at("weird.log", 4)));
    merge.release(Long.MAX_VALUE, event -> out.add(event.uid()));
    assertThat(out).containsExactly("w1", "w3");
  }

  @Test
  void release_lineOlderThanWhatWasReleased_goesOutAtTheNextRelease() {
    LiveMerge merge = new LiveMerge();
    List<String> out = new ArrayList<>();
    merge.add(List.of(weird("w1", 100)), at("weird.log", 1));
    merge.release(100, event -> out.add(event.uid()));
    merge.add(List.of(notice("late", 40)), at("notice.log", 1));
    merge.release(100, event -> out.add(event.uid()));
    assertThat(out).containsExactly("w1", "late");
  }

  private static TailPosition at(String source, long line) {
    return new TailPosition(source, "1:1", line * 100, line, 0);
  }

  private static Event weird(String uid, long ts) {
    return new WeirdEvent(ts, uid, null, "bad_checksum", null, false, null);
  }

  private static Event notice(String uid, long ts) {
    return new NoticeEvent(ts, uid, null, "Scan::Port_Scan", "scan", null, null, null, 0);
  }
}
