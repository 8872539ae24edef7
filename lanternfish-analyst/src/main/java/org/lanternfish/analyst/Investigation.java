package org.lanternfish.analyst;

import java.util.List;

/**
 * The outcome of investigating a device around a time: an incident, or an explicit "nothing unusual found", with
 * what was looked at either way.
 *
 * @param device the device investigated
 * @param atMicros the time that triggered the investigation, such as a Defender alert's
 * @param fromMicros start of the window looked at
 * @param toMicros end of the window looked at
 * @param incident the incident found, or null when nothing unusual was found
 * @param lookedAt one line per thing examined, with what it gave
 * @param conclusion one sentence for the analyst
 */
public record Investigation(String device, long atMicros, long fromMicros, long toMicros, Incident incident,
    List<String> lookedAt, String conclusion) {

  /** Makes the list immutable. */
  public Investigation {
    lookedAt = List.copyOf(lookedAt);
  }

  /** Whether the investigation found an incident. */
  public boolean found() {
    return incident != null;
  }
}
