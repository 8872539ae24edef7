package org.lanternfish.flink;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeutils.base.array.BytePrimitiveArraySerializer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.lanternfish.detect.EpochClock;
import org.lanternfish.detect.IdentityStage;
import org.lanternfish.detect.RoutedEvent;
import org.lanternfish.event.Event;

/**
 * The identity stage as its own operator (parallelism 1: it sees every record in input order, as the core
 * requires): parses each record, resolves its devices with {@link IdentityStage} and sends it to the keyed instance
 * owning each internal device. It also keeps event time: the core's {@link EpochClock} (watermark = newest record
 * minus the allowed lateness) closes epochs at the same records in every runner, and each close is sent to every
 * keyed instance in line with the records, so each instance ends epoch k after its last record of k.
 */
final class IdentityOperator extends AbstractStreamOperator<Routed>
    implements OneInputStreamOperator<InputRecord, Routed>, BoundedOneInput {

  private final JobSettings settings;
  private final Partitioning partitioning;
  private transient IdentityStage identity;
  private transient EpochClock clock;
  private transient Records records;
  private transient ListState<byte[]> saved;
  private transient Counter malformed;
  private transient InputRecord current;
  private transient StreamRecord<Routed> reuse;
  private transient IdentityStage.Sink sink;

  IdentityOperator(JobSettings settings, Partitioning partitioning) {
    this.settings = settings;
    this.partitioning = partitioning;
  }

  @Override
  public void initializeState(StateInitializationContext context) throws Exception {
    super.initializeState(context);
    identity = new IdentityStage(settings.detectConfig());
    clock = new EpochClock(settings.detectConfig());
    records = new Records();
    saved = context.getOperatorStateStore()
        .getListState(new ListStateDescriptor<>("identity", BytePrimitiveArraySerializer.INSTANCE));
    if (context.isRestored()) {
      for (byte[] bytes : saved.get()) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
          clock.restore(in.readLong(), in.readLong());
          identity.read(in);
        }
      }
    }
  }

  @Override
  public void open() throws Exception {
    super.open();
    malformed = getMetricGroup().counter("malformedRecords");
    reuse = new StreamRecord<>(null);
    sink = sink();
  }

  private IdentityStage.Sink sink() {
    return new IdentityStage.Sink() {
      @Override
      public int partitionOf(long deviceFingerprint) {
        return partitioning.instanceOf(deviceFingerprint);
      }

      @Override
      public void accept(int partition, RoutedEvent event) {
        long key = event.forOrig() ? event.origFingerprint() : event.respFingerprint();
        output.collect(reuse.replace(Routed.record(key, current, event)));
      }
    };
  }

  @Override
  public void processElement(StreamRecord<InputRecord> element) {
    current = element.getValue();
    long before = records.malformed();
    List<Event> events = records.parse(current.source, current.line);
    malformed.inc(records.malformed() - before);
    for (Event e : events) {
      if (e.ts() != Event.NO_TIME) {
        long closed = clock.advance(e.ts());
        if (closed != EpochClock.NONE) {
          tellEveryInstance(Routed.EPOCH, closed);
        }
      }
      identity.route(e, sink);
    }
  }

  /** At the end of a bounded input the open epoch closes, as at the end of a file. */
  @Override
  public void endInput() {
    if (clock.openEpoch() != EpochClock.NONE) {
      tellEveryInstance(Routed.EPOCH, clock.openEpoch());
    }
    tellEveryInstance(Routed.END, EpochClock.NONE);
  }

  private void tellEveryInstance(int kind, long epoch) {
    long end = epoch == EpochClock.NONE ? 0 : clock.endOf(epoch);
    for (int i = 0; i < partitioning.instances(); i++) {
      output.collect(reuse.replace(Routed.news(kind, partitioning.keyOf(i), epoch, end)));
    }
  }

  @Override
  public void snapshotState(StateSnapshotContext context) throws Exception {
    super.snapshotState(context);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeLong(clock.openEpoch());
      out.writeLong(clock.newest());
      identity.write(out);
    }
    saved.update(List.of(bytes.toByteArray()));
  }
}
