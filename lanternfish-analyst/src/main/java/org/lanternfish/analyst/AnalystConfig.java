package org.lanternfish.analyst;

/**
 * The thresholds and windows of threading; {@link #defaults()} suits a network of a few hundred devices.
 *
 * @param linkThreshold two breaches thread together when their link strength (0 to 1) reaches this
 * @param hubDevices a mark shared by more distinct devices than this is infrastructure, and links by it weaken
 * @param strongScore a lateral breach scoring at least this links to its target's later breaches even if that
 *     target is a hub such as a domain controller
 * @param minBreaches breaches a thread needs before it is shown as an incident
 * @param minModels distinct models a thread needs before it is shown as an incident
 * @param minSignal summed scores (repeats of one model on one device count a fifth) a thread needs to be shown
 * @param soloScore a single breach scoring at least this is an incident on its own (80 by default: a breach an
 *     analyst must see always starts or joins an incident)
 * @param minTopScore a thread is shown only once one of its breaches scores at least this
 * @param deviceWindowMicros breaches of one device within this link fully, fading to nothing at twice it
 * @param chainWindowMicros a breach towards a device links to that device's breaches within this after it
 * @param markWindowMicros breaches sharing a credential, endpoint or file link within this, fading at twice it
 * @param investigationBeforeMicros an investigation looks this far before its trigger
 * @param investigationAfterMicros an investigation looks this far after its trigger
 * @param investigationMinSignal summed scores an investigation needs before it reports an incident
 */
public record AnalystConfig(
    double linkThreshold,
    int hubDevices,
    int strongScore,
    int minBreaches,
    int minModels,
    int minSignal,
    int soloScore,
    int minTopScore,
    long deviceWindowMicros,
    long chainWindowMicros,
    long markWindowMicros,
    long investigationBeforeMicros,
    long investigationAfterMicros,
    int investigationMinSignal) {

  /** One hour in microseconds. */
  public static final long HOUR = 3_600_000_000L;

  /** Rejects settings that cannot thread anything. */
  public AnalystConfig {
    if (linkThreshold <= 0 || linkThreshold > 1) {
      throw new IllegalArgumentException("linkThreshold must be in (0, 1], was " + linkThreshold);
    }
    if (hubDevices < 1 || minBreaches < 1 || minModels < 1) {
      throw new IllegalArgumentException("hubDevices, minBreaches and minModels must be at least 1");
    }
    if (deviceWindowMicros <= 0 || chainWindowMicros <= 0 || markWindowMicros <= 0) {
      throw new IllegalArgumentException("threading windows must be positive");
    }
  }

  /** Settings that thread the seed's intrusions and keep benign weeks quiet. */
  public static AnalystConfig defaults() {
    return new AnalystConfig(0.6, 5, 60, 2, 2, 150, 80, 60, 48 * HOUR, 48 * HOUR, 24 * HOUR, 6 * HOUR, 2 * HOUR, 80);
  }

  /** The longest time apart two breaches can be and still link directly. */
  long horizonMicros() {
    return 2 * Math.max(deviceWindowMicros, Math.max(chainWindowMicros, markWindowMicros));
  }
}
