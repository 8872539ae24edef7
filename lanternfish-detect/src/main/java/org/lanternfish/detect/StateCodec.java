package org.lanternfish.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Writes and reads one type of the core's state in Lanternfish's binary format, so every runner saves state the
 * same way: the embedded snapshot, a stream processor's state serializer.
 *
 * @param <T> the state type
 */
public interface StateCodec<T> {

  /** Writes {@code value}; equal values give equal bytes. */
  void write(T value, DataOutput out) throws IOException;

  /** Reads a value written by {@link #write}; throws on truncated or corrupt input. */
  T read(DataInput in) throws IOException;
}
