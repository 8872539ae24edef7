package org.lanternfish.detect;

/**
 * Where a runner keeps each device's learned state, by device id: a hash map in the embedded runner
 * ({@link DeviceTable}), keyed state in a stream processor. The core only gets and puts; it never walks all devices,
 * so a store that can only answer for the current key serves as well as one that holds them all.
 */
public interface DeviceStates {

  /** The state of {@code device}, or null when nothing has been learned about it yet. */
  DeviceState get(String device);

  /** Keeps {@code state} as the state of its device ({@link DeviceState#id()}). */
  void put(DeviceState state);
}
