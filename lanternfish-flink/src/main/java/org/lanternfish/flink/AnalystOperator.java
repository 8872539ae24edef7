package org.lanternfish.flink;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeutils.base.array.BytePrimitiveArraySerializer;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.lanternfish.analyst.Analyst;
import org.lanternfish.analyst.IncidentUpdate;
import org.lanternfish.analyst.TradecraftProfiles;
import org.lanternfish.breach.Breach;

/**
 * The AI Analyst after the keyed stage (parallelism 1): holds breaches until every keyed instance has settled the
 * epoch they belong to, then threads them in time order (then id), as a batch run threads all breaches, and writes
 * each breach and each incident update it causes to the output topics; then says on the epochs topic that the epoch
 * is complete. A record arriving more than the allowed lateness behind the newest can make a breach come after a
 * later one already threaded; the Analyst takes it as any late breach.
 */
final class AnalystOperator extends AbstractStreamOperator<OutputRecord>
    implements OneInputStreamOperator<Finding, OutputRecord> {

  private static final Comparator<Breach> THREADING_ORDER =
      Comparator.comparingLong(Breach::ts).thenComparing(Breach::id);

  private final JobSettings settings;
  private final int instances;
  private transient Analyst analyst;
  private transient List<Breach> held;
  /** How many instances settled each epoch not yet complete. */
  private transient TreeMap<Long, Integer> settled;
  private transient int finished;
  private transient ListState<byte[]> saved;

  AnalystOperator(JobSettings settings, int instances) {
    this.settings = settings;
    this.instances = instances;
  }

  @Override
  public void initializeState(StateInitializationContext context) throws Exception {
    super.initializeState(context);
    held = new ArrayList<>();
    settled = new TreeMap<>();
    analyst = new Analyst(settings.analystConfig(), TradecraftProfiles.bundled());
    saved = context.getOperatorStateStore()
        .getListState(new ListStateDescriptor<>("analyst", BytePrimitiveArraySerializer.INSTANCE));
    if (context.isRestored()) {
      for (byte[] bytes : saved.get()) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
          byte[] snapshot = new byte[in.readInt()];
          in.readFully(snapshot);
          analyst = Analyst.restore(snapshot, settings.analystConfig(), TradecraftProfiles.bundled());
          int n = in.readInt();
          for (int i = 0; i < n; i++) {
            byte[] json = new byte[in.readInt()];
            in.readFully(json);
            held.add(Json.breach(new String(json, StandardCharsets.UTF_8)));
          }
          n = in.readInt();
          for (int i = 0; i < n; i++) {
            settled.put(in.readLong(), in.readInt());
          }
          finished = in.readInt();
        }
      }
    }
  }

  @Override
  public void processElement(StreamRecord<Finding> element) {
    Finding f = element.getValue();
    switch (f.kind) {
      case Finding.BREACH -> held.add(Json.breach(f.breach));
      case Finding.SETTLED -> {
        int count = settled.merge(f.epoch, 1, Integer::sum);
        if (count == instances) {
          settled.remove(f.epoch);
          int threaded = release(f.end);
          say(f.epoch + "", "{\"epoch\":" + f.epoch + ",\"end\":" + f.end + ",\"breaches\":" + threaded + "}");
        }
      }
      case Finding.FINISHED -> {
        if (++finished == instances) {
          int threaded = release(Long.MAX_VALUE);
          say("end", "{\"inputEnded\":true,\"breaches\":" + threaded + "}");
        }
      }
      default -> throw new IllegalStateException("unknown finding kind " + f.kind);
    }
  }

  /** Threads and writes the held breaches before {@code end}, in time order; returns how many. */
  private int release(long end) {
    held.sort(THREADING_ORDER);
    int n = 0;
    while (n < held.size() && held.get(n).ts() < end) {
      n++;
    }
    List<Breach> ready = held.subList(0, n);
    for (Breach b : ready) {
      output.collect(new StreamRecord<>(new OutputRecord(settings.breachesTopic(), b.id(), Json.write(b))));
      for (IncidentUpdate update : analyst.onBreach(b)) {
        output.collect(new StreamRecord<>(new OutputRecord(settings.incidentsTopic(), update.incident().id(),
            Json.write(update))));
      }
    }
    ready.clear();
    return n;
  }

  private void say(String key, String json) {
    output.collect(new StreamRecord<>(new OutputRecord(settings.epochsTopic(), key, json)));
  }

  @Override
  public void snapshotState(StateSnapshotContext context) throws Exception {
    super.snapshotState(context);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      byte[] snapshot = analyst.snapshot();
      out.writeInt(snapshot.length);
      out.write(snapshot);
      out.writeInt(held.size());
      for (Breach b : held) {
        byte[] json = Json.write(b).getBytes(StandardCharsets.UTF_8);
        out.writeInt(json.length);
        out.write(json);
      }
      out.writeInt(settled.size());
      for (var e : settled.entrySet()) {
        out.writeLong(e.getKey());
        out.writeInt(e.getValue());
      }
      out.writeInt(finished);
    }
    saved.update(List.of(bytes.toByteArray()));
  }
}
