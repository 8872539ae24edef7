/**
 * The detection core: plain Java over explicit per-device state, no I/O, no framework, no static mutable state.
 *
 * <p><b>Flow.</b> {@link org.lanternfish.device.DeviceDirectory} resolves each event's addresses to devices; the
 * event goes to the shard that owns each internal device it involves (originator side and responder side are
 * learned separately, each by the owner of that device). Per-protocol signal classes update the device's baselines
 * ({@code org.lanternfish.baseline}) and raise {@link org.lanternfish.model.Signal}s; the models of the
 * {@link org.lanternfish.model.Catalogue} turn signals into {@link org.lanternfish.breach.Breach}es, and every breach
 * is itself a signal for meta-models ("followed by multiple model breaches").
 *
 * <p><b>Sharding, and the state that crosses keys.</b> All state is keyed by device and a device's state lives in
 * exactly one shard ({@code fingerprint(device id) mod N}). Three kinds of knowledge cross devices:
 * <ul>
 *   <li>Identity (address to device) is needed before routing, so it lives in the dispatcher, which sees every event
 *       in input order (in Flink: a keyed-by-address stage or broadcast state in front of the keyed operator).</li>
 *   <li>Network-wide knowledge (how many devices used a destination, user agent to a server or credential; device
 *       roles; administrative credentials; peer-group adoption) is read from a {@code NetworkView} that changes only
 *       at the end of an epoch of event time (5 minutes by default). Each shard collects its contributions in a
 *       {@code NetworkDelta}; at the epoch's end all shards stop, the deltas are merged (a commutative merge, so the
 *       result does not depend on how devices were spread), and the new view is shared read-only. In Flink this is a
 *       side output aggregated per epoch and broadcast back.</li>
 *   <li>Signals that depend on network-wide rarity (first use of a credential, a new user agent to a server, data
 *       sent to or beaconing to an uncommon destination, DNS tunnelling) wait in their shard until the epoch's end
 *       and are judged with the view that includes the epoch itself. That is also how a roll-out becomes the new
 *       normal: when several devices of one peer group adopt the same new item in the same epoch, the item is neither
 *       rare nor a lone novelty, while one device doing it alone still breaches.</li>
 * </ul>
 * Sequences and meta-models are per device, so they never cross shards. Because every shard sees its devices'
 * events in input order and epochs end at the same events, a run on N threads gives exactly the breaches of a run
 * on one ({@code ShardingTest} asserts it).
 *
 * <p><b>The public contract every runner uses.</b> {@link org.lanternfish.detect.IdentityStage} resolves and routes
 * each event in input order; {@link org.lanternfish.detect.DeviceShard#onEvent} is the per-device step over state
 * kept in a runner's {@link org.lanternfish.detect.DeviceStates}; {@link org.lanternfish.detect.EpochClock} closes
 * epochs on the watermark (newest event time minus the allowed lateness); at a close each shard's
 * {@link org.lanternfish.detect.DeviceShard#endEpoch} delta is merged by
 * {@link org.lanternfish.detect.NetworkView#merge}, then {@link org.lanternfish.detect.DeviceShard#settleEpoch} judges
 * the signals that waited. A shard must not see events of the next epoch before it has settled the last. State is
 * saved with {@link org.lanternfish.detect.StateCodecs} (devices, view, deltas), {@link org.lanternfish.detect.OpenEpoch}
 * (deltas and waiting signals, by device) and the identity stage's own write/read, all in one versioned format, so
 * state saved at any parallelism restores into any other. Threads and the all-in-one snapshot belong to runners:
 * {@link org.lanternfish.detect.embedded.EmbeddedDetector} here ({@code ArchitectureTest} keeps the core free of
 * threads).
 */
package org.lanternfish.detect;
