package org.lanternfish.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

final class InternTableTest {

  private static String lookup(InternTable table, String text) {
    byte[] bytes = ("\t" + text + "\t").getBytes(StandardCharsets.US_ASCII);
    String hit = table.get(bytes, 1, bytes.length - 1);
    return hit != null ? hit : table.put(bytes, 1, bytes.length - 1, new String(text));
  }

  @Test
  void repeatedValues_shareOneInstance_shortAndLong() {
    InternTable table = new InternTable(1024);
    String address = lookup(table, "10.1.2.3");
    String v6 = lookup(table, "2001:db8:85a3::8a2e:370:7334");
    assertThat(lookup(table, "10.1.2.3")).isSameAs(address);
    assertThat(lookup(table, "2001:db8:85a3::8a2e:370:7334")).isSameAs(v6);
    assertThat(lookup(table, "10.1.2.4")).isEqualTo("10.1.2.4").isNotSameAs(address);
  }

  @Test
  void manyDistinctValues_growTheTable_andEveryAnswerStaysCorrect() {
    InternTable table = new InternTable(4096);
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < 5000; i++) {
        String text = "10.0." + (i >> 8) + "." + (i & 255);
        assertThat(lookup(table, text)).isEqualTo(text);
      }
    }
    // After growing to its cap the table holds a busy working set: a value just used is found again.
    String recent = lookup(table, "192.168.7.7");
    assertThat(lookup(table, "192.168.7.7")).isSameAs(recent);
  }

  @Test
  void aKeyIsItsOwnBytes_whateverFollowsItInTheLine_atAnyLength() {
    InternTable table = new InternTable(4096);
    for (int length = 1; length <= 20; length++) {
      String key = "abcdefghijklmnopqrst".substring(0, length);
      // The same key amid different neighbours, read both where the line has 16 bytes to spare and at its very end.
      byte[] first = (key + "\tXXXXXXXXXXXXXXXXXXXXXXXX").getBytes(StandardCharsets.US_ASCII);
      byte[] second = ("Q\t" + key + "\tYYYYYYYYYYYYYYYYYYYYYYYYYY").getBytes(StandardCharsets.US_ASCII);
      byte[] atEnd = ("\t" + key).getBytes(StandardCharsets.US_ASCII);
      assertThat(table.get(first, 0, length)).isNull();
      String stored = table.put(first, 0, length, key);
      assertThat(table.get(second, 2, 2 + length)).as("length " + length).isSameAs(stored);
      assertThat(table.get(atEnd, 1, 1 + length)).as("length " + length + " at the end").isSameAs(stored);
      String longer = key + "u";
      byte[] other = (longer + "\tZZZZZZZZZZZZZZZZZZZZ").getBytes(StandardCharsets.US_ASCII);
      assertThat(table.get(other, 0, longer.length())).as("a longer key is another key").isNotEqualTo(stored);
    }
  }

  @Test
  void keysDifferingOnlyInTrailingZeroBytes_orEmpty_areTold_apart() {
    InternTable table = new InternTable(1024);
    byte[] line = {'a', 'b', 0, 0, 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x'};
    assertThat(table.get(line, 0, 0)).as("nothing stored yet, not even the empty key").isNull();
    String empty = table.put(line, 0, 0, "");
    assertThat(table.get(line, 0, 2)).isNull();
    String ab = table.put(line, 0, 2, "ab");
    assertThat(table.get(line, 0, 3)).as("'ab' and a NUL is not 'ab'").isNull();
    String abNul = table.put(line, 0, 3, "ab\0");
    assertThat(table.get(line, 0, 2)).isSameAs(ab);
    assertThat(table.get(line, 0, 3)).isSameAs(abNul);
    assertThat(table.get(line, 0, 0)).isSameAs(empty);
  }
}
