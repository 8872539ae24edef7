package org.lanternfish.flink;

import java.io.Serializable;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;

/**
 * Which keyed instance owns a device, computed as Flink's {@code keyBy} on the device's fingerprint will place it,
 * so the identity stage can hand the two sides of a record that share an instance over as one, and can address
 * news to every instance through the same {@code keyBy} (one key per instance).
 */
final class Partitioning implements Serializable {
  private final int instances;
  private final int maxParallelism;
  private final long[] keys;

  Partitioning(int instances, int maxParallelism) {
    this.instances = instances;
    this.maxParallelism = maxParallelism;
    this.keys = new long[instances];
    boolean[] found = new boolean[instances];
    int left = instances;
    for (long k = 0; left > 0; k++) {
      int i = instanceOf(k);
      if (!found[i]) {
        found[i] = true;
        keys[i] = k;
        left--;
      }
    }
  }

  /** The number of keyed instances (the detection stage's parallelism). */
  int instances() {
    return instances;
  }

  /** The instance {@code keyBy} sends the key {@code fingerprint} to. */
  int instanceOf(long fingerprint) {
    return KeyGroupRangeAssignment.assignKeyToParallelOperator(fingerprint, maxParallelism, instances);
  }

  /** A key that {@code keyBy} sends to instance {@code i}. */
  long keyOf(int i) {
    return keys[i];
  }
}
