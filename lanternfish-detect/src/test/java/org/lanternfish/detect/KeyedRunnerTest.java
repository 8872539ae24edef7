package org.lanternfish.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lanternfish.baseline.Fingerprint;
import org.lanternfish.breach.Breach;
import org.lanternfish.event.Event;
import org.junit.jupiter.api.Test;

/**
 * The core hosted the way a stream processor would host it, through its public API only (see {@link KeyedRunner}):
 * keyed per-device state, a merge at each watermark-closed epoch, state saved and restored device by device through
 * the codecs at another parallelism. It finds exactly the breaches of the embedded runner.
 */
final class KeyedRunnerTest {

  @Test
  void keyedRunner_atThreePartitions_findsTheBreachesOfTheEmbeddedRunner() {
    List<Event> events = ShardingTest.busyWeek();
    List<Breach> expected = ShardingTest.runSharded(events, 1);

    KeyedRunner keyed = new KeyedRunner(Office.config(), 3);
    events.forEach(keyed::onEvent);
    keyed.finish();

    assertThat(expected).hasSizeGreaterThan(10);
    assertThat(ShardingTest.sorted(keyed.breaches)).containsExactlyElementsOf(expected);
  }

  @Test
  void keyedRunner_savedByDeviceAndRestoredAtAnotherParallelism_continuesAsIfNeverStopped() throws IOException {
    List<Event> events = ShardingTest.busyWeek();
    List<Breach> expected = ShardingTest.runSharded(events, 1);
    int cut = events.size() / 2;

    KeyedRunner before = new KeyedRunner(Office.config(), 2);
    events.subList(0, cut).forEach(before::onEvent);
    KeyedRunner after = new KeyedRunner(Office.config(), 5);
    after.restoreFrom(before);
    events.subList(cut, events.size()).forEach(after::onEvent);
    after.finish();

    List<Breach> all = new ArrayList<>(before.breaches);
    all.addAll(after.breaches);
    assertThat(ShardingTest.sorted(all)).containsExactlyElementsOf(expected);
  }

  @Test
  void epochClock_closesAnEpochOnlyWhenTheWatermarkPassesItsEndPlusTheLateness() {
    EpochClock clock = new EpochClock(100, 30);
    assertThat(clock.advance(250)).isEqualTo(EpochClock.NONE);
    assertThat(clock.openEpoch()).isEqualTo(2);
    assertThat(clock.advance(310)).as("inside the lateness").isEqualTo(EpochClock.NONE);
    assertThat(clock.advance(200)).as("late, but the epoch is still open").isEqualTo(EpochClock.NONE);
    assertThat(clock.advance(329)).isEqualTo(EpochClock.NONE);
    assertThat(clock.advance(330)).isEqualTo(2);
    assertThat(clock.openEpoch()).isEqualTo(3);
    assertThat(clock.advance(1_000)).as("a jump closes the open epoch and opens the watermark's").isEqualTo(3);
    assertThat(clock.openEpoch()).isEqualTo(9);

    EpochClock restored = new EpochClock(100, 30);
    restored.restore(clock.openEpoch(), clock.newest());
    assertThat(restored.advance(1_020)).isEqualTo(EpochClock.NONE);
    assertThat(restored.advance(1_030)).isEqualTo(9);
  }

  /**
   * A stand-in for a stream processor's job written against the public core: the identity stage in front, then
   * {@code partitions} parallel instances, each a {@link DeviceShard} whose device states live in per-key storage,
   * and at each epoch's close every instance's delta merged into one view that all read. Saving writes each device
   * under its key and the view as broadcast state, with the codecs.
   */
  private static final class KeyedRunner {
    private final DetectConfig config;
    private final IdentityStage identity;
    private final EpochClock clock;
    private NetworkView view = new NetworkView();
    private final DeviceShard[] instances;
    private final List<Map<String, DeviceState>> keyed = new ArrayList<>();
    final List<Breach> breaches = new ArrayList<>();
    private final IdentityStage.Sink sink = new IdentityStage.Sink() {
      @Override
      public int partitionOf(long deviceFingerprint) {
        return (int) Math.floorMod(deviceFingerprint, (long) instances.length);
      }

      @Override
      public void accept(int partition, RoutedEvent event) {
        instances[partition].onEvent(event);
      }
    };

    KeyedRunner(DetectConfig config, int partitions) {
      this.config = config;
      this.identity = new IdentityStage(config);
      this.clock = new EpochClock(config);
      this.instances = new DeviceShard[partitions];
      build();
    }

    private void build() {
      Names names = new Names();
      keyed.clear();
      for (int i = 0; i < instances.length; i++) {
        Map<String, DeviceState> state = new HashMap<>();
        keyed.add(state);
        instances[i] = new DeviceShard(config, view, new DeviceStates() {
          @Override
          public DeviceState get(String device) {
            return state.get(device);
          }

          @Override
          public void put(DeviceState s) {
            state.put(s.id(), s);
          }
        }, names);
      }
    }

    void onEvent(Event e) {
      long closed = clock.advance(e.ts());
      if (closed != EpochClock.NONE) {
        close(closed);
      }
      identity.route(e, sink);
      drain();
    }

    void finish() {
      close(clock.openEpoch());
    }

    private void close(long epoch) {
      // Each instance's delta crosses the network to the merger as bytes, in whatever order they arrive.
      NetworkDelta[] deltas = new NetworkDelta[instances.length];
      for (int i = 0; i < instances.length; i++) {
        deltas[instances.length - 1 - i] = shipped(instances[i].endEpoch());
      }
      view.merge(deltas, epoch, clock.endOf(epoch));
      for (DeviceShard instance : instances) {
        instance.settleEpoch();
      }
      drain();
    }

    private void drain() {
      for (DeviceShard instance : instances) {
        instance.drainTo(breaches);
      }
    }

    private static NetworkDelta shipped(NetworkDelta delta) {
      try {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StateCodecs.DELTA.write(delta, new DataOutputStream(bytes));
        return StateCodecs.DELTA.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    /** Takes over another runner's state the way a restore from a checkpoint would: through bytes, key by key. */
    void restoreFrom(KeyedRunner other) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        out.writeLong(other.clock.openEpoch());
        out.writeLong(other.clock.newest());
        other.identity.write(out);
        StateCodecs.VIEW.write(other.view, out);
        int devices = other.keyed.stream().mapToInt(Map::size).sum();
        out.writeInt(devices);
        for (Map<String, DeviceState> state : other.keyed) {
          for (DeviceState d : state.values()) {
            StateCodecs.DEVICE.write(d, out);
          }
        }
        OpenEpoch.write(other.instances, out);
      }
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
        clock.restore(in.readLong(), in.readLong());
        identity.read(in);
        view = StateCodecs.VIEW.read(in);
        build();
        int devices = in.readInt();
        for (int i = 0; i < devices; i++) {
          DeviceState d = StateCodecs.DEVICE.read(in);
          keyed.get(sink.partitionOf(Fingerprint.of(d.id()))).put(d.id(), d);
        }
        OpenEpoch.read(in, instances, sink);
      }
    }
  }
}
