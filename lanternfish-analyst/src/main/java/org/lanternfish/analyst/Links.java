package org.lanternfish.analyst;

import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * How strongly two breaches belong to one attack, from 0 to 1, and what the network has taught about how specific
 * each shared mark is (a credential seen on two devices is telling; a domain controller everyone talks to is not).
 */
final class Links {

  private static final double SAME_DEVICE = 0.7;
  private static final double LATERAL_CHAIN = 0.9;
  private static final double OTHER_CHAIN = 0.4;
  private static final int WEAK_CHAIN_DIVISOR = 8;
  private static final long FOOTHOLD = 6 * AnalystConfig.HOUR;
  private static final long DAY = 24 * AnalystConfig.HOUR;
  private static final int NOISY_PER_DAY = 12;
  // The families a shared mark can link through; a mark worth less than the threshold over this many cannot
  // contribute to any link, so its (often huge) list of breaches need not be searched.
  private static final int LINKING_FAMILIES = 5;
  // Counting more devices than this changes nothing: by then the mark is infrastructure.
  private static final int DEVICE_CAP_FACTOR = 8;

  private final AnalystConfig config;
  final Map<Mark, Set<String>> devicesByMark = new HashMap<>();
  final Set<String> knownDevices = new HashSet<>();
  final Map<String, ArrayDeque<Long>> recentByDevice = new HashMap<>();

  Links(AnalystConfig config) {
    this.config = config;
  }

  /** Devices that have breached so far, the evidence that a dotted peer name is internal. */
  Set<String> knownDevices() {
    return knownDevices;
  }

  /** Learns from a breach whose time has passed; callers learn only from earlier times so ties stay symmetric. */
  void learn(Node node) {
    knownDevices.add(node.breach().device());
    ArrayDeque<Long> recent = recentByDevice.computeIfAbsent(node.breach().device(), d -> new ArrayDeque<>());
    recent.addLast(node.breach().ts());
    while (recent.size() > NOISY_PER_DAY * 4 || recent.peekFirst() < node.breach().ts() - DAY) {
      recent.pollFirst();
    }
    int cap = config.hubDevices() * DEVICE_CAP_FACTOR;
    for (Mark mark : node.marks()) {
      Set<String> devices = devicesByMark.computeIfAbsent(mark, m -> new HashSet<>());
      if (devices.size() < cap) {
        devices.add(node.breach().device());
      }
    }
  }

  /** The strength of the link between two breaches; symmetric, because the earlier one is always put first. */
  double strength(Node x, Node y) {
    Node a = Node.CHRONOLOGICAL.compare(x, y) <= 0 ? x : y;
    Node b = a == x ? y : x;
    long dt = b.breach().ts() - a.breach().ts();
    double s = 0;
    if (a.breach().device().equals(b.breach().device())) {
      s += SAME_DEVICE * fade(dt, config.deviceWindowMicros());
    }
    if (a.internalPeer() != null && b.names(a.internalPeer())) {
      s += chain(a, b.breach().device(), dt) * quiet(a) * quiet(b);
    }
    double shared = 0;
    Map<Mark.Family, Double> families = new EnumMap<>(Mark.Family.class);
    for (Mark mark : a.marks()) {
      if (mark.kind().strength() > 0 && b.marks().contains(mark)) {
        double strength = mark.kind().strength() * specificity(mark) * fade(dt, config.markWindowMicros());
        families.merge(mark.kind().family(), strength, Math::max);
      }
    }
    for (double strength : families.values()) {
      shared += strength;
    }
    if (!a.breach().device().equals(b.breach().device())) {
      // Two devices sharing a mark have a common cause; unless both breaches are strong it is more likely benign.
      double weaker = Math.min(a.breach().score(), b.breach().score()) / (double) config.strongScore();
      shared *= Math.min(1, weaker * weaker);
    }
    s += shared;
    return Math.min(1, s);
  }

  // A device breaching all day is background: a breach towards it, or one of its routine breaches towards another,
  // says little about what happens next, so chains through it weaken with its breach rate over the past day.
  private double quiet(Node node) {
    ArrayDeque<Long> recent = recentByDevice.get(node.breach().device());
    if (recent == null) {
      return 1;
    }
    long since = node.breach().ts() - DAY;
    long n = recent.stream().filter(ts -> ts >= since && ts < node.breach().ts()).count();
    return n <= NOISY_PER_DAY ? 1 : (double) NOISY_PER_DAY / n;
  }

  /** How far back a breach towards this device can still link to the device's own breaches. */
  long chainReach(String device) {
    double spec = specificity(new Mark(Mark.Kind.INTERNAL_PEER, device));
    return 2 * Math.max((long) (config.chainWindowMicros() * spec * spec), FOOTHOLD);
  }

  /** Whether a breach sharing this mark could link through it: a hub such as a popular domain cannot. */
  boolean worthSearching(Mark mark) {
    return mark.kind().strength() * specificity(mark) >= config.linkThreshold() / LINKING_FAMILIES;
  }

  /** 1 for a mark few devices share, falling fast (with the square of the excess) as more devices share it. */
  double specificity(Mark mark) {
    Set<String> devices = devicesByMark.get(mark);
    int n = devices == null ? 0 : devices.size();
    double share = n <= config.hubDevices() ? 1 : (double) config.hubDevices() / n;
    return share * share;
  }

  // A breach towards a device (A writes to B) links to what B does next. The busier the target, the sooner the
  // link lapses, or every admin's visit to a domain controller would join that controller's next incident; a strong
  // lateral step keeps a few hours however busy its target, because attackers act on a foothold quickly.
  private double chain(Node a, String target, long dt) {
    Step.Act act = a.step().act();
    boolean lateral = act == Step.Act.LATERAL || act == Step.Act.CREDENTIALS;
    double spec = specificity(new Mark(Mark.Kind.INTERNAL_PEER, target));
    long window = (long) (config.chainWindowMicros() * spec * spec);
    if (a.breach().score() >= config.strongScore()) {
      return (lateral ? LATERAL_CHAIN : OTHER_CHAIN) * fade(dt, lateral ? Math.max(window, FOOTHOLD) : window);
    }
    double weight = Math.max(0, a.breach().score()) / (double) config.strongScore();
    return (lateral ? LATERAL_CHAIN : OTHER_CHAIN) * weight * fade(dt, window / WEAK_CHAIN_DIVISOR);
  }

  private static double fade(long dt, long window) {
    if (window <= 0) {
      return 0;
    }
    if (dt <= window) {
      return 1;
    }
    return Math.max(0, 1 - (double) (dt - window) / window);
  }
}
