package org.lanternfish.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class LongSetTest {

  @Test
  void answersLikeAHashSetThroughGrowthZeroAndClear() {
    LongSet set = new LongSet();
    Set<Long> expected = new HashSet<>();
    Random random = new Random(5);
    for (int i = 0; i < 20_000; i++) {
      // Few distinct values, so many adds are repeats; zero and negatives included.
      long value = random.nextInt(5_000) - 2_500L;
      assertThat(set.add(value)).as("add %d", value).isEqualTo(expected.add(value));
    }
    assertThat(set.size()).isEqualTo(expected.size());
    set.clear();
    assertThat(set.size()).isZero();
    assertThat(set.add(0)).isTrue();
    assertThat(set.add(17)).isTrue();
    assertThat(set.add(17)).isFalse();
    assertThat(set.size()).isEqualTo(2);
  }
}
