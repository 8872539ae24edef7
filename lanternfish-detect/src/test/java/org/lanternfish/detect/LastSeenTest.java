package org.lanternfish.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

final class LastSeenTest {

  @Test
  void put_newDeviceOnlyOnce_andCountSinceSeesTheLatestTime() {
    LastSeen seen = new LastSeen();
    assertThat(seen.put(7, 100)).isTrue();
    assertThat(seen.put(7, 500)).isFalse();
    assertThat(seen.put(0, 300)).as("zero is a device like any other").isTrue();
    assertThat(seen.put(0, 50)).isFalse();
    assertThat(seen.countSince(100)).isEqualTo(1);
    assertThat(seen.countSince(50)).isEqualTo(2);
    assertThat(seen.countSince(501)).isZero();
  }

  @Test
  void write_thenRead_keepsEveryDeviceThroughGrowth() throws IOException {
    LastSeen seen = new LastSeen();
    for (long d = 0; d < 5_000; d++) {
      seen.put(d * 0x9E3779B97F4A7C15L, d);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    seen.write(new DataOutputStream(bytes));
    LastSeen read = new LastSeen();
    read.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    assertThat(read.countSince(0)).isEqualTo(5_000);
    assertThat(read.countSince(4_000)).isEqualTo(1_000);
    ByteArrayOutputStream again = new ByteArrayOutputStream();
    read.write(new DataOutputStream(again));
    assertThat(again.toByteArray()).isEqualTo(bytes.toByteArray());
  }
}
