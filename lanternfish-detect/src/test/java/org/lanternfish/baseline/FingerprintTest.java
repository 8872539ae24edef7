package org.lanternfish.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class FingerprintTest {

  private static final long PINNED_EMPTY = -1166397803181037274L;
  private static final long PINNED_MAC = 1062484723269863217L;
  private static final long PINNED_PAIR = -6663640822653003855L;

  @Test
  void of_isStable_becauseSnapshotsAndShardsDependOnIt() {
    // Changing these values changes what every snapshot means: bump the snapshot format version with them.
    assertThat(Fingerprint.of("")).isEqualTo(PINNED_EMPTY);
    assertThat(Fingerprint.of("mac:00:50:56:aa:bb:cc")).isEqualTo(PINNED_MAC);
    assertThat(Fingerprint.of("dst", "example.com")).isEqualTo(PINNED_PAIR);
  }

  @Test
  void of_separatesAMillionAddressesAndNamesDifferingInOneCharacterOrTheirLength() {
    Set<String> inputs = new HashSet<>();
    for (int a = 0; a < 16; a++) {
      for (int b = 0; b < 256; b++) {
        for (int c = 0; c < 256; c++) {
          inputs.add("10." + a + "." + b + "." + c);
        }
      }
    }
    for (String base : new String[] {"a", "ab", "abc", "abcd", "abcde", "abcdefgh", "abcdefghi"}) {
      for (char c = 0; c < 512; c++) {
        inputs.add(base + c);
        inputs.add(c + base);
      }
    }
    Set<Long> fingerprints = new HashSet<>();
    for (String input : inputs) {
      fingerprints.add(Fingerprint.of(input));
    }
    assertThat(fingerprints).hasSize(inputs.size());
  }
}
