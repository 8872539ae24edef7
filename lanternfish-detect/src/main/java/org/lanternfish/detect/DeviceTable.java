package org.lanternfish.detect;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** Device states in a hash map: the store of a runner that holds its devices in its own heap. */
public final class DeviceTable implements DeviceStates {

  private final Map<String, DeviceState> states = new HashMap<>();

  @Override
  public DeviceState get(String device) {
    return states.get(device);
  }

  @Override
  public void put(DeviceState state) {
    states.put(state.id(), state);
  }

  /** Every state held, in no particular order. */
  public Collection<DeviceState> all() {
    return states.values();
  }

  /** Number of devices held. */
  public int size() {
    return states.size();
  }

  /** Forgets every device. */
  public void clear() {
    states.clear();
  }
}
